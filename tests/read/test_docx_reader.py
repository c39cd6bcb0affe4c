"""Word files: body order, headings, tables with cell spans; corrupt files and zip bombs refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from plancockpit.read import ReadError, read_bytes
from tests.read.filemakers import docx_of_zip_version, docx_with_method, make_docx


def test_paragraphs_headings_and_tables_in_body_order() -> None:
    data = make_docx(
        [
            ("h1", "第一章 总体要求"),
            ("p", "到2025年，地区生产总值达到2600亿元。"),
            ("table", [["序号", "指标", "2025年"], ["1", "地区生产总值", "2600"]]),
            ("h2", "发展环境"),
            ("p", "完。"),
        ]
    )
    doc = read_bytes("plan.docx", data)
    assert doc.format == "docx"
    lines = doc.text.splitlines()
    assert lines[0] == "第一章 总体要求" and lines[1].startswith("到2025年")
    assert lines[-1] == "完。"
    assert [(doc.text[h.start : h.end], h.level) for h in doc.headings] == [
        ("第一章 总体要求", 1),
        ("发展环境", 2),
    ]
    (table,) = doc.tables
    cells = [[doc.text[a:b] for a, b in row] for row in table.rows]
    assert cells == [["序号", "指标", "2025年"], ["1", "地区生产总值", "2600"]]
    assert doc.text.index("到2025年") < table.start < doc.text.index("发展环境")


def test_merged_cells_written_once() -> None:
    data = make_docx([("table", [["一级指标", "序号"], ["经济质效", "1"], [None, "2"]])])
    doc = read_bytes("t.docx", data)
    cells = [[doc.text[a:b] for a, b in row] for row in doc.tables[0].rows]
    assert cells == [["一级指标", "序号"], ["经济质效", "1"], ["", "2"]]


def test_corrupt_docx_refused() -> None:
    with pytest.raises(ReadError, match="corrupt .docx"):
        read_bytes("bad.docx", b"this is not a zip file at all")


def test_zip_without_word_document_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match="no word/document.xml"):
        read_bytes("bad.docx", buf.getvalue())


def test_truncated_docx_refused() -> None:
    data = make_docx([("p", "正文")])
    with pytest.raises(ReadError, match="corrupt .docx"):
        read_bytes("cut.docx", data[: len(data) // 2])


def test_zip_bomb_refused_before_inflating() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    assert len(buf.getvalue()) < 100_000
    with pytest.raises(ReadError, match="zip bomb"):
        read_bytes("bomb.docx", buf.getvalue())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (docx_of_zip_version(81), r"zip file version 8\.1"),
        (docx_with_method(9), r"compression method 9"),
        (docx_with_method(98), r"compression method 98"),
    ],
    ids=["zip-version-8.1", "deflate64", "ppmd"],
)
def test_zip_features_python_cannot_read_are_one_line_read_errors(data: bytes, reason: str) -> None:
    # zipfile raises NotImplementedError for these; a reader must never let it escape.
    with pytest.raises(ReadError, match=reason) as info:
        read_bytes("new-archiver.docx", data)
    assert str(info.value).startswith("unsupported .docx") and "\n" not in str(info.value)


def test_docx_whose_text_part_is_over_the_limit_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_docx([("p", "到2025年，全区生产总值达到2600亿元。" * 40)] * 50)
    assert read_bytes("ok.docx", data).text
    monkeypatch.setattr("plancockpit.read.zipguard.MAX_DOCX_XML", 20_000)
    with pytest.raises(ReadError, match="text part is .* MB of XML"):
        read_bytes("big.docx", data)


def test_reading_a_long_docx_looks_styles_up_once() -> None:
    """python-docx scans every style for each paragraph's default style; the reader must not."""
    from unittest import mock

    from docx.oxml.styles import CT_Styles

    data = make_docx([("h1", "第一章"), *[("p", f"第{i}段。") for i in range(300)]])
    with mock.patch.object(
        CT_Styles, "default_for", autospec=True, side_effect=CT_Styles.default_for
    ) as default_for:
        source = read_bytes("long.docx", data)
    assert source.headings[0].level == 1 and "第299段" in source.text
    assert default_for.call_count <= 1
