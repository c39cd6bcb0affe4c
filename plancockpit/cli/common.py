"""Options and output helpers shared by CLI commands."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Any

import typer

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (sqlite:///file or postgresql://…); default $PLANCOCKPIT_DB or ./plancockpit.sqlite"),
]


class ListFormat(str, Enum):
    table = "table"
    json = "json"


FormatOption = Annotated[ListFormat, typer.Option("--format", help="Output format")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
