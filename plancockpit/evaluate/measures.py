"""One measure per basis: the numbers behind a status (spec: progress.md, steps 2–4).

Each returns a dict of `Assessment` fields plus `met` (the target is satisfied by the latest
figure) and `within_from_start` (a limit that the baseline already satisfied).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from plancockpit.evaluate.inputs import Obs, TargetSpec
from plancockpit.evaluate.notes import Note, note
from plancockpit.evaluate.paths import (
    EPS,
    aim,
    anticipate,
    average_growth,
    chained_growth,
    distinct_latest,
    expected_additions,
    expected_level,
    heading,
    meets,
    ratio,
)
from plancockpit.evaluate.settings import Thresholds

LIMITS = ("<=", "<", "~")


def _baseline(spec: TargetSpec, levels: list[Obs]) -> float | None:
    """The target's baseline, else an observed level at (or the latest before) the baseline year."""
    if spec.baseline_value is not None:
        return spec.baseline_value
    before = [o for o in levels if o.time <= spec.start + EPS]
    return before[-1].value if before else None


def measure_level(spec: TargetSpec, known: Sequence[Obs], settings: Thresholds) -> dict[str, Any]:
    """Level targets: x_t against the expected path e_t; p = (x_t − x_b)/(e_t − x_b)."""
    levels = distinct_latest([o for o in known if o.basis == "level"])
    since = _in_period(spec, levels)
    x_b = _baseline(spec, levels)
    out: dict[str, Any] = {
        "baseline": x_b,
        "observations": len(since),
        "notes": _later_only(spec, levels, since),
    }
    if not since:
        return out
    latest = since[-1]
    x_t, t = latest.value, latest.time
    b, big_t = spec.start, float(spec.deadline_year)
    direction = heading(spec, x_b)
    met = meets(x_t, spec.comparator, spec.value, spec.value_max, direction, settings.tolerance)
    out.update(latest=x_t, latest_time=t, actual=x_t, met=met)
    if x_b is None:
        return out
    x_star = aim(spec, x_b)
    # A plain `=` target the baseline already passes in the settled direction (人均预期寿命 83
    # against 83.45) asks to keep a level, not to move back to it: a floor (or ceiling).
    kept = _kept_level(spec, x_b, x_star)
    is_limit = spec.comparator in LIMITS or spec.value_max is not None or kept
    out["within_from_start"] = is_limit and meets(
        x_b, spec.comparator, spec.value, spec.value_max, direction, settings.tolerance
    )
    if kept:
        out.update(progress=1.0 if met else 0.0)
        return out
    f = min((t - b) / (big_t - b), 1.0)
    e_t, path = expected_level(x_b, x_star, f, spec.bounded, settings.bound)
    out.update(elapsed=f, expected=e_t, path=path, progress=ratio(x_t - x_b, e_t - x_b, met))
    points = [(b, x_b)] + [(o.time, o.value) for o in since]
    x_hat, how = anticipate(
        points, big_t, spec.bounded, settings.bound, settings.recent_halflife_years
    )
    if x_hat is not None:
        out["anticipated"] = x_hat
        out["notes"].append(note("anticipated_by", how=how))
        if abs(x_star - x_b) > EPS:
            out["gap"] = (x_star - x_hat) / (x_star - x_b)
    return out


def _kept_level(spec: TargetSpec, x_b: float, x_star: float) -> bool:
    """Whether a plain `=` target lies behind its baseline in the indicator's settled direction."""
    if not spec.direction_settled or spec.comparator != "=" or spec.value_max is not None:
        return False
    behind = x_star - x_b if spec.direction == "down" else x_b - x_star
    return behind > EPS


def _in_period(spec: TargetSpec, series: list[Obs]) -> list[Obs]:
    """The observations after the baseline and not after the deadline: a target is judged by
    its deadline year's figure (while it runs, the latest one), never by a later year's."""
    return [o for o in series if spec.start + EPS < o.time <= spec.deadline_year + EPS]


def _later_only(spec: TargetSpec, series: list[Obs], within: list[Obs]) -> list[Note]:
    """A note when figures after the deadline exist but none of the deadline year."""
    later = [o for o in series if o.time > spec.deadline_year + EPS]
    if later and not any(o.time >= spec.deadline_year - EPS for o in within):
        return [note("later_figure_ignored", year=later[0].year, deadline=spec.deadline_year)]
    return []


def measure_increase(
    spec: TargetSpec, known: Sequence[Obs], settings: Thresholds
) -> dict[str, Any]:
    """Increase targets: p = Σ additions since the baseline / the additions expected by now."""
    notes: list[Note] = []
    adds = distinct_latest([o for o in known if o.basis == "increase" and not o.is_period_total])
    # A year's annual figure replaces its year-to-date figures.
    annual = {o.year for o in adds if o.month is None}
    adds = [o for o in adds if o.month is None or o.year not in annual]
    within = [o for o in adds if spec.start + EPS < o.time <= spec.deadline_year + EPS]
    within = _with_period_totals(
        spec, within, [o for o in known if o.basis == "increase" and o.is_period_total], notes
    )
    out: dict[str, Any] = {"baseline": 0.0, "observations": len(within), "notes": notes}
    if not within:
        return out
    total = sum(o.value for o in within)
    t = within[-1].time
    b, big_t = spec.start, float(spec.deadline_year)
    met = meets(total, spec.comparator, spec.value, spec.value_max, "up", settings.tolerance)
    expected, path = expected_additions(spec, t)
    out.update(
        latest=within[-1].value,
        latest_time=t,
        actual=total,
        expected=expected,
        elapsed=min((t - b) / (big_t - b), 1.0),
        path=path,
        met=met,
        progress=ratio(total, expected, met),
    )
    if t > b:
        out["anticipated"] = total + total / (t - b) * max(big_t - t, 0.0)
        if abs(spec.value) > EPS:
            out["gap"] = (spec.value - out["anticipated"]) / spec.value
        notes.append(note("anticipated_additions"))
    return out


def _with_period_totals(
    spec: TargetSpec, yearly: list[Obs], totals: list[Obs], notes: list[Note]
) -> list[Obs]:
    """Yearly additions and multi-year totals, never both for the same years.

    A total over start…end counts only when the target's period holds all of it; it then
    replaces the yearly figures of those years unless they cover every one of them (the yearly
    figures are finer). A total reaching outside the period cannot be split and is left out.
    """
    first, last = int(spec.start) + 1, spec.deadline_year
    for total in sorted(totals, key=lambda o: (o.year, o.start_year or 0)):
        start = total.start_year or total.year
        span = set(range(start, total.year + 1))
        if start < first or total.year > last:
            if span & set(range(first, last + 1)):
                notes.append(note("total_outside_period", start=start, end=total.year))
            continue
        if any(
            o.is_period_total and span & set(range(o.start_year or o.year, o.year + 1))
            for o in yearly
        ):
            continue  # an overlapping total was taken already
        if {o.year for o in yearly if o.year in span and o.month is None} >= span:
            notes.append(note("yearly_over_total", start=start, end=total.year))
            continue
        yearly = [o for o in yearly if o.year not in span] + [total]
        notes.append(
            note("total_replaces_yearly", start=start, end=total.year, value=float(total.value))
        )
    return sorted(yearly, key=lambda o: o.time)


def _level_ends(
    spec: TargetSpec, levels: list[Obs]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """A period (multi-year) growth target's levels at its baseline year and at its deadline
    year (annual figures), when both are known: (x_b, b), (x_T, T)."""
    b, big_t = spec.start, float(spec.deadline_year)
    if big_t - b <= 1 + EPS or spec.is_rate:
        return None
    annual = {o.year: o.value for o in levels if o.month is None}
    x_b = spec.baseline_value if spec.baseline_value is not None else annual.get(int(b))
    x_t = annual.get(spec.deadline_year)
    if x_b is None or x_t is None:
        return None
    return (x_b, b), (x_t, big_t)


def measure_growth(spec: TargetSpec, known: Sequence[Obs], settings: Thresholds) -> dict[str, Any]:
    """Growth targets: R = r_act / g. A rate is never pro-rated by elapsed time; an indicator that
    is itself a rate is compared with the target rate directly."""
    b, big_t = spec.start, float(spec.deadline_year)
    rates = distinct_latest(
        [o for o in known if o.basis == "growth" or (spec.is_rate and o.basis == "level")]
    )
    rates = [o for o in rates if b + EPS < o.time <= big_t + EPS]
    levels = distinct_latest([o for o in known if o.basis == "level"])
    notes: list[Note] = _later_only(
        spec,
        [*levels, *distinct_latest([o for o in known if o.basis == "growth"])],
        [*rates, *_in_period(spec, levels)],
    )
    r_act: float | None = None
    ends = _level_ends(spec, levels)
    if ends is not None:  # a period growth target with levels at both ends: the implied CAGR
        (x_first, _), (x_t, t) = ends
        r_act, path = average_growth(x_first, b, x_t, t), "levels"
        count = len(_in_period(spec, levels))
        notes.append(note("growth_from_levels", start=int(b), end=spec.deadline_year))
    elif rates:
        annual = [o for o in rates if o.month is None]
        latest = rates[-1]
        if spec.is_rate:
            r_act, path = sum(o.value for o in annual or [latest]) / len(annual or [latest]), "rate"
        elif annual and latest.month is None:
            r_act, path = chained_growth([o.value for o in annual]), "chained"
        else:
            r_act, path = latest.value, "year to date"
            notes.append(note("year_to_date_growth"))
        t, count = latest.time, len(rates)
    else:
        x_b = _baseline(spec, levels)
        since = _in_period(spec, levels)
        if not since:
            return {"observations": 0, "notes": notes}
        before = [o for o in levels if o.time <= b + EPS]
        first_adjusted = spec.baseline_value is None and bool(before) and before[-1].adjusted
        if since[-1].adjusted != first_adjusted:  # 剔除…后10.4亿元 after 17亿元 counted as usual
            notes.append(note("adjusted_levels", year=since[-1].year))
            return {"observations": 0, "notes": notes}
        t, count, path = since[-1].time, len(since), "levels"
        if x_b is not None:
            r_act = average_growth(x_b, b, since[-1].value, t)
        if r_act is None:
            notes.append(note("growth_undefined"))
    out: dict[str, Any] = {
        "observations": count,
        "latest_time": t,
        "path": path,
        "elapsed": min((t - b) / (big_t - b), 1.0),
        "notes": notes,
    }
    if r_act is None:
        out["latest_time"] = t
        return out
    g = spec.value if spec.direction == "up" else -spec.value
    g_max = spec.value_max if spec.direction == "up" or spec.value_max is None else -spec.value_max
    lo, hi = (g, g_max) if g_max is None or g <= g_max else (g_max, g)
    comparator = spec.comparator
    if spec.direction == "down":
        comparator = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}.get(comparator, comparator)
    met_now = meets(r_act, comparator, lo, hi, spec.direction, settings.tolerance)
    out.update(
        latest=r_act,
        actual=r_act,
        expected=g,
        progress=ratio(r_act, g, met_now),
        met=met_now and t >= big_t - EPS,
    )
    if met_now and t < big_t - EPS:
        notes.append(note("rate_can_fall_back"))
    return out
