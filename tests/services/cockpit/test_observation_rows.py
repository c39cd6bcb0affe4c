"""An indicator page shows one figure once, with every source that states it."""

from __future__ import annotations

from plancockpit.db.models import Observation
from plancockpit.services.cockpit.indicators import observation_rows


def test_the_same_figure_from_three_records_is_one_row_with_three_sources() -> None:
    same = dict(
        year=2020,
        month=None,
        region_id=1,
        basis="level",
        unit="亿元",
        value=1828.47,
        conflict=False,
    )
    obs = [Observation(**same, record_id=r) for r in (3, 8, 12)]
    obs.append(
        Observation(
            **{**same, "value": 1900.0, "conflict": True}, source_file="统计局.xlsx", source_row=4
        )
    )
    rows = observation_rows(obs)
    assert [(r["value"], len(r["sources"]), r["conflict"]) for r in rows] == [
        (1828.47, 3, False),
        (1900.0, 1, True),
    ]
    assert [s["record_id"] for s in rows[0]["sources"]] == [3, 8, 12]
