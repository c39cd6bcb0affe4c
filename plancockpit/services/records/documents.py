"""Stored documents for listings: summaries, lookup by id or file name, the outline as a tree.

Plain dicts out, so the CLI's table and JSON and any page render the same data.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Record, Section
from plancockpit.errors import NotFound


class DocumentNotFound(NotFound):
    """No stored document matches the reference; the message is one line."""


def list_documents(session: Session) -> list[dict[str, Any]]:
    """Every stored document (without its text), oldest first, with outline and record counts."""
    sections = (
        select(Section.document_id, func.count().label("n"))
        .group_by(Section.document_id)
        .subquery()
    )
    records = (
        select(Record.document_id, func.count().label("n")).group_by(Record.document_id).subquery()
    )
    rows = session.execute(
        select(Document, func.length(Document.text), sections.c.n, records.c.n)
        .outerjoin(sections, sections.c.document_id == Document.id)
        .outerjoin(records, records.c.document_id == Document.id)
        .order_by(Document.id)
    )
    return [
        summary(doc, n_sections or 0, n_records or 0, chars)
        for doc, chars, n_sections, n_records in rows
    ]


def summary(doc: Document, n_sections: int, n_records: int, chars: int) -> dict[str, Any]:
    """What a listing shows of one document (`chars`: its text's length, counted by the
    database: the text itself is not loaded)."""
    return {
        "id": doc.id,
        "name": doc.name,
        "title": doc.title,
        "kind": doc.kind,
        "region": doc.region,
        "period": period_label(doc.period_start, doc.period_end),
        "base_year": doc.base_year,
        "date": doc.doc_date.isoformat() if doc.doc_date else None,
        "format": doc.format,
        "chars": chars,
        "sections": n_sections,
        "records": n_records,
        "sha256": doc.content_hash,
        "ingested_at": doc.ingested_at.isoformat() if doc.ingested_at else None,
    }


def period_label(start: int | None, end: int | None) -> str:
    """'2021–2025', '2026' or ''."""
    if start and end and start != end:
        return f"{start}–{end}"
    return str(end or start or "")


def get_document(session: Session, ref: str | int) -> Document:
    """A document by id, else by file name (the newest version when a name was ingested twice)."""
    text = str(ref).strip()
    if text.isdigit():
        doc = session.get(Document, int(text))
        if doc is not None:
            return doc
    doc = session.scalars(
        select(Document).where(Document.name == text).order_by(Document.id.desc()).limit(1)
    ).first()
    if doc is None:
        raise DocumentNotFound(f"no document with id or file name '{text}' / 未找到文档")
    return doc


def outline_tree(session: Session, doc: Document, *, sentences: bool = True) -> dict[str, Any]:
    """The document's outline as nested dicts (children in document order); sentence nodes
    are left out when `sentences` is False."""
    rows = session.scalars(
        select(Section).where(Section.document_id == doc.id).order_by(Section.position)
    ).all()
    nodes: dict[int, dict[str, Any]] = {}
    root: dict[str, Any] | None = None
    for row in rows:
        if not sentences and row.kind == "sentence":
            continue
        node = {
            "id": row.id,
            "kind": row.kind,
            "number": row.number,
            "title": row.title,
            "start": row.start,
            "end": row.end,
            "depth": row.depth,
            "lead_units": list(row.lead_units),
            "table": row.table,
            "children": [],
        }
        nodes[row.id] = node
        parent = nodes.get(row.parent_id) if row.parent_id is not None else None
        if parent is not None:
            parent["children"].append(node)
        elif root is None:
            root = node
    if root is None:
        return {
            "id": None,
            "kind": "document",
            "number": "",
            "title": doc.title or doc.name,
            "start": 0,
            "end": len(doc.text),
            "depth": 0,
            "lead_units": [],
            "table": None,
            "children": [],
        }
    return root
