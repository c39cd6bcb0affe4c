"""The outline of the five-year plan (corpus 002): chapters, boxes and its three tables.

Counts come from reading the plan itself (14 chapters, 表1 28 rows, 表2 31 rows under four
一级指标, 17 专栏, 专栏8 a table of ten industries); the parser derives them, nothing here
feeds them in.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from plancockpit.layout import Layout
from plancockpit.outline import Node, column_labels
from plancockpit.read import SourceDocument

Outlined = tuple[SourceDocument, Layout, Node]


def _kind(root: Node, kind: str) -> list[Node]:
    return [n for n in root.walk() if n.kind == kind]


def _table(root: Node, number: str) -> Node:
    return next(n for n in _kind(root, "table") if n.number == number)


@pytest.fixture(scope="module")
def plan(outlined: Callable[[str], Outlined]) -> Outlined:
    return outlined("002")


def test_fourteen_chapters_in_order(plan: Outlined) -> None:
    _, _, root = plan
    chapters = _kind(root, "chapter")
    assert len(chapters) == 14
    assert chapters[0].number == "第一章" and chapters[-1].number == "第十四章"
    assert all(c in root.children for c in chapters)


def test_seventeen_boxes_numbered_one_to_seventeen(plan: Outlined) -> None:
    _, _, root = plan
    boxes = _kind(root, "box")
    assert [b.number for b in boxes] == [f"专栏{i}" for i in range(1, 18)]


def test_box_lead_units_from_closing_line_and_items(plan: Outlined) -> None:
    _, _, root = plan
    boxes = {b.number: b for b in _kind(root, "box")}
    assert boxes["专栏9"].lead_units == ["区商务局"]
    assert boxes["专栏7"].lead_units[0] == "区商务局"
    first_item = next(n for n in boxes["专栏1"].children if n.kind == "item")
    assert first_item.lead_units == ["钱江世纪城", "区文广旅游体育局"]


def test_box_closes_when_section_numbering_resumes(plan: Outlined) -> None:
    _, _, root = plan
    box7 = next(b for b in _kind(root, "box") if b.number == "专栏7")
    section = next(s for s in _kind(root, "section") if box7 in s.children)
    after = section.children[section.children.index(box7) + 1]
    assert after.kind == "item" and after.number == "4."


def test_table1_header_rows_and_28_indicators(plan: Outlined) -> None:
    _, _, root = plan
    table = _table(root, "表1").table
    assert table is not None
    assert len(table.header) == 2
    labels = column_labels(table)
    assert labels[3] == "规划目标 2020年" and labels[6] == "完成情况 年均增长"
    assert len(table.rows) == 28
    assert [r[0].text for r in table.rows] == [str(i) for i in range(1, 29)]
    assert table.rows[0][1].text == "地区生产总值(亿元)"
    assert table.rows[-1][-1].text == "约束性"
    assert len(table.notes) == 4 and table.notes[0].startswith("注")


def test_table2_groups_derived_from_spanning_column(plan: Outlined) -> None:
    _, _, root = plan
    table = _table(root, "表2").table
    assert table is not None
    assert len(table.rows) == 31
    assert list(dict.fromkeys(table.group)) == ["经济质效", "美丽萧山", "城市治理", "社会民生"]
    sizes = {g: table.group.count(g) for g in set(table.group)}
    assert sizes == {"经济质效": 13, "美丽萧山": 5, "城市治理": 5, "社会民生": 8}
    assert all(len(r) == 7 for r in table.rows)
    row2 = table.rows[1]
    assert [c.text for c in row2[1:]] == [
        "2",
        "全员劳动生产率",
        "万元/人",
        "17.8∗",
        "21.5",
        "预期性",
    ]
    assert len(table.notes) == 2


def test_box8_is_a_table_of_ten_industries_with_lead_units(plan: Outlined) -> None:
    _, _, root = plan
    box8 = next(b for b in _kind(root, "box") if b.number == "专栏8")
    tables = [c for c in box8.children if c.kind == "table"]
    assert len(tables) == 1 and tables[0].table is not None
    table = tables[0].table
    industries = list(dict.fromkeys(table.group))
    assert len(industries) == 10
    assert industries[0] == "纤维新材料" and industries[-1] == "现代物流"
    leads = {g: u for g, u in zip(table.group, table.lead_units, strict=True)}
    assert leads["集成电路"] == ["区经信局", "区投促局"]
    assert leads["软件和信息服务"] == ["区经信局"]  # its closing bracket is missing in print
    assert all(leads[g] for g in industries)


def test_cell_spans_point_at_cell_text(plan: Outlined) -> None:
    source, _, root = plan
    checked = 0
    for node in _kind(root, "table"):
        assert node.table is not None
        for row in [*node.table.header, *node.table.rows]:
            for cell in row:
                if not cell.text:
                    continue
                original = source.text[cell.start : cell.end]
                squeezed = "".join(original.split()).replace("\uff08", "(").replace("\uff09", ")")
                assert "".join(cell.text.split()) == squeezed
                checked += 1
    assert checked > 400


def test_node_spans_are_original_offsets(plan: Outlined) -> None:
    source, _, root = plan
    for node in _kind(root, "chapter") + _kind(root, "section") + _kind(root, "box"):
        assert source.text[node.start : node.end].startswith(node.number[:2])
    sentences = _kind(root, "sentence")
    assert len(sentences) > 800
    for s in sentences[::37]:
        assert source.text[s.start : s.end] == s.title
    for node in root.walk():
        for child in node.children:
            assert node.start <= child.start <= child.end <= node.end


def test_paragraph_sentences_split_on_end_marks(plan: Outlined) -> None:
    _, _, root = plan
    item = next(n for n in _kind(root, "item") if n.title == "高标准完成亚运场馆及配套设施建设")
    para = item.children[0]
    assert para.kind == "paragraph"
    assert para.children[0].title == "1.高标准完成亚运场馆及配套设施建设。"
    assert all(s.title[-1] in "。！？；" for s in para.children[:-1])
