"""Reviews of records of one document at the same moment both land: the document is relinked by
one after the other (on PostgreSQL two relinks at once rebuilt the same targets with the same
kept ids and one failed with "duplicate key")."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Record
from plancockpit.services.cockpit.review import review_record
from plancockpit.services.ingest.run import ingest_paths

PLAN = "004_45bd54a11c7381a7.txt"


def test_simultaneous_reviews_of_one_document_both_land(
    db_engine: Engine, corpus_dir: Path
) -> None:
    [outcome] = ingest_paths(db_engine, [corpus_dir / PLAN])
    with transaction(db_engine) as s:
        ids = list(
            s.scalars(
                select(Record.id)
                .where(Record.document_id == outcome.document_id)
                .order_by(Record.id)
                .limit(6)
            )
        )
    errors: list[BaseException] = []
    start = threading.Barrier(len(ids))

    def review(record_id: int) -> None:
        try:
            start.wait(10)
            with transaction(db_engine) as s:
                review_record(s, record_id, action="confirm", by="tester")
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=review, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    with transaction(db_engine) as s:
        states = set(s.scalars(select(Record.review_state).where(Record.id.in_(ids))))
    assert states == {"confirmed"}
