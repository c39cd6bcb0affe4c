"""Tables without row marks: space-padded PDF rows (longer than a prose line, with names
wrapped in their narrow column), a Word export with a blank line between every cell, and a
PDF whose cells were drawn one by one (pypdf gives one cell per line, no row breaks)."""

from __future__ import annotations

import io

import pytest

from plancockpit.layout import clean_source
from plancockpit.layout.rules import display_width
from plancockpit.outline import Table, build_outline
from plancockpit.outline.loose import cell_stream, is_numeric
from plancockpit.outline.nodes import Cell
from plancockpit.read import SourceDocument, read_bytes
from tests.read.filemakers import _font

HEADER = ["类别", "指标", "2020年", "2025年", "年均增长/[累计]", "属性"]
# (group, name pieces as wrapped in a narrow column, values, attribute)
ROWS = [
    ("经济", ["地区生产总值增长(%)"], ["3.6", "—", "6左右"], "预期性"),
    ("发展", ["全员劳动生产率增长(%)"], ["3.1∗", "—", ">6.5"], "预期性"),
    ("", ["每万人口高价值发明专利拥有", "量(件)"], ["6.1", "12", "[5.9]"], "预期性"),
    ("绿色", ["单位地区生产总值能源消耗", "降低(%)"], ["—", "—", "〔13.5〕"], "约束性"),
    ("", ["森林覆盖率(%)"], ["45.2", "46", "[0.8]"], "约束性"),
]
STOPS = [1, 10, 40, 50, 60, 79]  # display columns where each column starts


def _pad(cells: list[tuple[int, str]]) -> str:
    """A line with each text starting at its display column (CJK counts two), as pdftotext."""
    line = ""
    for col, text in cells:
        line += " " * max(col - display_width(line), 2 if line else 0) + text
    return line


def padded_table() -> list[str]:
    lines = [_pad(list(zip(STOPS, HEADER, strict=True)))]
    for group, names, values, attr in ROWS:
        first = [(STOPS[0], group)] if group else []
        lines.append(
            _pad(
                [
                    *first,
                    (STOPS[1], names[0]),
                    *zip(STOPS[2:5], values, strict=True),
                    (STOPS[5], attr),
                ]
            )
        )
        for piece in names[1:]:
            lines.append(_pad([(STOPS[1], piece)]))
    return lines


def _table(text: str, fmt: str = "txt") -> Table:
    source = SourceDocument(name=f"t.{fmt}", text=text, format=fmt)  # type: ignore[arg-type]
    root = build_outline(source, clean_source(source))
    node = next(n for n in root.walk() if n.kind == "table")
    assert node.table is not None
    return node.table


def _texts(rows: list[list[Cell]]) -> list[list[str]]:
    return [[c.text for c in r] for r in rows]


def test_padded_pdf_rows_longer_than_a_prose_line_are_read_with_wrapped_names() -> None:
    lines = padded_table()
    assert max(len(ln) for ln in lines) > 60  # the old limit on a "cell line"
    text = "\n".join(
        [
            "第二章 主要目标",
            "    到2025年,地区生产总值年均增长6%左右。",
            "    表1  主要指标",
            *lines,
            "注:带∗的为2019年数据。",
            "第三章 保障措施",
            "正文。",
        ]
    )
    table = _table(text)
    assert _texts(table.header) == [HEADER]
    names = [r[1].text for r in table.rows]
    assert names == [
        "地区生产总值增长(%)",
        "全员劳动生产率增长(%)",
        "每万人口高价值发明专利拥有量(件)",
        "单位地区生产总值能源消耗降低(%)",
        "森林覆盖率(%)",
    ]
    assert [r[4].text for r in table.rows] == ["6左右", ">6.5", "[5.9]", "〔13.5〕", "[0.8]"]
    assert table.notes == ["注:带∗的为2019年数据。"]
    wrapped = table.rows[2][1]
    assert (
        text[wrapped.start : wrapped.end].startswith("每万人口")
        and text[wrapped.end - 4 : wrapped.end] == "量(件)"
    )


def test_a_lone_label_at_the_left_edge_is_a_row_of_its_own_not_a_wrap() -> None:
    lines = padded_table()
    lines.insert(3, _pad([(STOPS[0], "创新驱动类")]))
    table = _table("\n".join(["表1 主要指标", *lines, "第三章 保障措施"]))
    assert "创新驱动类" not in table.rows[1][0].text + table.rows[1][1].text


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_word_export_with_a_blank_line_between_every_cell(eol: str) -> None:
    grid = [
        ["指标", "单位", "2023年完成", "2024年目标"],
        ["地区生产总值增长", "%", "5.8", "6左右"],
        ["一般公共预算收入", "亿元", "285.6", "300"],
        ["城镇调查失业率", "%", "4.9", "5.5以内"],
    ]
    cells = [c for row in grid for c in row]
    text = (eol * 2).join(
        ["二、主要目标", "表1  2024年主要预期目标", *cells, "三、重点工作", "全力扩大有效需求。"]
    )
    table = _table(text)
    assert _texts(table.header) == [grid[0]]
    assert _texts(table.rows) == grid[1:]
    last = table.rows[-1][-1]
    assert text[last.start : last.end] == "5.5以内"


def test_pdf_with_cells_drawn_one_by_one() -> None:
    from reportlab.pdfgen import canvas

    grid = [
        ["序号", "指标", "单位", "2020年", "2025年"],
        ["1", "地区生产总值", "亿元", "1828", "2600"],
        ["2", "森林覆盖率", "%", "45", "46"],
        ["3", "城镇新增就业", "万人", "—", "[10]"],
    ]
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.setFont(_font(), 11)
    pdf.drawString(60, 800, "表1 主要指标")
    for r, row in enumerate(grid):
        for j, cell in enumerate(row):
            pdf.drawString(60 + j * 100, 780 - r * 16, cell)
    pdf.drawString(60, 700, "第二章 保障措施")
    pdf.showPage()
    pdf.save()
    source = read_bytes("cells.pdf", buf.getvalue())
    assert "序号\n指标" in source.text  # pypdf gives a stream of cells: the case under test
    table = _table(source.text, "pdf")
    assert _texts(table.header) == [grid[0]]
    assert _texts(table.rows) == grid[1:]


def _cells(texts: list[str]) -> list[Cell]:
    return [Cell(t, k, k + 1) for k, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "columns", "used"),
    [
        (["指标", "单位", "2023年", "2024年", "A", "%", "5.8", "6", "B", "亿元", "1", "2"], 4, 12),
        (["指标", "2020年", "2025年", "A", "1", "2", "B", "—", "3", "这是表后的一段正文"], 3, 9),
        (["序号", "指标", "目标", "1", "A", "5", "2", "B", "6"], 3, 9),
    ],
    ids=["units", "prose-after", "serial"],
)
def test_cell_stream_infers_the_column_count(texts: list[str], columns: int, used: int) -> None:
    found = cell_stream(_cells(texts))
    assert found is not None
    rows, n = found
    assert n == used and {len(r) for r in rows} == {columns}


@pytest.mark.parametrize(
    "texts",
    [
        ["一段正文", "另一段正文"],
        ["5", "指标", "3"],
        ["这一行是很长的正文而不是表头的单元格内容", "单位", "1", "2"],
    ],
    ids=["no-numbers", "number-first", "prose-header"],
)
def test_cell_stream_refuses_what_is_not_a_table(texts: list[str]) -> None:
    assert cell_stream(_cells(texts)) is None


@pytest.mark.parametrize(
    ("text", "numeric"),
    [
        ("3.6", True),
        (">6.5", True),
        ("[4.6]", True),
        ("〔300〕", True),
        ("6左右", True),
        ("3.1∗", True),
        ("5.5以内", True),
        ("2020年", False),
        ("预期性", False),
        ("—", False),
        ("量(件)", False),
    ],
)
def test_numeric_cells(text: str, numeric: bool) -> None:
    assert is_numeric(text) is numeric
