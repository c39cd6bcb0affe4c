"""Docs cannot drift: every CLI command is shown in the README."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from plancockpit.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_command_appears_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert commands, "no commands registered"
    missing = [n for n in commands if not re.search(rf"plancockpit {re.escape(n)}\b", text)]
    assert missing == [], f"commands not in README.md: {missing}"


def test_the_database_setting_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    assert "PLANCOCKPIT_DB" in text and "--db" in text
