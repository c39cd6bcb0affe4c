"""Expected paths: annual steps from work reports inside a plan's period total."""

from __future__ import annotations

import pytest

from plancockpit.evaluate import TargetSpec
from plancockpit.evaluate.paths import expected_additions

PLAN = TargetSpec(value=10, basis="increase", deadline_year=2025, baseline_year=2020)


@pytest.mark.parametrize(
    ("steps", "t", "expected"),
    [
        ((), 2023.0, 6.0),  # f·x* with f = 0.6
        (((2023, 3.0),), 2023.0, 1.75 * 2 + 3.0),  # 2021, 2022 share (10 − 3)/4 each
        (((2023, 3.0),), 2025.0, 10.0),  # the path still ends at x*
        (((2021, 2.5), (2022, 2.5)), 2022.5, 5.0 + 0.5 * 5 / 3),
        (tuple((y, 2.5) for y in range(2021, 2026)), 2025.0, 12.5),  # steps above x* stand
        (((2021, 12.0),), 2022.0, 12.0),  # nothing left for the other years
    ],
)
def test_partial_steps_fill_the_rest_of_the_period(
    steps: tuple[tuple[int, float], ...], t: float, expected: float
) -> None:
    spec = TargetSpec(**{**PLAN.__dict__, "steps": steps})
    value, path = expected_additions(spec, t)
    assert value == pytest.approx(expected)
    assert path == ("steps" if steps else "linear")
