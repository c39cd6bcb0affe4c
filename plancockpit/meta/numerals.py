"""Chinese numerals as they appear in plan names and years: 十四 → 14, 二〇三五 → 2035."""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """A small Chinese number (up to 99) or a digit-by-digit year; None if not one.

    >>> cn_number("十四"), cn_number("十"), cn_number("二十一"), cn_number("二〇三五"), cn_number("14")
    (14, 10, 21, 2035, 14)
    """
    if text.isdigit():
        return int(text)
    if not text or any(ch not in DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    tens, _, units = text.partition("十")
    high = DIGITS[tens] if tens else 1
    low = DIGITS[units] if units else 0
    return high * 10 + low
