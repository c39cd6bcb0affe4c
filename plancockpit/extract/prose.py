"""Quantities in running text: sentence by sentence, clause by clause.

A clause runs between `，；：`; items of a list separated by `、` share the clause's verb and,
after `分别`, take their metric from the list before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from plancockpit.extract.context import (
    DocContext,
    clean_metric,
    decide_basis,
    year_in,
)
from plancockpit.extract.labels import label_reason
from plancockpit.extract.rules import Rules, load_rules
from plancockpit.extract.scan import Hit, find_hits

SENTENCE = re.compile(r"[^。！？!?；;\n|]*[。！？!?；;\n|]?")
CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
CJK_START = re.compile(r"[\u4e00-\u9fff“\"A-Za-z(（\d]")
TOPIC = re.compile(r"^[ ]?\d{1,2}[.．、][ ]?(?P<topic>[^。，,；;]{1,8}(?:领域|方面|板块|类))。")
EXAMPLES = re.compile(r"^[^，,；;。]*、[^，,；;。]*等")
STRONG_ACTUAL = ("已", "以来", "近五年", "过去", "至今", "去年", "上年")


@dataclass
class Draft:
    """A record found in the cleaned text, before offsets are mapped back."""

    start: int
    end: int
    number: str
    value: float
    value_max: float | None
    unit: str
    comparator: str
    basis: str
    kind: str
    year: int | None
    metric: str
    sentence: tuple[int, int]
    aspiration: bool
    rule: str
    confidence: float
    lead_units: list[str] = field(default_factory=list)
    cell: tuple[int, int] | None = None
    attribute: str | None = None
    domain: str | None = None


@dataclass
class Tense:
    """A running year and tense set by a leading clause (2022年,区发改局将…) for what follows."""

    year: int | None = None
    kind: str | None = None


BOUNDARY = re.compile(r"[。！？!?；;|\n]")
HEADING_START = re.compile(r"[ ]*(?:第[一二三四五六七八九十百\d]+[章节篇]|专栏|表[ ]?\d|#|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、])")
CJK_CHAR = re.compile(r"[\u4e00-\u9fff“”\"、,，\d%]")


def _soft_newline(text: str, i: int, end: int) -> bool:
    """A line break inside a sentence (a newspaper column): CJK on both sides, no heading."""
    if i + 1 >= end or i == 0 or not CJK_CHAR.match(text[i - 1]) or not CJK_CHAR.match(text[i + 1]):
        return False
    line_start = text.rfind("\n", 0, i) + 1
    return not HEADING_START.match(text, line_start) and not HEADING_START.match(text, i + 1)


def sentences(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Sentence spans inside `text[start:end]`; line breaks inside a sentence do not end it."""
    pos = start
    for m in BOUNDARY.finditer(text, start, end):
        if m.group() == "\n" and _soft_newline(text, m.start(), end):
            continue
        if m.end() > pos:
            yield pos, m.end()
        pos = m.end()
    if pos < end:
        yield pos, end


def extract_span(text: str, start: int, end: int, doc: DocContext, tense: Tense) -> list[Draft]:
    """Every quantity in `text[start:end]` (a paragraph, a cell, a whole text)."""
    rules = load_rules()
    drafts: list[Draft] = []
    for s, e in sentences(text, start, end):
        _lead_tense(text[s:e], doc, tense, rules)
        hits = [h for h in find_hits(text, s, e) if not label_reason(text, h, s, e, rules)]
        if hits:
            drafts.extend(_sentence(text, s, e, hits, doc, tense, rules))
    return drafts


def _lead_tense(sentence: str, doc: DocContext, tense: Tense, rules: Rules) -> None:
    """A sentence that opens with a year and a future cue sets the year of later plans."""
    m = re.match(r"\s*(?:(?:19|20)\d\d|今年|明年)[ ]?年?[,，]", sentence)
    if m is None or doc.kind in {"plan", "annual_report"}:
        return
    years = year_in(sentence[: m.end()])
    if any(w in sentence for w in ("将", "要", "计划", "力争", "目标")):
        tense.year = years[0][1] if years else doc.doc_year
        tense.kind = "target"


def _sentence(
    text: str, s: int, e: int, hits: list[Hit], doc: DocContext, tense: Tense, rules: Rules
) -> list[Draft]:
    out: list[Draft] = []
    prev_end = s
    prev_metric = ""
    group: list[str] = []
    group_i = 0
    sentence_text = text[s:e]
    for hit in hits:
        cstart = _clause_start(text, s, hit.start)
        own_start = max(cstart, prev_end)
        own = text[own_start: hit.start]
        clause_prefix = text[cstart: hit.start]
        if clause_prefix.lstrip().startswith(("其中", "同时")) or clause_prefix.strip(" 、") == "":
            clause_prefix = text[_clause_start(text, s, max(s, cstart - 1)): hit.start]
        if "分别" in own:
            group = [p for p in re.split(r"[、和及与]", own.split("分别")[0]) if p.strip(" 、")]
            group_i = 0
        metric, postfix = _metric(text, hit, own, cstart, e, rules)
        if group and (own.strip(" 、") == "" or "分别" in own) and group_i < len(group):
            metric = clean_metric(group[group_i], rules)
            group_i += 1
        elif not metric:
            metric = prev_metric
        kind, year = _kind_year(text, s, hit, clause_prefix, sentence_text, doc, tense, rules)
        comparator = _comparator_before(text, hit, cstart, rules) or hit.comparator
        if out and own.strip(" 、") == "" and comparator == "=" and out[-1].rule == "prose:verb-cmp":
            comparator = out[-1].comparator
        topic = TOPIC.match(sentence_text) if sentence_text[:1] != "" else None
        head = text[text.rfind("\n", 0, s) + 1: s]
        tm = TOPIC.match(head)
        if tm and not postfix:
            metric = tm.group("topic") + metric
        basis = decide_basis(hit, clause_prefix, rules)
        if postfix and hit.unit_class == "count" and basis == "level" and not _level_end(own, rules):
            basis = "increase"
        rule = "prose:verb-cmp" if _comparator_before(text, hit, cstart, rules) else "prose"
        del topic
        out.append(
            Draft(
                start=hit.start, end=hit.end, number=hit.text, value=hit.value,
                value_max=hit.value_max, unit=hit.unit, comparator=comparator,
                basis=basis, kind=kind, year=year,
                metric=metric, sentence=(s, e),
                aspiration=any(w in text[s: hit.start] for w in ("力争", "争取", "努力")),
                rule=rule, confidence=0.8 if hit.unit else 0.5,
            )
        )
        prev_end = hit.tail_end
        prev_metric = metric
    return out


def _clause_start(text: str, s: int, pos: int) -> int:
    i = pos - 1
    while i >= s:
        if CLAUSE_BREAK.match(text, i):
            return i + 1
        i -= 1
    return s


def _level_end(own: str, rules: Rules) -> bool:
    o = own.strip(" 、")
    if o == "为":  # 为27所学校配备…: a preposition, not the copula
        return False
    return any(o.endswith(w) for w in rules.cues["level_verbs"]) or o.lstrip().startswith("推动")


def _metric(text: str, hit: Hit, own: str, cstart: int, e: int, rules: Rules) -> tuple[str, bool]:
    """The phrase before the number, or after its unit when the number leads (建成12个未来社区)."""
    after = text[hit.tail_end: e]
    post = re.split(r"[，,；;。！？!?：:]", after, maxsplit=1)[0]
    digit_ok = not post[:1].isdigit() or re.match(r"\d+(?:\.\d+)?[ ]?(?:千伏|千瓦|兆瓦|米|吨)", post)
    if hit.unit_class in {"count", "measure", "amount"} and post and CJK_START.match(post) and digit_ok:
        name = clean_metric(post, rules)
        if name and not name.startswith(("的", "和", "及", "等")):
            return name, True
    ex = EXAMPLES.match(own)
    if ex and len(own) - ex.end() >= 2:  # 网易云音乐、长龙航空等示范企业: drop the examples
        own = own[ex.end():]
    return clean_metric(own, rules), False


def _comparator_before(text: str, hit: Hit, lo: int, rules: Rules) -> str:
    before = text[max(lo, hit.start - 4): hit.start].rstrip(" ")
    for word in sorted(rules.comparators["before"], key=len, reverse=True):
        if before.endswith(word):
            return rules.comparators["before"][word]
    return ""


def _kind_year(
    text: str, s: int, hit: Hit, clause_prefix: str, sentence_text: str, doc: DocContext,
    tense: Tense, rules: Rules,
) -> tuple[str, int | None]:
    cues = rules.cues
    rel = hit.start - s
    years = year_in(clause_prefix) or [(p, y) for p, y in year_in(sentence_text) if p < rel]
    if not years:
        years = year_in(sentence_text)
    year = years[-1][1] if years else None
    before = sentence_text[:rel]
    kind = ""
    planning = doc.kind in {"plan", "annual_report"}
    if any(w in before for w in cues["target_cues"]) or re.search(r"(?:到|至)[ ]?(?:20|二)", before):
        kind = "target"
    elif planning and any(w in clause_prefix for w in STRONG_ACTUAL):
        kind = "actual"
    if not planning:
        if any(w in clause_prefix for w in cues["actual_cues"]):
            kind = "actual"
        elif any(w in clause_prefix for w in cues["target_cues"]):
            kind = "target"
        elif kind == "target" and not re.search(r"(?:到|至)[ ]?(?:20|二)", before):
            kind = ""
    if year is not None and doc.base_year and year <= doc.base_year:
        kind = "actual"
    elif year is not None and doc.kind == "annual_report" and doc.target_year and year < doc.target_year:
        kind = "actual"
    elif year is not None and doc.kind not in {"plan", "annual_report"} and doc.doc_year and year < doc.doc_year and kind != "target":
        kind = "actual"
    if not kind:
        kind = tense.kind or doc.default_kind
    if year is None:
        if kind == "target":
            year = tense.year or doc.target_year
        elif any(w in sentence_text for w in cues["now_words"] + ("累计",)):
            year = doc.doc_year
    return kind, year
