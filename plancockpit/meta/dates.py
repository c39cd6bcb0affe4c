"""The date a dated text (report, meeting, news, interview) was given or published.

In order: a full date in the opening ("发布时间：2025-02-14", "2024年1月16日在…会议上");
else a line holding only a date, in the opening or at the end (the issuer's "2023年11月" under the
title or the signature's date; a month without its day dates the text to the month's first day);
else the dateline's month and day ("1月23日,记者从…") with a year: the year the text is about,
except when the text reviews that whole year ("2024年,全市实现…", "全年…") and the dateline is
early in a year: a year's results are published in the first months of the next one.
"""

from __future__ import annotations

import re
from datetime import date

from plancockpit.numerals import RECENT_YEAR

FULL_DATE = re.compile(
    rf"""
    (?P<y>{RECENT_YEAR}) \s* (?:年|[-/.]) \s*
    (?P<m>1[0-2]|0?[1-9]) \s* (?:月|[-/.]) \s*
    (?P<d>3[01]|[12]\d|0?[1-9]) (?:\s*日)? (?!\d)
    """,
    re.VERBOSE,
)
DATE_LINE = re.compile(
    rf"""
    ^ [ \t\u3000]* (?P<y>{RECENT_YEAR}) \s* 年 \s* (?P<m>1[0-2]|0?[1-9]) \s* 月
    (?: \s* (?P<d>3[01]|[12]\d|0?[1-9]) \s* 日 )? [ \t\u3000]* $
    """,
    re.VERBOSE | re.MULTILINE,
)
TAIL = 300  # a signature's date stands in the last lines
MONTH_DAY = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*月\s*(3[01]|[12]\d|0?[1-9])\s*日")
HEAD = 400  # a date that dates the text stands in its opening
EARLY_MONTHS = 4  # a dateline up to April may publish the year before's results


def _review(year: int) -> re.Pattern[str]:
    """Words reporting a whole year's results: "2024年,全市实现", "2024年全年", "比上年增长"."""
    return re.compile(
        rf"""
        {year}\s*年 [,，]? \s* (?:[全我该本][市区县省国州盟镇乡])? \s* (?:全年|实现|完成|累计)
        """,
        re.VERBOSE,
    )


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def printed_date(text: str, original: str = "") -> tuple[date | None, str]:
    """(date, evidence) printed in the text: a full date in the opening, else a line holding
    only a date at the start or the end of the original print (`original`, else `text`)."""
    full = FULL_DATE.search(text[:HEAD])
    if full:
        when = _safe(int(full.group("y")), int(full.group("m")), int(full.group("d")))
        if when:
            return when, f"{full.group(0).strip()} in the opening"
    lines = original or text
    for where, part in (("in the opening", lines[: 2 * HEAD]), ("at the end", lines[-TAIL:])):
        line = DATE_LINE.search(part)
        if line:
            when = _safe(int(line.group("y")), int(line.group("m")), int(line.group("d") or 1))
            if when:
                month_only = "" if line.group("d") else " (month only: its first day)"
                return when, f"date line {line.group(0).strip()} {where}{month_only}"
    return None, ""


def document_date(text: str, about_year: int | None, original: str = "") -> tuple[date | None, str]:
    """(date, evidence) of a dated text; `about_year` is the year the text is about (None: no
    dateline without its year is read). Dates in Chinese numerals are read once `text` and
    `original` went through `numerals.arabic_dates`."""
    when, why = printed_date(text, original)
    if when is not None:
        return when, why
    md = MONTH_DAY.search(text[:HEAD])
    if md is None or about_year is None:
        return None, ""
    month, day = int(md.group(1)), int(md.group(2))
    year = about_year
    why = f"{md.group(0)} at the start, in {about_year}"
    if month <= EARLY_MONTHS and _review(about_year).search(text):
        year = about_year + 1
        why = f"{md.group(0)} at the start; the text reviews {about_year} as a whole, so {year}"
    when = _safe(year, month, day)
    return (when, why) if when else (None, "")
