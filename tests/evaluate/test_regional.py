"""Observations rolled up from sub-regions: only where the region has none, only when complete."""

from __future__ import annotations

import pytest

from plancockpit.evaluate import Obs
from plancockpit.evaluate.regional import with_roll_ups

# None is the whole district; 1, 2 towns; 11, 12 villages of town 1.
TREE: dict[int | None, list[int | None]] = {None: [1, 2], 1: [11, 12]}


def _inc(year: int, value: float, **kw: object) -> Obs:
    return Obs(year, value, basis="increase", **kw)  # type: ignore[arg-type]


def test_towns_sum_to_the_district_when_it_has_no_value() -> None:
    own = {
        1: [_inc(2023, 1.2), _inc(2024, 1.0)],
        2: [_inc(2023, 0.8), _inc(2024, 0.5)],
        None: [_inc(2024, 1.6)],
    }
    series = with_roll_ups(None, own, TREE)
    by_year = {o.year: o for o in series}
    assert by_year[2023].value == pytest.approx(2.0) and by_year[2023].rolled_up
    assert by_year[2024].value == 1.6 and not by_year[2024].rolled_up  # its own value stands


def test_incomplete_periods_and_growth_rates_do_not_roll_up() -> None:
    own = {
        1: [_inc(2023, 1.2), Obs(2023, 5.0, basis="growth")],
        2: [Obs(2023, 4.0, basis="growth")],
    }
    assert with_roll_ups(None, own, TREE) == []


def test_villages_fill_their_town_first() -> None:
    own = {11: [Obs(2023, 30.0)], 12: [Obs(2023, 20.0)], 2: [Obs(2023, 40.0)]}
    series = with_roll_ups(None, own, TREE)
    assert [(o.value, o.rolled_up) for o in series] == [(90.0, True)]
    assert with_roll_ups(1, own, TREE)[0].value == 50.0


def test_periods_are_kept_apart() -> None:
    own = {
        1: [_inc(2020, 30.0, start_year=2016), Obs(2023, 5.0, month=6)],
        2: [_inc(2020, 18.0, start_year=2016), Obs(2023, 4.0)],
    }
    series = with_roll_ups(None, own, TREE)
    assert [(o.year, o.start_year, o.value) for o in series] == [(2020, 2016, 48.0)]
