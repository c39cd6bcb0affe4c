"""Targets, observations and indicators keep their ids through review (edit, reject, confirm),
a relink of everything, re-extraction and re-ingest; every link between them still resolves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Document, Indicator, Observation, Record, Target
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.services.cockpit.refresh import refresh_facts
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.linking.link import link_all
from plancockpit.services.records.review import edit_record, reextract_document, relink, set_state


def _ids(engine: Engine) -> tuple[dict[int, int], set[int], set[int]]:
    """target id → its record's start; observation ids; indicator ids."""
    with transaction(engine) as s:
        targets = {
            t.id: s.get(Record, t.record_id).start  # type: ignore[union-attr]
            for t in s.scalars(select(Target).where(Target.record_id.is_not(None)))
        }
        observations = set(
            s.scalars(select(Observation.id).where(Observation.record_id.is_not(None)))
        )
        indicators = set(s.scalars(select(Indicator.id)))
    return targets, observations, indicators


def _links_resolve(engine: Engine) -> None:
    with transaction(engine) as s:
        ids = set(s.scalars(select(Target.id)))
        for t in s.scalars(select(Target)):
            assert t.revises_id is None or t.revises_id in ids
            assert t.parent_target_id is None or t.parent_target_id in ids
            assert s.get(Indicator, t.indicator_id) is not None
        refresh_facts(s, on=date(2026, 6, 30))
        assert set(s.scalars(select(TargetFact.target_id))) <= ids


def test_ids_survive_review_relink_reextraction_and_reingest(
    db_engine: Engine, corpus_dir: Path
) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    assert all(o.status == "ingested" for o in ingest_paths(db_engine, files))
    targets, observations, indicators = _ids(db_engine)
    assert len(targets) > 50 and observations
    with transaction(db_engine) as s:
        doc = max(
            s.scalars(select(Document)), key=lambda d: sum(r.kind == "target" for r in d.records)
        )
        assert doc is not None
        with_target = [r for r in doc.records if r.kind == "target"]
        edited, rejected, confirmed = with_target[0], with_target[1], with_target[2]
        edit_record(s, edited.id, by="规划科", changes={"value": edited.value + 1})
        set_state(s, [rejected.id], "rejected", by="规划科")
        set_state(s, [confirmed.id], "confirmed", by="规划科")
        relink(s, [edited, rejected, confirmed])
        gone = rejected.start
    after, obs_after, ind_after = _ids(db_engine)
    assert {i: p for i, p in targets.items() if p != gone} == after  # same ids, same places
    assert observations == obs_after and indicators <= ind_after
    with transaction(db_engine) as s:
        link_all(s)
        reextract_document(s, doc.id)
    again, obs_again, _ = _ids(db_engine)
    assert again == after and obs_again == observations
    assert [o.status for o in ingest_paths(db_engine, files)] == ["unchanged"] * len(files)
    _links_resolve(db_engine)


def test_a_new_target_never_takes_an_old_id_still_to_be_given_back(
    db_engine: Engine, corpus_dir: Path
) -> None:
    """The table's last target removed and rebuilt under its id, and a new target made in the
    same relink (a record un-rejected): the new one is numbered above it. Left to SQLite, which
    numbers a row max(id) + 1, it took the old id first whenever it was written first, and the
    rebuilt row failed on "UNIQUE constraint failed: targets.id" (1 in 5 runs of
    test_review_together, by the order of a set)."""
    from sqlalchemy import delete, func

    from plancockpit.db.bulk import add_new

    ingest_paths(db_engine, [corpus_dir / "004_45bd54a11c7381a7.txt"])
    with transaction(db_engine) as s:
        last = s.scalars(select(Target).order_by(Target.id.desc()).limit(1)).one()
        old_id, columns = last.id, {c: getattr(last, c) for c in ("indicator_id", "record_id")}
        s.execute(delete(Target).where(Target.id == old_id))
        s.expunge(last)
        made = Target(**columns, comparator=">=", value=1.0, basis="level")  # written first
        kept = Target(id=old_id, **columns, comparator=">=", value=2.0, basis="level")
        add_new(s, [made, kept])
        s.flush()
        assert made.id is not None and made.id > old_id
        assert s.scalar(select(func.count(Target.id)).where(Target.id == old_id)) == 1
