"""Shared fixtures: the reference corpus and a throw-away database on each backend.

`db_url` runs a test once on SQLite (a file in tmp) and once on PostgreSQL (the server named by
$PLANCOCKPIT_TEST_PG, written to .test-env by scripts/test-env.sh). Each PostgreSQL test gets
its own schema, dropped afterwards. Without the variable the PostgreSQL case is skipped, except
under CI (env CI set), where a missing server is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, create_engine, text

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / "../shared/corpus/xiaoshan").resolve()
PG_ENV = "PLANCOCKPIT_TEST_PG"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The reference corpus beside the repository; tests using it skip if it is absent."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"corpus missing at {CORPUS} (CI needs ../shared beside the clone)")
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"${PG_ENV} is not set: CI must test PostgreSQL (run scripts/test-env.sh)")
        pytest.skip(f"${PG_ENV} not set (run `make test-env` and source .test-env)")
    return url


def _driver_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def _pg_schema_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema; the schema is dropped afterwards."""
    base = _pg_admin_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin: Engine = create_engine(_driver_url(base))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    """Users are made and signed in with argon2 at its lowest cost: the suite does it thousands
    of times (≈ 0.15 s each at the app's cost) and no test is about the hash's strength. Servers
    started as subprocesses keep the app's hasher (they rehash such a password once, at sign-in)."""
    from argon2 import PasswordHasher

    from plancockpit.services.access import users

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        )
        yield


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
    else:
        yield from _pg_schema_url()


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    """An engine on `db_url` with the schema migrated to head."""
    from plancockpit.db.migrate import open_database

    engine = open_database(db_url)
    yield engine
    engine.dispose()
