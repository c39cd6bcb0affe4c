"""A review relinks only what its record touches (`relink_records`), and the stored targets,
observations and indicators come out as a whole relink of the document leaves them."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session

from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator, Observation, Record, Target
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.linking.link import link_all, link_document
from plancockpit.services.linking.relink import relink_records
from plancockpit.services.records.review import edit_record, set_state

Rows = dict[str, list[tuple[str, ...]]]
# what makes a row the same one across relinking: its record, and basis and deadline / year
IDENTITY = {Target: ("record_id", "basis", "deadline_year"), Observation: ("record_id", "year")}
REFERENCES = ("parent_target_id", "revises_id")  # target ids inside a target row
SKIP = ("created_at",)


def _raw(session: Session) -> dict[type, dict[int, dict[str, Any]]]:
    session.flush()
    session.expire_all()
    out: dict[type, dict[int, dict[str, Any]]] = {}
    for model in (Target, Observation, Indicator):
        keys = [a.key for a in inspect(model).mapper.column_attrs if a.key not in SKIP]
        out[model] = {
            o.id: {k: getattr(o, k) for k in keys} for o in session.scalars(select(model))
        }
    return out


def _rows(session: Session, before: dict[type, dict[int, dict[str, Any]]]) -> Rows:
    """Every stored row; an id counts as kept only when the row it names before is the same
    row (same identity), else it reads "new" (new rows are numbered by the database)."""
    now = _raw(session)

    def kept(model: type, ident: int | None) -> str:
        if ident is None:
            return "None"
        old, cur = before[model].get(ident), now[model].get(ident)
        same = (
            old is not None
            and cur is not None
            and all(old[k] == cur[k] for k in IDENTITY.get(model, ()))
        )
        return str(ident) if same else "new"

    out: Rows = {}
    for model, rows in now.items():
        listed = []
        for row in rows.values():
            row = dict(row, id=kept(model, row["id"]))
            if model is Target:
                row.update({k: kept(Target, row[k]) for k in REFERENCES})
            if model is not Indicator:  # a founded indicator's number differs (PostgreSQL sequence)
                row["indicator_id"] = kept(Indicator, row["indicator_id"])
            else:
                row["merged_into_id"] = kept(Indicator, row["merged_into_id"])
            listed.append(tuple(f"{k}={v}" for k, v in row.items()))
        out[model.__name__] = sorted(listed)
    return out


ACTIONS = ("confirm", "reject", "edit value", "edit year", "edit metric")


def _review(session: Session, record_id: int, action: str) -> None:
    if action in ("confirm", "reject"):
        set_state(
            session,
            [record_id],
            {"confirm": "confirmed", "reject": "rejected"}[action],
            by="tester",
        )
        return
    rec = _get(session, record_id)
    changes = {
        "edit value": {"value": rec.value * 1.5 + 1},
        "edit year": {"year": (rec.year or 2020) + 1},
        "edit metric": {"metric": "测试用新指标"},
    }[action]
    edit_record(session, record_id, by="tester", changes=changes)


def _get(session: Session, record_id: int) -> Record:
    rec = session.get(Record, record_id)
    assert rec is not None
    return rec


def _cases(session: Session) -> list[tuple[int, str]]:
    """Records of each kind that interacts inside a document (a target stated twice, an actual
    value that sets a target's baseline year, a target for each year), and a random sample."""
    restated = [
        t.link_reason
        for t in session.scalars(
            select(Target).where(Target.link_reason.contains("also record")).order_by(Target.id)
        )
    ]
    twice = int(re.findall(r"also record (\d+)", restated[0])[0])
    first = session.scalar(
        select(Target.record_id).where(Target.link_reason.contains(f"also record {twice}"))
    )
    actual = session.scalar(
        select(Record.id)
        .join(Observation, Observation.record_id == Record.id)
        .join(Target, Target.indicator_id == Observation.indicator_id)
        .where(Record.kind == "actual")
        .order_by(Record.id)
    )
    several = session.scalar(
        select(Target.record_id)
        .group_by(Target.record_id)
        .having(func.count() > 1)
        .order_by(Target.record_id)
    )
    assert first is not None and actual is not None and several is not None
    cases = [
        (twice, "edit metric"),
        (twice, "reject"),
        (first, "confirm"),
        (first, "edit value"),
        (actual, "edit year"),
        (actual, "reject"),
        (several, "reject"),
        (several, "edit value"),
    ]
    ids = list(session.scalars(select(Record.id).order_by(Record.id)))
    rng = random.Random(14)
    cases += [(i, rng.choice(ACTIONS)) for i in rng.sample(ids, 6)]
    return cases


@pytest.mark.slow
def test_partial_relink_stores_what_a_whole_relink_stores(
    db_engine: Engine, corpus_dir: Path
) -> None:
    ingest_paths(db_engine, [corpus_dir])
    link_all(db_engine)  # reasons as a relink gives them ("same name", not "first mention")
    with transaction(db_engine) as s:
        cases = _cases(s)
        changed: list[tuple[int, str]] = []
        for record_id, action in cases:
            document_id = _get(s, record_id).document_id
            before = _raw(s)
            outcome = []
            for whole in (False, True):
                step = s.begin_nested()
                _review(s, record_id, action)
                if whole:
                    link_document(s, document_id)
                else:
                    relink_records(s, [record_id])
                outcome.append(_rows(s, before))
                step.rollback()
            partial, whole = outcome
            assert partial == whole, (record_id, action)
            if partial != _rows(s, before):
                changed.append((record_id, action))
        # the chosen cases all change stored rows (the random ones may touch an unlinked record)
        assert [c for c in cases[:8] if c[1] != "confirm"] == [c for c in changed if c in cases[:8]]


def test_a_review_leaves_other_targets_of_its_document_alone(
    db_engine: Engine, corpus_dir: Path
) -> None:
    [outcome] = ingest_paths(db_engine, [corpus_dir / "004_45bd54a11c7381a7.txt"])
    with transaction(db_engine) as s:
        targets = list(
            s.scalars(
                select(Target)
                .join(Record, Target.record_id == Record.id)
                .where(Record.document_id == outcome.document_id)
                .order_by(Target.id)
            )
        )
        assert len(targets) > 3
        chosen = targets[0]
        others = {t.id: t.link_reason for t in targets if t.indicator_id != chosen.indicator_id}
        set_state(s, [chosen.record_id or -1], "rejected", by="tester")
        relink_records(s, [chosen.record_id or -1])
        s.expire_all()
        left = {t.id: t.link_reason for t in s.scalars(select(Target).where(Target.id.in_(others)))}
        assert left == others  # a whole relink rewrites them ("first mention" → "same name")
        assert s.scalar(select(Target.id).where(Target.record_id == chosen.record_id)) is None
