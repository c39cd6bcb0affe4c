"""Documents, their outline and their records: the document page and its API routes."""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Record, Section
from plancockpit.services.cockpit.common import PERIODS, NotFound, as_dict, paginate, period_rows
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.services.cockpit.public import shown

DOC_EXCLUDE = ("text", "meta_evidence")
OUTLINE_COLUMNS = [c for c in Section.__table__.columns if c.key != "table"]


def document_list(
    session: Session,
    *,
    kind: str = "",
    q: str = "",
    limit: int = 50,
    offset: int = 0,
    public: bool = False,
) -> dict[str, Any]:
    """Documents, newest first (`public`: published ones only, internal notes blanked)."""
    stmt = select(Document).order_by(Document.doc_date.desc().nulls_last(), Document.id.desc())
    if public:
        stmt = stmt.where(Document.published.is_(True))
    if kind:
        stmt = stmt.where(Document.kind == kind)
    if q:
        stmt = stmt.where(
            Document.title.contains(q, autoescape=True) | Document.name.contains(q, autoescape=True)
        )
    return paginate(session, stmt, limit, offset, partial(document_row, public=public))


def document_row(doc: Document, *, public: bool = False) -> dict[str, Any]:
    """A document's columns without its text (`public`: internal notes blanked)."""
    return shown("document", as_dict(doc, exclude=DOC_EXCLUDE), public)


def get_document(session: Session, document_id: int, *, public: bool = False) -> Document:
    """The document; an unknown id, or in the public view an unpublished one, is NotFound (a
    404 that does not tell whether it exists)."""
    doc = session.get(Document, document_id)
    if doc is None or (public and not doc.published):
        raise NotFound("document", document_id)
    return doc


def segments(
    text: str, records: list[Record], sections: list[dict[str, Any]], *, public: bool = False
) -> list[dict[str, Any]]:
    """The text cut into plain runs, highlighted record spans and section anchors, in order
    (`public`: without the review state)."""
    cuts: list[tuple[int, int, dict[str, Any]]] = []
    last_end = 0
    for r in sorted(records, key=lambda r: (r.start, r.end)):
        if r.start < last_end or r.end <= r.start or r.end > len(text):
            continue  # overlapping or out-of-range spans are listed but not highlighted
        info = {"record_id": r.id, "kind": r.kind} | ({} if public else {"state": r.review_state})
        cuts.append((r.start, r.end, info))
        last_end = r.end
    anchors = sorted((s["start"], s["id"]) for s in sections)
    out: list[dict[str, Any]] = []
    pos = 0
    ai = 0
    for start, end, info in [*cuts, (len(text), len(text), {})]:
        while ai < len(anchors) and anchors[ai][0] <= start:
            a_pos, sid = anchors[ai]
            a_pos = max(a_pos, pos)
            if a_pos > pos:
                out.append({"text": text[pos:a_pos]})
                pos = a_pos
            out.append({"anchor": sid})
            ai += 1
        if start > pos:
            out.append({"text": text[pos:start]})
        if info:
            out.append({"text": text[start:end], **info})
        pos = max(pos, end)
    return out


def document_detail(
    session: Session, document_id: int, *, with_text: bool = True, public: bool = False
) -> dict[str, Any]:
    """The document, its outline and records, and (for the page) the text as segments;
    `public`: a published document only, review notes blanked and rejected records left out."""
    doc = get_document(session, document_id, public=public)
    # Plain rows, not ORM objects, and without the tables' cells: a plan has 1,500 sections,
    # and making them objects (decoding every table) was half of its page's time.
    found = session.execute(
        select(*OUTLINE_COLUMNS)
        .where(Section.document_id == doc.id)
        .order_by(Section.position, Section.id)
    )
    keys = list(found.keys())
    sections = [dict(zip(keys, row, strict=True)) for row in found]
    records = [r for r in doc.records if not (public and r.review_state == "rejected")]
    data: dict[str, Any] = {
        "document": document_row(doc, public=public),
        "outline": sections,
        "records": [shown("record", as_dict(r), public) for r in records],
        "counts": {k: sum(1 for r in records if r.kind == k) for k in ("target", "actual")},
        # the document's targets in the list: counted now, history, all (links by period)
        "targets": {
            p: session.scalar(
                select(func.count()).where(period_rows(p), TargetFact.document_id == doc.id)
            )
            or 0
            for p in PERIODS
        },
    }
    if with_text:
        data["segments"] = segments(doc.text, records, sections, public=public)
    return data


def section_list(
    session: Session, document_id: int, *, public: bool = False
) -> list[dict[str, Any]]:
    get_document(session, document_id, public=public)
    rows = session.scalars(
        select(Section).where(Section.document_id == document_id).order_by(Section.position)
    )
    return [as_dict(s) for s in rows]


def get_section(session: Session, section_id: int) -> dict[str, Any]:
    s = session.get(Section, section_id)
    if s is None:
        raise NotFound("section", section_id)
    return as_dict(s)


def record_list(
    session: Session,
    *,
    document_id: int | None = None,
    kind: str = "",
    review_state: str = "",
    q: str = "",
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    stmt = select(Record).order_by(Record.document_id, Record.start)
    if document_id is not None:
        stmt = stmt.where(Record.document_id == document_id)
    if kind:
        stmt = stmt.where(Record.kind == kind)
    if review_state:
        stmt = stmt.where(Record.review_state == review_state)
    if q:
        stmt = stmt.where(Record.metric.contains(q, autoescape=True))
    return paginate(session, stmt, limit, offset)


def get_record(session: Session, record_id: int) -> dict[str, Any]:
    r = session.get(Record, record_id)
    if r is None:
        raise NotFound("record", record_id)
    return as_dict(r)
