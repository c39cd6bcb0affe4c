"""Plain text: encodings detected, text kept verbatim (only a BOM removed)."""

from __future__ import annotations

import codecs

import pytest

from plancockpit.read import ReadError, read_bytes
from plancockpit.read.text import decode

SAMPLE = "第一章 总体要求\r\n到2025年，地区生产总值达到2600亿元，年均增长6%左右。\r\n"

CASES = [
    # (bytes, expected encoding, why)
    (SAMPLE.encode("utf-8"), "utf-8", "plain UTF-8"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig", "UTF-8 with BOM: BOM stripped"),
    (SAMPLE.encode("gb18030"), "gb18030", "GB18030"),
    (SAMPLE.encode("gbk"), "gb18030", "GBK is read as its superset GB18030"),
    (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le-sig", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be-sig", "UTF-16 BE with BOM"),
]


@pytest.mark.parametrize(("data", "encoding", "why"), CASES, ids=[c[2] for c in CASES])
def test_encodings_decode_to_the_same_verbatim_text(data: bytes, encoding: str, why: str) -> None:
    doc = read_bytes("plan.txt", data)
    assert doc.text == SAMPLE, why
    assert doc.encoding == encoding
    assert doc.text.count("\r\n") == 2  # line endings kept: every offset counts \r


def test_utf16_without_bom_guessed_from_nul_pattern() -> None:
    text, encoding = decode("Plan 2025: GDP 2600\n".encode("utf-16-le"))
    assert text == "Plan 2025: GDP 2600\n" and encoding == "utf-16-le"


def test_big5_falls_back_to_detection() -> None:
    data = ("臺灣地區生產總值成長率達到百分之三，預計明年繼續成長。" * 5).encode("big5")
    text, _ = decode(data)
    assert "生產總值" in text


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 100, b"PK\x03\x04\x00\x00\x08\x00" + bytes(300)],
    ids=["all-bytes", "control-bytes", "zip-header"],
)
def test_binary_junk_posing_as_text_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError, match="not a text file"):
        read_bytes("junk.txt", data)


def test_whitespace_only_text_is_empty() -> None:
    with pytest.raises(ReadError, match="empty"):
        read_bytes("blank.txt", b" \r\n\t\r\n")
