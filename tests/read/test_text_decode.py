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


BIG5_SAMPLES = [
    "十四五規劃綱要 地區生產總值增長6%",
    "規劃",
    "十四五",
    "發展綱要",
    "單位GDP能耗下降13.5%",
    "第一章 發展環境\n第二章 指導思想\n",
    "經濟社會發展主要指標\n指標 | 2020年 | 2025年 | 屬性\n地區生產總值(億元) | 1234 | 1800 | 預期性\n",
]


@pytest.mark.parametrize("sample", BIG5_SAMPLES)
def test_big5_text_is_decoded_not_called_binary(sample: str) -> None:
    # Short Big5 text is also valid GB18030 (as mojibake such as "き砏购乎璶"): the decoding
    # whose characters are the common ones of its own set must win.
    doc = read_bytes("規劃.txt", sample.encode("big5"))
    assert doc.text == sample
    assert doc.encoding == "big5"


def test_big5_extensions_via_cp950() -> None:
    # 碁 and ～ are not in strict Big5 but in CP950, Windows' Big5
    sample = "碁～二五年地區生產總值增長6%"
    text, encoding = decode(sample.encode("cp950"))
    assert (text, encoding) == (sample, "cp950")


@pytest.mark.parametrize(
    "sample", ["——高品质发展", "规划纲要", "到2025年，地区生产总值达到2600亿元。"]
)
def test_gbk_text_that_is_also_valid_big5_stays_gbk(sample: str) -> None:
    text, encoding = decode(sample.encode("gbk"))
    assert (text, encoding) == (sample, "gb18030")


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
