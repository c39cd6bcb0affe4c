"""A review names the indicators whose statuses it may change: refreshing only those gives the
facts a full refresh gives, and they are a few, not every indicator of the document."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Record, Target
from plancockpit.services.cockpit.refresh import refresh_facts
from plancockpit.services.cockpit.review import review_record
from plancockpit.services.ingest.run import ingest_paths
from tests.services.cockpit.conftest import Facts

PLAN = "004_45bd54a11c7381a7.txt"
ON = date(2026, 6, 30)


def test_refreshing_what_reviews_name_equals_a_full_refresh(
    db_engine: Engine, corpus_dir: Path, stored_facts: Callable[[Engine], Facts]
) -> None:
    [outcome] = ingest_paths(db_engine, [corpus_dir / PLAN])
    with transaction(db_engine) as s:
        refresh_facts(s, on=ON)
        of_document = set(
            s.scalars(
                select(Target.indicator_id)
                .join(Record, Target.record_id == Record.id)
                .where(Record.document_id == outcome.document_id)
            )
        )
        targeted = list(
            s.scalars(
                select(Record.id)
                .join(Target, Target.record_id == Record.id)
                .where(Record.document_id == outcome.document_id)
                .order_by(Record.id)
                .distinct()
                .limit(3)
            )
        )
    before = stored_facts(db_engine)
    reviews = [
        (targeted[0], "edit", {"value": 1.0}),
        (targeted[1], "reject", None),
        (targeted[2], "confirm", None),
    ]
    for record_id, action, changes in reviews:
        with transaction(db_engine) as s:
            row = review_record(s, record_id, action=action, by="tester", changes=changes)
            affected = set(row["affected_indicators"])
            if action == "confirm":  # as extracted: its links and statuses stay as they were
                assert not affected
            else:
                assert affected and len(affected) < len(of_document) / 10
            refresh_facts(s, on=ON, indicator_ids=affected)
    partial = stored_facts(db_engine)
    with transaction(db_engine) as s:
        refresh_facts(s, on=ON)
    assert partial == stored_facts(db_engine) != before


def _links(engine: Engine) -> list[tuple[object, ...]]:
    """Every target's record, indicator and value (a restored target gets a new id)."""
    with transaction(engine) as s:
        rows = s.execute(select(Target.record_id, Target.indicator_id, Target.value))
        return sorted(tuple(row) for row in rows)


def test_a_confirm_relinks_only_a_record_that_was_rejected(
    db_engine: Engine, corpus_dir: Path
) -> None:
    [outcome] = ingest_paths(db_engine, [corpus_dir / PLAN])
    with transaction(db_engine) as s:
        record_id = s.scalars(
            select(Target.record_id)
            .join(Record, Target.record_id == Record.id)
            .where(Record.document_id == outcome.document_id)
            .order_by(Target.record_id)
        ).first()
    assert record_id is not None
    linked = _links(db_engine)
    steps = [("confirm", False), ("reject", True), ("confirm", True), ("confirm", False)]
    for action, relinked in steps:
        with transaction(db_engine) as s:
            row = review_record(s, record_id, action=action, by="tester")
        assert bool(row["affected_indicators"]) == relinked, action
        shown = _links(db_engine)
        if action == "reject":
            assert record_id not in {r[1] for r in shown}
        else:  # confirmed as extracted, or the rejection undone: the same targets
            assert shown == linked
