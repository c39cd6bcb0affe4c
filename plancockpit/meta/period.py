"""Years: a plan's period and base year, a report's year, by genre rules with evidence.

Plans: an explicit range in the title ("2021—2025年"), or the five-year plan's ordinal
("第十四个五年规划", "十四五规划") → its five years; the base year is the year before.
Annual reports and other dated texts, in order of strength: a year in the title; the date it was
delivered to the people's congress ("2015年2月5日在…人民代表大会…上"); the year its targets
section names ("2026年…主要预期目标是："); "今年是…20XX";
the current plan's opening year when the text says so ("开局之年", "开创'十五五'新局面"); a
zodiac year announced ("马年将至") inside the current plan period; the most cited year.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from plancockpit.meta.cues import Cues
from plancockpit.numerals import RECENT_YEAR, cn_number

RANGE = re.compile(rf"({RECENT_YEAR})\s*年?\s*[-—–~～至到]\s*({RECENT_YEAR})\s*年")
YEAR_MENTION = re.compile(rf"({RECENT_YEAR})\s*年")
# 第十四个五年, 十四五规划 / 十四五时期 …, and a quoted “十四五” whatever follows (“十四五”交通运输发展规划)
PLAN_ORDINAL = re.compile(
    r"(?:第([一二三四五六七八九十]{1,3})个五年"
    r"|[“\"]?([一二三四五六七八九十]{1,3})五[”\"]?(?:规划|时期|期间|末|发展|开局|和|目标|的|$)"
    r"|[“\"]([一二三四五六七八九十]{1,3})五[”\"])"
)
MONTH_DAY = re.compile(r"(1[0-2]|0?[1-9])\s*月\s*(3[01]|[12]\d|0?[1-9])\s*日")


@dataclass
class Years:
    """What the text says about its years, each with the words it came from."""

    period_start: int | None = None
    period_end: int | None = None
    base_year: int | None = None
    year: int | None = None
    month_day: tuple[int, int] | None = None
    evidence: dict[str, str] = field(default_factory=dict)


def plan_period(ordinal: int, cues: Cues) -> tuple[int, int]:
    """The five years of the n-th five-year plan (14 → 2021–2025)."""
    start = cues.plan_first_year + 5 * (ordinal - cues.plan_first_ordinal)
    return start, start + 4


def _ordinals(text: str) -> Counter[int]:
    found: Counter[int] = Counter()
    for m in PLAN_ORDINAL.finditer(text):
        n = cn_number(m.group(1) or m.group(2) or m.group(3))
        if n is not None and 3 <= n <= 30:
            found[n] += 1
    return found


def plan_years(title: str, text: str, cues: Cues) -> Years:
    """A plan's period and base year. The title speaks first (a range, then a plan's ordinal),
    then the opening: a plan's review ("…第十四个五年规划纲要实施中期评估报告") names the plan
    in its title and the years reviewed ("2021—2022年年均增长") in its body."""
    out = Years()
    opening = text[:2000]
    found = (
        _range(out, title, "title")
        or _ordinal(out, title, cues, "title")
        or _range(out, opening, "opening")
        or _ordinal(out, text[:3000], cues, "opening")
    )
    if found:
        out.base_year = out.period_start - 1 if out.period_start else None
        out.evidence["base_year"] = "the year before the plan period"
    return out


def _range(out: Years, text: str, where: str) -> bool:
    m = RANGE.search(text)
    if m is None:
        return False
    out.period_start, out.period_end = int(m.group(1)), int(m.group(2))
    out.evidence["period"] = f"{m.group(0)} in the {where}"
    return True


def _ordinal(out: Years, text: str, cues: Cues, where: str) -> bool:
    ordinals = _ordinals(text)
    if not ordinals:
        return False
    n = ordinals.most_common(1)[0][0]
    out.period_start, out.period_end = plan_period(n, cues)
    out.evidence["period"] = f"five-year plan no. {n} named in the {where}"
    return True


def _current_plan(text: str, cues: Cues) -> tuple[int, int, int] | None:
    """(ordinal, start, end) of the latest five-year plan the text names."""
    ordinals = _ordinals(text)
    if not ordinals:
        return None
    n = max(ordinals)
    start, end = plan_period(n, cues)
    return n, start, end


def report_year(title: str, text: str, cues: Cues, dated: int | None = None) -> Years:
    """The year a report, meeting, interview or news text is about; `dated` is the year of a
    date printed in it, which beats the most cited year (a meeting's goals for 2035)."""
    out = Years()
    head = text[:300]
    md = MONTH_DAY.search(head)
    if md:
        out.month_day = (int(md.group(1)), int(md.group(2)))
    drafted = _drafted_year(title, cues)
    if drafted is not None:
        return _set(out, drafted[0], f"title: {drafted[1]} (the year it plans for)")
    m = YEAR_MENTION.search(title)
    if m:
        return _set(out, int(m.group(1)), f"title: {m.group(0)}")
    m = cues.congress_date.search(text[: cues.congress_head])
    if m:
        return _set(out, int(m.group("year")), f"delivered to the congress: {m.group(0)}")
    targets = list(cues.target_year.finditer(text))
    if targets:
        m = max(targets, key=lambda t: int(t.group("year")))
        return _set(out, int(m.group("year")), f"targets section: {m.group(0)}")
    this_year = "|".join(map(re.escape, cues.this_year))
    m = re.search(
        rf"(?:{this_year})是?[^。\n]{{0,6}}?({RECENT_YEAR})\s*年|({RECENT_YEAR})\s*年是", text
    )
    if m:
        return _set(out, int(m.group(1) or m.group(2)), m.group(0))
    plan = _current_plan(text, cues)
    opening = re.search("|".join(cues.opening), text)
    if plan and opening:
        n, start, _ = plan
        return _set(out, start, f"{opening.group(0)} of five-year plan no. {n}")
    zodiac = re.search("([" + "".join(cues.zodiac) + "])年将至", text)
    if plan and zodiac:
        n, start, end = plan
        anchor = cues.zodiac[zodiac.group(1)]
        for year in range(start, end + 1):
            if (year - anchor) % 12 == 0:
                return _set(out, year, f"{zodiac.group(0)} within five-year plan no. {n}")
    if dated is not None:
        return _set(out, dated, f"the printed date's year {dated}")
    years = Counter(int(y) for y in YEAR_MENTION.findall(text))
    if years:
        year, count = max(years.items(), key=lambda yc: (yc[1], yc[0]))
        return _set(out, year, f"{year}年 cited {count} times")
    return out


def _drafted_year(title: str, cues: Cues) -> tuple[int, str] | None:
    """The later of two title years when a plan or budget draft follows it (…2025年计划执行情况与
    2026年计划草案的报告): a report on last year's results and this year's plan is this year's."""
    years = list(YEAR_MENTION.finditer(title))
    if len({m.group(1) for m in years}) < 2:
        return None
    for i in range(len(years) - 1, 0, -1):
        m = years[i]
        end = years[i + 1].start() if i + 1 < len(years) else len(title)
        if int(m.group(1)) > int(years[0].group(1)) and any(
            w in title[m.end() : end] for w in cues.plan_draft_words
        ):
            return int(m.group(1)), m.group(0)
    return None


def _set(out: Years, year: int, evidence: str) -> Years:
    out.year = year
    out.evidence["year"] = evidence
    return out
