"""The database engine, made by a factory when a command or the app starts — never at import."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from plancockpit.db import audit  # noqa: F401  (registers the audit trail on every session)

DB_ENV = "PLANCOCKPIT_DB"
WRITES = "plancockpit_writes"  # execution option: this transaction will write
DEFAULT_DB_FILE = "plancockpit.sqlite"


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else $PLANCOCKPIT_DB, else a SQLite file in the cwd."""
    if url:
        return url
    return os.environ.get(DB_ENV) or f"sqlite:///{Path(DEFAULT_DB_FILE).resolve()}"


def make_engine(url: str | None = None, connections: int | None = None) -> Engine:
    """Create an engine for SQLite or PostgreSQL; SQLite gets foreign keys, WAL and real BEGINs.
    `connections`: the most the pool opens at once (the app sizes it to its request threads);
    a thread asking for one more waits up to 30 s. By default SQLAlchemy's 5 + 10 overflow.

    Python's sqlite3 driver starts a transaction only before a write, so the reads of one
    SQLAlchemy transaction could each see a different committed state (a page rendered while
    `plancockpit link` commits would mix old and new). SQLAlchemy's documented recipe: let the
    driver autocommit and emit BEGIN ourselves when SQLAlchemy begins a transaction.
    """
    resolved = database_url(url)
    if resolved.startswith("postgresql://"):
        resolved = "postgresql+psycopg://" + resolved.removeprefix("postgresql://")
    pool: dict[str, int] = {}
    if connections is not None and make_url(resolved).database not in (None, "", ":memory:"):
        pool = {"pool_size": connections, "max_overflow": 0}  # in memory: one per thread
    engine = create_engine(resolved, future=True, **pool)
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
            immediate = conn.get_execution_options().get(WRITES)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The engine for transactions that will write. On SQLite they take the write lock when they
    begin (BEGIN IMMEDIATE), waiting for another writer up to the busy timeout: a transaction
    that read first and then wrote could not wait — SQLite refuses it at once ("database is
    locked") when another connection wrote in between."""
    return engine.execution_options(**{WRITES: True})


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine, write: bool = True) -> Iterator[Session]:
    """A session that commits on success and rolls back everything on any error (`write=False`
    for one that only reads)."""
    with session_factory(writer(engine) if write else engine)() as session, session.begin():
        yield session
