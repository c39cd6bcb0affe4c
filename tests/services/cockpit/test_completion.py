"""完成率 beside 进度: reached ÷ target, the other way round for a ceiling, none for a rate."""

from __future__ import annotations

import pytest

from plancockpit.services.cockpit.common import completion


@pytest.mark.parametrize(
    "basis, comparator, target, actual, expected",
    [
        ("level", ">=", 2600, 2400, 0.9231),  # GDP 2400 of ≥ 2600
        ("level", "<=", 28, 35, 0.8),  # PM2.5 at 35 against ≤ 28
        ("increase", ">=", 10, 6.3, 0.63),  # 6.3 of 10 万人 added
        ("growth", "~", 7, 5.6, None),  # a rate: progress only
        ("level", ">=", 2600, None, None),  # no value yet
        ("level", ">=", 0, 5, None),  # no ratio to a zero target
    ],
)
def test_completion(
    basis: str, comparator: str, target: float, actual: float | None, expected: float | None
) -> None:
    assert completion(basis, comparator, target, actual) == expected
