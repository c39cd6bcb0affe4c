"""An Analysis becomes one Document with its outline flattened and its records kept as produced."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from plancockpit.db.engine import session_factory, transaction
from plancockpit.db.models import Document
from plancockpit.extract.record import QuantityRecord
from plancockpit.layout.view import Layout
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline.nodes import Cell, Node, Table
from plancockpit.pipeline import Analysis
from plancockpit.read.source import SourceDocument
from plancockpit.services.ingest.store import store

TEXT = "第一章 目标\r\n到2025年,地区生产总值达到1200亿元。\r\n表1 指标\r\n指标|2025年\r\n"


def _analysis() -> Analysis:
    table = Table(
        title="指标",
        header=[[Cell("指标", 36, 38), Cell("2025年", 39, 44)]],
        rows=[[Cell("地区生产总值", 0, 0), Cell("1200", 0, 0)]],
        group=[""],
    )
    chapter = Node(
        "chapter",
        "目标",
        0,
        36,
        number="第一章",
        lead_units=["区发改局"],
        children=[
            Node("paragraph", "", 7, 29, children=[Node("sentence", "", 7, 29)]),
            Node("table", "指标", 29, len(TEXT), number="表1", table=table),
        ],
    )
    root = Node("document", "plan", 0, len(TEXT), children=[chapter])
    record = QuantityRecord(
        doc="plan.txt",
        start=21,
        end=25,
        metric="地区生产总值",
        kind="target",
        value=1200.0,
        value_max=None,
        unit="亿元",
        comparator="=",
        basis="level",
        year=2025,
        number="1200",
        section=["第一章 目标"],
        cell=(0, 1),
        rule="prose",
    )
    meta = DocumentMeta(
        title="plan", kind="plan", period_start=2021, period_end=2025, evidence={"kind": "规划纲要"}
    )
    source = SourceDocument(name="plan.txt", text=TEXT, format="txt", encoding="utf-8")
    layout = Layout(original=TEXT, text=TEXT, origin=tuple(range(len(TEXT) + 1)))
    return Analysis(source=source, layout=layout, outline=root, meta=meta, records=[record])


def test_store_flattens_the_tree_in_document_order(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        stored = store(session, _analysis(), Path("plan.txt"), "f" * 64, 99)
    assert (stored.sections, stored.records) == (5, 1)
    with session_factory(db_engine)() as session:
        doc = session.scalars(select(Document)).one()
        assert doc.id == stored.document_id
        kinds = [(s.position, s.depth, s.kind) for s in doc.sections]
        assert kinds == [
            (0, 0, "document"),
            (1, 1, "chapter"),
            (2, 2, "paragraph"),
            (3, 3, "sentence"),
            (4, 2, "table"),
        ]
        by_position = {s.position: s for s in doc.sections}
        assert by_position[4].parent_id == by_position[1].id
        assert by_position[1].parent_id == by_position[0].id
        assert by_position[1].lead_units == ["区发改局"]
        grid = by_position[4].table
        assert grid is not None
        assert grid["header"][0][1] == {"text": "2025年", "start": 39, "end": 44}
        assert doc.text == TEXT and doc.size == 99 and doc.kind == "plan"
        assert (doc.period_start, doc.period_end) == (2021, 2025)
        assert doc.meta_evidence == {"kind": "规划纲要"}


def test_records_keep_spec_fields_provenance_and_the_extracted_values(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        store(session, _analysis(), Path("plan.txt"), "f" * 64, 99)
    with session_factory(db_engine)() as session:
        rec = session.scalars(select(Document)).one().records[0]
        assert (rec.metric, rec.value, rec.unit, rec.year) == ("地区生产总值", 1200.0, "亿元", 2025)
        assert (rec.cell_row, rec.cell_col) == (0, 1)
        assert rec.section_path == ["第一章 目标"]
        assert rec.extracted["value"] == 1200.0 and rec.extracted["cell"] == [0, 1]
        assert rec.review_state == "extracted"
