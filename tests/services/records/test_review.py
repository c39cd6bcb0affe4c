"""Review: confirm, edit, reject by id and filter; edits survive re-ingest and re-extraction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Observation, Record, Target
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.records.review import (
    RecordFilter,
    ReviewError,
    edit_record,
    list_records,
    reextract_document,
    relink,
    set_state,
)

REPORT = "004_45bd54a11c7381a7.txt"


@pytest.fixture
def report_db(db_engine: Engine, corpus_dir: Path) -> tuple[Engine, int]:
    [outcome] = ingest_paths(db_engine, [corpus_dir / REPORT])
    assert outcome.document_id is not None
    return db_engine, outcome.document_id


def _one(engine: Engine, number: str, metric: str) -> int:
    with transaction(engine) as session:
        return session.scalars(
            select(Record.id).where(Record.number == number, Record.metric.contains(metric))
        ).one()


def test_filters_and_validation(report_db: tuple[Engine, int]) -> None:
    engine, doc = report_db
    with transaction(engine) as session:
        assert list_records(session, RecordFilter(document_id=doc, metric="外资"))
        assert all(r.kind == "target" for r in list_records(session, RecordFilter(kind="target")))
        with pytest.raises(ReviewError, match="unknown state"):
            list_records(session, RecordFilter(state="maybe"))
        rid = list_records(session, RecordFilter(document_id=doc), limit=1)[0].id
        for bad in ({"colour": "red"}, {"value": "many"}, {"comparator": "≈"}, {"metric": " "}, {}):
            with pytest.raises(ReviewError):
                edit_record(session, rid, by="t", changes=bad)
        with pytest.raises(ReviewError, match="not found"):
            set_state(session, [rid, 10**9], "confirmed", by="t")
        assert session.get(Record, rid).review_state == "extracted"  # type: ignore[union-attr]


def test_reviews_survive_reingest_and_reextraction(
    report_db: tuple[Engine, int], corpus_dir: Path
) -> None:
    engine, doc = report_db
    fdi, jobs = _one(engine, "7", "外资"), _one(engine, "2.5", "就业")
    with transaction(engine) as session:
        total = len(list_records(session, RecordFilter(document_id=doc), limit=10000))
        edited = edit_record(session, fdi, by="张三", changes={"value": "7.5"})
        rejected = set_state(session, [jobs], "rejected", by="张三")
        relink(session, [edited, *rejected])
        assert session.scalars(select(Target.value).where(Target.record_id == fdi)).one() == 7.5
        assert not session.scalars(select(Target).where(Target.record_id == jobs)).all()
    assert ingest_paths(engine, [corpus_dir / REPORT])[0].status == "unchanged"
    with transaction(engine) as session:
        counts = reextract_document(session, doc)
        assert counts["kept"] == 2
        recs = list_records(session, RecordFilter(document_id=doc), limit=10000)
        assert len(recs) == total  # nothing doubled: the reviewed spans are not re-added
        again = session.get(Record, fdi)
        assert again is not None and again.value == 7.5 and again.review_state == "edited"
        assert again.extracted["value"] == 7.0 and again.reviewed_by == "张三"
        assert session.get(Record, jobs).review_state == "rejected"  # type: ignore[union-attr]
        assert session.scalars(select(Target.value).where(Target.record_id == fdi)).one() == 7.5
        assert not session.scalars(select(Observation).where(Observation.record_id == jobs)).all()


def test_a_review_updates_the_records_search_entries_only(report_db: tuple[Engine, int]) -> None:
    """An edit is findable by its new metric at once; the document's sentence entries are the
    ones it had (a review changes no text, so they are not rebuilt)."""
    from plancockpit.db.models import SearchEntry

    engine, doc = report_db
    with transaction(engine) as session:
        rec = session.scalars(select(Record).where(Record.document_id == doc)).first()
        assert rec is not None
        sentences = sorted(
            session.execute(
                select(SearchEntry.id).where(
                    SearchEntry.document_id == doc, SearchEntry.kind == "sentence"
                )
            ).scalars()
        )
        edited = edit_record(session, rec.id, by="tester", changes={"metric": "审核改名指标"})
        relink(session, [edited])
    with transaction(engine) as session:
        hits = session.execute(
            select(SearchEntry.ref_id, SearchEntry.text).where(
                SearchEntry.kind == "record", SearchEntry.ref_id == rec.id
            )
        ).all()
        assert len(hits) == 1 and hits[0].text.startswith("审核改名指标")
        assert (
            sorted(
                session.execute(
                    select(SearchEntry.id).where(
                        SearchEntry.document_id == doc, SearchEntry.kind == "sentence"
                    )
                ).scalars()
            )
            == sentences
        )


def test_reextraction_keeps_a_targets_breakdown(report_db: tuple[Engine, int]) -> None:
    """Parts broken down from a target hang under it again after re-extraction (its record is
    new, its id the same), and the trail shows no change of theirs."""
    from plancockpit.db.models import Event

    engine, doc = report_db
    jobs = _one(engine, "2.5", "就业")
    with transaction(engine) as session:
        whole = session.scalars(select(Target).where(Target.record_id == jobs)).one()
        parts = [
            Target(
                indicator_id=whole.indicator_id,
                parent_target_id=whole.id,
                value=value,
                unit=whole.unit,
                basis=whole.basis,
                deadline_year=whole.deadline_year,
            )
            for value in (1.5, 1.0)
        ]
        session.add_all(parts)
        session.flush()
        part_ids, whole_id = [p.id for p in parts], whole.id
        events_before = session.scalars(select(Event.id)).all()
    with transaction(engine) as session:
        reextract_document(session, doc)
    with transaction(engine) as session:
        rebuilt = session.get(Target, whole_id)
        assert rebuilt is not None and rebuilt.record_id != jobs  # a new record, the same id
        assert [session.get(Target, i).parent_target_id for i in part_ids] == [whole_id] * 2  # type: ignore[union-attr]
        part_events = session.scalars(
            select(Event).where(
                Event.entity == "target",
                Event.entity_id.in_(part_ids),
                Event.id.not_in(events_before),
            )
        ).all()
        assert part_events == []
