"""Extraction costs work linear in the text: the shapes that once took quadratic time (many
numbers in one unpunctuated run, thousands of clauses in one sentence, thousands of headings)
are analysed with about 4× the work for 4× the text. Work is counted, not timed: the number of
lines of the project's code executed, which does not depend on the machine's load."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import plancockpit
from plancockpit.errors import TooSlow
from plancockpit.pipeline import analyse
from plancockpit.read.source import SourceDocument

PACKAGE = str(Path(plancockpit.__file__).parent)
SHAPES = {
    "numbers on joined lines": lambda n: "增长1%\n" * n,
    "clauses of one sentence": lambda n: "达到12.5亿元，" * n,
    "one heading per line": lambda n: "".join(
        f"（{i}）目标\n到2025年产值达到{i}亿元。\n" for i in range(n)
    ),
}


def _lines_run(text: str) -> int:
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        nonlocal count
        count += event == "line"
        return local

    def enter(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    source = SourceDocument(name="probe.txt", text="一、目标\n" + text, format="txt")
    sys.settrace(enter)
    try:
        records = analyse(source).records
    finally:
        sys.settrace(None)
    assert records
    return count


@pytest.mark.parametrize("shape", SHAPES)
def test_four_times_the_text_costs_about_four_times_the_work(shape: str) -> None:
    make = SHAPES[shape]
    small, large = _lines_run(make(150)), _lines_run(make(600))
    assert large / small < 4.5, f"{shape}: {small:,} → {large:,} lines run"  # quadratic: 16×


def test_analysis_over_its_time_limit_is_refused_with_a_clear_error() -> None:
    source = SourceDocument(
        name="dense.txt", text="一、目标\n" + "达到12.5亿元，" * 500, format="txt"
    )
    with pytest.raises(TooSlow, match="time limit"):
        analyse(source, time_limit=0.0)
