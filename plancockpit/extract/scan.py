"""Find numbers in cleaned text and read what is glued to them: range, unit, comparator words.

The scan is one left-to-right pass of a regex with bounded pieces (no nested quantifiers), then
constant-size look-ups around each hit, so time grows linearly with the text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from plancockpit.extract.rules import Rules, load_rules
from plancockpit.extract.words import longest_first
from plancockpit.numerals import CN_POSITIONAL, chinese_year, parse_number
from plancockpit.patterns import NUMBER_RANGE_SEP

CN = "零〇○一二两三四五六七八九十百千万亿"

NUMBER = re.compile(
    rf"""
    (?=[\d{CN}])                        # what every number starts with: lets the search skip
                                        # other characters fast (4× on the corpus)
    (?P<pct>百分之)?                    # 百分之十: a percentage written in words
    (?P<num>
        (?<![\d.,])\d{{1,3}}(?:,\d{{3}})+(?![\d,])(?:\.\d{{1,6}})?   # thousands separators
      | \d{{1,15}}(?:\.\d{{1,8}})?       # plain or decimal; long runs are cut into pieces
      | [{CN}]{{1,12}}(?:点[{CN_POSITIONAL}]{{1,4}})?  # Chinese numeral, 十二点五 with decimals
    )
    """,
    re.VERBOSE,
)
RANGE = re.compile(
    rf"""
    [ ]?(?:%[ ]?)?                       # 3%-5%: the first unit may repeat
    (?P<sep>{NUMBER_RANGE_SEP})[ ]?
    (?P<hi>\d{{1,15}}(?:\.\d{{1,8}})?|[{CN}]{{1,6}})
    """,
    re.VERBOSE,
)
# longest first: the regex alternation takes the first that matches (万亿元 before 万)
MAGNITUDE = ("万亿", "十万", "百万", "千万", "万", "亿")

MAGNITUDE_CHARS = frozenset("万亿千百十")
ZERO_CHARS = frozenset("零〇○")

ALT_UNIT = re.compile(r"[(（]([\u4e00-\u9fff]{1,2})[)）]")  # a second unit in brackets: 套(间)


@dataclass
class Hit:
    """A number found in the text with what is glued to it; `end` is the end of the number."""

    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str
    unit_class: str
    unit_end: int  # end of the unit (and of a "between" comparator word)
    comparator: str
    tail_end: int  # end of an "after" comparator word, else unit_end
    chinese: bool
    skip: str = ""  # why it is not a quantity ("" = keep)


@functools.cache
def _unit_regex() -> re.Pattern[str]:
    rules = load_rules()
    scalable = sorted(
        (u for u, c in rules.units.items() if c in {"count", "amount", "measure"}),
        key=len,
        reverse=True,
    )
    plain = sorted(rules.units, key=len, reverse=True)
    mags = "|".join(MAGNITUDE)
    return re.compile(
        rf"""
        [ ]?(?P<between>{"|".join(map(re.escape, rules.comparators["between"]))})?[ ]?
        (?P<unit>
            (?:{mags})(?:{"|".join(map(re.escape, scalable))})   # 万人, 亿元, 万平方米
          | (?:{"|".join(map(re.escape, plain))})                 # %, 个, 家
          | (?:{mags})                                            # 105万
        )?
        (?P<between2>余|多)?
        """,
        re.VERBOSE,
    )


@functools.cache
def _plain_units() -> tuple[str, ...]:
    return tuple(sorted(load_rules().units, key=len, reverse=True))


@functools.cache
def _after_words() -> tuple[str, ...]:
    return longest_first(load_rules().comparators["after"])


def _after_word(text: str, pos: int, rules: Rules) -> tuple[str, str]:
    """The comparator word right after a number (以上, 以内) and its comparator, or ("", "")."""
    order = _after_words()
    if not text.startswith(order, pos):  # one check of the whole list: most numbers have none
        return "", ""
    w = next(w for w in order if text.startswith(w, pos))
    return w, rules.comparators["after"][w]


def find_hits(text: str, start: int = 0, end: int | None = None) -> list[Hit]:
    """All numbers in `text[start:end]`, each with unit, range and comparator words read."""
    rules = load_rules()
    end = len(text) if end is None else end
    unit_re = _unit_regex()
    hits: list[Hit] = []
    pos = start
    while True:
        m = NUMBER.search(text, pos, end)
        if m is None:
            return hits
        pos = m.end()
        hit = _read(text, m, end, rules, unit_re)
        if hit is not None:
            hits.append(hit)
            pos = max(pos, hit.unit_end)  # a unit holds no number (分/千瓦时, 千伏)


def _read(
    text: str, m: re.Match[str], end: int, rules: Rules, unit_re: re.Pattern[str]
) -> Hit | None:
    pct, raw = m.group("pct", "num")
    chinese = not raw[0].isdigit()
    s, e = m.span("num")
    if pct:
        s = m.start()
    if chinese and raw in {"两", "二", "三"} and text.startswith("位数", e):
        # 两位数增长: "double-digit growth", read as at least 10%
        return Hit(s, e + 2, raw + "位数", 10.0, None, "%", "percent", e + 2, ">=", e + 2, True)
    if chinese:
        year = chinese_year(raw)
        if year is not None:
            return Hit(s, e, raw, float(year), None, "年?", "year", e, "=", e, True, "year")
        # a trailing 万/亿 belongs to the unit (百亿元 = 百 + 亿元)
        while raw and raw[-1] in "万亿" and len(raw) > 1:
            raw, e = raw[:-1], e - 1
        if set(raw) <= MAGNITUDE_CHARS and raw not in {"十", "百", "千"}:
            return None
        if set(raw) <= ZERO_CHARS:
            return None  # a zero alone is a word (零部件, 零就业家庭, 零容忍), not a count
    value = parse_number(raw)
    if value is None:
        return Hit(s, e, text[s:e], 0.0, None, "", "", e, "=", e, chinese, "malformed")
    value_max = None
    pos = e
    if not pct:
        r = RANGE.match(text, pos, end)
        if r is not None and (r.group("hi")[0].isdigit() != chinese):
            hi = parse_number(r.group("hi"))
            if hi is not None and hi > value and r.group("sep") not in "到":
                value_max, pos, e = hi, r.end(), r.end()
    if pct:
        unit, cls, uend, between = "%", "percent", e, ""
    else:
        u = unit_re.match(text, pos, end)
        assert u is not None  # every piece is optional
        unit, between1, between2 = u.group("unit", "between", "between2")
        unit = unit or ""
        between = between1 or between2 or ""
        if unit and not between1 and not between2 and not text.startswith(unit, pos):
            pos = pos + 1  # a single space before the unit
        uend = u.end() if unit or between else pos
        if unit in MAGNITUDE and between2:
            # 52万余人次: the 余 sits between the magnitude and the base unit
            base = next((b for b in _plain_units() if text.startswith(b, uend)), "")
            if base:
                unit, uend = unit + base, uend + len(base)
        cls = _unit_class(unit, rules)
        alt = ALT_UNIT.match(text, uend, end) if unit else None
        if alt is not None and rules.units.get(alt.group(1)) == "count":
            unit, uend = f"{unit}({alt.group(1)})", alt.end()  # 3万套(间): either unit counts
    comp = rules.comparators["between"].get(between, "=") if between else "="
    word, after = _after_word(text, uend, rules)
    if after:
        comp = after
    tail = uend + len(word)
    return Hit(s, e, text[s:e], value, value_max, unit, cls, uend, comp, tail, chinese)


def _unit_class(unit: str, rules: Rules) -> str:
    if not unit:
        return ""
    if unit in rules.units:
        return rules.units[unit]
    for mag in MAGNITUDE:
        if unit.startswith(mag):
            rest = unit[len(mag) :]
            return rules.units.get(rest, "count") if rest else "count"
    return "count"
