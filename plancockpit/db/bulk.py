"""Writing many rows at once: ids for rows written in bulk, so many rows cost one executemany
rather than one INSERT each, and the Table of a model for Core statements.

SQLite cannot return the ids of a multi-row INSERT in the order of its rows, so SQLAlchemy
writes row by row whenever it needs them (the ORM's flush, `insert().returning(...,
sort_by_parameter_order=True)`): ≈ 0.1 ms of Python per row, 500–900 rows per corpus document.
On SQLite a write transaction holds the database's only write lock (ingest begins with BEGIN
IMMEDIATE; a deferred one that read a stale snapshot is refused when it writes), so the next
ids are max(id) + 1, + 2, … — exactly the ids SQLite would give one row at a time (its tables
have no AUTOINCREMENT). PostgreSQL returns ids of a batch in order (insertmanyvalues) and its
sequences must hand them out: there these helpers give nothing and the ids come as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session


def next_ids(session: Session, model: type[Any], count: int) -> list[int] | None:
    """The ids the next `count` rows of `model`'s table get on SQLite; None elsewhere (or for
    no rows)."""
    if count <= 0 or session.get_bind().dialect.name != "sqlite":
        return None
    with session.no_autoflush:  # the rows to number may be pending in the session
        top = session.scalar(select(func.max(model.id))) or 0
    return list(range(top + 1, top + 1 + count))


def assign_ids(session: Session, objects: Sequence[Any]) -> None:
    """Give new ORM objects of one model — all of that model the session has pending, none with
    an id yet — the ids they would get inserted in this order (SQLite only), so the flush writes
    them in one executemany. Objects of which some already carry an id (rows rebuilt under kept
    ids) are left to the flush as before."""
    if not objects or any(obj.id is not None for obj in objects):
        return
    ids = next_ids(session, type(objects[0]), len(objects))
    for obj, new_id in zip(objects, ids or [], strict=False):
        obj.id = new_id


def table_of(model: type[Any]) -> Table:
    """A model's Table, for Core statements (an executemany without the ORM's bulk insert, which
    costs ≈ 0.03 ms more a row)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
