"""How an import command reads its file and prints its report — `plancockpit import-actuals`
and `plancockpit projects import` alike: the report as JSON, or its rows and a one-line
summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from plancockpit.cli.common import ListFormat, fail, print_json


def existing_file(path: Path) -> Path:
    """The file to import; a missing one ends the command before the database is opened."""
    if not path.is_file():
        raise fail(f"{path}: no such file / 文件不存在")
    return path


def print_import_report(
    data: Mapping[str, Any], fmt: ListFormat, rows: Table | Iterable[str], summary: str
) -> None:
    """The report as JSON (`--format json`), else its rows (a table, or one line each) and the
    summary line."""
    if fmt == ListFormat.json:
        print_json(data)
        return
    if isinstance(rows, Table):
        Console().print(rows)
    else:
        for line in rows:
            typer.echo(line)
    typer.echo(summary)
