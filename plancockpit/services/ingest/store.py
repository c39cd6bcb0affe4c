"""Write an Analysis as rows: the Document, its outline as Section rows, its Record rows.

Sections are inserted one tree level at a time, so a plan of 1,500 outline nodes costs a
handful of statements rather than one per node (the ORM's unit of work would insert a
self-referencing table row by row): on SQLite under ids numbered before (`db.bulk`), elsewhere
with RETURNING.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from plancockpit.db.bulk import insert_rows, next_ids, table_of
from plancockpit.db.models import Document, Record, Section
from plancockpit.extract.record import QuantityRecord
from plancockpit.outline.nodes import Node, Table
from plancockpit.pipeline import Analysis


@dataclass(frozen=True)
class Stored:
    """What `store` wrote."""

    document_id: int
    sections: int
    records: int


Flat = list[tuple[dict[str, Any], int | None, int]]  # section values, parent's index, depth


@dataclass(frozen=True)
class Rows:
    """An Analysis's sections (pre-order) and records as column values: the part of storing that
    needs no database, made where the document was analysed (a worker process with `--jobs`)."""

    sections: Flat
    records: list[dict[str, Any]]


def rows_of(analysis: Analysis) -> Rows:
    """The section and record rows of an Analysis (without their document id)."""
    flat = [
        (section_values(node), parent, depth) for node, parent, depth in flatten(analysis.outline)
    ]
    return Rows(flat, [record_values(r) for r in analysis.records])


def store(
    session: Session,
    analysis: Analysis,
    path: Path,
    content_hash: str,
    size: int,
    rows: Rows | None = None,
) -> Stored:
    """Add the document, its sections and records to `session` (the caller's transaction);
    `rows`: `rows_of(analysis)` when a worker made them."""
    doc = document_row(analysis, path, content_hash, size)
    session.add(doc)
    session.flush()
    rows = rows or rows_of(analysis)
    n_sections = insert_sections(session, doc.id, rows.sections)
    records = [values | {"document_id": doc.id} for values in rows.records]
    insert_rows(session, table_of(Record), records)
    from plancockpit.services.projects.items import store_mentions

    store_mentions(session, doc, analysis.projects)
    return Stored(doc.id, n_sections, len(records))


def document_row(analysis: Analysis, path: Path, content_hash: str, size: int) -> Document:
    """The Document row alone: text verbatim, metadata and its evidence."""
    source, meta = analysis.source, analysis.meta
    return Document(
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


def flatten(root: Node) -> list[tuple[Node, int | None, int]]:
    """(node, index of its parent in the list, depth) in document order (pre-order)."""
    flat: list[tuple[Node, int | None, int]] = []
    stack: list[tuple[Node, int | None, int]] = [(root, None, 0)]
    while stack:
        node, parent, depth = stack.pop()
        index = len(flat)
        flat.append((node, parent, depth))
        stack.extend((child, index, depth + 1) for child in reversed(node.children))
    return flat


def insert_sections(session: Session, document_id: int, flat: Flat) -> int:
    """Insert the outline (`Rows.sections`) in one statement, level by level so parents come
    first, numbered in that order (as one RETURNING insert per level numbered them); returns
    the rows."""
    order = sorted(range(len(flat)), key=lambda i: flat[i][2])  # by depth, then document order
    numbered = next_ids(session, Section, len(flat))
    assert numbered is not None, "SQLite and PostgreSQL number new rows (bulk.next_ids)"
    ids = dict(zip(order, numbered, strict=True))
    rows = [
        flat[i][0]
        | {
            "id": ids[i],
            "document_id": document_id,
            "parent_id": ids[parent] if (parent := flat[i][1]) is not None else None,
            "position": i,
            "depth": flat[i][2],
        }
        for i in order
    ]
    insert_rows(session, table_of(Section), rows)
    return len(flat)


def section_values(node: Node) -> dict[str, Any]:
    """A node's own columns (without its place in the tree)."""
    return {
        "kind": node.kind,
        "number": node.number,
        "title": node.title,
        "start": node.start,
        "end": node.end,
        "lead_units": list(node.lead_units),
        "table": table_json(node.table),
    }


def table_json(table: Table | None) -> dict[str, Any] | None:
    """A table's cell grid as JSON: header rows and body rows of {text, start, end} cells."""
    return asdict(table) if table is not None else None


def record_values(rec: QuantityRecord) -> dict[str, Any]:
    """A record's columns: current values are the extractor's; `extracted` keeps them as produced."""
    return {
        "start": rec.start,
        "end": rec.end,
        "number": rec.number,
        "metric": rec.metric,
        "kind": rec.kind,
        "value": rec.value,
        "value_max": rec.value_max,
        "unit": rec.unit,
        "comparator": rec.comparator,
        "basis": rec.basis,
        "year": rec.year,
        "lead_units": list(rec.lead_units),
        "section_path": list(rec.section),
        "sentence_start": rec.sentence_start,
        "sentence_end": rec.sentence_end,
        "cell_row": rec.cell[0] if rec.cell else None,
        "cell_col": rec.cell[1] if rec.cell else None,
        "attribute": rec.attribute,
        "aspiration": rec.aspiration,
        "domain": rec.domain,
        "rule": rec.rule,
        "confidence": rec.confidence,
        "review_state": "extracted",
        "extracted": rec.to_json(),
    }


def record_row(rec: QuantityRecord) -> Record:
    """A Record object for `rec` (re-extraction adds these to an existing document)."""
    return Record(**record_values(rec))
