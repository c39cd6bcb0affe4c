"""Infer a document's metadata from its text, layout and outline (pure: no I/O)."""

from __future__ import annotations

from datetime import date

from plancockpit.layout.view import Layout
from plancockpit.meta.cues import load_cues
from plancockpit.meta.fields import DocKind, DocumentMeta
from plancockpit.meta.kind import infer_kind, infer_title
from plancockpit.meta.period import plan_years, report_year
from plancockpit.meta.region import infer_region
from plancockpit.outline.nodes import Node
from plancockpit.read.source import SourceDocument


def _first_heading(outline: Node) -> str:
    for node in outline.walk():
        if node.kind in ("part", "chapter") and node.title:
            return node.title
    return ""


def infer_metadata(source: SourceDocument, layout: Layout, outline: Node) -> DocumentMeta:
    """Title, kind, region and years of a document, each with the evidence it came from."""
    cues = load_cues()
    text = layout.text
    title, title_ev = infer_title(text, cues)
    if not title:
        title, title_ev = _first_heading(outline), "first heading"
    kind, kind_ev = infer_kind(title, text, cues)
    region, region_ev = infer_region(title, text, cues)
    evidence = {"title": title_ev, "kind": kind_ev, "region": region_ev}
    period_start = period_end = base_year = None
    when: date | None = None
    if kind == "plan":
        years = plan_years(title, text, cues)
        period_start, period_end, base_year = years.period_start, years.period_end, years.base_year
    else:
        years = report_year(title, text, cues)
        period_end = years.year
        if years.year and years.month_day:
            try:
                when = date(years.year, *years.month_day)
                years.evidence["date"] = f"{years.month_day[0]}月{years.month_day[1]}日 at the start"
            except ValueError:
                when = None
    if kind == "plan" and period_end is None:
        years = report_year(title, text, cues)  # a plan without a period: its year at least
        period_end = years.year
    evidence |= years.evidence
    return DocumentMeta(
        title=title,
        kind=_as_kind(kind),
        region=region,
        date=when,
        period_start=period_start,
        period_end=period_end,
        base_year=base_year,
        evidence=evidence,
    )


def _as_kind(kind: str) -> DocKind:
    known: tuple[DocKind, ...] = ("plan", "annual_report", "meeting", "interview", "news", "other")
    return next((k for k in known if k == kind), "other")
