"""Named regex pieces, built once and shared by the stages, so a separator or a year is spelled
in one place. Pieces are regex source strings (to be put inside larger patterns, most of them
re.VERBOSE); the pieces built from rule data (count units, heading starts) are cached functions.

Years and the plan ordinal come from `plancockpit.numerals`, which parses what they match.

>>> import re
>>> bool(re.fullmatch(YEAR_SPAN, "2021—2025年")), bool(re.fullmatch(YEAR_SPAN, "二〇二一-二〇二五年"))
(True, True)
>>> re.fullmatch(PLAN_NAME, "十四五") is not None
True
>>> heading_start().match("（三）推进共同富裕") is not None, heading_start().match("1.5万人") is None
(True, True)
"""

from __future__ import annotations

import functools
import re

from plancockpit import rulefiles
from plancockpit.numerals import ARABIC_YEAR, CHINESE_YEAR, PLAN_ORDINAL, YEAR_NUM
from plancockpit.rulefiles.schemas import OutlineMarkers, UnitRow

__all__ = [
    "ARABIC_YEAR",
    "CHINESE_YEAR",
    "NUMBER_RANGE_SEP",
    "PLAN_NAME",
    "PLAN_ORDINAL",
    "TABLE_RANGE_SEP",
    "YEAR_NUM",
    "YEAR_SPAN",
    "YEAR_SPAN_SEP",
    "count_units",
    "heading_start",
]

# The dash between the two years of a span (2021—2025年, 2024-2026): em dash, en dash, tilde,
# hyphen. Never 至/到 here: 到2025年 is a deadline, not a span.
YEAR_SPAN_SEP = r"[—–~-]"
# A span of years, the second followed by 年 (2021—2025年); spaces around the dash allowed.
YEAR_SPAN = rf"{YEAR_NUM}[ ]?{YEAR_SPAN_SEP}[ ]?{YEAR_NUM}[ ]?年"
# A five-year plan's name as written (十四五), without the named group of PLAN_ORDINAL, so a
# pattern may use it more than once.
PLAN_NAME = r"十[一二三四五六七八九]五"
# Between the two numbers of a range in prose (3%-5%, 5至8个, 三到五年): dashes, tildes (also
# full-width), 至 and 到.
NUMBER_RANGE_SEP = r"[~～\-—–至到]"
# Between the two numbers of a range in a table cell (5-8, 6～7): a cell never writes 到 or an
# en dash between bounds in the tables seen, so the set is the narrower one the reader was
# measured with.
TABLE_RANGE_SEP = r"[-~～—至]"


@functools.cache
def count_units() -> tuple[str, ...]:
    """The units of class `count` in `data/extract/units.tsv` (个, 家, 人次 …), longest first, as
    an alternation takes the first that matches."""
    units = {
        r.unit for r in rulefiles.table("extract/units.tsv", UnitRow) if r.unit_class == "count"
    }
    return tuple(sorted(units, key=lambda u: (-len(u), u)))


def _without_title(pattern: str) -> str:
    """A marker's pattern up to its title: the heading's start (number and what follows it)."""
    start = re.sub(r"\(\?P<title>[^()]*\)\s*$", "", pattern)
    return start.replace("(?P<num>", "(?:")


@functools.cache
def heading_start() -> re.Pattern[str]:
    """The start of a heading line as the outline reads headings: any marker of
    `data/outline_markers.yaml` without its title (第三章, 一、, （二）, 1. but not 1.5, 专栏3, ①).
    Use with `.match(text, pos)`; leading spaces are allowed."""
    markers = rulefiles.load("outline_markers.yaml", OutlineMarkers).markers
    starts = "\n| ".join(f"(?:{_without_title(m.pattern)})" for m in markers)
    return re.compile(rf"[ \t\u3000]*(?:\n  {starts}\n)", re.VERBOSE)
