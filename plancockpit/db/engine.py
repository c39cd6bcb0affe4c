"""The database engine, made by a factory when a command or the app starts — never at import."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from plancockpit.db import audit  # noqa: F401  (registers the audit trail on every session)

DB_ENV = "PLANCOCKPIT_DB"
WRITES = "plancockpit_writes"  # execution option: this transaction will write
DEFAULT_DB_FILE = "plancockpit.sqlite"
BUSY_SECONDS = 10  # how long one try of a SQLite writer waits for the write lock
BEGIN_TRIES = 3  # busy timeouts a SQLite writer waits through at its BEGIN before failing
_HOLDS_TURN = "plancockpit_holds_write_turn"


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
            cur.execute(f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}")  # wait for a writer
            cur.close()

        _sqlite_transactions(engine)
    return engine


def _sqlite_transactions(engine: Engine) -> None:
    """BEGIN on SQLite, and writers of this process taking turns.

    SQLite lets one writer in at a time; the others poll, sleeping longer after each miss, so
    under many writers one can miss every turn until its busy timeout ends ("database is
    locked" after 10 s reached users under bench.mixed_load --think 0). So the writers of one
    process first queue on a lock here, and only the head of the queue waits on SQLite's (for
    another process's writer)."""
    turn = threading.Lock()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn):  # type: ignore[no-untyped-def]
        if not conn.get_execution_options().get(WRITES):
            conn.exec_driver_sql("BEGIN")
            return
        if turn.acquire(timeout=BUSY_SECONDS):  # else on to SQLite's own wait
            conn.info[_HOLDS_TURN] = True
        try:
            _begin_immediate(conn)
        except BaseException:
            _give_turn(conn.info)
            raise

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _sqlite_end(conn):  # type: ignore[no-untyped-def]
        _give_turn(conn.info)

    @event.listens_for(engine.pool, "reset")
    def _sqlite_reset(_dbapi_conn, record, _state):  # type: ignore[no-untyped-def]
        _give_turn(record.info)  # a connection given back without ending its transaction

    def _give_turn(info: dict[Any, Any]) -> None:
        if info.pop(_HOLDS_TURN, False):
            turn.release()


def _begin_immediate(conn: Connection) -> None:
    """BEGIN IMMEDIATE, through up to BEGIN_TRIES busy timeouts. Nothing of the transaction has
    run yet, so trying again is safe. Under a stream of writes from another process, a writer
    could miss every turn of one timeout: "database is locked" reached clients of
    bench.mixed_load --think 0 on SQLite."""
    for tries_left in range(BEGIN_TRIES - 1, -1, -1):
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if not tries_left or not busy(exc):
                raise


def busy(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" (another writer held the lock past the wait)."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


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
