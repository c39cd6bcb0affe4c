"""Relinking only what some records touch, for a review: the same targets, observations and
lineage as relinking their whole documents (`indicators.link_document`), for a fraction of
the work.

Within a document, records affect each other only through a shared indicator: a target stated
twice is stored once, and a document's actual values of an indicator set its targets' baseline
years. So the records relinked are the changed ones plus every record of the document with a
row on an indicator they link (or linked) to, plus those with no row at all (a restatement
folded into another record's target, or a record left out), grown until no relinked record
links an indicator that one left alone also links. Lineage, conflicts and domains are then
recomputed for those indicators only.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Observation, Record, Target
from plancockpit.errors import NotFound
from plancockpit.services.access import target_audit
from plancockpit.services.actuals.observations import flag_conflicts
from plancockpit.services.linking import rows as link_rows
from plancockpit.services.linking.lineage import relink_lineage
from plancockpit.services.linking.link import (
    Identity,
    LinkReport,
    Pair,
    PartsKey,
    indicators_of,
    known_ids,
    parts_key,
    store_rows,
    unlink_records,
)


def relink_records(session: Session, record_ids: Iterable[int]) -> LinkReport:
    """Rebuild the targets and observations of these records and of the records they share an
    indicator with, keeping their ids; then lineage and conflicts of the indicators involved."""
    by_document: dict[int, list[int]] = {}
    for rec_id, doc_id in session.execute(
        select(Record.id, Record.document_id).where(Record.id.in_(list(record_ids)))
    ):
        by_document.setdefault(doc_id, []).append(rec_id)
    total = LinkReport()
    for doc_id in sorted(by_document):
        part = _relink_in_document(session, doc_id, set(by_document[doc_id]))
        total.documents += 1
        total.indicators_created += part.indicators_created
        total.targets += part.targets
        total.observations += part.observations
        total.skipped += part.skipped
        total.indicators |= part.indicators
    return total


def _rows_by_record(session: Session, document_id: int) -> dict[int, set[int]]:
    """The indicators each record of the document has a target or an observation on."""
    rows: dict[int, set[int]] = {}
    for model in (Target, Observation):
        for rec_id, ind_id in session.execute(
            select(model.record_id, model.indicator_id)
            .join(Record, model.record_id == Record.id)
            .where(Record.document_id == document_id)
        ):
            if rec_id is not None:
                rows.setdefault(rec_id, set()).add(ind_id)
    return rows


def _restated(session: Session, document_id: int) -> set[int]:
    """The indicators of the document's targets stated more than once in it (the target keeps
    the first record and names the others in its reason, "also record N")."""
    return set(
        session.scalars(
            select(Target.indicator_id)
            .join(Record, Target.record_id == Record.id)
            .where(Record.document_id == document_id, Target.link_reason.contains("also record"))
        )
    )


def _relink_in_document(session: Session, document_id: int, changed: set[int]) -> LinkReport:
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFound(f"document {document_id} not found")
    records = list(
        session.scalars(
            select(Record).where(Record.document_id == document_id).order_by(Record.start)
        )
    )
    place = {r.id: i for i, r in enumerate(records)}
    # The audit trail compares the document's targets before and after, as link_document does.
    before = target_audit.snapshot(session, record_ids=list(place))
    rows = _rows_by_record(session, document_id)
    report = LinkReport(documents=1)
    refs = link_rows.References(session, everything=False, without_document=document_id)
    doc_region = refs.region_of_document(doc.region)
    labels = [str(r.domain) for r in records if r.domain]
    parts: dict[PartsKey, list[Target]] = {}
    known: dict[Identity, int] = {}
    involved: set[int] = set().union(*(rows.get(i, set()) for i in changed))
    if any(not rows.get(i) for i in changed):  # perhaps a restatement: its target is another's
        involved |= _restated(session, document_id)
    pairs: list[tuple[int, int, Pair]] = []  # (place, order found): stored in document order
    done: set[int] = set()
    todo = changed | {r.id for r in records if not rows.get(r.id)}
    while todo := (todo | {r for r, inds in rows.items() if inds & involved}) - done:
        batch = [r for r in records if r.id in todo]
        known.update(known_ids(session, batch))
        involved |= unlink_records(session, [r.id for r in batch], parts)
        session.flush()
        found = indicators_of(session, batch, refs, report, doc_region, labels)
        pairs += [(place[p[0].id], len(pairs) + n, p) for n, p in enumerate(found)]
        involved |= {p[1].id for p in found}
        done |= todo
        todo = set()
    seen = store_rows(session, doc, [p for _, _, p in sorted(pairs)], report, known)
    link_rows.ensure_units(session, [str(u) for t in seen.values() for u in t.lead_units or []])
    session.flush()
    for whole in seen.values():
        for part in parts.get(parts_key(whole), []):
            part.parent_target_id = whole.id
    target_audit.audit_target_changes(
        session, before, target_audit.snapshot(session, ids=before, record_ids=list(place))
    )
    relink_lineage(session, involved)
    flag_conflicts(session, involved)
    link_rows.refresh_domains(session, involved)
    report.indicators = involved
    return report
