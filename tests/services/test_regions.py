"""Regions: the CSV loader (all or nothing), breakdown checks and roll-ups."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator, Observation, Region, Target
from plancockpit.services.regions import (
    RegionFileError,
    break_down,
    check_breakdown,
    load_regions,
    rolled_up,
)

CSV = "code,name,level,parent_code\nD,某区,区,\nA,甲街道,街道,D\nB,乙镇,镇,D\n"


def test_example_file_loads(db_engine: Engine) -> None:
    example = Path(str(resources.files("plancockpit.data") / "regions_example.csv"))
    with transaction(db_engine) as session:
        counts = load_regions(session, example)
        assert counts["created"] >= 20
        towns = session.scalars(select(Region).where(Region.level == "town")).all()
        assert all(t.parent_id is not None for t in towns)


@pytest.mark.parametrize(
    ("text", "message"),
    [("code,name\nA,甲\n", "missing column"),
     ("code,name,level,parent_code\nA,甲,planet,\n", "level"),
     ("code,name,level,parent_code\nA,甲,town,Z\n", "parent Z is unknown"),
     ("code,name,level,parent_code\nA,甲,town,\nA,乙,town,\n", "twice"),
     ("code,name,level,parent_code\nD,区,town,\nA,甲,district,D\n", "cannot sit under")],
)
def test_bad_region_files_write_nothing(db_engine: Engine, tmp_path: Path, text: str,
                                        message: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegionFileError, match=message), transaction(db_engine) as session:
        load_regions(session, path)
    with transaction(db_engine) as session:
        assert not session.scalars(select(Region)).all()


def test_breakdown_cover_sum_and_rollup(db_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(CSV, encoding="utf-8")
    with transaction(db_engine) as session:
        load_regions(session, path)
        ind = Indicator(name="城镇新增就业", key="城镇新增就业", unit="万人")
        session.add(ind)
        session.flush()
        whole = Target(indicator_id=ind.id, value=10, unit="万人", basis="increase",
                       deadline_year=2025)
        session.add(whole)
        session.flush()
        partial = break_down(session, whole.id, {"甲街道": 6})
        assert partial.missing == ["乙镇"] and partial.adds_up is False
        full = break_down(session, whole.id, {"乙镇": 4})
        assert full.covered and full.adds_up and full.total == 10
        assert check_breakdown(session, whole.id).parts == 2
        with pytest.raises(ValueError, match="丙村"):
            break_down(session, whole.id, {"丙村": 1})
        regions = {r.name: r.id for r in session.scalars(select(Region))}
        session.add(Observation(indicator_id=ind.id, region_id=regions["甲街道"], year=2024,
                                value=1.2, unit="万人", basis="increase"))
        session.flush()
        assert rolled_up(session, ind.id, None, 2024, "increase") is None  # 乙镇 missing
        session.add(Observation(indicator_id=ind.id, region_id=regions["乙镇"], year=2024,
                                value=0.8, unit="万人", basis="increase"))
        session.flush()
        assert rolled_up(session, ind.id, None, 2024, "increase") == pytest.approx(2.0)
