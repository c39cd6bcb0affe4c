"""The pure formulas: comparators, expected paths, realised growth, anticipated values."""

from __future__ import annotations

import math
from collections.abc import Sequence

from plancockpit.evaluate.inputs import Direction, Obs, TargetSpec

EPS = 1e-9


def meets(
    x: float,
    comparator: str,
    target: float,
    target_max: float | None,
    direction: Direction,
    tolerance: float,
) -> bool:
    """Whether `x` satisfies the target: `>=`/`>` reach, `<=`/`<` stay within, `~` within the
    tolerance (a share of |target|) or beyond the target in the desired direction (GDP growth
    6.9% against 6.5%左右), a range when inside it, `=` by the desired direction."""
    if target_max is not None:
        return target - EPS <= x <= target_max + EPS
    if comparator in (">=", ">"):
        return x >= target - EPS if comparator == ">=" else x > target
    if comparator in ("<=", "<"):
        return x <= target + EPS if comparator == "<=" else x < target
    if comparator == "~":
        beyond = x >= target if direction == "up" else x <= target
        return beyond or abs(x - target) <= tolerance * abs(target) + EPS
    return x >= target - EPS if direction == "up" else x <= target + EPS


def aim(spec: TargetSpec, baseline: float | None = None) -> float:
    """The single value progress is measured towards: for a range the bound nearer the baseline
    (the target's own baseline, else `baseline`, the observed one)."""
    x_b = spec.baseline_value if spec.baseline_value is not None else baseline
    if spec.value_max is None or x_b is None:
        return spec.value
    if x_b > spec.value_max:
        return spec.value_max
    return spec.value


def heading(spec: TargetSpec, baseline: float | None = None) -> Direction:
    """Which way the target asks the indicator to move: its comparator, else the indicator's
    direction when its meaning settles it, else the movement from the baseline (the target's
    own, else `baseline`, the observed one) to the target, else the indicator's direction."""
    if spec.comparator in ("<=", "<"):
        return "down"
    if spec.comparator in (">=", ">"):
        return "up"
    if spec.direction_settled and spec.value_max is None:
        return spec.direction
    x_b = spec.baseline_value if spec.baseline_value is not None else baseline
    if x_b is not None and abs(aim(spec, x_b) - x_b) > EPS:
        return "up" if aim(spec, x_b) > x_b else "down"
    return spec.direction


def expected_level(
    x_b: float, x_star: float, f: float, bounded: bool, bound: float
) -> tuple[float, str]:
    """e_t on the expected path: geometric when both values are positive (consistent with 年均增长),
    linear when a value is ≤ 0 or the indicator is a share bounded at 0/100 (capped at the bound)."""
    f = min(max(f, 0.0), 1.0)
    if x_b > 0 and x_star > 0 and not bounded:
        return x_b * (x_star / x_b) ** f, "geometric"
    e = x_b + f * (x_star - x_b)
    if bounded:
        e = min(max(e, 0.0), bound)
    return e, "linear"


def ratio(moved: float, needed: float, satisfied: bool) -> float:
    """p = moved / needed; when nothing needed moving (a kept value), 1 if satisfied, else 0."""
    if abs(needed) < EPS:
        return 1.0 if satisfied else 0.0
    return moved / needed


def expected_additions(spec: TargetSpec, t: float) -> tuple[float, str]:
    """Σ additions expected by time t: the annual steps where there are some, else f·x*.

    Years of the period without an annual step share what the steps leave of x* equally, so
    one work report's annual target sets its year and the rest of the path still adds up to x*.
    """
    b = spec.start
    if spec.steps:
        stepped = dict(spec.steps)
        years = range(int(b) + 1, spec.deadline_year + 1)
        free = [y for y in years if y not in stepped]
        rest = max(spec.value - sum(stepped.values()), 0.0) / len(free) if free else 0.0
        total = 0.0
        for year in years:
            share = min(max(t - (year - 1), 0.0), 1.0)
            total += share * stepped.get(year, rest)
        return total, "steps"
    f = (t - b) / (spec.deadline_year - b)
    return min(max(f, 0.0), 1.0) * spec.value, "linear"


def average_growth(x_b: float, t_b: float, x_t: float, t_t: float) -> float | None:
    """Average annual growth in % between two positive levels; None for zero or negative values."""
    if x_b <= 0 or x_t <= 0 or t_t <= t_b:
        return None
    ratio: float = (x_t / x_b) ** (1 / (t_t - t_b))
    return (ratio - 1) * 100


def chained_growth(rates: Sequence[float]) -> float:
    """The average of annual growth rates in %, chained geometrically."""
    product = math.prod(1 + r / 100 for r in rates)
    if product <= 0:
        return sum(rates) / len(rates)
    return (product ** (1 / len(rates)) - 1) * 100


def anticipate(
    points: Sequence[tuple[float, float]],
    deadline: float,
    bounded: bool,
    bound: float,
    halflife: float,
) -> tuple[float | None, str]:
    """x̂_T: a least-squares line weighted towards recent years with ≥3 points (on the log scale
    when all values are positive and unbounded, matching the geometric path), the average growth
    extrapolated with 2, nothing with fewer."""
    if len(points) < 2:
        return None, ""
    points = sorted(points)
    positive = all(v > 0 for _, v in points) and not bounded
    if len(points) == 2:
        (t0, v0), (t1, v1) = points
        if positive:
            r = (v1 / v0) ** (1 / (t1 - t0))
            value, how = v1 * r ** (deadline - t1), "average growth"
        else:
            value, how = v1 + (v1 - v0) / (t1 - t0) * (deadline - t1), "linear trend"
    else:
        last = points[-1][0]
        ws = [0.5 ** ((last - t) / halflife) for t, _ in points]
        ys = [math.log(v) if positive else v for _, v in points]
        ts = [t for t, _ in points]
        sw = sum(ws)
        mt = sum(w * t for w, t in zip(ws, ts, strict=True)) / sw
        my = sum(w * y for w, y in zip(ws, ys, strict=True)) / sw
        stt = sum(w * (t - mt) ** 2 for w, t in zip(ws, ts, strict=True))
        sty = sum(w * (t - mt) * (y - my) for w, t, y in zip(ws, ts, ys, strict=True))
        slope = sty / stt if stt > EPS else 0.0
        y_hat = my + slope * (deadline - mt)
        value = math.exp(y_hat) if positive else y_hat
        how = "weighted least squares (log)" if positive else "weighted least squares"
    if bounded:
        value = min(max(value, 0.0), bound)
    return value, how


def distinct_latest(observations: Sequence[Obs]) -> list[Obs]:
    """One observation per period (year, month): the last given wins; sorted by time."""
    by_period: dict[tuple[int, int | None], Obs] = {}
    for obs in observations:
        by_period[(obs.year, obs.month)] = obs
    return sorted(by_period.values(), key=lambda o: o.time)
