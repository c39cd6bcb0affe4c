from __future__ import annotations

import pytest

from plancockpit.link.lineage import TargetFacts, classify, dropped


def facts(
    value: float, unit: str = "亿美元", basis: str = "level", deadline: int = 2025, **kw: object
) -> TargetFacts:
    return TargetFacts(value, unit, basis, deadline, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("earlier", "later", "word"),
    [
        (facts(10.7), facts(12), "raised"),
        (facts(10.7), facts(10.7), "kept"),
        (facts(10.7), facts(9), "lowered"),
        (facts(10.7), facts(7, deadline=2026), "deadline_moved"),
        (
            facts(73.01, "万亩", attribute="预期性"),
            facts(73.01, "万亩", attribute="约束性"),
            "attribute_changed",
        ),
        (facts(920, "亿元"), facts(3.5, "%", "growth", 2026), "new"),
        (None, facts(7), "new"),
        (facts(1.7, "", direction="down"), facts(1.65, "", direction="down"), "raised"),
        (facts(107000, "万美元"), facts(10.7), "kept"),  # units converted before comparing
    ],
)
def test_classify(earlier: TargetFacts | None, later: TargetFacts, word: str) -> None:
    assert classify(earlier, later)[0] == word


def test_dropped() -> None:
    assert dropped(2025, [2022], mentioned=False)
    assert not dropped(2025, [2022], mentioned=True)
    assert not dropped(2025, [2026], mentioned=False)
