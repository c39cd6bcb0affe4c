"""Doubled headlines: detection and the pieces kept."""

from __future__ import annotations

import pytest

from plancockpit.layout.doubled import doubled_pieces


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("高水平建设高水平建设““亚运国际城亚运国际城··", "高水平建设“亚运国际城·"),
        ("数智新萧山数智新萧山””", "数智新萧山”"),
        ("新新闻新新闻", "新新闻"),
    ],
)
def test_doubled_lines_reduced(line: str, kept: str) -> None:
    pieces = doubled_pieces(line)
    assert pieces is not None
    assert "".join(line[a:b] for a, b in pieces) == kept


@pytest.mark.parametrize(
    "line",
    [
        "谢谢",
        "高水平建设亚运国际城",
        "““””",
        "年均增长 年均增长",
        "2020年 | 2020年 |",
        "一二三四" * 50 * 2,
    ],
)
def test_not_doubled(line: str) -> None:
    assert doubled_pieces(line) is None
