"""Small files the reader tests build themselves: a .docx (python-docx) and a .pdf (reportlab)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest


@pytest.fixture(scope="session")
def make_pdf() -> Callable[..., bytes]:
    """make_pdf(lines, encrypt=None, text=True) → PDF bytes written with the CID font STSong-Light."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    def make(lines: list[str], encrypt: str | None = None, text: bool = True) -> bytes:
        buf = io.BytesIO()
        pdf = canvas.Canvas(buf, encrypt=encrypt)
        pdf.setFont("STSong-Light", 11)
        y = 780
        for line in lines:
            if text:
                pdf.drawString(60, y, line)
            else:
                pdf.rect(60, y, 300, 8, fill=1)  # a "scan": marks, no text
            y -= 16
        pdf.showPage()
        pdf.save()
        return buf.getvalue()

    return make


@pytest.fixture(scope="session")
def make_docx() -> Callable[..., bytes]:
    """make_docx(blocks) → .docx bytes; a block is ("h1".."h3", text), ("p", text) or ("table", rows)."""
    import docx

    def make(blocks: list[tuple[str, object]]) -> bytes:
        document = docx.Document()
        for kind, content in blocks:
            if kind.startswith("h"):
                document.add_heading(str(content), int(kind[1:]))
            elif kind == "p":
                document.add_paragraph(str(content))
            else:
                rows = content
                assert isinstance(rows, list)
                table = document.add_table(rows=len(rows), cols=len(rows[0]))
                for i, row in enumerate(rows):
                    for j, value in enumerate(row):
                        if value is not None:
                            table.cell(i, j).text = value
                for i, row in enumerate(rows):  # None below a value: merged with the cell above
                    for j, value in enumerate(row):
                        if value is None and i:
                            table.cell(i - 1, j).merge(table.cell(i, j))
        buf = io.BytesIO()
        document.save(buf)
        return buf.getvalue()

    return make
