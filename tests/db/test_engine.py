"""The engine factory: where the URL comes from and what each backend gets."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from plancockpit.db.engine import DB_ENV, database_url, make_engine


def test_url_argument_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV, "sqlite:///from-env.sqlite")
    assert database_url("sqlite:///given.sqlite") == "sqlite:///given.sqlite"
    assert database_url(None) == "sqlite:///from-env.sqlite"


def test_default_is_a_sqlite_file_in_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url(None) == f"sqlite:///{tmp_path / 'plancockpit.sqlite'}"


def test_postgresql_urls_use_psycopg_3() -> None:
    engine = make_engine("postgresql://u:p@127.0.0.1:1/x")
    assert engine.dialect.driver == "psycopg"


def test_sqlite_enforces_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fk.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
