"""Small files the tests build themselves: a .docx (python-docx) and a .pdf (reportlab)."""

from __future__ import annotations

import io
from functools import lru_cache


@lru_cache(maxsize=1)
def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # a CID font: Chinese without files
    return "STSong-Light"


def make_pdf(lines: list[str], encrypt: str | None = None, text: bool = True) -> bytes:
    """PDF bytes with one line of text per entry (or black bars instead when text=False)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, encrypt=encrypt)
    pdf.setFont(_font(), 11)
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


def make_docx(blocks: list[tuple[str, object]]) -> bytes:
    """.docx bytes; a block is ("h1".."h3", text), ("p", text) or ("table", rows).

    In a table, None below a value merges that cell with the one above (a vertical merge).
    """
    import docx

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
            for i, row in enumerate(rows):
                for j, value in enumerate(row):
                    if value is None and i:
                        table.cell(i - 1, j).merge(table.cell(i, j))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _patch_zip(data: bytes, *, version: int | None = None, method: int | None = None) -> bytes:
    """A zip's bytes with every member's "version needed to extract" and/or compression method
    rewritten in its local and central headers (what an archiver newer than zipfile writes)."""
    import struct

    out = bytearray(data)
    for signature, version_at, method_at in ((b"PK\x03\x04", 4, 8), (b"PK\x01\x02", 6, 10)):
        at = out.find(signature)
        while at != -1:
            if version is not None:
                struct.pack_into("<H", out, at + version_at, version)
            if method is not None:
                struct.pack_into("<H", out, at + method_at, method)
            at = out.find(signature, at + 4)
    return bytes(out)


def docx_of_zip_version(version: int = 81) -> bytes:
    """A .docx claiming zip version 8.1 (zipfile refuses it with NotImplementedError)."""
    return _patch_zip(make_docx([("p", "到2025年，地区生产总值增长6%。")]), version=version)


def docx_with_method(method: int = 9) -> bytes:
    """A .docx whose members say compression method 9 (Deflate64, which zipfile cannot inflate)."""
    return _patch_zip(make_docx([("p", "到2025年，地区生产总值增长6%。")]), method=method)
