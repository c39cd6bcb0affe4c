"""PDF with a text layer, via pypdf; pages joined by a line break.

Refused with a clear message: encrypted files (unless an empty password opens them),
truncated or corrupt files, and scans with no text layer (OCR is out of scope).
"""

from __future__ import annotations

import io
import logging

from plancockpit.read.errors import ReadError
from plancockpit.read.limits import MAX_PDF_PAGES
from plancockpit.read.source import SourceDocument

MIN_CHARS_PER_PAGE = 5  # fewer printable characters than this per page on average: a scan


def read_pdf(name: str, data: bytes) -> SourceDocument:
    """A .pdf file's text layer as a SourceDocument."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReadError("not a PDF file (no %PDF header) / 不是 PDF 文件")
    if b"%%EOF" not in data[-2048:]:
        raise ReadError("truncated PDF (no end-of-file marker) / PDF 文件不完整")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:
                raise ReadError("encrypted PDF (password needed) / PDF 已加密，需要密码") from exc
            if not opened:
                raise ReadError("encrypted PDF (password needed) / PDF 已加密，需要密码")
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise ReadError(f"PDF has {len(pages)} pages (limit {MAX_PDF_PAGES}) / PDF 页数过多")
        texts = [(page.extract_text() or "").rstrip("\n") for page in pages]
    except ReadError:
        raise
    except (PdfReadError, Exception) as exc:  # pypdf raises many kinds on a broken file
        raise ReadError(
            f"corrupt or truncated PDF ({type(exc).__name__}) / PDF 文件已损坏"
        ) from exc
    text = "\n".join(texts)
    printable = len("".join(text.split()))
    if printable < MIN_CHARS_PER_PAGE * max(len(texts), 1):
        raise ReadError(
            "PDF has no text layer (a scan?); OCR it first / PDF 无文字层（扫描件？），请先做文字识别"
        )
    return SourceDocument(name=name, text=text, format="pdf", encoding=None)
