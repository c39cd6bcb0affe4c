"""What the cockpit takes from the evaluation: the statuses and the expected path for charts."""

from __future__ import annotations

from typing import Any

from plancockpit.evaluate.assessment import LIGHT_OF, STATUSES
from plancockpit.evaluate.paths import expected_level
from plancockpit.evaluate.settings import DEFAULT

__all__ = ["LIGHT_OF", "STATUSES", "expected_path"]


def expected_path(target: dict[str, Any]) -> list[tuple[int, float]]:
    """Year-by-year expected values from the baseline to a level target (for the indicator chart)."""
    b, t_end = target.get("baseline_year"), target.get("deadline_year")
    x_b, x_star = target.get("baseline_value"), target["value"]
    if b is None or t_end is None or x_b is None or t_end <= b or target.get("basis") != "level":
        return []
    return [
        (year, round(expected_level(x_b, x_star, (year - b) / (t_end - b), bool(target.get("bounded")),
                                    DEFAULT.bound)[0], 4))
        for year in range(b, t_end + 1)
    ]
