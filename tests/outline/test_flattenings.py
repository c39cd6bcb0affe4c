"""Every flattening of the same table gives the same grid: pipes, spaced columns with wrapped
rows (PDF text), one cell per line (Word export), a .docx table and a PDF made here.

The fixtures are generated from one small grid below, written the way each source writes a
table: the 一级指标 merged cell appears once per group, long names wrap in narrow PDF columns.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from plancockpit.layout import clean_source
from plancockpit.outline import Node, Table, build_outline
from plancockpit.read import SourceDocument, read_bytes
from tests.read.filemakers import make_docx, make_pdf

HEADER = ["一级指标", "序号", "二级指标", "单位", "2020年", "2025年", "属性"]
GROUPS = {
    "经济质效": [
        ["1", "地区生产总值", "亿元", "1828.47", "2600", "预期性"],
        ["2", "全员劳动生产率", "万元/人", "17.8", "21.5", "预期性"],
        ["3", "高新技术产业增加值占规上工业增加值比重", "%", "58.2", "70", "预期性"],
    ],
    "美丽萧山": [
        ["4", "单位GDP能耗降幅", "%", "--", "省市下达指标", "约束性"],
        ["5", "城乡生活垃圾无害化处理率", "%", "100", "100", "约束性"],
    ],
}
NOTE = "注:1.带*为2019年度数据。"
WRAP = 12  # characters of a name that fit a PDF column


def _rows() -> list[tuple[str, list[str]]]:
    return [(group, row) for group, rows in GROUPS.items() for row in rows]


def _first_of_group(index: int) -> bool:
    rows = _rows()
    return index == 0 or rows[index - 1][0] != rows[index][0]


def pipes() -> str:
    out = [" | ".join(HEADER) + " |"]
    for k, (group, row) in enumerate(_rows()):
        cells = ([group] if _first_of_group(k) else []) + row
        out.append(" | ".join(cells) + " |")
    return "\n".join(out)


def spaced() -> str:
    out = [" ".join(HEADER)]
    for k, (group, row) in enumerate(_rows()):
        name = row[1]
        cells = ([group] if _first_of_group(k) else []) + [row[0], name[:WRAP], *row[2:]]
        out.append(" ".join(cells))
        if len(name) > WRAP:
            out.append(name[WRAP:])  # the wrapped rest of the name, on its own line
    return "\n".join(out)


def per_line() -> str:
    blocks = ["\n".join(HEADER)]
    for k, (group, row) in enumerate(_rows()):
        cells = ([group] if _first_of_group(k) else []) + row
        blocks.append("\n".join(cells))
    return "\n\n".join(blocks)


def _document(body: str) -> str:
    return f"第一章 主要目标\n表1 主要指标\n{body}\n{NOTE}\n第二章 保障措施\n正文。\n"


def _table(source: SourceDocument) -> tuple[Node, Table]:
    root = build_outline(source, clean_source(source))
    node = next(n for n in root.walk() if n.kind == "table")
    assert node.table is not None
    return node, node.table


def _grid(table: Table) -> tuple[list[list[str]], list[list[str]], list[str]]:
    return (
        [[c.text for c in r] for r in table.header],
        [[c.text for c in r] for r in table.rows],
        table.group,
    )


EXPECTED_ROWS = [[group, *row] for group, row in _rows()]


@pytest.mark.parametrize("flatten", [pipes, spaced, per_line], ids=["pipes", "spaced", "per-line"])
def test_text_flattenings_give_the_same_grid(flatten: Callable[[], str]) -> None:
    text = _document(flatten())
    source = SourceDocument(name="t.txt", text=text, format="txt")
    node, table = _table(source)
    header, rows, groups = _grid(table)
    assert header == [HEADER]
    assert rows == EXPECTED_ROWS
    assert groups == [g for g, _ in _rows()]
    assert table.notes == [NOTE]
    assert node.number == "表1" and node.title == "主要指标"
    for row in table.rows:
        for cell in row:
            assert text[cell.start : cell.end].replace("\n", "").startswith(cell.text[:WRAP])


def test_docx_table_gives_the_same_grid() -> None:
    grid: list[list[str | None]] = [list(HEADER)]
    for k, (group, row) in enumerate(_rows()):
        grid.append([group if _first_of_group(k) else None, *row])
    data = make_docx(
        [("h1", "第一章 主要目标"), ("p", "表1 主要指标"), ("table", grid), ("p", NOTE)]
    )
    source = read_bytes("plan.docx", data)
    _, table = _table(source)
    header, rows, groups = _grid(table)
    assert header == [HEADER] and rows == EXPECTED_ROWS and groups == [g for g, _ in _rows()]
    assert table.notes == [NOTE]


def test_pdf_text_gives_the_same_grid() -> None:
    lines = _document(spaced()).splitlines()
    source = read_bytes("plan.pdf", make_pdf(lines))
    assert source.text.splitlines()[:3] == lines[:3]  # the round trip keeps the lines
    _, table = _table(source)
    header, rows, _ = _grid(table)
    assert header == [HEADER] and rows == EXPECTED_ROWS


def test_docx_headings_without_markers_become_chapters() -> None:
    data = make_docx(
        [
            ("h1", "发展基础"),
            ("p", "过去五年成绩显著。"),
            ("h2", "面临形势"),
            ("p", "机遇与挑战并存。"),
        ]
    )
    root = build_outline(source := read_bytes("a.docx", data), clean_source(source))
    chapter = root.children[0]
    assert (chapter.kind, chapter.title) == ("chapter", "发展基础")
    assert chapter.children[1].kind == "section" and chapter.children[1].title == "面临形势"
