"""Targets broken down to sub-regions: coverage, sums with a tolerance, all-or-nothing files,
parts kept when the whole target's document is relinked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator, Region, Target
from plancockpit.services.linking.link import link_all, link_document
from plancockpit.services.regions.breakdown import (
    BreakdownError,
    break_down,
    check_breakdown,
    load_breakdown,
)
from plancockpit.services.regions.hierarchy import load_regions
from tests.services.linkcase import store

CSV = "code,name,level,parent_code\nD,某区,区,\nA,甲街道,街道,D\nB,乙镇,镇,D\nV,丙村,村,A\n"


def _regions(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(CSV, encoding="utf-8")
    load_regions(session, path)


def _whole(session: Session, name: str, unit: str, basis: str, value: float) -> Target:
    ind = Indicator(name=name, key=name, unit=unit)
    session.add(ind)
    session.flush()
    whole = Target(
        indicator_id=ind.id,
        value=value,
        unit=unit,
        basis=basis,
        deadline_year=2025,
        baseline_year=2020,
    )
    session.add(whole)
    session.flush()
    return whole


def test_cover_and_add_up_with_tolerance(db_engine: Engine, tmp_path: Path) -> None:
    with transaction(db_engine) as session:
        _regions(session, tmp_path)
        whole = _whole(session, "城镇新增就业", "万人", "increase", 10)
        partial = break_down(session, whole.id, {"甲街道": 6})
        assert partial.missing == ["乙镇"] and partial.adds_up is False
        assert partial.difference == pytest.approx(-4) and not partial.ok
        # A second breakdown replaces the first; codes work as well as names.
        short = break_down(session, whole.id, {"A": 6, "乙镇": 3.96})
        assert short.covered and short.parts == 2 and short.difference == pytest.approx(-0.04)
        assert short.adds_up and short.ok  # 0.4% short, within the default 0.5%
        assert not check_breakdown(session, whole.id, tolerance=0.001).adds_up
        over = break_down(session, whole.id, {"甲街道": 7, "乙镇": 4})
        assert over.adds_up and over.difference == pytest.approx(1)
        parts = session.scalars(select(Target).where(Target.parent_target_id == whole.id)).all()
        regions = {r.id: r.name for r in session.scalars(select(Region))}
        assert sorted(regions[p.region_id] for p in parts) == ["乙镇", "甲街道"]  # type: ignore[index]
        assert all(p.basis == "increase" and p.deadline_year == 2025 for p in parts)


def test_shares_are_covered_but_not_summed(db_engine: Engine, tmp_path: Path) -> None:
    with transaction(db_engine) as session:
        _regions(session, tmp_path)
        whole = _whole(session, "城镇化率", "%", "level", 78)
        check = break_down(session, whole.id, {"甲街道": 80, "乙镇": 70})
        assert check.covered and check.adds_up is None and check.ok


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("region,value\n丁镇,1\n", "not sub-regions"),
        ("region,value\n甲街道,1\n甲街道,2\n", "named twice"),
        ("region,value\n甲街道,一万\n", "row 2: value"),
        ("name,amount\n甲街道,1\n", "header row"),
        ("region,value\n丙村,1\n", "not sub-regions"),
    ],  # a village is not a part of the district
)
def test_bad_breakdown_files_write_nothing(
    db_engine: Engine, tmp_path: Path, text: str, message: str
) -> None:
    with transaction(db_engine) as session:
        _regions(session, tmp_path)
        whole_id = _whole(session, "城镇新增就业", "万人", "increase", 10).id
    path = tmp_path / "parts.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BreakdownError, match=message), transaction(db_engine) as session:
        load_breakdown(session, whole_id, path)
    with transaction(db_engine) as session:
        assert check_breakdown(session, whole_id).parts == 0


def test_parts_survive_relinking_the_plan(db_engine: Engine, tmp_path: Path) -> None:
    with transaction(db_engine) as session:
        plan_id, _ = store(session)
        link_all(session)
        _regions(session, tmp_path)
        whole = session.scalars(
            select(Target)
            .join(Indicator)
            .where(Indicator.name == "城镇新增就业", Target.value == 10)
        ).one()
        break_down(session, whole.id, {"甲街道": 6, "乙镇": 4})
        link_document(session, plan_id)
        rebuilt = session.scalars(
            select(Target)
            .join(Indicator)
            .where(
                Indicator.name == "城镇新增就业",
                Target.value == 10,
                Target.parent_target_id.is_(None),
            )
        ).one()
        assert rebuilt.id == whole.id  # relinking keeps the target's id (stable identity)
        check = check_breakdown(session, rebuilt.id)
        assert check.parts == 2 and check.ok
