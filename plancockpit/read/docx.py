"""Word .docx: paragraphs, headings and tables in body order, via python-docx.

The text is one line per paragraph. A table row is one line with its cells separated by
" | " and ended by " |" (the pipe flattening the outline reads), a merged cell written once
with empty cells for the columns or rows it covers; `TableHint` gives every cell's span.
A paragraph styled as a heading (Heading N / 标题 N, or with an outline level) gives a
`HeadingHint` with its level.
"""

from __future__ import annotations

import io
import re
from typing import Any

from plancockpit.read.errors import ReadError
from plancockpit.read.source import HeadingHint, SourceDocument, TableHint
from plancockpit.read.zipguard import check_zip

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\u3000]+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEP = " | "
END = " |"


class _Text:
    """Accumulates the output text and knows the current offset."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos


def _style_names(document: Any) -> tuple[dict[str, str], str]:
    """Paragraph style names by style id, and the default paragraph style's name: read once,
    because python-docx looks the default up anew (a scan of all styles) for every paragraph."""
    names: dict[str, str] = {}
    default = ""
    for style in document.styles.element.style_lst:
        if style.type is not None and str(style.type).lower().startswith("paragraph"):
            names[style.styleId or ""] = style.name_val or ""
            if style.default:
                default = style.name_val or ""
    return names, default


def _heading_level(p: Any, styles: tuple[dict[str, str], str]) -> int | None:
    names, default = styles
    ppr = p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    style = (names.get(style_id, default) if style_id is not None else default).strip()
    m = _HEADING_STYLE.match(style)
    if m:
        return int(m.group(1))
    if style.lower() == "title":
        return 1
    if ppr is not None:
        lvl = ppr.find(f"{_W}outlineLvl")
        if lvl is not None:
            val = lvl.get(f"{_W}val")
            if val is not None and val.isdigit() and int(val) < 9:
                return int(val) + 1
    return None


def _cell_text(cell: Any) -> str:
    return _SPACES.sub(" ", " ".join(p.text for p in cell.paragraphs)).strip().replace("|", "｜")


def _table(table: Any, out: _Text) -> TableHint:
    start = out.pos
    rows: list[tuple[tuple[int, int], ...]] = []
    above: list[Any] = []
    for row in table.rows:
        spans: list[tuple[int, int]] = []
        seen: list[Any] = []
        cells = list(row.cells)
        for j, cell in enumerate(cells):
            if j:
                out.add(SEP)
            repeat = any(cell._tc is s for s in seen) or (j < len(above) and above[j] is cell._tc)
            seen.append(cell._tc)
            spans.append(out.add("" if repeat else _cell_text(cell)))
        out.add(END + "\n")
        above = [c._tc for c in cells]
        rows.append(tuple(spans))
    return TableHint(start=start, end=out.pos - 1, rows=tuple(rows))


def read_docx(name: str, data: bytes) -> SourceDocument:
    """A .docx file as a SourceDocument (zip checked for bombs before python-docx opens it)."""
    check_zip(data)
    try:
        from docx import Document
        from docx.table import Table

        document = Document(io.BytesIO(data))
        styles = _style_names(document)
        out = _Text()
        headings: list[HeadingHint] = []
        tables: list[TableHint] = []
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = block.text.replace("\r", "")
                start, end = out.add(text)
                out.add("\n")
                level = _heading_level(block, styles)
                if level is not None and text.strip():
                    headings.append(HeadingHint(start, end, level))
            elif tag == "tbl":
                tables.append(_table(Table(block, document), out))
    except ReadError:
        raise
    except Exception as exc:  # python-docx/lxml raise many kinds on a broken file
        raise ReadError(f"corrupt .docx ({type(exc).__name__}) / .docx 文件已损坏") from exc
    text = "".join(out.parts)
    return SourceDocument(
        name=name,
        text=text,
        format="docx",
        encoding=None,
        headings=tuple(headings),
        tables=tuple(tables),
    )
