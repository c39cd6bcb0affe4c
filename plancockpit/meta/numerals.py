"""Chinese numerals as they appear in plan names and years: 十四 → 14, 二〇三五 → 2035."""

from __future__ import annotations

import re

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


_CN_DIGIT = "〇○零一二三四五六七八九"
CN_DATE = re.compile(
    rf"""
    (?P<y> (?:一九|二[〇○零]) [{_CN_DIGIT}]{{2}} ) 年
    (?: (?P<m> 十[一二]? | [一二三四五六七八九] ) 月
        (?: (?P<d> 三十一? | 二?十[一二三四五六七八九]? | [一二三四五六七八九] ) [日号] )? )?
    """,
    re.VERBOSE,
)


def arabic_dates(text: str) -> str:
    """`text` with dates written in Chinese numerals in Arabic digits, so one set of date and year
    patterns reads both ("二〇二三年十一月" → "2023年11月"; a year alone keeps its length).

    >>> arabic_dates("二〇二三年，该镇…二○二三年十一月二十日")
    '2023年，该镇…2023年11月20日'
    """

    def arabic(m: re.Match[str]) -> str:
        out = f"{cn_number(m.group('y'))}年"
        if m.group("m"):
            out += f"{cn_number(m.group('m'))}月"
        if m.group("d"):
            out += f"{cn_number(m.group('d'))}日"
        return out

    return CN_DATE.sub(arabic, text)
