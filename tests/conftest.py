"""Shared fixtures: the reference corpus and a throw-away database on each backend.

`db_url` runs a test once on SQLite (a file in tmp) and once on PostgreSQL (the server named by
$PLANCOCKPIT_TEST_PG, written to .test-env by scripts/test-env.sh). Its database is already at
the newest schema: a copy of a template migrated once per run (a migration costs ≈ 0.1 s on
SQLite and ≈ 0.3 s on PostgreSQL, a copy a fraction of that, and ≈ 500 tests run on each).
`empty_db_url` gives an empty one, for the tests of migrating itself. Each PostgreSQL test gets
its own database, dropped afterwards. Without the variable the PostgreSQL case is skipped,
except under CI (env CI set), where a missing server is a failure.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

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


def _url_of_database(base: str, name: str) -> str:
    return make_url(base).set(database=name).render_as_string(hide_password=False)


@contextmanager
def _pg_database(template: str | None = None) -> Iterator[str]:
    """The URL of a new PostgreSQL database (a copy of `template`, or empty), dropped afterwards
    even if a test left a connection open."""
    base = _pg_admin_url()
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin: Engine = create_engine(_driver_url(base), isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    try:
        yield _url_of_database(base, name)
    finally:
        with admin.connect() as conn:
            # Connections a test left open are ended first; a plain DROP then also ends the
            # server's autovacuum workers on it (FORCE may not: they are not ours).
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = :name AND usename = current_user"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str]:
    """The name of a PostgreSQL database migrated to head once per run."""
    from plancockpit.db.migrate import open_database

    with _pg_database() as url:
        open_database(url).dispose()  # no connection may stay open on a template
        yield str(make_url(url).database)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per run."""
    from plancockpit.db.migrate import open_database

    path = tmp_path_factory.mktemp("template") / "head.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    return path


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the source may be in WAL mode)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


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
    """A URL of a database as migrating to head leaves it: a SQLite file, or a PostgreSQL
    database, each copied from the run's template."""
    if request.param == "sqlite":
        path = tmp_path / "test.sqlite"
        _copy_sqlite(request.getfixturevalue("_sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        _pg_admin_url()  # skips (or fails under CI) before the template is built
        with _pg_database(request.getfixturevalue("_pg_template")) as url:
            yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database (no tables), for the tests of migrating."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
    else:
        with _pg_database() as url:
            yield url


@pytest.fixture
def db_engine(db_url: str) -> Iterator[Engine]:
    """An engine on `db_url` with the schema migrated to head."""
    from plancockpit.db.migrate import open_database

    engine = open_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def restored_collector() -> Iterator[None]:
    """`collector.pace` sets the collector for the whole process: the suite's own comes back."""
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()
