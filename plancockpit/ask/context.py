"""What answering one question shares: the session, the intent, the date, the citations, and a
target as an answer's line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.ask.model import Answer, Figure, Item
from plancockpit.ask.parse import Intent
from plancockpit.ask.rules import say
from plancockpit.ask.sources import Sources
from plancockpit.db.models import Indicator, Target
from plancockpit.evaluate.assessment import LABELS as STATUS_LABELS
from plancockpit.services.progress.status import TargetStatus

MAX_ITEMS = 40  # items an answer lists
SAID_ITEMS = 8  # items its sentence names


@dataclass
class Context:
    """One question being answered: the session, the intent, the date and the citations so far."""

    session: Session
    intent: Intent
    on: date
    sources: Sources = field(init=False)
    _record_of: dict[int, int | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sources = Sources(self.session)

    @cached_property
    def many_regions(self) -> bool:
        """Whether indicators of more than one region are stored (then names say their region)."""
        return len(set(self.session.scalars(select(Indicator.region_id).distinct().limit(2)))) > 1

    def record_of(self, target_ids: Sequence[int]) -> dict[int, int | None]:
        missing = [t for t in target_ids if t not in self._record_of]
        if missing:
            for tid, rid in self.session.execute(
                select(Target.id, Target.record_id).where(Target.id.in_(missing))
            ):
                self._record_of[tid] = rid
            self.sources.load(self._record_of.get(t) for t in missing)
        return self._record_of


def _name(s: TargetStatus, ctx: Context) -> str:
    many_regions = not ctx.intent.region and s.region and ctx.many_regions
    return s.indicator + (say("region_in", region=s.region)[0] if many_regions else "")


def target_item(ctx: Context, s: TargetStatus, with_status: bool = False) -> Item:
    rid = ctx.record_of([s.target_id]).get(s.target_id)
    cited = ctx.sources.record(rid)
    doc = cited.title if cited else s.document
    extra_zh = extra_en = ""
    if s.attribute:
        extra_zh, extra_en = say("attribute", attribute=s.attribute)
    if s.lead_units:
        u_zh, u_en = say("lead_units", units="、".join(s.lead_units))
        extra_zh, extra_en = extra_zh + u_zh, extra_en + u_en
    if doc:
        d_zh, d_en = say("from_document", doc=doc)
        extra_zh, extra_en = extra_zh + d_zh, extra_en + d_en
    name = _name(s, ctx)
    key = "target" if s.deadline else "target_no_year"
    zh, _ = say(key, name=name, year=s.deadline, text=s.target_text, extra=extra_zh)
    _, en = say(key, name=name, year=s.deadline, text=s.target_text_en, extra=extra_en)
    if with_status:  # the status sentence says the target too
        label = STATUS_LABELS[s.assessment.status]
        zh, _ = say("group_item", name=name, summary=s.summary, status=label[0])
        _, en = say("group_item", name=name, summary=s.summary_en, status=label[1])
    return Item(
        name=name,
        text_zh=zh,
        text_en=en,
        url=f"/indicators/{s.indicator_id}",
        status=s.assessment.status,
        figures=(Figure(s.value, s.unit, s.deadline, "target", s.basis, s.value_max),),
        citations=(cited,) if cited else (),
    )


def found(ctx: Context, head: tuple[str, str], items: list[Item]) -> Answer:
    """A found answer: the head sentence and the first SAID_ITEMS items in words (all are listed)."""
    said = items[:SAID_ITEMS]
    more_zh, more_en = (
        (f"等{len(items)}项", f", … ({len(items)} in all)") if len(items) > SAID_ITEMS else ("", "")
    )
    zh = head[0] + "；".join(i.text_zh for i in said) + more_zh + "。"
    en = (head[1] + " " + "; ".join(i.text_en for i in said) + more_en + ".").strip()
    return Answer(
        intent=ctx.intent,
        found=True,
        text_zh=zh,
        text_en=en,
        items=tuple(items),
        head_zh=head[0].rstrip("：: "),
        head_en=head[1].rstrip("：: "),
    )
