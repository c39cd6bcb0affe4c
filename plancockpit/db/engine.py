"""The database engine, made by a factory when a command or the app starts — never at import."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from plancockpit.db import audit  # noqa: F401  (registers the audit trail on every session)

DB_ENV = "PLANCOCKPIT_DB"
DEFAULT_DB_FILE = "plancockpit.sqlite"


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else $PLANCOCKPIT_DB, else a SQLite file in the cwd."""
    if url:
        return url
    return os.environ.get(DB_ENV) or f"sqlite:///{Path(DEFAULT_DB_FILE).resolve()}"


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for SQLite or PostgreSQL; SQLite gets foreign keys, WAL and real BEGINs.

    Python's sqlite3 driver starts a transaction only before a write, so the reads of one
    SQLAlchemy transaction could each see a different committed state (a page rendered while
    `plancockpit link` commits would mix old and new). SQLAlchemy's documented recipe: let the
    driver autocommit and emit BEGIN ourselves when SQLAlchemy begins a transaction.
    """
    resolved = database_url(url)
    if resolved.startswith("postgresql://"):
        resolved = "postgresql+psycopg://" + resolved.removeprefix("postgresql://")
    engine = create_engine(resolved, future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            dbapi_conn.isolation_level = None  # the driver no longer BEGINs on its own
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=10000")  # wait for a writer instead of failing
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("BEGIN")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back everything on any error."""
    with session_factory(engine)() as session, session.begin():
        yield session
