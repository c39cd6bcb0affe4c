"""The bundled examples stay what the README promises: fictional, plan-style, with a table,
a 专栏 with its 牵头单位 and targets in prose, and they analyse into records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plancockpit.pipeline import analyse
from plancockpit.read import read_file
from plancockpit.services.ingest.run import example_paths

EXAMPLES = example_paths()


def test_there_is_a_plan_and_an_annual_report() -> None:
    kinds = {analyse(read_file(p)).meta.kind for p in EXAMPLES}
    assert {"plan", "annual_report"} <= kinds


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_each_example_says_it_is_fictional_first(path: Path) -> None:
    source = read_file(path)
    first = next(line for line in source.text.splitlines() if line.strip())
    assert "虚构示例" in first and "Fictional example" in first


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_each_example_yields_targets(path: Path) -> None:
    records = analyse(read_file(path)).records
    assert sum(r.kind == "target" for r in records) >= 5


def test_the_plan_has_a_pipe_table_and_a_box_with_lead_units() -> None:
    plans = [p for p in EXAMPLES if analyse(read_file(p)).meta.kind == "plan"]
    assert plans
    analysis = analyse(read_file(plans[0]))
    nodes = list(analysis.outline.walk())
    tables = [n for n in nodes if n.kind == "table" and n.table is not None]
    assert tables and len(tables[0].table.rows) >= 5  # type: ignore[union-attr]
    boxes = [n for n in nodes if n.kind == "box"]
    assert boxes and any(n.lead_units for n in boxes[0].walk())  # the box's or its items'
    assert re.search(r"\|.*\|", analysis.source.text)
