"""The layout held-out set (heldout3) through real files: its Word-export report as a .docx with
a real table, its PDF-text plan as a .pdf (CID font, one page per printed page, running title
and page number on each). Reading through the other format must find the same quantities."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from plancockpit.extract.record import QuantityRecord
from plancockpit.pipeline import analyse_file, prepare
from tests.extract.helpers import assert_variant_matches

DOCS = Path(__file__).resolve().parent / "heldout3" / "docs"
TABLE_WIDTH = 4  # 指标 | 单位 | 2022年完成 | 2023年目标


def _numbers(records: list[QuantityRecord]) -> Counter[tuple[float, str]]:
    return Counter((r.value, r.unit) for r in records)


def _assert_offsets(records: list[QuantityRecord], text: str) -> None:
    for r in records:
        assert text[r.start : r.end] == r.number, r


def test_word_report_as_docx_finds_the_same_numbers(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    txt = DOCS / "n_city_report_2023_word.txt"
    lines = txt.read_bytes().decode("utf-8").split("\r\n")
    document = docx.Document()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("表1"):
            document.add_paragraph(line)
            cells: list[str] = []
            i += 1
            while i < len(lines) and (not lines[i] or lines[i + 1 : i + 2] == [""]):
                if lines[i]:
                    cells.append(lines[i])
                i += 1
            rows = [cells[k : k + TABLE_WIDTH] for k in range(0, len(cells), TABLE_WIDTH)]
            table = document.add_table(rows=len(rows), cols=TABLE_WIDTH)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            continue
        if line:
            document.add_paragraph(line)
        i += 1
    path = tmp_path / "n_city_report_2023_word.docx"
    document.save(str(path))
    records = analyse_file(path).records
    _assert_offsets(records, prepare(path)[0].text)
    assert _numbers(records) == _numbers(analyse_file(txt).records)


def test_pdf_plan_with_page_furniture_finds_the_same_numbers(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    txt = DOCS / "m_province_plan_pdf.txt"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    y = 800.0
    for line in txt.read_text("utf-8").splitlines():
        if line.strip().startswith("—") and line.strip().endswith("—"):
            pdf.setFont("STSong-Light", 9)
            pdf.drawCentredString(297, 40, line.strip())  # the page number at the foot
            pdf.showPage()
            y = 800.0
            continue
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(30, y, line)
        y -= 13
    pdf.save()
    path = tmp_path / "m_province_plan_pdf.pdf"
    path.write_bytes(buf.getvalue())
    assert_variant_matches(path, txt, _numbers)
