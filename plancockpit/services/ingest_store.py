"""Turn an Analysis into rows: the Document, its outline as Section rows, its Record rows."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from plancockpit.db.models import Document, Record, Section
from plancockpit.extract.record import QuantityRecord
from plancockpit.outline.nodes import Node, Table
from plancockpit.pipeline import Analysis


def document_row(analysis: Analysis, path: Path, content_hash: str, size: int) -> Document:
    """The Document with its sections and records attached (added to a session in one go)."""
    source, meta = analysis.source, analysis.meta
    doc = Document(
        name=path.name,
        path=str(path.resolve()),
        content_hash=content_hash,
        format=source.format,
        encoding=source.encoding,
        text=source.text,
        title=meta.title,
        kind=meta.kind,
        region=meta.region,
        doc_date=meta.date,
        period_start=meta.period_start,
        period_end=meta.period_end,
        base_year=meta.base_year,
        meta_evidence=dict(meta.evidence),
        size=size,
    )
    doc.sections = section_rows(analysis.outline)
    doc.records = [record_row(r) for r in analysis.records]
    return doc


def section_rows(root: Node) -> list[Section]:
    """The tree flattened in document order; `parent` links let the ORM fill parent_id."""
    rows: list[Section] = []
    stack: list[tuple[Node, Section | None, int]] = [(root, None, 0)]
    while stack:
        node, parent, depth = stack.pop()
        row = Section(
            kind=node.kind,
            number=node.number,
            title=node.title,
            start=node.start,
            end=node.end,
            position=len(rows),
            depth=depth,
            lead_units=list(node.lead_units),
            table=table_json(node.table),
            parent=parent,
        )
        rows.append(row)
        stack.extend((child, row, depth + 1) for child in reversed(node.children))
    return rows


def table_json(table: Table | None) -> dict[str, Any] | None:
    """A table's cell grid as JSON: header rows and body rows of {text, start, end} cells."""
    return asdict(table) if table is not None else None


def record_row(rec: QuantityRecord) -> Record:
    """A Record whose current values are the extractor's; `extracted` keeps them as produced."""
    return Record(
        start=rec.start,
        end=rec.end,
        number=rec.number,
        metric=rec.metric,
        kind=rec.kind,
        value=rec.value,
        value_max=rec.value_max,
        unit=rec.unit,
        comparator=rec.comparator,
        basis=rec.basis,
        year=rec.year,
        lead_units=list(rec.lead_units),
        section_path=list(rec.section),
        sentence_start=rec.sentence_start,
        sentence_end=rec.sentence_end,
        cell_row=rec.cell[0] if rec.cell else None,
        cell_col=rec.cell[1] if rec.cell else None,
        attribute=rec.attribute,
        aspiration=rec.aspiration,
        domain=rec.domain,
        rule=rec.rule,
        confidence=rec.confidence,
        extracted=rec.to_json(),
    )
