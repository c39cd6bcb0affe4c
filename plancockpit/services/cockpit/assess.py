"""What the cockpit takes from the evaluation: the statuses and the expected path for charts."""

from __future__ import annotations

from typing import Any

from plancockpit.evaluate.assessment import LIGHT_OF, STATUSES
from plancockpit.evaluate.paths import expected_level
from plancockpit.evaluate.settings import DEFAULT

__all__ = ["LIGHT_OF", "STATUSES", "expected_path"]


def heading(target: dict[str, Any]) -> str | None:
    """Which way a target asks the indicator to go: its comparator (≥ up, ≤ down), else the
    indicator's desired direction (`direction`: up | down | None)."""
    comparator = target.get("comparator")
    if comparator in (">=", ">"):
        return "up"
    if comparator in ("<=", "<"):
        return "down"
    direction = target.get("direction")
    return direction if direction in ("up", "down") else None


def expected_path(target: dict[str, Any]) -> list[tuple[int, float]]:
    """Year-by-year expected values from the baseline to a level target (for the indicator chart).

    A path never runs against the target's direction: when the baseline already lies beyond the
    target (a ≥ 96 target from 97.2), the path is the target's level held from the baseline year
    to the deadline — the line to stay above (or below) — not a planned decline.

    >>> expected_path({"basis": "level", "comparator": ">=", "value": 96.0,
    ...                "baseline_value": 97.2, "baseline_year": 2020, "deadline_year": 2022})
    [(2020, 96.0), (2021, 96.0), (2022, 96.0)]
    >>> expected_path({"basis": "level", "comparator": "=", "value": 121.0, "direction": "up",
    ...                "baseline_value": 100.0, "baseline_year": 2020, "deadline_year": 2022})
    [(2020, 100.0), (2021, 110.0), (2022, 121.0)]
    >>> expected_path({"basis": "level", "comparator": "=", "value": 96.0, "value_max": 97.0,
    ...                "direction": "up", "baseline_value": 97.2, "baseline_year": 2020,
    ...                "deadline_year": 2021})
    [(2020, 97.0), (2021, 97.0)]
    """
    b, t_end = target.get("baseline_year"), target.get("deadline_year")
    x_b, x_star = target.get("baseline_value"), target["value"]
    if b is None or t_end is None or x_b is None or t_end <= b or target.get("basis") != "level":
        return []
    top = target.get("value_max")
    if top is not None and x_b > top:  # a range is aimed at from the side of the baseline
        x_star = top
    way = heading(target)
    if (way == "up" and x_star < x_b) or (way == "down" and x_star > x_b):
        return [(year, float(x_star)) for year in range(b, t_end + 1)]
    return [
        (
            year,
            round(
                expected_level(
                    x_b,
                    x_star,
                    (year - b) / (t_end - b),
                    bool(target.get("bounded")),
                    DEFAULT.bound,
                )[0],
                4,
            ),
        )
        for year in range(b, t_end + 1)
    ]
