"""The provincial 2026 work reports of `../shared/corpus/real`, as published, each open with a
review of the past year and the past five years. Whatever their top headings look like
(一、2025年工作回顾; “十四五”时期工作回顾 with no number; 一、一年接着一年干，…取得新进展新成效 over a
paragraph opening 一年来), the records of that review are results, not goals for 2026."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancockpit.pipeline import analyse_file

REAL = Path(__file__).resolve().parents[2] / "../shared/corpus/real"
PROVINCIAL = sorted(REAL.glob("*_2026_gov_work_report.txt"))
OPENING = 0.2  # the share of a report (by position of its records) that is surely review
TARGETS_AT_MOST = 0.05


def test_the_provincial_reports_are_there() -> None:
    assert len(PROVINCIAL) == 25


@pytest.mark.parametrize("path", PROVINCIAL, ids=lambda p: p.name.split("_")[0])
def test_the_review_that_opens_a_report_is_read_as_results(path: Path) -> None:
    records = analyse_file(path).records
    end = max(r.end for r in records)
    opening = [r for r in records if r.start < end * OPENING]
    goals = [f"{r.number}{r.unit} {r.metric} ({r.rule})" for r in opening if r.kind == "target"]
    assert len(goals) <= TARGETS_AT_MOST * len(opening), goals
    assert all(r.year != 2026 for r in opening if r.kind == "actual")
