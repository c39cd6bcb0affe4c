"""Numbers on the pages: as a planner writes them."""

from __future__ import annotations

import pytest

from plancockpit.web.formatting import fmt_num


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (7.5, "7.5"),  # not 7.50
        (1828.47, "1828.47"),
        (1.2, "1.2"),  # 1.2万人, not 1.20
        (0.6, "0.6"),
        (2600.0, "2600"),
        (-132.0, "-132"),
        (1124.2712, "1124.27"),  # six significant digits
        (0.0375, "0.0375"),
        (1e-5, "0.00001"),  # never an exponent
        (123456789.123, "123456789.12"),
        (None, "–"),
        (float("nan"), "–"),
        ("n/a", "n/a"),
    ],
)
def test_fmt_num(value: object, shown: str) -> None:
    assert fmt_num(value) == shown
