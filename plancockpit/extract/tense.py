"""A record's kind (target or actual) and year, from its clause, its sentence, the heading it
sits under and what earlier sentences of the document said.

Precedence, strongest first: a year or cue in the clause; the sentence's cues; the heading's
tense and year (一、2023年工作回顾); a running tense set by an opening clause (2025年全市将…)
or the year of the last dated result; the document's own default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plancockpit.extract.context import DocContext, year_in
from plancockpit.extract.rules import Rules
from plancockpit.extract.sections import Scope
from plancockpit.extract.words import contains_any
from plancockpit.numerals import chinese_year
from plancockpit.patterns import YEAR_NUM, YEAR_SPAN_SEP

# 到2025年, 至二〇三五年: a deadline; not 达到20家 nor 达到1900万千瓦 (a figure after 达到)
TO_YEAR = re.compile(rf"(?:到|至)[ ]?{YEAR_NUM}[ ]?年")
# An opening clause naming a year, after at most two short lead-ins (谈及今年的打算,他表示,).
LEAD_YEAR = re.compile(
    rf"""\s*(?:[^，,。；;]{{1,8}}[,，]){{0,2}}?\s*  # short lead-ins: 据介绍, 会议确定,
    (?:(?P<year>{YEAR_NUM})[ ]?年             # 2025年全市将…
      | (?P<rel>今年|明年)[,，])               # 明年, (a relative year only as its own clause)
    """,
    re.VERBOSE,
)
# A clause that is only a year (or a span, or a deadline), the topic of what follows
# (…获悉,2024年,全市实现…; 2024—2025年,力争…; 到2025年,新增…).
TOPIC_YEAR = re.compile(
    rf"""(?:^|[，,；;：:。])\s*(?P<to>到|至)?
    (?:{YEAR_NUM}[ ]?{YEAR_SPAN_SEP}[ ]?)?(?P<year>{YEAR_NUM})[ ]?年(?:底|末)?[，,]""",
    re.VERBOSE,
)
# A named programme with its period in brackets: …行动方案(2024—2026年)
PLAN_SPAN = re.compile(
    rf"""(?P<word>[\u4e00-\u9fff]{{2}})[(（]\s*{YEAR_NUM}[ ]?年?[ ]?{YEAR_SPAN_SEP}[ ]?(?P<end>{YEAR_NUM})[ ]?年[)）]""",
    re.VERBOSE,
)
BOX_HEADING = re.compile(
    r"\s*【(?P<title>[^】]{1,20})】\s*$"
)  # 【数说2023】: a data box in a news page
PLANNING = {"plan", "annual_report"}
# A comparison with a goal or an average just before the number (低于规划预期0.9个百分点)
GAP = re.compile(r"(?:低于|高于|快于|慢于|超出|好于|高出|低出)[^，,；;。]{0,8}$")


@dataclass
class Tense:
    """What earlier sentences set for later ones.

    `year`/`kind`: a goal year and tense set by an opening clause (2025年全市将…);
    `actual_year`: the year of the last result that stated one (2024年,全市实现…).
    """

    year: int | None = None
    kind: str | None = None
    actual_year: int | None = None
    para_year: int | None = None  # a topic year stated earlier in this paragraph
    para_kind: str | None = None  # a review opener's tense (回顾过去五年,…) for this paragraph
    change: tuple[int, int] | None = None  # the years of the last 从A(year)…到B(year)


def _year(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_year(text)


def lead_tense(
    sentence: str, doc: DocContext, tense: Tense, rules: Rules, new_paragraph: bool = False
) -> None:
    """What a sentence says about the ones after it: a topic year or a review opener for the rest
    of its paragraph (any document); a year opening a plan or a result (news, meeting reports)."""
    if new_paragraph:
        tense.para_year = tense.para_kind = None
    topic = TOPIC_YEAR.search(sentence) if "年" in sentence else None  # (most sentences have no 年)
    if topic is not None:
        tense.para_year = _year(topic.group("year"))
    opening = sentence[:12]
    if contains_any(opening, rules.cues["review_openers"]):
        tense.para_kind, tense.para_year = "actual", _review_year(doc)
    if doc.kind not in PLANNING and _news_item(sentence, doc, tense, rules):
        return
    if doc.kind in PLANNING:
        if (
            topic is not None
            and not topic.group("to")
            and tense.para_year
            and doc.target_year
            and tense.para_year <= doc.target_year
        ):
            tense.actual_year = tense.para_year  # 2022年,全市…: the year later results are of
        return
    m = LEAD_YEAR.match(sentence)
    if m is not None and contains_any(sentence, rules.cues["plan_lead_cues"]):
        year = _year(m.group("year")) if m.group("year") else _relative_year(m.group("rel"), doc)
        if year is None or doc.doc_year is None or year >= doc.doc_year:
            tense.year, tense.kind = year, "target"
            tense.para_year = None
            return
    if topic is not None and not topic.group("to"):
        year = _year(topic.group("year"))
        if year and (doc.doc_year is None or year <= doc.doc_year):
            tense.year, tense.kind, tense.actual_year = None, None, year
    elif (
        m is not None
        and m.group("year")
        and doc.doc_year
        and (year := _year(m.group("year")))
        and year < doc.doc_year
        and sentence[m.end() :].lstrip().startswith(rules.cues["whole_place"])
    ):
        tense.year, tense.kind, tense.actual_year = None, None, year  # 报告显示,2023年全县…实现
    elif doc.doc_year and contains_any(opening, rules.cues["current_period"]):
        tense.actual_year = doc.doc_year  # 今年以来, 上半年: results of the document's own year


def _news_item(sentence: str, doc: DocContext, tense: Tense, rules: Rules) -> bool:
    """A new item in a news page starts afresh (本报讯…); a data box (【数说2023】) reports its
    year's results; a programme named with its period (…方案(2024—2026年)) sets goals to its end.
    True when the sentence has said all it says about later ones."""
    box = BOX_HEADING.match(sentence)
    if box is not None or contains_any(sentence, rules.cues["news_item_openers"]):
        tense.year = tense.kind = tense.actual_year = tense.para_year = tense.para_kind = None
    if box is not None:
        years = [y for _, y in year_in(box.group("title") + "年")]
        if years and doc.doc_year and years[-1] <= doc.doc_year:
            tense.actual_year = years[-1]
        return True
    span = PLAN_SPAN.search(sentence) if "(" in sentence or "（" in sentence else None
    if span is not None and span.group("word").endswith(rules.cues["plan_titles"]):
        end = _year(span.group("end"))
        if end and doc.doc_year and end >= doc.doc_year:
            tense.year, tense.kind = end, "target"
            return True
    return False


def _review_year(doc: DocContext) -> int | None:
    """The last year a review opener (回顾过去五年) looks back on."""
    if doc.base_year:
        return doc.base_year
    if doc.kind == "annual_report" and doc.target_year:
        return doc.target_year - 1
    return doc.doc_year


def _relative_year(word: str, doc: DocContext) -> int | None:
    if doc.doc_year is None:
        return None
    return doc.doc_year + 1 if word == "明年" else doc.doc_year


def kind_year(
    sentence: str,
    rel: int,
    clause_prefix: str,
    doc: DocContext,
    tense: Tense,
    scope: Scope,
    rules: Rules,
) -> tuple[str, int | None, dict[str, str]]:
    """Kind and year of the number at `rel` in `sentence`, and the names of the steps that
    decided them ({"kind": …, "year": …}), strongest first as the module docstring orders them."""
    why: dict[str, str] = {}
    clause_years = year_in(clause_prefix)
    years = clause_years
    if not years:  # the sentence's years before the number, else any of its years
        in_sentence = year_in(sentence)
        years = [(p, y) for p, y in in_sentence if p < rel] or in_sentence
    year = years[-1][1] if years else None
    if year is not None:
        why["year"] = "clause-year" if clause_years else "sentence-year"
    kind = _cue_kind(sentence[:rel], clause_prefix, doc, rules)
    if kind:
        why["kind"] = "cue-word"
    elif tense.para_kind:
        kind, why["kind"] = tense.para_kind, "review-opener"
    if year is None and tense.para_year and not (kind == "target" and _past(tense.para_year, doc)):
        year, why["year"] = tense.para_year, "paragraph-year"  # 2023年,…。全年新增学位3600个
    if (
        scope.kind == "actual"
        and not TO_YEAR.search(sentence[:rel])
        and (year is None or not scope.year or year <= scope.year)
    ):
        kind, why["kind"] = (
            "actual",
            "review-heading",
        )  # under a review heading, 确保/争取 tell what was done
    by_year = _year_kind(kind, year, doc)
    if by_year != kind:
        kind, why["kind"] = by_year, "year-before-goals"
    if not kind:
        kind, why["kind"] = _default_kind(doc, tense, scope)
    if year is None:
        year, why["year"] = _default_year(kind, sentence, doc, tense, scope, rules)
    return kind, year, why


def _default_kind(doc: DocContext, tense: Tense, scope: Scope) -> tuple[str, str]:
    if scope.kind:
        return scope.kind, "heading"
    if tense.kind:
        return tense.kind, "running-tense"
    return doc.default_kind, "document-default"


def _past(year: int, doc: DocContext) -> bool:
    """Whether `year` is before the document's goals (so it cannot be a goal's year)."""
    return bool((doc.base_year and year <= doc.base_year) or (doc.doc_year and year < doc.doc_year))


def _cue_kind(before: str, clause_prefix: str, doc: DocContext, rules: Rules) -> str:
    cues = rules.cues
    gap = GAP.search(before)
    if gap is not None:  # 低于规划预期0.9个百分点: the gap to a goal is a result
        before, clause_prefix = before[: gap.start()], ""
    before, clause_prefix = _without_names(before, rules), _without_names(clause_prefix, rules)
    kind = ""
    if contains_any(before, cues["target_cues"]) or TO_YEAR.search(before):
        kind = "target"
    elif doc.kind in PLANNING and contains_any(clause_prefix, cues["strong_actual"]):
        kind = "actual"
    if doc.kind not in PLANNING:
        if contains_any(clause_prefix, cues["actual_cues"]):
            kind = "actual"
        elif contains_any(clause_prefix, cues["target_cues"]) or TO_YEAR.search(clause_prefix):
            kind = "target"
        elif kind == "target" and not TO_YEAR.search(before):
            kind = ""
    return kind


def _without_names(text: str, rules: Rules) -> str:
    """`text` with the names that hold a cue (人均预期寿命, 重要讲话) blanked out."""
    words = rules.cues["cue_free_words"]
    if not contains_any(text, words):
        return text
    for word in words:
        text = text.replace(word, "·" * len(word))
    return text


def _year_kind(kind: str, year: int | None, doc: DocContext) -> str:
    """A year before the plan's base, the report's year or the news item's date is a result."""
    if year is None:
        return kind
    if doc.base_year and year <= doc.base_year:
        return "actual"
    if doc.kind == "annual_report" and doc.target_year and year < doc.target_year:
        return "actual"
    if doc.kind not in PLANNING and doc.doc_year and year < doc.doc_year and kind != "target":
        return "actual"
    return kind


def _default_year(
    kind: str, sentence: str, doc: DocContext, tense: Tense, scope: Scope, rules: Rules
) -> tuple[int | None, str]:
    """The year of a record whose sentence names none, and the step that gave it."""
    if kind == "target":
        if tense.year:
            return tense.year, "running-tense"
        if scope.year:
            return scope.year, "heading-year"
        return doc.target_year, "document-target-year"
    if scope.kind == "actual" and scope.year and not scope.guessed_year:
        return scope.year, "heading-year"
    if tense.actual_year and (
        scope.kind != "actual" or not scope.year or tense.actual_year > scope.year
    ):
        return (
            tense.actual_year,
            "last-result-year",
        )  # a review after the base year (中期评估: 2022年,…)
    if scope.kind == "actual" and scope.year:
        return scope.year, "heading-base-year"
    if contains_any(sentence, rules.cues["now_words"] + ("累计",)):
        return doc.doc_year, "now-word"
    if (
        doc.kind not in PLANNING
        and doc.target_year
        and doc.doc_year
        and doc.target_year < doc.doc_year
    ):
        return (
            doc.target_year,
            "bulletin-year",
        )  # a bulletin on a past year (2023年…运行情况, published 2024)
    return None, "unknown"
