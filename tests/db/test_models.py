"""Documents, their outline sections and records round-trip and delete together."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from plancockpit.db.engine import session_factory, transaction
from plancockpit.db.models import Document, Record, Section


def _document(content_hash: str = "a" * 64) -> Document:
    doc = Document(name="plan.txt", content_hash=content_hash, format="txt", text="第一章 总则\r\n")
    root = Section(kind="document", title="plan", start=0, end=9, position=0, depth=0)
    chapter = Section(
        kind="chapter",
        number="第一章",
        title="总则",
        start=0,
        end=6,
        position=1,
        depth=1,
        parent=root,
        table={"title": "表1", "rows": [[{"text": "地区生产总值"}]]},
    )
    doc.sections = [root, chapter]
    doc.records = [
        Record(
            start=3,
            end=5,
            metric="地区生产总值",
            kind="target",
            value=2600.0,
            value_max=None,
            unit="亿元",
            year=2025,
            lead_units=["区发改局"],
            section_path=["第一章 总则"],
            extracted={"value": 2600.0},
        )
    ]
    return doc


def test_round_trip_keeps_tree_json_and_text_verbatim(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        session.add(_document())
    with session_factory(db_engine)() as session:
        doc = session.scalars(select(Document)).one()
        assert doc.text == "第一章 总则\r\n"
        root, chapter = doc.sections
        assert chapter.parent_id == root.id and root.parent_id is None
        assert chapter.table == {"title": "表1", "rows": [[{"text": "地区生产总值"}]]}
        assert doc.records[0].lead_units == ["区发改局"]
        assert doc.records[0].review_state == "extracted"


def test_deleting_a_document_deletes_its_sections_and_records(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        session.add(_document())
    with transaction(db_engine) as session:
        session.delete(session.scalars(select(Document)).one())
    with session_factory(db_engine)() as session:
        assert session.scalar(select(func.count()).select_from(Section)) == 0
        assert session.scalar(select(func.count()).select_from(Record)) == 0


def test_content_hash_is_unique(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        session.add(_document())
    with pytest.raises(IntegrityError), transaction(db_engine) as session:
        session.add(_document())
