"""PDF: the text layer read back; encrypted, truncated and scanned files refused clearly."""

from __future__ import annotations

import pytest

from plancockpit.read import ReadError, read_bytes
from tests.read.filemakers import make_pdf

LINES = ["第一章 发展基础", "到2025年，地区生产总值达到2600亿元。"]


def test_text_layer_round_trip() -> None:
    doc = read_bytes("plan.pdf", make_pdf(LINES))
    assert doc.format == "pdf"
    assert doc.text.splitlines() == LINES


def test_encrypted_pdf_refused() -> None:
    with pytest.raises(ReadError, match="encrypted"):
        read_bytes("secret.pdf", make_pdf(LINES, encrypt="secret"))


def test_truncated_pdf_refused() -> None:
    data = make_pdf(LINES)
    with pytest.raises(ReadError, match="truncated"):
        read_bytes("cut.pdf", data[: len(data) // 2])


def test_scan_without_text_layer_refused() -> None:
    with pytest.raises(ReadError, match="no text layer"):
        read_bytes("scan.pdf", make_pdf(LINES, text=False))


def test_not_a_pdf_refused() -> None:
    with pytest.raises(ReadError, match="not a PDF"):
        read_bytes("fake.pdf", b"<html>not a pdf</html>")
