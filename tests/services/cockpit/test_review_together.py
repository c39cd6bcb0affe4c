"""Reviews of records of one document at the same moment all land: the document is relinked by
one after the other (on PostgreSQL two relinks at once rebuilt the same targets with the same
kept ids and one failed with "duplicate key"), and a confirm, which relinks nothing, neither
waits for them nor deadlocks with them (its lock on the record once blocked another review's
relink storing a target of that record)."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from plancockpit.db.engine import transaction
from plancockpit.db.models import Record, Target
from plancockpit.services.cockpit.review import review_record
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.linking.link import link_document

PLAN = "004_45bd54a11c7381a7.txt"


def test_simultaneous_reviews_of_one_document_both_land(
    db_engine: Engine, corpus_dir: Path
) -> None:
    [outcome] = ingest_paths(db_engine, [corpus_dir / PLAN])
    with transaction(db_engine) as s:
        # records whose targets share indicators: the relink of one re-stores the others'
        shared = (
            select(Target.indicator_id)
            .join(Record, Target.record_id == Record.id)
            .where(Record.document_id == outcome.document_id)
            .group_by(Target.indicator_id)
            .having(func.count(func.distinct(Target.record_id)) > 1)
        )
        ids = list(
            s.scalars(
                select(Target.record_id)
                .where(Target.indicator_id.in_(shared))
                .order_by(Target.record_id)
                .distinct()
                .limit(6)
            )
        )
    assert len(ids) >= 3
    errors: list[BaseException] = []
    start = threading.Barrier(len(ids))
    # each thread reviews every record once, in its own order: edits, rejections and confirms of
    # the same records meet
    rounds = [
        [(ids[(n + k) % len(ids)], ("confirm", "edit", "reject")[(n + k) % 3]) for k in range(18)]
        for n in range(len(ids))
    ]

    def review(steps: list[tuple[int, str]]) -> None:
        try:
            start.wait(10)
            for record_id, action in steps:
                with transaction(db_engine) as s:
                    changes = {"value": 1.0} if action == "edit" else None
                    review_record(s, record_id, action=action, by="tester", changes=changes)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=review, args=(steps,)) for steps in rounds]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert errors == []
    with transaction(db_engine) as s:
        found = s.execute(select(Record.id, Record.review_state).where(Record.id.in_(ids)))
        assert {state for _, state in found} <= {"confirmed", "edited", "rejected"}
        stored = _targets(s, outcome.document_id)
        link_document(s, outcome.document_id)  # the document linked afresh, from its records
        assert stored == _targets(s, outcome.document_id)
        s.rollback()


def _targets(s: Session, document_id: int) -> set[tuple[int | None, int, float]]:
    rows = s.execute(
        select(Target.record_id, Target.indicator_id, Target.value)
        .join(Record, Target.record_id == Record.id)
        .where(Record.document_id == document_id)
    )
    return {(record_id, indicator_id, value) for record_id, indicator_id, value in rows}
