"""Writing many rows at once: new rows numbered before they are inserted, so many rows cost one
statement rather than one INSERT each; column values stored without the unit of work.

SQLAlchemy writes row by row on SQLite whenever it needs the new ids (the ORM's flush,
`insert().returning(..., sort_by_parameter_order=True)`): ≈ 0.1 ms of Python per row, 500–900
rows per corpus document; on PostgreSQL it sends one INSERT … VALUES … RETURNING per batch, which
the server parses and plans at length (671 sections of a report: 53 ms). So ids are numbered
first. On SQLite a write transaction holds the database's only write lock (ingest begins with
BEGIN IMMEDIATE; a deferred one that read a stale snapshot is refused when it writes), so the
next ids are max(id) + 1, + 2, … — exactly the ids SQLite would give one row at a time (its
tables have no AUTOINCREMENT). On PostgreSQL they are taken from the table's sequence in one
query, as the inserts would take them. The rows then go in by one Core executemany on SQLite
and by COPY on PostgreSQL (the same 671 sections: 7.8 ms; an executemany 14.8 ms).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, inspect, select, text, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value


def next_ids(session: Session, model: type[Any], count: int, above: int = 0) -> list[int] | None:
    """The ids of the next `count` rows of `model`'s table, ascending: on SQLite the ones it
    would give (but all above `above`: ids still to be given back to rows removed in this
    transaction), on PostgreSQL taken from the table's sequence (so no one else gets them); None
    on other databases (or for no rows)."""
    dialect = session.get_bind().dialect.name
    if count <= 0 or dialect not in ("sqlite", "postgresql"):
        return None
    with session.no_autoflush:  # the rows to number may be pending in the session
        if dialect == "postgresql":
            taken = session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:table, 'id'))"
                    " FROM generate_series(1, :count)"
                ),
                {"table": table_of(model).name, "count": count},
            )
            return sorted(taken)
        top = max(session.scalar(select(func.max(model.id))) or 0, above)
    return list(range(top + 1, top + 1 + count))


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
    by `insert_rows` under the ids `next_ids` numbers, with the defaults the insert gives set on
    them, then attach them to the session as stored rows; the unit of work costs ≈ 0.05 ms more
    an object. False, with nothing done, on another database or when some object carries an id:
    the caller adds them to be flushed as before. For models whose creation the audit trail
    does not log (it sees only what the ORM flushes)."""
    if not objects or any(obj.id is not None for obj in objects):
        return False
    model = type(objects[0])
    ids = next_ids(session, model, len(objects))
    if ids is None:
        return False
    table = table_of(model)
    columns = {attr.key: attr.columns[0] for attr in inspect(model).column_attrs}
    rows = []
    for obj, new_id in zip(objects, ids, strict=True):
        obj.id = new_id
        for key, column in columns.items():  # what the insert would default, set on the object
            if key not in vars(obj):
                default = _python_default(column, table)
                if default is not _NO_DEFAULT:
                    setattr(obj, key, default)
        rows.append({k: v for k, v in vars(obj).items() if k in columns})
    insert_rows(session, table, rows)
    for obj in objects:
        make_transient_to_detached(obj)
        session.add(obj)
    return True


def add_new(session: Session, objects: Sequence[Any]) -> None:
    """New ORM objects of one model into the session: in one statement where `insert_new`
    can, else added for the flush to write (rows rebuilt under their kept ids). Beside kept ids,
    the others are numbered above them all: left to SQLite, a new row got max(id) + 1, which is a
    kept id still to be written when its row was the table's last and was removed ("UNIQUE
    constraint failed"; a relink wrote the kept rows first, but the flush's order could tie)."""
    if insert_new(session, objects):
        return
    kept = [obj.id for obj in objects if obj.id is not None]
    new = [obj for obj in objects if obj.id is None]
    if kept and new:
        ids = next_ids(session, type(new[0]), len(new), max(kept))  # None: left to the database
        for obj, given in zip(new, ids or [], strict=False):
            obj.id = given
    session.add_all(objects)


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (column key → value; a column left out takes its default) in the session's
    transaction, one statement per set of columns: COPY on PostgreSQL, else a Core
    executemany."""
    connection = session.connection()
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    for group in groups.values():
        if connection.dialect.name == "postgresql":
            _copy(connection, table, tuple(group[0]), group)
        else:
            connection.execute(insert(table), group)


def _copy(
    connection: Connection, table: Table, keys: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    """Rows of the same columns by COPY. What a Core INSERT does for us is done here: the
    Python-side defaults of the columns left out (COPY knows only the server's) and each type's
    conversion of its values (JSON; None in a JSON column is JSON null, as an INSERT stores it)."""
    dialect = connection.dialect
    defaults = {
        column.key: value
        for column in table.columns
        if column.key not in keys
        and (value := _python_default(column, table)) is not _NO_DEFAULT
        and value is not None
    }
    columns = [table.c[key] for key in (*keys, *defaults)]
    convert = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    quote = dialect.identifier_preparer
    names = ", ".join(quote.quote(column.name) for column in columns)
    cursor = connection.connection.cursor()
    try:
        with cursor.copy(f"COPY {quote.format_table(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                values = [row[key] for key in keys] + list(defaults.values())
                copy.write_row(
                    [
                        value if process is None else process(value)
                        for value, process in zip(values, convert, strict=True)
                    ]
                )
    finally:
        cursor.close()


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
