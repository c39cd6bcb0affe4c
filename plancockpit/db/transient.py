"""Errors a database raises for a transaction that merely lost a race, and that succeeds when
run again: PostgreSQL's deadlock (40P01) and serialization failure (40001)."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

RETRYABLE_SQLSTATES = ("40P01", "40001")


def lost_a_race(exc: BaseException) -> bool:
    """True for a deadlock or serialization failure: roll back and run the transaction again."""
    return (
        isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in RETRYABLE_SQLSTATES
    )
