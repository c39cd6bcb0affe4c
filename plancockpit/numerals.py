"""Numbers as written → values: Arabic (with separators, full-width) and Chinese numerals.

>>> parse_number("1,828.47")
1828.47
>>> parse_number("二十二")
22.0
>>> parse_number("百")
100.0
>>> parse_number("十二点五")
12.5
>>> chinese_year("二〇三五")
2035

One home for reading numerals: every stage (meta's plan ordinals and dates, extract's values and
years) reads them here.
"""

from __future__ import annotations

import functools

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
# Digits written one by one (years 二〇二四, decimals 十二点五): never 两.
CN_POSITIONAL = "".join(c for c in CN_DIGITS if c != "两")
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)
# A year as written in Arabic or Chinese digits (2024, 二〇二四), for composing patterns.
ARABIC_YEAR = r"(?:19|20)\d\d"
CHINESE_YEAR = rf"[〇○零一二][{CN_POSITIONAL}]{{3}}"
YEAR_NUM = rf"(?:{ARABIC_YEAR}|{CHINESE_YEAR})"
# A document's own year, its plan period or a table's year column: 1950–2099 only.
RECENT_YEAR = r"(?:19[5-9]\d|20\d\d)"
# A five-year plan by its ordinal (十四五 is 2021–2025): the ordinal digit is group "n".
PLAN_ORDINAL = r"十(?P<n>[一二三四五六七八九])五"
FULLWIDTH = str.maketrans("０１２３４５６７８９．，％～－", "0123456789.,%~-")


def parse_chinese(text: str) -> float | None:
    """Value of a Chinese numeral (十 → 10, 二十二 → 22, 一万二千 → 12000, 十二点五 → 12.5)."""
    whole, dot, decimals = text.partition("点")
    if dot:
        if not decimals or any(c not in CN_POSITIONAL for c in decimals):
            return None
        value = parse_chinese(whole)
        fraction = "".join(str(CN_DIGITS[c]) for c in decimals)
        return None if value is None else float(f"{int(value)}.{fraction}")
    if not text or any(c not in CN_CHARS for c in text):
        return None
    total, section, digit = 0, 0, -1
    for ch in text:
        if ch in CN_DIGITS:
            if digit >= 0:  # two digits in a row: read positionally (二〇二〇 style)
                digit = digit * 10 + CN_DIGITS[ch]
            else:
                digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (digit if digit >= 0 else 1) * CN_SMALL[ch]
            digit = -1
        else:
            section += max(digit, 0)
            total += (section or 1) * CN_BIG[ch]
            section, digit = 0, -1
    return float(total + section + max(digit, 0))


@functools.lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """Value of an Arabic or Chinese number as written; None if it cannot be read.

    Cached: a document spells the same few numbers (一, 两, 2025) hundreds of times."""
    t = text.translate(FULLWIDTH).replace(" ", "")
    if not t:
        return None
    if t[0].isdigit():
        head, _, _ = t.partition(".")
        groups = head.split(",")
        if len(groups) > 1 and (
            not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])
        ):
            return None  # 1,2,,3: not a thousands separator
        t = t.replace(",", "")
        if t.count(".") > 1 or t.endswith(".") or not t.replace(".", "").isdigit():
            return None
        try:
            return float(t)
        except ValueError:  # pragma: no cover - guarded above
            return None
    return parse_chinese(t)


def chinese_year(text: str) -> int | None:
    """A year written digit by digit in Chinese (二〇三五 → 2035), else None."""
    if len(text) != 4 or any(c not in CN_DIGITS for c in text):
        return None
    year = int("".join(str(CN_DIGITS[c]) for c in text))
    return year if 1900 <= year <= 2100 else None


def cn_number(text: str) -> int | None:
    """A small number in Chinese digits and 十 (a plan's ordinal, a month, a day) or a year digit
    by digit, or Arabic digits; None for anything else (百, 万: not an ordinal or a date).

    >>> cn_number("十四"), cn_number("十"), cn_number("二十一"), cn_number("二〇三五"), cn_number("14")
    (14, 10, 21, 2035, 14)
    """
    if text.isdigit():
        return int(text)
    if not text or any(c not in CN_DIGITS and c != "十" for c in text):
        return None
    value = parse_chinese(text)
    return None if value is None else int(value)


def plan_period_end(ordinal_digit: str) -> int:
    """Last year of the five-year plan 十X五 from its digit X (the 11th plan ended in 2010).

    >>> plan_period_end("四"), plan_period_end("五")
    (2025, 2030)
    """
    return 1955 + 5 * (10 + CN_DIGITS[ordinal_digit])
