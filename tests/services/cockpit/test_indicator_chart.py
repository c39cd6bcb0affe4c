"""The indicator page's chart on the Xiaoshan corpus and on cases made by hand: expected paths
never run against the target's direction, the year axis fits the data, a figure stated by several
records is one point, and a baseline the document does not name is the observed one, with its year.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from plancockpit.db.engine import session_factory, transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Indicator
from plancockpit.services.cockpit.assess import expected_path, heading
from plancockpit.services.cockpit.indicators import indicator_detail, year_range
from plancockpit.services.cockpit.refresh import refresh_facts
from plancockpit.services.ingest.run import ingest_paths


def _level(**kw: Any) -> dict[str, Any]:
    return {"basis": "level", "baseline_year": 2020, "deadline_year": 2025, **kw}


@pytest.mark.parametrize(
    "target, first, last, why",
    [
        (
            _level(comparator=">=", value=120.0, baseline_value=100.0),
            100.0,
            120.0,
            "a rise to a floor",
        ),
        (
            _level(comparator=">=", value=96.0, baseline_value=97.2),
            96.0,
            96.0,
            "already above a floor: hold the floor, no planned decline",
        ),
        (
            _level(comparator="<=", value=28.0, baseline_value=30.0),
            30.0,
            28.0,
            "a fall to a ceiling",
        ),
        (
            _level(comparator="<=", value=28.0, baseline_value=25.0),
            28.0,
            28.0,
            "already below a ceiling",
        ),
        (
            _level(comparator="=", value=7.0, baseline_value=8.42, direction="up"),
            7.0,
            7.0,
            "a plain value below the baseline of a higher-is-better indicator",
        ),
        (
            _level(comparator="=", value=1.6, baseline_value=1.7, direction="down"),
            1.7,
            1.6,
            "a plain value below the baseline of a lower-is-better indicator",
        ),
        (
            _level(comparator="=", value=96.0, value_max=97.0, baseline_value=97.2, direction="up"),
            97.0,
            97.0,
            "a range under the baseline: its upper bound held",
        ),
        (
            _level(comparator="=", value=7.0, baseline_value=8.0),
            8.0,
            7.0,
            "no direction known: the way the target goes",
        ),
    ],
)
def test_expected_paths_follow_the_targets_direction(
    target: dict[str, Any], first: float, last: float, why: str
) -> None:
    path = expected_path(target)
    assert [y for y, _ in path] == list(range(2020, 2026)), why
    assert (path[0][1], path[-1][1]) == (pytest.approx(first), pytest.approx(last)), why
    values = [v for _, v in path]
    way = heading(target)
    if way == "up":
        assert values == sorted(values), why
    elif way == "down":
        assert values == sorted(values, reverse=True), why


def test_no_path_without_a_baseline_or_for_another_basis() -> None:
    assert expected_path(_level(comparator=">=", value=5.0)) == []
    assert (
        expected_path({**_level(comparator=">=", value=5.0, baseline_value=1.0), "basis": "growth"})
        == []
    )


def test_year_range_fits_the_years() -> None:
    assert year_range([2020]) == [2019, 2021]
    assert year_range([2025, 2026]) == [2024, 2027]
    assert year_range([2015, 2020, 2025]) == [2015, 2025]
    assert year_range([]) is None


@pytest.fixture(scope="module")
def corpus_db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = f"sqlite:///{tmp_path_factory.mktemp('chart') / 'x.sqlite'}"
    engine = open_database(url)
    assert all(o.status == "ingested" for o in ingest_paths(engine, [corpus_dir]))
    with transaction(engine) as s:
        refresh_facts(s, on=date(2026, 12, 4))
    yield engine
    engine.dispose()


def test_every_chart_of_the_corpus(corpus_db: Any) -> None:
    with session_factory(corpus_db)() as s:
        details = [indicator_detail(s, i) for i in s.scalars(select(Indicator.id))]
    charted = [d for d in details if d["chart"]["observations"] or d["chart"]["targets"]]
    assert len(charted) > 30
    paths = 0
    for d in charted:
        chart, name = d["chart"], d["indicator"]["name"]
        points = [tuple(p) for p in chart["observations"]]
        assert len(points) == len(set(points)), f"{name}: a figure drawn twice"
        years = [y for y, _ in points] + [t["year"] for t in chart["targets"] if t["year"]]
        lo, hi = chart["years"]
        assert lo <= min(years) and max(years) <= hi and hi - lo <= max(years) - min(years) + 2, (
            name
        )
        for t in d["targets"]:
            path = t["expected_path"]
            if len(path) < 2:
                continue
            paths += 1
            way = heading({**t, "direction": d["indicator"]["direction"]})
            rise = path[-1][1] - path[0][1]
            assert not (way == "up" and rise < 0) and not (way == "down" and rise > 0), (
                f"{name} {t['deadline_year']}: the path runs against the target"
            )
    assert paths > 20


def test_corpus_baselines_come_from_observations(corpus_db: Any) -> None:
    """实际利用外资: the plan's 2025 target names no baseline; the 2020 figure is it, shown with
    its year — also for the 2026 work report's target (baseline year 2025, latest figure 2020)."""
    with session_factory(corpus_db)() as s:
        ind = s.scalar(select(Indicator).where(Indicator.name == "实际利用外资"))
        assert ind is not None
        data = indicator_detail(s, ind.id)
    level = {t["deadline_year"]: t for t in data["targets"] if t["basis"] == "level"}
    assert level[2025]["baseline_value"] is None
    assert level[2025]["observed_baseline"] == {"value": 8.42, "year": 2020}
    assert level[2026]["observed_baseline"] == {"value": 8.42, "year": 2020}
    # the report's 7亿美元 is below the 2020 level of a higher-is-better indicator: a held line
    assert {v for _, v in level[2026]["expected_path"]} == {7.0}
