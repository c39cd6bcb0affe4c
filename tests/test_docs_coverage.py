"""The documentation cannot drift from the code by omission: every command of the CLI, every
route of the API and every `PLANCOCKPIT_*` setting the package reads is named in the README or
in `docs/`, and every rule file has its section in docs/rules.md (its fields, one by one, are
checked by tests/test_rulefiles.py)."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

import plancockpit
from plancockpit import rulefiles
from plancockpit.cli import app as cli_app
from plancockpit.web.app import create_app
from plancockpit.web.settings import Settings

REPO = Path(__file__).resolve().parents[1]
PACKAGE = Path(plancockpit.__file__).parent


def _docs() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    )


def _commands(command: object, prefix: str) -> list[str]:
    out: list[str] = []
    for name, sub in getattr(command, "commands", {}).items():
        full = f"{prefix} {name}"
        out.extend(_commands(sub, full) if hasattr(sub, "commands") else [full])
    return out


def _any_parameter(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_every_command_is_documented() -> None:
    commands = _commands(typer.main.get_command(cli_app), "plancockpit")
    assert len(commands) > 15
    docs = _docs()
    assert [c for c in commands if c not in docs] == []


def test_every_api_route_is_documented() -> None:
    app = create_app(Settings(db_url="sqlite://", secret_key="docs-check-0123456789"))
    paths = list(app.openapi()["paths"])
    assert "/api/indicators" in paths
    docs = _any_parameter(_docs())
    assert [p for p in paths if _any_parameter(p) not in docs] == []


def test_every_setting_is_documented() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    settings = set(re.findall(r"PLANCOCKPIT_[A-Z_]+[A-Z]", code))
    assert "PLANCOCKPIT_DB" in settings
    docs = _docs()
    assert sorted(s for s in settings if s not in docs) == []


def test_every_rule_file_is_documented() -> None:
    rules = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    files = [*rulefiles.FILES, *rulefiles.TABLES]
    assert len(files) > 15
    assert [f for f in files if f"### `{f}`" not in rules] == []
