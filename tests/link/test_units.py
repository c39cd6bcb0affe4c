from __future__ import annotations

import pytest

from plancockpit.link.units import compatible, convert, family


@pytest.mark.parametrize(
    ("value", "src", "dst", "out"),
    [
        (1828.47, "亿元", "万元", 18284700.0),
        (15.23, "万元", "元", 152300.0),
        (2.5, "万人", "人", 25000.0),
        (10, "万", "万人", 10.0),
        (10, "万", "人", 100000.0),
        (1, "个百分点", "%", 1.0),
        (1.4, "亿斤", "万斤", 14000.0),
    ],
)
def test_convert(value: float, src: str, dst: str, out: float) -> None:
    assert convert(value, src, dst) == pytest.approx(out)


def test_families_apart() -> None:
    assert not compatible("亿元", "亿美元")
    assert not compatible("万人", "%")
    assert not compatible("万", "%")
    assert family("％") == "share" and family("") == ""
    assert family("床/万人").startswith("unit:")
    with pytest.raises(ValueError):
        convert(1, "亿元", "人")
