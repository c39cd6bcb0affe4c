"""Run the extraction strategies over one document and turn drafts into records.

Order of strategies: indicator tables first, then prose over everything the tables did not
take. Prose drafts carry cleaned offsets; table drafts original ones. Lead units, tense and
scope under headings come from the outline (`sections.section_map`), not from a second scan.
"""

from __future__ import annotations

import bisect
from typing import cast

from plancockpit.extract.context import DocContext
from plancockpit.extract.prose import Draft, extract_span
from plancockpit.extract.record import QuantityRecord
from plancockpit.extract.rules import load_rules
from plancockpit.extract.sections import section_map
from plancockpit.extract.tables import extract_table, is_indicator_table
from plancockpit.extract.tense import Tense
from plancockpit.layout.view import Layout
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline.nodes import Node
from plancockpit.read.source import SourceDocument
from plancockpit.vocabulary import Basis, Comparator, RecordKind

DEFAULT_KIND = {"plan": "target", "annual_report": "target", "interview": "target"}


def doc_context(meta: DocumentMeta) -> DocContext:
    """Years and default tense of a document, from its metadata (the meta stage's or a person's)."""
    kind = meta.kind
    base = meta.base_year
    if kind == "plan" and base is None and meta.period_start:
        base = meta.period_start - 1
    elif kind == "plan" and base is None and meta.period_end:
        base = (
            meta.period_end - 1
        )  # a one-year programme (2024年民生实事): earlier years are results
    doc_year = meta.date.year if meta.date else meta.period_end
    return DocContext(
        kind,
        DEFAULT_KIND.get(kind, "actual"),
        meta.period_end,
        base if kind == "plan" else None,
        doc_year,
    )


def _to_clean(layout: Layout, pos: int) -> int:
    return bisect.bisect_left(layout.origin, pos)


def run(
    source: SourceDocument,
    layout: Layout,
    outline: Node,
    meta: DocumentMeta,
    deadline: float | None = None,
) -> list[QuantityRecord]:
    """All records of one document, sorted by start offset in the original text."""
    doc = doc_context(meta)
    scopes = section_map(outline, layout, doc, load_rules())
    table_drafts: list[Draft] = []
    taken: list[tuple[int, int]] = []
    for node in outline.walk():
        if node.kind != "table" or node.table is None or not is_indicator_table(node.table):
            continue
        a, b = _to_clean(layout, node.start), _to_clean(layout, node.end)
        note = layout.text[b : b + 600] + layout.text[max(0, a - 200) : a]
        for d in extract_table(node.table, doc, source.text, note):
            row_units = (
                node.table.lead_units[d.cell[0]]
                if d.cell and d.cell[0] < len(node.table.lead_units)
                else []
            )
            d.lead_units = list(row_units or scopes.at(a).lead_units)
            table_drafts.append(d)
        taken.append((a, b))
    records = [
        _record(source, d, d.start, d.end, d.sentence[0], d.sentence[1], outline)
        for d in table_drafts
    ]
    tense = Tense()
    pos = 0
    for a, b in sorted(taken) + [(len(layout.text), len(layout.text))]:
        if a > pos:
            for d in extract_span(layout.text, pos, a, doc, tense, scopes.at, deadline):
                d.lead_units = list(scopes.at(d.start).lead_units)
                s, e = layout.to_original(d.start, d.end)
                ss, se = layout.to_original(*d.sentence)
                records.append(_record(source, d, s, e, ss, se, outline))
        pos = max(pos, b)
    records.sort(key=lambda r: (r.start, r.end))
    return records


def _record(
    source: SourceDocument, d: Draft, s: int, e: int, ss: int, se: int, outline: Node
) -> QuantityRecord:
    section = [
        n.title
        for n in outline.path_to(s)[1:]
        if n.kind in {"part", "chapter", "section", "item", "box", "table"} and n.title
    ]
    return QuantityRecord(
        doc=source.name,
        start=s,
        end=e,
        metric=d.metric,
        kind=cast(RecordKind, d.kind),
        value=d.value,
        value_max=d.value_max,
        unit=d.unit,
        comparator=cast(Comparator, d.comparator),
        basis=cast(Basis, d.basis),
        year=d.year,
        lead_units=d.lead_units,
        number=source.text[s:e],
        section=section,
        sentence_start=ss,
        sentence_end=se,
        cell=d.cell,
        attribute=d.attribute,
        aspiration=d.aspiration,
        domain=d.domain,
        rule=d.rule,
        confidence=d.confidence,
        parts=d.parts,
    )
