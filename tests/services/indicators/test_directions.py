"""Which stored directions settle how a plain `=` target is judged."""

from __future__ import annotations

from plancockpit.db.models import Indicator
from plancockpit.evaluate.direction import TargetCue, infer_direction
from plancockpit.services.indicators.directions import settled_by_meaning


def _indicator(name: str, targets: list[TargetCue], override: str | None = None) -> Indicator:
    found = infer_direction(name, targets, planner=override)
    return Indicator(
        name=name,
        key=name,
        direction=found.direction,
        direction_reason=found.reason,
        direction_override=override,
    )


def test_a_name_or_a_planner_settles_the_direction_a_movement_does_not() -> None:
    fall = [TargetCue(baseline=83.45, value=83.0)]
    assert settled_by_meaning(_indicator("人均预期寿命", fall))
    assert settled_by_meaning(_indicator("某某指数", fall, override="up"))
    assert not settled_by_meaning(_indicator("某某指数", fall))  # movement: "down"
    assert not settled_by_meaning(_indicator("某某指数", []))  # assumed
