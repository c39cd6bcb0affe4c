"""Regions: the CSV loader (all or nothing) and the hierarchy in memory."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Region
from plancockpit.services.regions.hierarchy import RegionFileError, load_regions, region_tree

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
    [
        ("code,name\nA,甲\n", "missing column"),
        ("code,name,level,parent_code\nA,甲,planet,\n", "level"),
        ("code,name,level,parent_code\nA,甲,town,Z\n", "parent Z is unknown"),
        ("code,name,level,parent_code\nA,甲,town,\nA,乙,town,\n", "twice"),
        ("code,name,level,parent_code\nD,区,town,\nA,甲,district,D\n", "cannot sit under"),
    ],
)
def test_bad_region_files_write_nothing(
    db_engine: Engine, tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegionFileError, match=message), transaction(db_engine) as session:
        load_regions(session, path)
    with transaction(db_engine) as session:
        assert not session.scalars(select(Region)).all()


def test_region_tree_paths_and_subtrees(db_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(CSV + "V,丙村,村,A\n", encoding="utf-8")
    with transaction(db_engine) as session:
        load_regions(session, path)
        ids = {r.name: r.id for r in session.scalars(select(Region))}
        tree = region_tree(session)
    assert tree.path(None) == ("某区",)
    assert tree.path(ids["丙村"]) == ("某区", "甲街道", "丙村")
    assert set(tree.below(None)) == {None, ids["甲街道"], ids["乙镇"], ids["丙村"]}
    assert tree.has_children(ids["甲街道"]) and not tree.has_children(ids["乙镇"])
    assert tree.children[ids["某区"]] == tree.children[None]  # the top region is the whole area
