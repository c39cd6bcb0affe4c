"""Writing many rows at once: new rows numbered before they are inserted, so many rows cost one
executemany rather than one INSERT each; column values stored without the unit of work.

SQLite cannot return the ids of a multi-row INSERT in the order of its rows, so SQLAlchemy
writes row by row whenever it needs them (the ORM's flush, `insert().returning(...,
sort_by_parameter_order=True)`): ≈ 0.1 ms of Python per row, 500–900 rows per corpus document.
On SQLite a write transaction holds the database's only write lock (ingest begins with BEGIN
IMMEDIATE; a deferred one that read a stale snapshot is refused when it writes), so the next
ids are max(id) + 1, + 2, … — exactly the ids SQLite would give one row at a time (its tables
have no AUTOINCREMENT). PostgreSQL returns ids of a batch in order (insertmanyvalues) and its
sequences must hand them out: there nothing is numbered and the ids come as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, inspect, select, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value


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


def write_values(session: Session, changes: Iterable[tuple[Any, dict[str, Any]]]) -> int:
    """Store new column values of loaded (persistent) ORM objects: one UPDATE executemany per
    model and set of columns, and the values set on the objects as already stored — not the
    unit of work, which costs ≈ 0.1 ms an object (linking sets the direction and domain of
    ≈ 150 new indicators a document). Only for columns the audit trail does not follow (it
    sees only what the ORM flushes). Objects not stored yet get plain attribute sets; returns
    the rows updated."""
    groups: dict[tuple[type[Any], tuple[str, ...]], list[tuple[Any, dict[str, Any]]]] = {}
    for obj, values in changes:
        fresh = {k: v for k, v in values.items() if getattr(obj, k) != v}
        if not fresh:
            continue
        if not inspect(obj).persistent:
            for key, value in fresh.items():
                setattr(obj, key, value)
            continue
        groups.setdefault((type(obj), tuple(sorted(fresh))), []).append((obj, fresh))
    for (model, columns), group in groups.items():
        table = table_of(model)
        stmt = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({c: bindparam(c) for c in columns})
        )
        session.connection().execute(stmt, [{"row_id": o.id, **v} for o, v in group])
        for obj, fresh in group:
            for key, value in fresh.items():
                set_committed_value(obj, key, value)
    return sum(len(g) for g in groups.values())


def insert_new(session: Session, objects: Sequence[Any]) -> bool:
    """Insert new ORM objects of one model — none with an id, none added to the session yet —
    as one Core executemany under the ids `next_ids` numbers (SQLite only), with the defaults
    the insert gives set on them, then attach them to the session as stored rows; the unit of
    work costs ≈ 0.05 ms more an object. False, with nothing done, elsewhere or when
    some object carries an id: the caller adds them to be flushed as before. For models whose
    creation the audit trail does not log (it sees only what the ORM flushes)."""
    if not objects or any(obj.id is not None for obj in objects):
        return False
    model = type(objects[0])
    ids = next_ids(session, model, len(objects))
    if ids is None:
        return False
    table = table_of(model)
    columns = {attr.key: attr.columns[0] for attr in inspect(model).column_attrs}
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for obj, new_id in zip(objects, ids, strict=True):
        obj.id = new_id
        for key, column in columns.items():  # what the insert would default, set on the object
            if key not in vars(obj):
                default = _python_default(column, table)
                if default is not _NO_DEFAULT:
                    setattr(obj, key, default)
        values = {k: v for k, v in vars(obj).items() if k in columns}
        groups.setdefault(frozenset(values), []).append(values)
    for rows in groups.values():
        session.connection().execute(insert(table), rows)
    for obj in objects:
        make_transient_to_detached(obj)
        session.add(obj)
    return True


def add_new(session: Session, objects: Sequence[Any]) -> None:
    """New ORM objects of one model into the session: in one executemany where `insert_new`
    can, else added for the flush to write (on PostgreSQL, which returns a batch's ids itself,
    and for rows rebuilt under their kept ids)."""
    if not insert_new(session, objects):
        session.add_all(objects)


_NO_DEFAULT = object()


def _python_default(column: Any, table: Table) -> Any:
    """The value an INSERT gives `column` when the row leaves it out: its Python-side default
    (a constant, or a callable such as `list` or `utcnow` called now), None for a nullable
    column without one; `_NO_DEFAULT` for one the database fills (left unloaded)."""
    if column.table is not table or column.server_default is not None:
        return _NO_DEFAULT
    default = column.default
    if default is None:
        return None if column.nullable else _NO_DEFAULT
    if default.is_scalar:
        return default.arg
    if default.is_callable:
        return default.arg(None)
    return _NO_DEFAULT
