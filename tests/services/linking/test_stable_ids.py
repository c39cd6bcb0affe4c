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
