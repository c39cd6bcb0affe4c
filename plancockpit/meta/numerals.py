"""Dates written in Chinese numerals (二〇二三年十一月二十日), read with the shared
`plancockpit.numerals`, so meta's date and year patterns need only Arabic digits."""

from __future__ import annotations

import re

from plancockpit.numerals import CN_POSITIONAL, cn_number

CN_DATE = re.compile(
    rf"""
    (?P<y> (?:一九|二[〇○零]) [{CN_POSITIONAL}]{{2}} ) 年
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
