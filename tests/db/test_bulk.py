"""Bulk writes: ids numbered before the insert (the ids the database would give), rows inserted
in one statement (COPY on PostgreSQL); column values stored without the unit of work and seen on
the objects as stored."""

from __future__ import annotations

from sqlalchemy import Engine, func, insert, inspect, select
from sqlalchemy.orm import Session

from plancockpit.db.bulk import (
    insert_new,
    insert_rows,
    next_ids,
    table_of,
    write_values,
)
from plancockpit.db.engine import transaction
from plancockpit.db.models import Event, Indicator


def _indicator(name: str, **values: object) -> Indicator:
    return Indicator(name=name, key=name, **values)


def _numbered(session: Session, objects: list[Indicator]) -> None:
    """Number new objects by `next_ids` and let the flush write them under those ids."""
    for obj, new_id in zip(objects, next_ids(session, Indicator, len(objects)) or [], strict=True):
        obj.id = new_id
    session.add_all(objects)
    session.flush()


def test_numbered_rows_get_the_ids_the_database_would_give(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        first = [_indicator("地区生产总值"), _indicator("常住人口")]
        _numbered(session, first)
        second = [_indicator("财政收入")]
        _numbered(session, second)
        ids = [i.id for i in first + second]
    assert ids == sorted(ids) and len(set(ids)) == 3
    with transaction(db_engine) as session:
        stored = [i.name for i in session.scalars(select(Indicator).order_by(Indicator.id))]
        numbered = next_ids(session, Indicator, 2)
    assert stored == ["地区生产总值", "常住人口", "财政收入"]
    # SQLite: max + 1 …, as it numbers rows one at a time; PostgreSQL: the sequence's next
    assert numbered == [ids[-1] + 1, ids[-1] + 2]


def test_objects_with_kept_ids_are_left_to_the_flush(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        kept, new = _indicator("地区生产总值", id=50), _indicator("常住人口")
        assert not insert_new(session, [kept, new])
        assert (kept.id, new.id) == (50, None)
        assert next_ids(session, Indicator, 0) is None


def test_written_values_are_stored_and_not_flushed_again(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        a, b, c = _indicator("甲"), _indicator("乙"), _indicator("丙", direction="down")
        session.add_all([a, b, c])
        session.flush()
        events = len(session.scalars(select(Event)).all())
        pending = _indicator("丁")
        session.add(pending)  # not stored yet: an attribute set, written by its insert
        written = write_values(
            session,
            [
                (a, {"direction": "down", "direction_reason": "名称 / name"}),
                (b, {"domain": "经济发展"}),
                (c, {"direction": "down"}),  # unchanged: nothing to write
                (pending, {"domain": "社会民生"}),
            ],
        )
        assert written == 2
        assert (a.direction, b.domain, pending.domain) == ("down", "经济发展", "社会民生")
        assert a not in session.dirty and b not in session.dirty  # seen as stored
        session.flush()
        assert len(session.scalars(select(Event)).all()) == events  # not audited columns
        ids = (a.id, b.id, pending.id)
    with transaction(db_engine) as session:
        rows = {
            i.id: (i.direction, i.direction_reason, i.domain)
            for i in session.scalars(select(Indicator).where(Indicator.id.in_(ids)))
        }
    assert rows[ids[0]] == ("down", "名称 / name", "")
    assert rows[ids[1]] == ("up", "", "经济发展")
    assert rows[ids[2]][2] == "社会民生"


def test_new_objects_inserted_in_bulk_are_attached_as_stored(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        made = [_indicator("地区生产总值", unit="亿元"), _indicator("常住人口")]
        assert insert_new(session, made)
        session.flush()
        assert all(inspect(i).persistent for i in made) and not session.new
        # the defaults the insert gave are on the objects: nothing is read again
        assert (made[1].direction, made[1].direction_reason, made[1].lead_units) == ("up", "", [])
        made[1].unit = "万人"  # a later change is flushed as an update
        session.flush()
        ids = [i.id for i in made]
        assert not insert_new(session, [_indicator("财政收入", id=ids[-1] + 10)])
    with transaction(db_engine) as session:
        stored = {
            i.id: (i.name, i.unit, i.direction)
            for i in session.scalars(select(Indicator).where(Indicator.id.in_(ids)))
        }
    assert stored == {ids[0]: ("地区生产总值", "亿元", "up"), ids[1]: ("常住人口", "万人", "up")}


def test_rows_inserted_in_bulk_are_stored_as_an_insert_stores_them(db_engine: Engine) -> None:
    """COPY on PostgreSQL: the Python-side defaults of columns left out, JSON values (None as
    JSON null) and a second set of columns come out as from the INSERT an executemany sends."""
    rows: list[dict[str, object]] = [
        {"name": "甲", "key": "甲", "aliases": ["A", "阿"], "unit": "亿元"},
        {"name": "乙", "key": "乙", "lead_units": None},
        {"name": "丙", "key": "丙", "lead_units": ["区发改局"], "unit": "%"},
    ]
    table = table_of(Indicator)
    with transaction(db_engine) as session:
        insert_rows(session, table, rows)
        for row in rows:  # the reference: an INSERT of each row
            session.execute(insert(table).values(row | {"name": f"{row['name']}'"}))
    with transaction(db_engine) as session:
        stored = [
            {c: v for c, v in row._mapping.items() if c not in ("id", "name")}
            for row in session.execute(select(table).order_by(table.c.id))
        ]
        nulls = session.scalar(
            select(func.count()).select_from(table).where(table.c.lead_units.is_(None))
        )
    assert stored[:3] == stored[3:]
    assert [(s["aliases"], s["lead_units"], s["direction"]) for s in stored[:3]] == [
        (["A", "阿"], [], "up"),
        ([], None, "up"),
        ([], ["区发改局"], "up"),
    ]
    assert nulls == 0  # stored as JSON null, as the INSERT does, not SQL NULL
