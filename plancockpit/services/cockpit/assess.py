"""Adapter from stored targets to the evaluation (`plancockpit.evaluate`) and back to plain dicts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from plancockpit.evaluate.assess import assess as evaluate
from plancockpit.evaluate.assessment import LIGHT_OF, STATUSES
from plancockpit.evaluate.inputs import Obs, TargetSpec
from plancockpit.evaluate.paths import expected_level
from plancockpit.evaluate.settings import DEFAULT

_BASES = ("level", "growth", "increase")

__all__ = ["LIGHT_OF", "STATUSES", "assess", "expected_path", "spec_of"]


def spec_of(target: dict[str, Any]) -> TargetSpec | None:
    """The evaluation's view of a target row; None when it has no deadline (cannot be assessed)."""
    deadline = target.get("deadline_year")
    if deadline is None:
        return None
    return TargetSpec(
        value=target["value"], deadline_year=deadline, basis=target.get("basis") or "level",
        comparator=target.get("comparator") or "=", value_max=target.get("value_max"),
        baseline_value=target.get("baseline_value"), baseline_year=target.get("baseline_year"),
        direction=target.get("direction") or "up", bounded=bool(target.get("bounded")),
        binding=target.get("attribute") == "约束性", aspiration=bool(target.get("aspiration")),
    )


def assess(
    target: dict[str, Any], observations: Sequence[tuple[int, float, int | None, str]], on: date
) -> dict[str, Any]:
    """Status and the numbers behind it for one target, given (year, value, month, basis) rows."""
    spec = spec_of(target)
    if spec is None:
        return {"status": "no_data", "light": "grey", "progress": None, "notes": ["no deadline year"]}
    obs = [Obs(year=y, value=v, month=m, basis=b if b in _BASES else "level")  # type: ignore[arg-type]
           for y, v, m, b in observations]
    result = evaluate(spec, obs, on).to_json()
    result["latest_value"] = result.get("latest")
    result["latest_year"] = int(result["latest_time"]) if result.get("latest_time") is not None else None
    return result


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
