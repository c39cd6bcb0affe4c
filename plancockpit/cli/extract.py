"""`plancockpit extract PATH...`: print quantity records of files and folders, no database."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import shown
from plancockpit.read.errors import ReadError

SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm"}


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            )
        else:
            out.append(p)
    return out


def _line(exc: BaseException) -> str:
    """An error message on one line (a reason never forges another line of output)."""
    return " ".join(str(exc).split())[:300]


@app.command("extract")
def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders / 文件或文件夹")],
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", help="jsonl (for score.py), json or table")
    ] = ExtractFormat.jsonl,
) -> None:
    """Extract quantity records (targets and actuals). / 提取文本中的量化目标与完成值。"""
    from plancockpit.pipeline import analyse_file

    failed = 0
    rows: list[dict[str, Any]] = []
    for path in _files(paths):
        try:
            records = analyse_file(path).records
        except (ReadError, OSError, UnicodeDecodeError) as e:
            typer.echo(f"error: {shown(path)}: {_line(e)} / 无法读取", err=True)
            failed += 1
            continue
        except Exception as e:  # noqa: BLE001 - one bad file must not stop the others
            typer.echo(f"error: {shown(path)}: {type(e).__name__}: {_line(e)} / 无法分析", err=True)
            failed += 1
            continue
        for r in records:
            data = r.to_json()
            if fmt is ExtractFormat.jsonl:
                typer.echo(json.dumps(data, ensure_ascii=False))
            else:
                rows.append(data)
    if fmt is ExtractFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt is ExtractFormat.table:
        for d in rows:
            rng = f"{d['value']:g}" + (f"~{d['value_max']:g}" if d["value_max"] is not None else "")
            typer.echo(
                f"{d['doc'][:24]:24} {d['start']:>7} {d['kind']:6} {d['comparator']:2} {rng:>10} "
                f"{d['unit']:6} {d['basis']:8} {d['year'] or '':4} {d['metric']}"
            )
    if failed:
        raise typer.Exit(1)
