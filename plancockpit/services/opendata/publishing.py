"""What the public sees: an admin publishes documents and indicators (or withdraws them).

With public reading set to `published` (`PLANCOCKPIT_PUBLIC_READ=published`), a visitor who is
not signed in sees only published documents, published indicators and their targets,
observations and assessments; everyone signed in sees everything. Each change is an audit event
(`db/audit.py` logs the `published` field of documents and indicators).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Indicator, Record, Target
from plancockpit.errors import NotFound
from plancockpit.services.cockpit.facts import FactsState
from plancockpit.services.cockpit.stale import bump_published

KINDS = ("document", "indicator")


def published_indicators() -> Select[Any]:
    """The ids of published indicators, as a subquery for `IN`."""
    return select(Indicator.id).where(Indicator.published.is_(True))


def published_documents() -> Select[Any]:
    """The ids of published documents, as a subquery for `IN`."""
    return select(Document.id).where(Document.published.is_(True))


def version(session: Session) -> int:
    """The version of what is published: a key for what is cached per published set (the public
    view's filter lists), moved by every publish or withdrawal, also one made by another
    process. (A count and a sum of ids did not move when one item was published and another
    withdrawn with the same sum.)"""
    return int(session.scalar(select(FactsState.published_version).where(FactsState.id == 1)) or 0)


def set_published(session: Session, kind: str, ident: int, published: bool) -> dict[str, Any]:
    """Publish (or withdraw) one document or indicator; `{"kind", "id", "published", "changed"}`."""
    row: Document | Indicator | None
    if kind == "document":
        row = session.get(Document, ident)
    elif kind == "indicator":
        row = session.get(Indicator, ident)
    else:
        raise NotFound(f"unknown kind {kind!r}; use document or indicator / 只能发布文件或指标")
    if row is None:
        raise NotFound(f"{kind} {ident} not found / 未找到")
    changed = row.published != published
    row.published = published
    session.flush()
    if changed:
        bump_published(session)
    return {"kind": kind, "id": ident, "published": published, "changed": changed}


def document_indicator_ids(session: Session, document_id: int) -> list[int]:
    """The indicators the document sets a target for (by the targets' source records)."""
    stmt = (
        select(Target.indicator_id)
        .join(Record, Record.id == Target.record_id)
        .where(Record.document_id == document_id)
        .distinct()
    )
    return sorted(set(session.scalars(stmt)))


def publish_document_targets(
    session: Session, document_id: int, published: bool = True
) -> dict[str, Any]:
    """Publish (or withdraw) a document and every indicator it sets a target for: what a
    reader needs to follow the document's commitments. `{"document_id", "published",
    "indicators": [ids], "changed": n}` (n: indicators whose flag changed)."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFound(f"document {document_id} not found / 未找到")
    doc.published = published
    ids = document_indicator_ids(session, document_id)
    changed = 0
    for ind in session.scalars(select(Indicator).where(Indicator.id.in_(ids))):
        changed += ind.published != published
        ind.published = published
    session.flush()
    bump_published(session)
    return {
        "document_id": document_id,
        "published": published,
        "indicators": ids,
        "changed": changed,
    }
