"""The evaluation on constructed cases: every status, basis, comparator, range and edge case."""

from __future__ import annotations

from datetime import date

import pytest

from plancockpit.evaluate import DEFAULT, Obs, TargetSpec, Thresholds, assess

GDP = TargetSpec(value=2600, deadline_year=2025, baseline_value=1828.47, baseline_year=2020)


def test_level_geometric_path_from_the_plan_figures() -> None:
    # 1828.47 → 2600 over five years; two years in, the path expects 1828.47·(2600/1828.47)^0.4.
    a = assess(GDP, [Obs(2022, 2110)], 2023.0)
    assert a.path == "geometric"
    assert a.elapsed == pytest.approx(0.4)
    assert a.expected == pytest.approx(1828.47 * (2600 / 1828.47) ** 0.4)
    assert a.progress == pytest.approx((2110 - 1828.47) / (a.expected - 1828.47))
    assert a.status == "on_track" and a.light == "green"


@pytest.mark.parametrize(
    ("value", "status", "light", "words"),
    [
        (2200.0, "on_track", "green", "快于预期"),  # p ≈ 1.34
        (2050.0, "at_risk", "yellow", "滞后于预期"),  # p ≈ 0.80
        (1900.0, "off_track", "red", "滞后于预期"),  # p ≈ 0.26
        (1800.0, "off_track", "red", "滞后于预期"),  # p < 0: deteriorating
        (2650.0, "achieved", "green", "提前实现"),
    ],
)
def test_level_statuses(value: float, status: str, light: str, words: str) -> None:
    a = assess(GDP, [Obs(2022, value)], 2023.0)
    assert (a.status, a.light, a.words) == (status, light, words)
    assert a.deteriorating is (value < 1828.47)
    assert a.score is not None


def test_no_data_and_not_yet_due_and_stale() -> None:
    assert assess(GDP, [], 2023.0).status == "no_data"
    assert assess(GDP, [Obs(2020, 1828.47)], 2023.0).status == "no_data"  # only the baseline
    annual = TargetSpec(value=3.5, basis="growth", deadline_year=2026, baseline_year=2025)
    assert assess(annual, [], date(2025, 6, 1)).status == "not_yet_due"
    assert assess(annual, [], date(2026, 3, 1)).status == "no_data"
    old = assess(GDP, [Obs(2021, 1990)], date(2024, 6, 1))
    assert old.stale and not assess(GDP, [Obs(2023, 2200)], date(2024, 3, 1)).stale


def test_deadline_passed_missed_and_met_on_time() -> None:
    missed = assess(GDP, [Obs(2025, 2500)], 2026.5)
    assert (missed.status, missed.missed, missed.words) == ("off_track", True, "未实现")
    met = assess(GDP, [Obs(2025, 2610)], 2026.5)
    assert (met.status, met.early, met.words) == ("achieved", False, "已实现")


def test_observations_after_the_date_are_ignored() -> None:
    assert assess(GDP, [Obs(2025, 2610)], 2023.0).status == "no_data"


@pytest.mark.parametrize(
    ("comparator", "value_max", "x", "met"),
    [
        (">=", None, 100.0, True),
        (">=", None, 99.0, False),
        (">", None, 100.0, False),
        (">", None, 100.5, True),
        ("<=", None, 100.0, True),
        ("<=", None, 100.5, False),
        ("<", None, 100.0, False),
        ("<", None, 99.5, True),
        ("~", None, 101.9, True),
        ("~", None, 102.5, True),
        ("~", None, 98.1, True),
        ("~", None, 97.5, False),  # 左右: beyond in the desired direction is met, short is not
        ("=", None, 100.0, True),
        ("=", None, 99.0, False),
        ("=", 105.0, 103.0, True),
        ("=", 105.0, 106.0, False),
    ],
)
def test_comparators_at_the_deadline(
    comparator: str, value_max: float | None, x: float, met: bool
) -> None:
    spec = TargetSpec(
        value=100,
        value_max=value_max,
        comparator=comparator,
        deadline_year=2025,
        baseline_value=100 if comparator in ("<=", "<") else 80,
        baseline_year=2020,
    )
    a = assess(spec, [Obs(2025, x)], 2026.0)
    assert (a.status == "achieved") is met


def test_range_below_above_and_inside() -> None:
    # 平安指数 97.2 → 96-97: the baseline is above the range; the aim is its upper end.
    spec = TargetSpec(
        value=96, value_max=97, deadline_year=2025, baseline_value=97.2, baseline_year=2020
    )
    assert assess(spec, [Obs(2022, 96.5)], 2023.0).status == "achieved"
    assert assess(spec, [Obs(2022, 97.5)], 2023.0).deteriorating


def test_limit_within_since_baseline_is_on_track_until_the_deadline() -> None:
    cap = TargetSpec(
        value=1.65,
        comparator="<=",
        deadline_year=2025,
        baseline_value=1.6,
        baseline_year=2020,
        direction="down",
    )
    assert assess(cap, [Obs(2022, 1.62)], 2023.0).status == "on_track"
    assert assess(cap, [Obs(2025, 1.62)], 2026.0).status == "achieved"


def test_ratio_target_uses_distance_linearly_when_falling() -> None:
    # 倍差 1.8 → ≤ 1.65: a fall, measured as the distance covered.
    spec = TargetSpec(
        value=1.65,
        comparator="<=",
        deadline_year=2025,
        baseline_value=1.8,
        baseline_year=2020,
        direction="down",
    )
    a = assess(spec, [Obs(2023, 1.70)], 2024.0)
    assert a.progress == pytest.approx((1.70 - 1.8) / (a.expected - 1.8))
    assert a.status == "on_track"


def test_zero_and_negative_values_use_the_linear_path() -> None:
    spec = TargetSpec(value=10, deadline_year=2025, baseline_value=-5, baseline_year=2020)
    a = assess(spec, [Obs(2022, 1)], 2023.0)
    assert a.path == "linear" and a.expected == pytest.approx(-5 + 0.4 * 15)
    zero = TargetSpec(value=50, deadline_year=2025, baseline_value=0, baseline_year=2020)
    assert assess(zero, [Obs(2022, 20)], 2023.0).path == "linear"


def test_bounded_share_is_linear_and_capped() -> None:
    spec = TargetSpec(
        value=100, deadline_year=2025, baseline_value=90, baseline_year=2020, bounded=True
    )
    a = assess(spec, [Obs(2021, 92), Obs(2022, 94), Obs(2023, 96)], 2024.0)
    assert a.path == "linear" and a.anticipated is not None and a.anticipated <= 100


def test_increase_pro_rated_and_by_annual_steps() -> None:
    jobs = TargetSpec(
        value=10, basis="increase", comparator=">=", deadline_year=2025, baseline_year=2020
    )
    a = assess(jobs, [Obs(2021, 2.2, basis="increase"), Obs(2022, 2.1, basis="increase")], 2023.0)
    assert a.actual == pytest.approx(4.3) and a.expected == pytest.approx(4.0)
    assert a.status == "on_track" and a.gap is not None and a.gap < 0
    stepped = TargetSpec(
        value=10,
        basis="increase",
        comparator=">=",
        deadline_year=2025,
        baseline_year=2020,
        steps=((2021, 1.5), (2022, 3.0)),
    )
    b = assess(stepped, [Obs(2021, 2.0, basis="increase"), Obs(2022, 2.0, basis="increase")], 2023)
    assert b.path == "steps" and b.expected == pytest.approx(4.5)
    assert b.status == "at_risk"
    done = assess(jobs, [Obs(y, 2.6, basis="increase") for y in (2021, 2022, 2023, 2024)], 2025.0)
    assert done.status == "achieved" and done.early


def test_growth_from_levels_rates_and_year_to_date() -> None:
    retail = TargetSpec(
        value=5, basis="growth", deadline_year=2025, baseline_value=719.97, baseline_year=2020
    )
    a = assess(retail, [Obs(2022, 719.97 * 1.05**2)], 2023.0)
    assert a.actual == pytest.approx(5.0) and a.progress == pytest.approx(1.0)
    assert a.status == "on_track" and a.elapsed == pytest.approx(0.4)  # not pro-rated
    chained = assess(retail, [Obs(2021, 3.0, basis="growth"), Obs(2022, 3.0, basis="growth")], 2023)
    assert chained.actual == pytest.approx(3.0) and chained.status == "at_risk"
    annual = TargetSpec(value=3.5, basis="growth", deadline_year=2026, baseline_year=2025)
    ytd = assess(annual, [Obs(2026, 1.5, month=6, basis="growth")], date(2026, 7, 15))
    assert ytd.elapsed == pytest.approx(0.5) and ytd.progress == pytest.approx(1.5 / 3.5)
    assert ytd.status == "off_track"
    final = assess(annual, [Obs(2026, 3.6, basis="growth")], 2027.2)
    assert final.status == "achieved"


def test_growth_never_through_non_positive_values_and_rates_compared_directly() -> None:
    spec = TargetSpec(
        value=5, basis="growth", deadline_year=2025, baseline_value=-2, baseline_year=2020
    )
    a = assess(spec, [Obs(2022, 3)], 2023.0)
    assert a.status == "no_data" and any("undefined" in n for n in a.notes)
    rate = TargetSpec(value=6, basis="growth", deadline_year=2025, baseline_year=2020, is_rate=True)
    b = assess(rate, [Obs(2021, 6.5), Obs(2022, 5.5)], 2023.0)
    assert b.path == "rate" and b.actual == pytest.approx(6.0)


def test_decline_target() -> None:
    spec = TargetSpec(
        value=5, basis="growth", deadline_year=2025, baseline_year=2020, direction="down"
    )
    a = assess(spec, [Obs(2021, -5.5, basis="growth")], 2022.0)
    assert a.expected == -5 and a.status == "on_track"


def test_binding_not_green_is_red_and_aspiration_is_a_stretch_line() -> None:
    spec = TargetSpec(
        value=2600,
        deadline_year=2025,
        baseline_value=1828.47,
        baseline_year=2020,
        binding=True,
        stretch=2800,
    )
    a = assess(spec, [Obs(2022, 2050)], 2023.0)
    assert a.status == "off_track" and any("binding" in n for n in a.notes)
    b = assess(spec, [Obs(2022, 2700)], 2023.0)
    assert b.status == "achieved" and b.stretch_met is False


def test_anticipated_value_turns_green_to_at_risk() -> None:
    # Green by elapsed time (p ≥ 0.95) but slowing: the weighted trend misses 2600.
    a = assess(GDP, [Obs(2021, 2000), Obs(2022, 2090), Obs(2023, 2120)], 2024.0)
    assert a.progress is not None and a.progress < 0.95 or a.gap is not None
    assert a.gap is not None and a.gap > 0 and a.status == "at_risk"
    two = assess(GDP, [Obs(2021, 1920)], 2022.0)
    assert two.anticipated == pytest.approx(1920 * (1920 / 1828.47) ** 4)


def test_revised_target_is_assessed_against_the_revision() -> None:
    original = TargetSpec(value=10.7, deadline_year=2025, baseline_value=8.42, baseline_year=2020)
    revised = TargetSpec(value=9.0, deadline_year=2025, baseline_value=8.42, baseline_year=2020)
    obs = [Obs(2023, 8.9)]
    assert assess(original, obs, 2024.0).status != "achieved"
    assert assess(revised, obs, 2024.0).progress > assess(original, obs, 2024.0).progress


def test_settings_are_validated_and_change_the_cuts() -> None:
    strict = Thresholds.from_mapping({"green": 1.2, "faster": 1.3})
    a = assess(GDP, [Obs(2022, 2110)], 2023.0, strict)
    assert (
        a.status == "at_risk"
        and assess(GDP, [Obs(2022, 2110)], 2023.0, DEFAULT).status == "on_track"
    )
    with pytest.raises(ValueError, match="unknown"):
        Thresholds.from_mapping({"greeen": 1})
    with pytest.raises(ValueError, match="yellow"):
        Thresholds.from_mapping({"yellow": 0.99, "green": 0.9})


def test_assessment_serialises_its_numbers() -> None:
    data = assess(GDP, [Obs(2022, 2100)], 2023.0).to_json()
    assert {"progress", "expected", "elapsed", "anticipated", "gap", "notes"} <= set(data)


def test_plain_target_behind_its_baseline_is_a_floor_when_the_meaning_settles_the_way() -> None:
    # 人均预期寿命 (direction "up" from its name): 83.45 in 2015, "83" for 2020. Read by its
    # movement the target would ask for a fall; by its meaning it is a level to keep.
    floor = TargetSpec(
        value=83,
        deadline_year=2020,
        baseline_value=83.45,
        baseline_year=2015,
        direction="up",
        direction_settled=True,
    )
    kept = assess(floor, [Obs(2019, 84.92)], 2020.0)
    assert (kept.status, kept.progress) == ("on_track", 1.0)
    assert assess(floor, [Obs(2020, 84.92)], 2021.0).status == "achieved"
    assert assess(floor, [Obs(2019, 82.5)], 2020.0).status == "off_track"
    # Without a settled direction the movement still decides (the old reading).
    moved = assess(
        TargetSpec(value=83, deadline_year=2020, baseline_value=83.45, baseline_year=2015),
        [Obs(2019, 84.92)],
        2020.0,
    )
    assert moved.status == "off_track"


def test_growth_is_not_worked_out_between_an_adjusted_level_and_a_usual_one() -> None:
    # 一般公共预算收入增长7.5%: 17亿元 in 2016, then 剔除虚增空转因素后完成10.4亿元 in 2017.
    spec = TargetSpec(value=7.5, basis="growth", deadline_year=2017, baseline_year=2016)
    usual = [Obs(2016, 17.0), Obs(2017, 18.3)]
    assert assess(spec, usual, 2018.0).status == "achieved"
    adjusted = [Obs(2016, 17.0), Obs(2017, 10.4, adjusted=True)]
    a = assess(spec, adjusted, 2018.0)
    assert a.status == "no_data" and any("剔除" in n for n in a.notes)
    both = [Obs(2016, 15.0, adjusted=True), Obs(2017, 16.2, adjusted=True)]
    assert assess(spec, both, 2018.0).status == "achieved"
