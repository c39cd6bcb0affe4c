"""Read a record's kind, basis, year and metric from the words around its number."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from plancockpit.extract.rules import Rules
from plancockpit.numerals import chinese_year, plan_period_end
from plancockpit.patterns import (
    ARABIC_YEAR,
    CHINESE_YEAR,
    PLAN_NAME,
    PLAN_ORDINAL,
    YEAR_NUM,
    YEAR_SPAN,
    YEAR_SPAN_SEP,
)

YEAR = re.compile(
    rf"""
    (?=[到至在 12〇○零一二])  # the characters a match starts with: the search skips others fast
    (?P<to>到|至|在)?[ ]?
    (?:(?P<ar>{ARABIC_YEAR})|(?P<cn>{CHINESE_YEAR}))[ ]?年
    """,
    re.VERBOSE,
)
# A five-year plan's period as a time (“十四五”时期, 十五五期间), not its name (“十五五”规划) nor a
# reference (是“十三五”时期的1.4倍: see REFERENCE_BEFORE).
PLAN_TIME = re.compile(rf"{PLAN_ORDINAL}[”\"]?(?:时期|期间|以来|末)")
# A leading time (到2025年, 2021—2022年, 较2020年) or connective, never part of a metric.
LEAD_TIME = re.compile(
    rf"^(?:(?:到|至|在|较|比)?[ ]?(?:{YEAR_NUM}[ ]?{YEAR_SPAN_SEP})?{YEAR_NUM}[ ]?年(?:底|末|度)?|今年|明年|当年|全年|年内|同时|此外|其中)"
)
# 连续24个月 (保持两位数增长): a run of time, never a count nor a name
RUN_OF_TIME = r"连续[一二三四五六七八九十两\d]{1,3}个?(?:月|季度|年)"
TRAIL_TIME = re.compile(
    rf"""(?<=[\u4e00-\u9fff])(?:
        (?:较|比)?{YEAR_NUM}[ ]?年(?:底|末|度)?
      | (?:较|比)[“"]?{PLAN_NAME}[”"]?(?:时期|期间|末|同期)?  # 高价值发明专利较“十三五”时期
      | {RUN_OF_TIME}  # 工业投资连续54个月(保持两位数增长)
    )$""",
    re.VERBOSE,
)
# A phrase that only names a period (五年, “十三五”期间, 2016—2020年): a time, never a metric
PERIOD_ONLY = re.compile(
    rf"""[“"]?(?:
        (?:近|今后|未来|过去)?[一二三四五六七八九十两\d]{{1,2}}年(?:来|内|间|中)?
      | {PLAN_NAME}[”"]?(?:期间|时期|以来)?
      | {YEAR_SPAN}(?:期间)?
      | {RUN_OF_TIME}
    )[”"]?""",
    re.VERBOSE,
)
# 从A提高到B: the start of a change (从2020年的…) and the verb that leads to its end
CHANGE_FROM = ("从", "由")
# 从2020年的82.4岁提升至83.9岁, 由7家增至16家: where a change starts (and, after it, goes to)
FROM_START = re.compile(
    rf"(?:{'|'.join(CHANGE_FROM)})[ ]?(?:(?P<year>{YEAR_NUM})[ ]?年(?:底|末)?的?)?[ ]?$"
)
CHANGE_TO = re.compile(
    r"^[ ]?[\u4e00-\u9fff]{0,2}(?:"
    r"(?:提高|增加|跃升|提升|增长|扩大|上升|下降|降低|减少|缩小|达|增|降|升)(?:到|至)"
    r"|整合(?:为|到|至))"  # 市属重点国企由51家整合为33家
)
# 较2020年提高, 比2015年增长, 与2020年相比: the year a change is measured from, not the record's
COMPARED_FROM = ("较", "比", "与", "同")
# what follows the year of a change's start: 从2020年(底)的82.4岁
STARTING_VALUE = re.compile(r"(?:底|末)?的?[ ]?[\d〇○零一二三四五六七八九十]")
REFERENCE_BEFORE = (*COMPARED_FROM, "是")
BOTH = "均"  # after a list of names: "each of them" (参保率均达到95%)
PAIRS = (("(", ")"), ("（", "）"), ("“", "”"), ("《", "》"))  # marks around words of a name
PAIR_MARK = re.compile("[" + re.escape("".join(a + b for a, b in PAIRS)) + "]")
PUNCT_EDGES = " 、,，:：;；()（）“”\"'·—-"


@dataclass(frozen=True)
class DocContext:
    """What the document as a whole says about years and tense."""

    kind: str  # plan | annual_report | news | …
    default_kind: str  # the kind of a record no cue decides
    target_year: int | None  # a plan's end year, a report's year
    base_year: int | None  # a plan's base year: values up to it are actuals
    doc_year: int | None  # the year the document speaks from


def year_in(text: str) -> list[tuple[int, int]]:
    """(position, year) of every year written in `text`; a five-year plan named by its ordinal
    (“十四五”时期) stands for its last year."""
    out = [
        (m.start(), plan_period_end(m.group("n")))
        for m in PLAN_TIME.finditer(text)
        if not text[: m.start()].rstrip('“"').endswith(REFERENCE_BEFORE)
    ]
    for m in YEAR.finditer(text):
        prev = text[max(0, m.start() - 1) : m.start()]
        if not m.group("to") and prev in COMPARED_FROM:
            continue
        if prev in CHANGE_FROM and STARTING_VALUE.match(text, m.end()):
            continue  # 由2020年的7.2%提升至7.4%: the year of the start only (its record reads it)
        y = int(m.group("ar")) if m.group("ar") else chinese_year(m.group("cn"))
        if y:
            out.append((m.start(), y))
    return sorted(out)


# A span of several years named in a sentence (“十四五”时期, 今后五年): a total over it is cumulative
MULTI_YEAR = re.compile(
    rf"""{PLAN_NAME}[”"]?(?:时期|期间)
      | (?:今后|未来|过去|近)[两三四五六七八九十]年
      | {YEAR_SPAN}""",
    re.VERBOSE,
)


def strip_tail(text: str, words: tuple[str, ...]) -> str:
    """`text` without any of `words` at its end, again and again (the first word of the list that
    ends it goes first): 同比增长 → 同比 → "" with (增长, 同比)."""
    text = text.rstrip(" ")
    while text.endswith(words):  # one C-level check of the whole list; most phrases end in none
        word = next(w for w in words if text.endswith(w))
        text = text[: -len(word)].rstrip(" ")
    return text


@functools.cache
def _adjustment(openers: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(map(re.escape, openers))
    return re.compile(rf"^(?:{words})[^，,。；;]{{1,16}}?后|(?:{words})[^，,。；;]{{1,16}}?后$")


def adjusted(text: str, rules: Rules) -> bool:
    """Whether `text` (the words before a figure) states it after an adjustment (剔除…因素后):
    such a figure does not compare with one counted the usual way."""
    return _adjustment_anywhere(rules.cues["adjustment_openers"]).search(text) is not None


@functools.cache
def _adjustment_anywhere(openers: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(map(re.escape, openers))
    return re.compile(rf"(?:{words})[^，,。；;]{{1,16}}?后")


def drop_adjustment(text: str, rules: Rules) -> str:
    """`text` without an adjustment said of a figure at its start or end (剔除…因素后)."""
    return _adjustment(rules.cues["adjustment_openers"]).sub("", text).strip(PUNCT_EDGES) or text


def clean_metric(phrase: str, rules: Rules) -> str:
    """The shortest natural name in `phrase`: cue words, times and verbs trimmed off both ends,
    and an adjustment said of the figure (剔除虚增空转因素后, 扣除自然因素影响后) at either end."""
    p = phrase.strip(PUNCT_EDGES)
    tails = rules.cues["metric_strip_tail"] + tuple(rules.comparators["before"])
    for _ in range(4):
        before = p
        p = drop_adjustment(p, rules)
        p = LEAD_TIME.sub("", p).strip(PUNCT_EDGES)
        p = TRAIL_TIME.sub("", p).strip(
            PUNCT_EDGES
        )  # PM2.5平均浓度2025年为27…: a time, not the name
        heads = rules.cues["comparison_heads"]
        if p.startswith(heads):  # 比上年增长: a comparison, however short what is left
            w = next(w for w in heads if p.startswith(w))
            p = p[len(w) :].strip(PUNCT_EDGES)
        heads = rules.cues["metric_strip_head"]
        if p.startswith(heads):  # (the loop only when some word starts it: most phrases)
            for w in heads:
                if p.startswith(w) and len(p) > len(w) + 1:
                    p = p[len(w) :].strip(PUNCT_EDGES)
                    break
        p = strip_tail(p, tails)
        named = rules.cues["metric_strip_tail_named"]
        if p.endswith(named):  # 城镇新增就业年均 (but 年均 alone stays)
            w = next(w for w in named if p.endswith(w))
            if len(p) >= len(w) + 2:
                p = p[: -len(w)]
        if p.endswith(BOTH) and len(p) >= 3 and not p.endswith(rules.cues["per_words"]):
            p = p[:-1]  # 基本医疗保险参保率均(达到95%以上): "both", but not 人均
        p = p.strip(PUNCT_EDGES)
        if p == before:
            break
    for left, right in PAIRS if PAIR_MARK.search(p) else ():  # (most names have no mark)
        # the edge strip must not break a pair: 智能工厂(数字化车间), 入选“双高计划”, “高效办成一件事”事项
        if p.count(left) > p.count(right) and phrase.find(p + right) >= 0:
            p += right
        elif p.count(right) > p.count(left) and phrase.find(left + p) >= 0:
            p = left + p
    return p.replace(" ", "").replace("\n", "").replace("\r", "")
