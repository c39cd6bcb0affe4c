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

STRONG_ACTUAL = ("已", "以来", "近五年", "过去", "至今", "去年", "上年")
TO_YEAR = re.compile(r"(?:到|至)[ ]?(?:20|二)")
# An opening clause naming a year, after at most a short lead-in (据介绍, 会议确定).
LEAD_YEAR = re.compile(
    r"""\s*(?:[^，,。；;]{1,8}[,，])?\s*        # a short lead-in: 据介绍, 会议确定,
    (?:(?P<year>(?:19|20)\d\d)[ ]?年          # 2025年全市将…
      | (?P<rel>今年|明年)[,，])               # 明年, (a relative year only as its own clause)
    """,
    re.VERBOSE,
)
# A clause that is only a year, the topic of what follows (…获悉,2024年,全市实现…).
TOPIC_YEAR = re.compile(r"(?:^|[，,；;：:])\s*(?P<year>(?:19|20)\d\d)[ ]?年[，,]")
PLANNING = {"plan", "annual_report"}


@dataclass
class Tense:
    """What earlier sentences set for later ones.

    `year`/`kind`: a goal year and tense set by an opening clause (2025年全市将…);
    `actual_year`: the year of the last result that stated one (2024年,全市实现…).
    """

    year: int | None = None
    kind: str | None = None
    actual_year: int | None = None


def lead_tense(sentence: str, doc: DocContext, tense: Tense, rules: Rules) -> None:
    """A sentence opening with a year sets the tense of later ones (news and meeting reports)."""
    if doc.kind in PLANNING:
        return
    m = LEAD_YEAR.match(sentence)
    if m is not None and any(w in sentence for w in rules.cues["plan_lead_cues"]):
        year = int(m.group("year")) if m.group("year") else _relative_year(m.group("rel"), doc)
        if year is None or doc.doc_year is None or year >= doc.doc_year:
            tense.year, tense.kind = year, "target"
            return
    topic = TOPIC_YEAR.search(sentence)
    if topic is not None and (doc.doc_year is None or int(topic.group("year")) <= doc.doc_year):
        tense.year, tense.kind, tense.actual_year = None, None, int(topic.group("year"))


def _relative_year(word: str, doc: DocContext) -> int | None:
    if doc.doc_year is None:
        return None
    return doc.doc_year + 1 if word == "明年" else doc.doc_year


def kind_year(
    sentence: str, rel: int, clause_prefix: str, doc: DocContext, tense: Tense, scope: Scope,
    rules: Rules,
) -> tuple[str, int | None]:
    """Kind and year of the number at `rel` in `sentence`."""
    years = year_in(clause_prefix) or [(p, y) for p, y in year_in(sentence) if p < rel] or year_in(sentence)
    year = years[-1][1] if years else None
    kind = _cue_kind(sentence[:rel], clause_prefix, doc, rules)
    if scope.kind == "actual" and not TO_YEAR.search(sentence[:rel]) and (year is None or not scope.year or year <= scope.year):
        kind = "actual"  # under a review heading, 确保/争取 tell what was done
    kind = _year_kind(kind, year, doc)
    if not kind:
        kind = scope.kind or tense.kind or doc.default_kind
    if year is None:
        year = _default_year(kind, sentence, doc, tense, scope, rules)
    return kind, year


def _cue_kind(before: str, clause_prefix: str, doc: DocContext, rules: Rules) -> str:
    cues = rules.cues
    kind = ""
    if any(w in before for w in cues["target_cues"]) or TO_YEAR.search(before):
        kind = "target"
    elif doc.kind in PLANNING and any(w in clause_prefix for w in STRONG_ACTUAL):
        kind = "actual"
    if doc.kind not in PLANNING:
        if any(w in clause_prefix for w in cues["actual_cues"]):
            kind = "actual"
        elif any(w in clause_prefix for w in cues["target_cues"]):
            kind = "target"
        elif kind == "target" and not TO_YEAR.search(before):
            kind = ""
    return kind


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


def _default_year(kind: str, sentence: str, doc: DocContext, tense: Tense, scope: Scope, rules: Rules) -> int | None:
    if kind == "target":
        return tense.year or scope.year or doc.target_year
    if scope.kind == "actual" and scope.year:
        return scope.year
    if tense.actual_year:
        return tense.actual_year
    if any(w in sentence for w in rules.cues["now_words"] + ("累计",)):
        return doc.doc_year
    return None
