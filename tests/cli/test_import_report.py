"""The import commands' one report printer: JSON as the report is, else its rows (table or
lines) and the summary after them; a missing file is refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from rich.table import Table

from plancockpit.cli.common import ListFormat
from plancockpit.cli.import_report import existing_file, print_import_report

REPORT = {"created": 1, "refused": [{"row": 3, "reason": "no name"}]}


def test_rows_then_the_summary_or_only_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    print_import_report(REPORT, ListFormat.table, ["row 3: no name"], "created 1")
    assert capsys.readouterr().out == "row 3: no name\ncreated 1\n"
    table = Table("row", "status")
    table.add_row("3", "refused")
    print_import_report(REPORT, ListFormat.table, table, "created 1")
    out = capsys.readouterr().out
    assert "refused" in out and out.index("refused") < out.index("created 1")
    print_import_report(REPORT, ListFormat.json, ["row 3: no name"], "created 1")
    assert json.loads(capsys.readouterr().out) == REPORT


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(typer.Exit):
        existing_file(tmp_path / "nope.xlsx")
    here = tmp_path / "ledger.csv"
    here.write_text("a\n", encoding="utf-8")
    assert existing_file(here) == here
