"""Increase targets with multi-year totals (〔48〕 over five years): never counted twice."""

from __future__ import annotations

import pytest

from plancockpit.evaluate import Obs, TargetSpec, assess

# 13th-plan style: 累计〔50〕 between 2015 and 2020.
FDI = TargetSpec(
    value=50, basis="increase", comparator=">=", deadline_year=2020, baseline_year=2015
)
TOTAL = Obs(2020, 48, basis="increase", start_year=2016)


def _yearly(*pairs: tuple[int, float]) -> list[Obs]:
    return [Obs(y, v, basis="increase") for y, v in pairs]


@pytest.mark.parametrize(
    ("observations", "actual", "note"),
    [
        # The total alone: the period's additions.
        ([TOTAL], 48.0, "replaces the yearly figures"),
        # Every year reported too: the yearly figures win, the total is not added on top.
        (
            [TOTAL, *_yearly((2016, 9), (2017, 9), (2018, 10), (2019, 10), (2020, 11))],
            49.0,
            "yearly figures used",
        ),
        # Some years only: the total stands for all five, the partial years are not added.
        ([TOTAL, *_yearly((2019, 10), (2020, 11))], 48.0, "replaces the yearly figures"),
    ],
)
def test_period_total_and_yearly_figures_never_add_up_twice(
    observations: list[Obs], actual: float, note: str
) -> None:
    a = assess(FDI, observations, 2021.0)
    assert a.actual == pytest.approx(actual)
    assert any(note in n for n in a.notes)
    assert a.status == "off_track" and a.missed  # 48 or 49 < 50 at the deadline


def test_a_total_outside_the_period_is_left_out() -> None:
    plan = TargetSpec(
        value=10, basis="increase", comparator=">=", deadline_year=2025, baseline_year=2020
    )
    # The previous plan's total (2016–2020) says nothing about 2021–2025.
    a = assess(plan, [TOTAL, *_yearly((2021, 2.0), (2022, 2.1))], 2023.0)
    assert a.actual == pytest.approx(4.1) and not any("total" in n for n in a.notes)
    # A total straddling the period start cannot be split: left out, with a note.
    straddle = Obs(2022, 6.0, basis="increase", start_year=2019)
    b = assess(plan, [straddle, *_yearly((2021, 2.0), (2022, 2.1))], 2023.0)
    assert b.actual == pytest.approx(4.1)
    assert any("reaches outside the period" in n for n in b.notes)


def test_overlapping_totals_count_once() -> None:
    other = Obs(2020, 47, basis="increase", start_year=2018)
    a = assess(FDI, [TOTAL, other], 2021.0)
    assert a.actual == pytest.approx(48.0)
