"""Small text helpers of the outline: cell text tidying, lead units, sentence splitting."""

from __future__ import annotations

import re
from functools import lru_cache

from plancockpit.outline.markers import load_rules

# Characters next to which a space is layout noise, not a word break (CJK, full-width
# punctuation, brackets and the slash in units such as 万元/ 人).
_TIGHT = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2010-\u2027()/"
# (Both ways start at a space: the look-ahead lets the search skip the other characters fast.)
_LOOSE_SPACE = re.compile(
    rf"(?=[ \t\u3000])(?:(?<=[{_TIGHT}])[ \t\u3000]+|[ \t\u3000]+(?=[{_TIGHT}]))"
)

_UNIT_SPLIT = re.compile(r"[、，,/；;\s]+")

# A sentence: up to and including its end mark (and closing quotes/brackets after it),
# or the rest of the text.
SENTENCE = re.compile(
    r"[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』)）]*|$)|[^。！？；!?;\n]+", re.MULTILINE
)


def tidy(text: str) -> str:
    """A cell's or title's text without layout spaces: "2020 年" → "2020年", "( 亿元)" → "(亿元)".

    >>> tidy(" 高新技术产业增加值占规上工业增 加值比重 ")
    '高新技术产业增加值占规上工业增加值比重'
    >>> tidy("R&D 经费支出占 GDP 比重")
    'R&D经费支出占GDP比重'
    """
    return _LOOSE_SPACE.sub("", text.strip(" \t\u3000|"))


@lru_cache(maxsize=1)
def lead_pattern() -> re.Pattern[str]:
    """Matches a lead-unit statement: "(牵头单位:区发改局、区经信局)", group `units`."""
    words = load_rules().lead_cues
    cues = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    firsts = re.escape("".join(sorted({w[0] for w in words})))
    return re.compile(
        rf"""
        (?=[(（\s{firsts}])           # what a match starts with: the search skips others fast
        [(（]?\s*
        (?:{cues})\s*[:：]\s*          # 牵头单位:
        (?P<units>[^()（）\n|]*?)      # the units, up to the closing bracket or line end
        \s*(?:[)）]|$|(?=\|))
        """,
        re.VERBOSE | re.MULTILINE,
    )


def split_units(units: str) -> list[str]:
    """Unit names from a lead statement's list, split on 、，,/； and spaces.

    >>> split_units("钱江世纪城、区文广旅游体育局")
    ['钱江世纪城', '区文广旅游体育局']
    """
    return [u for u in _UNIT_SPLIT.split(units.strip("。.")) if u]


def find_lead_units(text: str) -> list[str]:
    """All lead units stated anywhere in `text`, in order, without repeats."""
    seen: list[str] = []
    for m in lead_pattern().finditer(text):
        for unit in split_units(m.group("units")):
            if unit not in seen:
                seen.append(unit)
    return seen


def is_lead_line(line: str) -> bool:
    """True if the whole line is a lead statement such as "(牵头单位:区商务局)"."""
    m = lead_pattern().search(line)
    if m is None:
        return False
    rest = (line[: m.start()] + line[m.end() :]).strip(" \t\u3000。.|")
    return not rest


def strip_lead(text: str) -> str:
    """Text with its lead statement removed: "纤维新材料 (牵头单位: 区经信局)" → "纤维新材料"."""
    return tidy(lead_pattern().sub("", text))
