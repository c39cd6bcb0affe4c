"""Answers about many targets — those of a lead unit, domain, region or year (lagging ones first),
and what the documents commit to on a topic — and the honest "not found" with the closest matches."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from plancockpit.ask.context import MAX_ITEMS, Context, found, target_item
from plancockpit.ask.model import Answer, Figure, Item
from plancockpit.ask.notfound import not_found
from plancockpit.ask.rules import rules, say
from plancockpit.db.models import Document, Record, Target
from plancockpit.services.indicators.target_words import target_text
from plancockpit.services.opendata import search
from plancockpit.services.progress.status import TargetStatus, target_statuses

# lagging first: the order a person reading "which targets lag" wants
STATUS_RANK = {
    "off_track": 0,
    "at_risk": 1,
    "on_track": 2,
    "achieved": 3,
    "no_data": 4,
    "not_yet_due": 5,
}
GOOD = ("on_track", "achieved")
GREY = ("no_data", "not_yet_due")


def _group_label(ctx: Context) -> str:
    i = ctx.intent
    parts = [p for p in (i.region, i.unit, i.domain, i.attribute) if p]
    if i.year:
        parts.append(f"{i.year}年" if i.lang == "zh" else str(i.year))
    return "、".join(parts) or say("whole_group")[0 if i.lang == "zh" else 1]


def _in_group(s: TargetStatus, ctx: Context) -> bool:
    i = ctx.intent
    return not (
        (i.unit and i.unit not in s.lead_units)
        or (i.domain and s.domain != i.domain)
        or (i.region and i.region not in s.region_path and s.region != i.region)
        or (i.attribute and s.attribute != i.attribute)
        or (i.year and s.deadline != i.year)
    )


def lagging(ctx: Context) -> Answer:
    """The targets of the group the question names, lagging ones first, with their statuses; the
    current plan period's unless a year is named (else, when all have ended, the latest ones)."""
    i = ctx.intent
    if not (i.unit or i.domain or i.region or i.year or i.attribute or i.statuses):
        return not_found(ctx, say("not_found_group"))
    group = [
        s for s in target_statuses(ctx.session, ctx.on) if not s.superseded and _in_group(s, ctx)
    ]
    ended = False
    if not i.year:
        current = [s for s in group if not s.history]
        ended = bool(group) and not current
        group = current or group
    if not group:
        return not_found(ctx, say("not_found_group"))
    group.sort(
        key=lambda s: (
            STATUS_RANK.get(s.assessment.status, 9),
            s.attribute != "约束性",
            s.indicator,
            s.target_id,
        )
    )
    counts = {
        k: sum(1 for s in group if s.assessment.status in k)
        for k in (("off_track",), ("at_risk",), GOOD, GREY)
    }
    zh, en = say(
        "group_head",
        group=_group_label(ctx),
        n=len(group),
        off=counts[("off_track",)],
        risk=counts[("at_risk",)],
        good=counts[GOOD],
        grey=counts[GREY],
    )
    if ended:
        e_zh, e_en = say("group_ended")
        zh, en = zh + e_zh, en + e_en
    items = [target_item(ctx, s, with_status=True) for s in group[:MAX_ITEMS]]
    return found(ctx, (zh + "：", en + ": "), items)


# ------------------------------------------------------------------ what documents commit to


def _topics(topic: str) -> list[str]:
    """The topic, then shortened by generic words at either end (养老服务 → 养老)."""
    out = [topic] if len(topic) >= 2 else []
    generic = rules().generic
    short = topic
    changed = True
    while changed:
        changed = False
        for w in generic:
            if short.endswith(w) and len(short) - len(w) >= 2:
                short, changed = short[: -len(w)], True
            if short.startswith(w) and len(short) - len(w) >= 2:
                short, changed = short[len(w) :], True
    if short != topic and len(short) >= 2:
        out.append(short)
    return out


def _documents(ctx: Context, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """The documents (id → kind, region) the question allows among `ids`."""
    rows = ctx.session.execute(
        select(Document.id, Document.kind, Document.region).where(Document.id.in_(set(ids)))
    )
    i = ctx.intent
    return {
        r.id: (r.kind, r.region)
        for r in rows
        if (not i.document_kind or r.kind == i.document_kind)
        and (not i.region or r.region == i.region)
    }


def _commitment_records(ctx: Context, topic: str) -> list[Record]:
    """Target records written in a sentence that speaks of `topic`, or named after it."""
    found = search.search(ctx.session, search.Query(topic, "sentence", 200, 0))["items"]
    named = search.search(ctx.session, search.Query(topic, "record", 200, 0))["items"]
    docs = _documents(ctx, [h["document_id"] for h in (*found, *named) if h["document_id"]])
    spans: dict[int, list[tuple[int, int]]] = {}
    for h in found:
        if h["document_id"] in docs:
            spans.setdefault(h["document_id"], []).append((h["start"], h["end"]))
    wanted = {h["id"] for h in named if h["document_id"] in docs}
    if not spans and not wanted:
        return []
    rows = ctx.session.scalars(
        select(Record)
        .where(
            Record.document_id.in_(list(docs)),
            Record.kind == "target",
            Record.review_state != "rejected",
        )
        .order_by(Record.document_id, Record.start)
    )
    return [
        r
        for r in rows
        if r.id in wanted or any(s <= r.start < e for s, e in spans.get(r.document_id, ()))
    ]


def commitments(ctx: Context) -> Answer:
    topic = ctx.intent.indicator_text or ctx.intent.topic
    records: list[Record] = []
    used = topic
    for t in _topics(topic):
        records = _commitment_records(ctx, t)
        used = t
        if records:
            break
    if not records:
        return not_found(ctx, say("not_found_topic", topic=topic or "?"), topic=topic)
    ctx.sources.load(r.id for r in records)
    linked = {
        rid: ind
        for rid, ind in ctx.session.execute(
            select(Target.record_id, Target.indicator_id).where(
                Target.record_id.in_([r.id for r in records])
            )
        )
    }
    items = []
    for r in records[:MAX_ITEMS]:
        zh_text, en_text = target_text(r.comparator, r.value, r.value_max, r.unit, r.basis)
        zh, _ = say("commitment", name=r.metric, text=zh_text, year=r.year or "—")
        _, en = say("commitment", name=r.metric, text=en_text, year=r.year or "—")
        cited = ctx.sources.record(r.id)
        url = (
            f"/indicators/{linked[r.id]}"
            if r.id in linked
            else f"/documents/{r.document_id}#r{r.id}"
        )
        items.append(
            Item(
                name=r.metric,
                text_zh=zh,
                text_en=en,
                url=url,
                figures=(Figure(r.value, r.unit, r.year, "target", r.basis, r.value_max),),
                citations=(cited,) if cited else (),
            )
        )
    return found(ctx, say("commitments_head", topic=used, n=len(records)), items)
