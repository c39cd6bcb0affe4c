"""Answering a question from the stored targets, observations and assessments.

`ask(session, question)` reads the question (`parse.read` with the database's `vocabulary`) and
answers it by its kind: a target's value and deadline, the latest actual value and the target's
status, the targets of a unit / domain / region / year with the lagging ones first, an indicator's
actual values over the years, what the documents commit to on a topic, and an indicator's targets
document by document with their revisions. Every figure comes with its citation; when nothing
stored answers, the answer says so (`found` False, no figure) and offers the closest matches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.ask.context import MAX_ITEMS, Context, found, target_item
from plancockpit.ask.groups import commitments, lagging
from plancockpit.ask.model import Answer, Figure, Item
from plancockpit.ask.notfound import not_found
from plancockpit.ask.parse import Intent, Vocabulary, form, read
from plancockpit.ask.projects import names_a_project, projects
from plancockpit.ask.rules import say
from plancockpit.ask.vocabulary import vocabulary
from plancockpit.db.models import Document, Indicator, Observation
from plancockpit.services.actuals.observations import pick
from plancockpit.services.indicators.target_words import REVISION_LABELS
from plancockpit.services.linking.lineage import document_day
from plancockpit.services.progress.status import TargetStatus, target_statuses
from plancockpit.services.regions.hierarchy import region_tree

BASIS_ORDER = {"level": 0, "increase": 1, "growth": 2}
WIDER_MIN = 4  # the fewest characters of a name looked for inside other names


def ask(
    session: Session, question: str, on: date | None = None, vocab: Vocabulary | None = None
) -> Answer:
    """The answer to `question` as of `on` (today by default)."""
    on = on or date.today()
    intent = read(question, vocab if vocab is not None else vocabulary(session), today=on)
    return answer(session, intent, on)


def answer(session: Session, intent: Intent, on: date) -> Answer:
    if intent.kind != "projects" and names_a_project(intent.question):
        intent = replace(intent, kind="projects")  # a project's name wins over an indicator's
    ctx = Context(session, intent, on)
    if intent.unknown_place:
        return not_found(ctx, say("not_found_place", place=intent.unknown_place))
    handlers: dict[str, Callable[[Context], Answer]] = {
        "target_value": target_value,
        "latest_status": latest_status,
        "history": history,
        "revisions": revisions,
        "lagging_list": lagging,
        "document_commitments": commitments,
        "projects": projects,
    }
    return handlers[intent.kind](ctx)


# ------------------------------------------------------------------ indicators of the question


def indicator_ids(ctx: Context, wider: bool = False) -> list[int]:
    """The question's indicators, in its region (and the region's sub-regions) when it names one.
    `wider`: the indicators whose name holds the question's words (固定资产投资 → 区本级固定资产投资,
    研发投入强度 → 全社会研发投入强度), asked for when the named ones answer nothing."""
    ids = list(ctx.intent.indicators)
    if wider:
        words = form(ctx.intent.indicator_text)
        if len(words) < WIDER_MIN or words.isascii():
            return []
        rows = ctx.session.execute(
            select(Indicator.id, Indicator.name).where(Indicator.merged_into_id.is_(None))
        )
        ids = [i for i, name in rows if i not in ids and words in form(name)]
    if not ids or not ctx.intent.region:
        return ids
    tree = region_tree(ctx.session)
    regions = {
        i: r
        for i, r in ctx.session.execute(
            select(Indicator.id, Indicator.region_id).where(Indicator.id.in_(ids))
        )
    }
    return [i for i in ids if ctx.intent.region in tree.path(regions.get(i))]


def _statuses(ctx: Context, ids: Sequence[int]) -> list[TargetStatus]:
    return target_statuses(ctx.session, ctx.on, indicator_ids=ids) if ids else []


def _prefer_basis(rows: list[TargetStatus], growth: bool) -> list[TargetStatus]:
    if growth and any(s.basis == "growth" for s in rows):
        return [s for s in rows if s.basis == "growth"]
    return sorted(rows, key=lambda s: BASIS_ORDER.get(s.basis, 3))


def _missing_indicator(ctx: Context) -> Answer:
    if ctx.intent.indicators and ctx.intent.region:
        return not_found(ctx, say("not_found_region", region=ctx.intent.region))
    return not_found(ctx, say("not_found_indicator"))


def target_value(ctx: Context) -> Answer:
    statuses = _statuses(ctx, indicator_ids(ctx))
    year = ctx.intent.year
    if not statuses or (year is not None and not any(s.deadline == year for s in statuses)):
        statuses = _statuses(ctx, indicator_ids(ctx, wider=True)) or statuses
    if not statuses:
        return _missing_indicator(ctx)
    name = ctx.intent.indicator_text or statuses[0].indicator
    if year is not None:
        chosen = [s for s in statuses if s.deadline == year]
        chosen = [s for s in chosen if not s.superseded] or chosen  # a revision replaces its target
        if not chosen:
            return not_found(
                ctx,
                say("not_found_year", name=name, year=year),
                others=[target_item(ctx, s) for s in statuses if not s.superseded],
            )
        head = say("target_for_year", name=name, year=year)
    else:
        firm = [s for s in statuses if not s.superseded] or statuses
        current = [s for s in firm if not s.history] or firm
        last = max((s.deadline or 0) for s in current)
        chosen = [s for s in current if (s.deadline or 0) == last]
        head = say("targets_found", name=name, n=len(chosen))
    items = [target_item(ctx, s) for s in _prefer_basis(chosen, ctx.intent.growth)[:MAX_ITEMS]]
    return found(ctx, head, items)


# ------------------------------------------------------------------ actual values


def _observations(ctx: Context, ids: Sequence[int]) -> list[Observation]:
    rows = list(ctx.session.scalars(select(Observation).where(Observation.indicator_id.in_(ids))))
    seen: set[tuple[int, int | None, str, float]] = set()
    out = []
    for o in pick(rows):
        key = (o.year, o.month, o.basis, round(o.value, 9))
        if key not in seen:
            seen.add(key)
            out.append(o)
    return out


def _indicator_name(ctx: Context, ids: Sequence[int]) -> str:
    """The stored name of the question's (first) indicator: GDP is answered as 地区生产总值."""
    name = ctx.session.scalar(select(Indicator.name).where(Indicator.id == ids[0])) if ids else None
    return name or ctx.intent.indicator_text


def _basis_words(basis: str) -> tuple[str, str]:
    if basis == "growth":
        return say("growth_basis")
    if basis == "increase":
        return say("increase_basis")
    return "", ""


def actual_item(ctx: Context, o: Observation, name: str, key: str = "history_row") -> Item:
    b_zh, b_en = _basis_words(o.basis)
    unit = "%" if o.basis == "growth" and not o.unit else o.unit
    year = f"{o.year}-{o.month:02d}" if o.month else str(o.year)
    zh, _ = say(key, name=name, year=year, value=f"{o.value:g}", unit=unit, basis=b_zh)
    _, en = say(key, name=name, year=year, value=f"{o.value:g}", unit=unit, basis=b_en)
    cited = ctx.sources.observation(o)
    return Item(
        name=name,
        text_zh=zh,
        text_en=en,
        url=f"/indicators/{o.indicator_id}",
        figures=(Figure(o.value, unit, o.year, "actual", o.basis),),
        citations=(cited,) if cited else (),
    )


def _ordered(rows: list[Observation], growth: bool) -> list[Observation]:
    def rank(o: Observation) -> tuple[int, int, int]:
        first = 0 if (o.basis == "growth") == growth else 1
        return first, BASIS_ORDER.get(o.basis, 3), 0

    return sorted(rows, key=lambda o: (*rank(o), o.year, o.month or 12))


def _observed_ids(ctx: Context) -> list[int]:
    """The question's indicators; when they hold no value, those whose names contain its words."""
    ids = indicator_ids(ctx)
    if not ids or not _observations(ctx, ids):
        ids = indicator_ids(ctx, wider=True) or ids
    return ids


def latest_status(ctx: Context) -> Answer:
    ids = _observed_ids(ctx)
    if not ids:
        return _missing_indicator(ctx)
    name = _indicator_name(ctx, ids)
    obs = _ordered(_observations(ctx, ids), ctx.intent.growth)
    statuses = [s for s in _statuses(ctx, ids) if not s.superseded]
    if not obs and not statuses:
        return not_found(ctx, say("not_found_actual", name=name))
    items: list[Item] = []
    basis = obs[0].basis if obs else None
    if obs:
        latest = max((o for o in obs if o.basis == basis), key=lambda o: (o.year, o.month or 12))
        items.append(actual_item(ctx, latest, name, "latest"))
    current = [s for s in statuses if not s.history] or statuses
    if current:
        last = max((s.deadline or 0) for s in current)
        for s in _prefer_basis(
            [s for s in current if (s.deadline or 0) == last], ctx.intent.growth
        )[:3]:
            items.append(target_item(ctx, s, with_status=True))
    head = ("", "") if obs else say("no_actual", name=name)
    return found(ctx, head, items)


def history(ctx: Context) -> Answer:
    ids = _observed_ids(ctx)
    if not ids:
        return _missing_indicator(ctx)
    name = _indicator_name(ctx, ids)
    obs = _ordered(_observations(ctx, ids), ctx.intent.growth)
    if not obs:
        return not_found(ctx, say("not_found_actual", name=name))
    items = [actual_item(ctx, o, name) for o in obs[:MAX_ITEMS]]
    return found(ctx, say("history_head", name=name, n=len(obs)), items)


# ------------------------------------------------------------------ revisions between documents


def revisions(ctx: Context) -> Answer:
    statuses = _statuses(ctx, indicator_ids(ctx)) or _statuses(ctx, indicator_ids(ctx, wider=True))
    if not statuses:
        return _missing_indicator(ctx)
    docs = {
        d.id: d
        for d in ctx.session.execute(
            select(
                Document.id,
                Document.doc_date,
                Document.period_start,
                Document.period_end,
                Document.base_year,
                Document.title,
                Document.name,
            ).where(Document.id.in_({s.document_id for s in statuses if s.document_id}))
        )
    }

    def when(s: TargetStatus) -> tuple[date, int, int]:
        d = docs.get(s.document_id or -1)
        day = document_day(d.doc_date, d.period_start, d.period_end, d.base_year) if d else date.max
        return day, s.deadline or 0, BASIS_ORDER.get(s.basis, 3)

    ordered = sorted(statuses, key=when)
    if ctx.intent.growth and any(s.basis == "growth" for s in ordered):
        ordered = [s for s in ordered if s.basis == "growth"]
    items = []
    for s in ordered[:MAX_ITEMS]:
        base = target_item(ctx, s)
        d = docs.get(s.document_id or -1)
        doc = (d.title or d.name) if d else s.document
        zh_label, en_label = REVISION_LABELS.get(
            s.revision or "new", (s.revision or "", s.revision or "")
        )
        zh, _ = say("revision_row", doc=doc, year=s.deadline, text=s.target_text, label=zh_label)
        _, en = say("revision_row", doc=doc, year=s.deadline, text=s.target_text_en, label=en_label)
        items.append(
            Item(
                name=base.name,
                text_zh=zh,
                text_en=en,
                url=base.url,
                status=base.status,
                figures=base.figures,
                citations=base.citations,
            )
        )
    n_docs = len({s.document_id for s in ordered})
    name = ctx.intent.indicator_text or statuses[0].indicator
    return found(ctx, say("revisions_head", name=name, d=n_docs, n=len(ordered)), items)
