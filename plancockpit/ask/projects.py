"""Answers about major projects (重大项目, `services/projects/items.py`): a named project's total
investment, stage, lead unit and year (国网信通大数据项目总投资多少？), the lagging projects
(哪些重大项目滞后？), the projects a lead unit leads (区交通局牵头的重大项目有哪些？). Each item
cites the sentence the project was read from, or the ledger's file and row."""

from __future__ import annotations

import re

from sqlalchemy import select

from plancockpit.ask.context import MAX_ITEMS, Context, found
from plancockpit.ask.model import Answer, Citation, Figure, Item
from plancockpit.ask.notfound import not_found
from plancockpit.ask.rules import say
from plancockpit.ask.sources import QUOTE_MAX
from plancockpit.db.models import Document, Project
from plancockpit.evaluate.projects import project_status
from plancockpit.vocabulary import STATUS_LABELS

_MARKS = re.compile(r"[“”\"'‘’《》「」\s]")
HEADS = ("项目", "工程")
MIN_FORM = 4  # the fewest characters of a name's form looked for in a question


def names_a_project(question: str) -> bool:
    """Whether the question names a project ("时代广场商业项目总投资…"): a name of MIN_FORM or
    more characters before 项目/工程. It is asked about as a project even where an indicator
    (项目总投资) matches part of it, so no indicator's figure answers for an unknown project."""
    q = _plain(question)
    return any(re.search(rf"[\u4e00-\u9fffA-Za-z0-9]{{{MIN_FORM},}}{head}", q) for head in HEADS)


def _plain(text: str) -> str:
    return _MARKS.sub("", text)


def _forms(p: Project) -> set[str]:
    """What a question may call the project: its name, without its head noun, a group's item."""
    name = _plain(p.name)
    forms = {name}
    base, _, item = name.partition("·")
    if item:
        forms |= {item, base + item}
    for head in HEADS:
        if name.endswith(head) and len(name) - len(head) >= MIN_FORM:
            forms.add(name[: -len(head)])
    return {f for f in forms if len(f) >= MIN_FORM}


def _named(rows: list[Project], question: str) -> list[Project]:
    """The projects the question names, the longest name first; a name inside a longer named
    one (a group inside its item) gives way to it."""
    q = _plain(question)
    hits = [
        (max(len(f) for f in _forms(p) if f in q), p)
        for p in rows
        if any(f in q for f in _forms(p))
    ]
    if not hits:
        return []
    best = max(n for n, _ in hits)
    return [p for n, p in sorted(hits, key=lambda h: (-h[0], h[1].id)) if n == best]


def _citation(ctx: Context, p: Project) -> Citation | None:
    if p.document_id is not None and p.start is not None and p.end is not None:
        doc = ctx.session.get(Document, p.document_id)
        if doc is not None:
            quote = " ".join(doc.text[p.start : p.end].split())
            return Citation(
                url=f"/projects/{p.id}",
                document_id=doc.id,
                doc=doc.name,
                title=doc.title or doc.name,
                start=p.start,
                end=p.end,
                quote=quote[:QUOTE_MAX] + ("…" if len(quote) > QUOTE_MAX else ""),
            )
    if p.source_file:
        return Citation(
            url=f"/projects/{p.id}", file=p.source_file, row=p.source_row, title=p.source_file
        )
    return None


def _item(ctx: Context, p: Project) -> Item:
    year = ctx.on.year
    inv = next((i for i in p.investments if i.year == year), None)
    status = project_status(
        inv.planned if inv else None, inv.completed if inv else None, year, ctx.on
    )
    figures: list[Figure] = []
    parts_zh: list[str] = []
    parts_en: list[str] = []

    def part(key: str, **values: object) -> None:
        zh, en = say(key, **values)
        parts_zh.append(zh)
        parts_en.append(en)

    if p.project_count is not None:
        part("project_count", n=p.project_count)
        figures.append(Figure(float(p.project_count), "个", p.period_end, "project"))
    if p.total_investment is not None:
        key = "project_period_investment" if p.kind == "group" else "project_total"
        part(key, value=f"{p.total_investment:g}")
        figures.append(Figure(p.total_investment, "亿元", p.period_end, "project"))
    if p.stage:
        part("project_stage", stage=p.stage)
    if p.lead_unit:
        part("project_lead", unit=p.lead_unit)
    if inv is not None and inv.planned is not None:
        label = STATUS_LABELS[status.status]
        done = "—" if inv.completed is None else f"{inv.completed:g}"
        zh, _ = say(
            "project_year", year=year, planned=f"{inv.planned:g}", completed=done, status=label[0]
        )
        _, en = say(
            "project_year", year=year, planned=f"{inv.planned:g}", completed=done, status=label[1]
        )
        parts_zh.append(zh)
        parts_en.append(en)
        figures.append(Figure(inv.planned, "亿元", year, "project"))
        if inv.completed is not None:
            figures.append(Figure(inv.completed, "亿元", year, "actual"))
    cited = _citation(ctx, p)
    zh_sep, en_sep = "，", ", "
    return Item(
        name=p.name,
        text_zh=f"{p.name}：{zh_sep.join(parts_zh) or '—'}",
        text_en=f"{p.name}: {en_sep.join(parts_en) or '—'}",
        url=f"/projects/{p.id}",
        status=status.status if inv is not None else None,
        figures=tuple(figures),
        citations=(cited,) if cited else (),
    )


def projects(ctx: Context) -> Answer:
    rows = list(ctx.session.scalars(select(Project).order_by(Project.id)))
    named = _named(rows, ctx.intent.question)
    if named:
        return found(
            ctx, say("projects_named", n=len(named)), [_item(ctx, p) for p in named[:MAX_ITEMS]]
        )
    if ctx.intent.statuses:
        lagging = [p for p in rows if p.kind == "project" and _lagging(ctx, p)]
        if not lagging:
            return not_found(ctx, say("not_found_projects_lagging", year=ctx.on.year))
        return found(
            ctx,
            say("projects_lagging", year=ctx.on.year, n=len(lagging)),
            [_item(ctx, p) for p in lagging[:MAX_ITEMS]],
        )
    q = _plain(ctx.intent.question)
    unit = ctx.intent.unit or next(
        (
            u
            for u in sorted({p.lead_unit for p in rows if p.lead_unit}, key=len, reverse=True)
            if u in q
        ),
        None,
    )
    if unit:
        led = [p for p in rows if p.lead_unit == unit]
        if not led:
            return not_found(ctx, say("not_found_projects_unit", unit=unit))
        return found(
            ctx,
            say("projects_of_unit", unit=unit, n=len(led)),
            [_item(ctx, p) for p in led[:MAX_ITEMS]],
        )
    return not_found(ctx, say("not_found_project"))


def _lagging(ctx: Context, p: Project) -> bool:
    inv = next((i for i in p.investments if i.year == ctx.on.year), None)
    return (
        inv is not None and project_status(inv.planned, inv.completed, ctx.on.year, ctx.on).lagging
    )
