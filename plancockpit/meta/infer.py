"""Infer a document's metadata from its text, layout and outline (pure: no I/O)."""

from __future__ import annotations

from pathlib import PurePath

from plancockpit.layout.view import Layout
from plancockpit.meta.cues import load_cues
from plancockpit.meta.dates import document_date, printed_date
from plancockpit.meta.fields import DocKind, DocumentMeta
from plancockpit.meta.kind import infer_kind
from plancockpit.meta.numerals import arabic_dates
from plancockpit.meta.period import plan_years, report_year
from plancockpit.meta.region import infer_region
from plancockpit.meta.title import infer_title
from plancockpit.outline.nodes import Node
from plancockpit.read.source import SourceDocument


def infer_metadata(source: SourceDocument, layout: Layout, outline: Node) -> DocumentMeta:
    """Title, kind, region and years of a document, each with the evidence it came from."""
    cues = load_cues()
    text = arabic_dates(layout.text)  # years and dates in Chinese numerals read as digits
    title, title_ev = infer_title(layout, cues)
    if not title:  # a chapter heading is never the title: the file's name says more
        title, title_ev = (
            PurePath(source.name).stem,
            "the file name (no title line before the first chapter)",
        )
    kind, kind_ev = infer_kind(title, text, cues)
    region, region_ev = infer_region(title, text, cues)
    evidence = {"title": title_ev, "kind": kind_ev, "region": region_ev}
    period_start = period_end = base_year = None
    years_title = arabic_dates(title)
    if kind == "plan":
        years = plan_years(years_title, text, cues)
        period_start, period_end, base_year = years.period_start, years.period_end, years.base_year
    original = arabic_dates(layout.original)
    printed, _ = printed_date(text, original)
    if kind != "plan" or period_end is None:  # a plan without a period: its year at least
        years = report_year(years_title, text, cues, printed.year if printed else None)
        period_end = years.year
    # a plan is dated only by a printed date (its issue, a review's date), never by a dateline
    when, date_ev = document_date(text, years.year if kind != "plan" else None, original)
    if when is not None:
        years.evidence["date"] = date_ev
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
