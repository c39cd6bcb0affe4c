"""Errors a database raises for a transaction that merely lost a race, and that succeeds when
run again: PostgreSQL's deadlock (40P01) and serialization failure (40001). And a way for
background work to lose such races on purpose, so that a person's request never does."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

RETRYABLE_SQLSTATES = ("40P01", "40001")
# What a transaction that gave way (`give_way`) may see: its lock wait ran out (55P03), or a row
# it was about to refer to was deleted by the transaction it waited for (23503).
GAVE_WAY_SQLSTATES = ("55P03", "23503")


def lost_a_race(exc: BaseException) -> bool:
    """True for a deadlock or serialization failure: roll back and run the transaction again."""
    return _sqlstate(exc) in RETRYABLE_SQLSTATES


def gave_way(exc: BaseException) -> bool:
    """True when a transaction that called `give_way` lost to another writer: roll it back and
    run it again later."""
    return _sqlstate(exc) in RETRYABLE_SQLSTATES + GAVE_WAY_SQLSTATES


def give_way(session: Session) -> None:
    """On PostgreSQL, make this transaction the one that fails if it waits for another's locks:
    its lock waits end before the server's deadlock check (`deadlock_timeout`) runs, so in a
    deadlock with a request it is this transaction that is rolled back, never the request. For
    background work (the facts refresher), which simply tries again on its next round."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite has one writer at a time: no deadlock to lose
    session.execute(
        text(
            "SELECT set_config('lock_timeout', (extract(epoch FROM "
            "current_setting('deadlock_timeout')::interval) * 500)::int::text, true)"
        )
    )


def _sqlstate(exc: BaseException) -> str | None:
    return getattr(exc.orig, "sqlstate", None) if isinstance(exc, DBAPIError) else None
