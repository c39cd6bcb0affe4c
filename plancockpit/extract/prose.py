"""Quantities in running text: sentence by sentence, clause by clause.

A clause runs between `，；：`; items of a list separated by `、` share the clause's verb and,
after `分别`, take their metric from the list before it (or from the sentence's earlier
records when the list is theirs: `播种面积42万亩,总产量18万吨,分别增长1%和2%`).
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from plancockpit.errors import TooSlow
from plancockpit.extract.basis import decide_basis
from plancockpit.extract.context import (
    CHANGE_TO,
    FROM_START,
    PERIOD_ONLY,
    PLAN_TIME,
    PUNCT_EDGES,
    DocContext,
    adjusted,
    clean_metric,
)
from plancockpit.extract.labels import change_start, label_reason, size_of_work
from plancockpit.extract.rules import Rules, load_rules
from plancockpit.extract.scan import Hit, find_hits
from plancockpit.extract.sections import Scope
from plancockpit.extract.tense import Tense, kind_year, lead_tense
from plancockpit.extract.words import contains_any, longest_first
from plancockpit.numerals import plan_period_end
from plancockpit.outline.markers import load_rules as outline_rules
from plancockpit.patterns import heading_start

CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
_UP_TO_LAST_BREAK = re.compile(".*" + CLAUSE_BREAK.pattern, re.DOTALL)  # greedy: the last one
# How far before and after a number its sentence is read. Real sentences are shorter; without
# the bound, an unpunctuated run of thousands of numbers (joined lines, a pasted column) costs
# time quadratic in its length.
CONTEXT = 400
ORDINAL = re.compile(r"第?[一二三四五六七八九十]")  # 一、二、三产业增加值: items that are ordinals
SHARE = "比例"  # what a share of the things named after it is called
PROJECT_WORDS = ("工程", "项目")  # what names a project (实施重点项目47个)
CJK_START = re.compile(r"[\u4e00-\u9fff“\"A-Za-z(（\d]")
EXAMPLES = re.compile(r"^[^，,；;。]*、[^，,；;。]*等")
LIST_SPLIT = re.compile(r"[、和及与]")
CONNECTORS = " 、和及与"
BOUNDARY = re.compile(r"[。！？!?；;|\n]")
CJK_CHAR = re.compile(r"[\u4e00-\u9fff“”\"、,，\d%]")
# 为3万名65周岁以上老年人…, 178座10蒸吨及以下的燃煤小锅炉: a bound defines what is counted
BOUND = re.compile(
    r"^\d{1,3}[ ]?(?:周岁|岁)(?:及)?(?:以上|以下)?"
    r"|^\d+(?:\.\d+)?[ ]?(?:蒸吨|千伏|千瓦|兆瓦)(?:及)?(?:以上|以下)的?"
)
# 从A提高到B: A is where the change started (a result), B where it got to, both of one metric.
# The start may name its year (从2020年的82.4岁); a plan period before it (“十四五”时期) starts
# five years before its end.
NEXT_ITEM = re.compile(r"、(?=[\d一二三四五六七八九十两])")
NUMBER_TOKEN = re.compile(r"\d+(?:\.\d+)?")
UNIT_ALTERNATIVE = re.compile(r"^[(（][^)）]{1,4}[)）]")  # 5000套(间): another unit, not a metric

ScopeAt = Callable[[int], Scope]


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
    rule: str  # the strategy, then field=rule-name for each decided field
    confidence: float
    lead_units: list[str] = field(default_factory=list)
    cell: tuple[int, int] | None = None
    attribute: str | None = None
    domain: str | None = None
    parts: list[str] = field(default_factory=list)  # the items a joint metric names

    @property
    def strategy(self) -> str:
        """How the record was found (prose, prose:verb-cmp, prose:from, table:<column>)."""
        return self.rule.split(";", 1)[0]


def _soft_newline(text: str, i: int, end: int) -> bool:
    """A line break inside a sentence (a newspaper column): CJK on both sides, no heading."""
    if i + 1 >= end or i == 0 or not CJK_CHAR.match(text[i - 1]) or not CJK_CHAR.match(text[i + 1]):
        return False
    line_start = text.rfind("\n", 0, i) + 1
    heading = heading_start()
    if heading.match(text, line_start) or heading.match(text, i + 1):
        return False
    return not outline_rules().named_part.matches(text[line_start:i])  # “十四五”时期工作回顾


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


def no_scope(pos: int) -> Scope:
    """The scope of text under no heading that says anything."""
    return Scope(pos, pos)


def extract_span(
    text: str,
    start: int,
    end: int,
    doc: DocContext,
    tense: Tense,
    scope_at: ScopeAt = no_scope,
    deadline: float | None = None,
) -> list[Draft]:
    """Every quantity in `text[start:end]` (a paragraph, a cell, a whole text); past `deadline`
    (a `time.monotonic()` value) it raises `TooSlow`."""
    rules = load_rules()
    drafts: list[Draft] = []
    for s, e in sentences(text, start, end):
        if deadline is not None and time.monotonic() > deadline:
            raise TooSlow(
                f"analysis stopped at character {s:,} of {len(text):,}: over the time "
                "limit; split the document / 分析超时，请拆分文档"
            )
        lead_tense(text[s:e], doc, tense, rules, s == start or text[s - 1] == "\n")
        hits = [h for h in find_hits(text, s, e) if not label_reason(text, h, s, e, rules)]
        if hits:
            reader = _SentenceReader(text, s, e, doc, tense, scope_at(s), rules)
            drafts.extend(reader.read(hits))
    return drafts


@dataclass
class _Clause:
    """Where a hit's clause starts and the text before the hit that is its own."""

    start: int
    own: str  # from the end of the previous hit (or the clause start) to this hit
    prefix: str  # from the clause start (or the clause before a 其中/同时) to this hit


class _SentenceReader:
    """Reads the hits of one sentence in order, carrying list state (分别) from hit to hit."""

    def __init__(
        self, text: str, s: int, e: int, doc: DocContext, tense: Tense, scope: Scope, rules: Rules
    ) -> None:
        self.text, self.s, self.e = text, s, e
        self.doc, self.tense, self.scope, self.rules = doc, tense, scope, rules
        self.out: list[Draft] = []
        self.prev_end = s
        self.lo, self.hi = s, e  # the part of the sentence the current hit reads (CONTEXT)
        self.group: list[str] = []
        self.group_i = 0
        self.written = ""  # the group's list as written (城镇和农村居民人均可支配收入)
        self.parts: list[str] = []  # the items of the current hit's joint metric

    def read(self, hits: list[Hit]) -> list[Draft]:
        for i, hit in enumerate(hits):
            self.lo, self.hi = max(self.s, hit.start - CONTEXT), min(self.e, hit.end + CONTEXT)
            clause = self._clause(hit)
            metric, postfix, metric_rule = self._metric(hit, clause, hits, i)
            kind, year, why = kind_year(
                self.text[self.lo : self.hi],
                hit.start - self.lo,
                clause.prefix,
                self.doc,
                self.tense,
                self.scope,
                self.rules,
            )
            before = self._comparator_before(hit, clause.start)
            comparator = before or hit.comparator
            if (
                self.out
                and clause.own.strip(CONNECTORS) == ""
                and comparator == "="
                and self.out[-1].strategy == "prose:verb-cmp"
            ):
                comparator = self.out[-1].comparator  # 分别突破3550亿元、2450亿元
            basis, why["basis"] = self._basis(hit, clause, postfix)
            why["metric"] = metric_rule
            if adjusted(clause.own, self.rules):  # 剔除虚增空转因素后完成10.4亿元
                why["value"] = "adjusted"
            strategy = "prose:verb-cmp" if before else "prose"
            start = FROM_START.search(clause.own)
            if (
                start
                and start.group().startswith("由")
                and not change_start(self.text, hit, self.lo)
            ):
                start = None  # 由…: a change only when 增至/提高到 follows (not 由3家企业组成)
            prev = self.out[-1] if self.out else None
            if start is not None:
                metric = clean_metric(clause.own[: start.start()], self.rules) or metric
                kind, basis, strategy = "actual", "level", "prose:from"
                year = self._start_year(start, hit, year)
                why.update(
                    kind="change-start",
                    basis="change-start",
                    year="change-start",
                    metric="change-start",
                )
            elif prev is not None and prev.strategy == "prose:from" and CHANGE_TO.match(clause.own):
                metric, basis, strategy = prev.metric, "level", "prose:from-to"
                why.update(basis="change-end", metric="change-end")
                if prev.year is not None and year is not None and prev.year < year:
                    self.tense.change = (prev.year, year)
            if (
                prev is not None
                and postfix
                and metric_rule == "name-after-number"
                and "metric=previous-metric" in prev.rule
                and prev.unit != hit.unit
                and self.text[self.prev_end : hit.start].strip() == "、"
                and not re.search(r"\d", metric)
            ):
                # 完成1.8万户、189万平方米棚改任务: sizes in two units share the name after them
                self.out[-1] = replace(
                    prev,
                    metric=metric,
                    rule=prev.rule.replace("metric=previous-metric", "metric=name-after-list"),
                )
            self.out.append(
                Draft(
                    start=hit.start,
                    end=hit.end,
                    number=hit.text,
                    value=hit.value,
                    value_max=hit.value_max,
                    unit=hit.unit,
                    comparator=comparator,
                    basis=basis,
                    kind=kind,
                    year=year,
                    metric=metric,
                    sentence=(self.s, self.e),
                    aspiration=contains_any(
                        self.text[self.lo : hit.start], self.rules.cues["aspiration_words"]
                    ),
                    rule=";".join([strategy, *(f"{k}={v}" for k, v in sorted(why.items()))]),
                    confidence=0.8 if hit.unit else 0.5,
                    parts=self.parts,
                )
            )
            self.prev_end = hit.tail_end
        return self.out

    def _clause(self, hit: Hit) -> _Clause:
        cstart = _clause_start(self.text, self.lo, hit.start)
        own = self.text[max(cstart, self.prev_end) : hit.start]
        prefix = self.text[cstart : hit.start]
        if prefix.lstrip().startswith(("其中", "同时")) or prefix.strip(CONNECTORS) == "":
            prefix = self.text[
                _clause_start(self.text, self.lo, max(self.lo, cstart - 1)) : hit.start
            ]
        return _Clause(cstart, own, prefix)

    def _metric(self, hit: Hit, clause: _Clause, hits: list[Hit], i: int) -> tuple[str, bool, str]:
        """The hit's metric, whether it was read after the number (建成12个未来社区), and the
        name of the rule that gave it."""
        own = clause.own
        self.parts = []
        if "分别" in own:
            self._start_group(own, clause.start, hits[i:])  # (the rest copied only here)
        name_end = self._name_end(hits, i)
        metric, postfix, rule = _metric(self.text, hit, own, name_end, self.rules)
        if postfix and name_end < self.hi and metric.endswith(self.rules.cues["name_joiners"]):
            metric = metric[:-1]  # 13座城市公园和275个口袋公园: 城市公园
        chained = self._size_chain_name(hit, hits, i, own)
        if chained:
            metric, postfix, rule = chained, True, "name-after-size-chain"
        prev = self.out[-1].metric if self.out else ""
        if (
            self.group
            and "分别" in own
            and len(self.group) > 1
            and self.written
            and self._values_in_clause(hit, clause) == 1
        ):
            # 城乡居民人均可支配收入分别增长7.5%: one value for each item of the list
            metric, rule, self.parts = self.written, "respectively-joint", list(self.group)
            self.group_i = len(self.group)
        elif (
            self.group
            and (own.strip(CONNECTORS) == "" or "分别" in own)
            and self.group_i < len(self.group)
        ):
            metric, rule = self.group[self.group_i], "respectively-list"
            self.group_i += 1
        elif (
            not metric
            or (own.strip(CONNECTORS) == "" and not postfix)
            or PERIOD_ONLY.fullmatch(metric)
            or metric in self.rules.cues["target_cues"]
            or metric in self.rules.cues["actual_cues"]
        ):
            if prev:  # …完成512.6亿元,2026年预期突破540亿元: a tense word names nothing
                metric, rule = prev, "previous-metric"
        elif not postfix and metric in self.rules.cues["bare_spend"]:
            spent_on = self._spent_on_before()
            if spent_on:  # 实施重点项目47个，完成投资46.9亿元
                metric, rule = spent_on + metric, "spent-on-before"
        elif (
            prev
            and not postfix
            and metric.startswith(self.rules.cues["partial_metrics"])
            and not metric.startswith(prev)
        ):
            metric, rule = (
                prev + metric,
                "part-of-previous",
            )  # 数字经济核心产业增加值…,占GDP比重达15%
        if self.scope.topic and not postfix and not metric.startswith(self.scope.topic):
            metric, rule = (
                self.scope.topic + metric,
                rule + "+scope-topic",
            )  # 1.交通设施领域。安排重大项目30个
        return metric, postfix, rule

    def _spent_on_before(self) -> str:
        """What money spent with no object (完成投资46.9亿元) went on: the projects counted just
        before it in the sentence (实施重点项目47个，); "" when there are none."""
        if self.out and self.out[-1].metric.endswith(PROJECT_WORDS):
            name = self.out[-1].metric
            return name[len(_work_verb(name, self.rules)) :]
        return ""

    def _name_end(self, hits: list[Hit], i: int) -> int:
        """Where a name read after hit i ends: at the next quantity of the sentence
        (1596个重大项目完成投资1.5万亿元), unless that quantity starts the name (4座220千伏变电站)."""
        if i + 1 < len(hits) and hits[i + 1].start > hits[i].tail_end:
            return min(self.hi, hits[i + 1].start)
        return self.hi

    def _size_chain_name(self, hit: Hit, hits: list[Hit], i: int, own: str) -> str:
        """完成了老城区8条、12.3公里道路提升改造, 完成65条、总长度57.9公里的城市道路新建改造: a count
        and then the length or area of the same work, named after the second; the count takes
        that name, with what stands between the work verb and the count (老城区). "" otherwise."""
        if hit.unit_class != "count" or i + 1 >= len(hits) or hits[i + 1].unit_class != "measure":
            return ""
        size = hits[i + 1]
        between = self.text[hit.tail_end : size.start]
        if not between.startswith("、") or between[1:] not in ("", *self.rules.cues["size_words"]):
            return ""
        after = self.text[size.tail_end : self.hi].removeprefix("的")
        name = clean_metric(CLAUSE_BREAK.split(after, maxsplit=1)[0], self.rules)
        if len(name) < 2 or not CJK_START.match(name) or name[0].isdigit():
            return ""
        return place_of_work(own, self.rules) + name

    def _start_group(self, own: str, cstart: int, rest: list[Hit]) -> None:
        """`A、B分别…`: the list before 分别; with no list there, the sentence's last metrics —
        the whole last list again when one value follows (…分别达35512元、25689元，分别同比增长7.8%)."""
        head = own.split("分别")[0]
        names = [clean_metric(p, self.rules) for p in _list_items(head, self.rules)]
        listed = _share_head(
            _spell_out([n for n in names if n], "、" not in head, self.rules), self.rules
        )
        if listed:
            self.group, self.written = listed, clean_metric(head, self.rules)
        elif self.out:
            count = sum(1 for h in rest if h.start < _clause_end(self.text, cstart, self.hi))
            earlier = list(dict.fromkeys(d.metric for d in self.out if d.metric))
            again = count == 1 and len(self.group) > 1 and earlier[-len(self.group) :] == self.group
            if not again:
                self.group, self.written = (earlier[-count:] if count <= len(earlier) else []), ""
        else:
            self.group, self.written = [], ""
        self.group_i = 0

    def _values_in_clause(self, hit: Hit, clause: _Clause) -> int:
        """How many numbers the clause gives after its 分别 (a unitless one too: 分别提高15、22个
        百分点)."""
        after = hit.start - len(clause.own) + clause.own.rfind("分别")
        return len(
            NUMBER_TOKEN.findall(self.text, after, _clause_end(self.text, clause.start, self.hi))
        )

    def _basis(self, hit: Hit, clause: _Clause, postfix: bool) -> tuple[str, str]:
        """The hit's basis and the name of the rule that decided it (the list rules here, then
        the table in `basis.py`, then what a name read after the number says)."""
        prev = self.out[-1] if self.out else None
        if prev and clause.own.strip(CONNECTORS) == "" and prev.unit == hit.unit:
            return prev.basis, "list-shares-verb"  # 分别增长1.2%和2.4%
        if (
            prev
            and clause.own.lstrip().startswith("、")
            and (prev.unit == "%") == (hit.unit == "%")
            and not self._has_verb(clause.own)
        ):
            return prev.basis, "list-item-shares-verb"  # 民宿发展到86家、床位1100余张
        basis, rule = decide_basis(hit, clause.prefix, self.rules, self.text[self.lo : hit.start])
        if (
            postfix
            and hit.unit_class == "count"
            and basis == "level"
            and not _level_end(clause.own, self.rules)
        ):
            return "increase", "count-then-name"  # 建成12个未来社区
        if (
            postfix
            and hit.unit_class == "count"
            and clause.own.lstrip().startswith(("推动", "带动"))
        ):
            after = self.text[hit.tail_end : _clause_end(self.text, hit.tail_end, self.hi)]
            if contains_any(after, self.rules.cues["change_after"]):
                return "increase", "moved-within-period"  # 推动2万家企业上云
        return basis, rule

    def _start_year(self, start: re.Match[str], hit: Hit, end_year: int | None) -> int | None:
        """The year a change 从A… starts from: the one written after 从; a plan period's base
        year (“十四五”时期 → 2020, “十三五”末 → 2020); the start of the last change to the same end year
        (从2020年的10.5万元提高到2025年的14万元。…收入从7248亿元提高到8865亿元); five years
        before the end in a paragraph about five years (——这五年，…); else unknown."""
        if start.group("year"):
            return int(start.group("year"))
        periods = list(PLAN_TIME.finditer(self.text[self.lo : hit.start]))
        if periods:  # “十四五”时期 starts at 2020; “十三五”末 is 2020 itself
            last = periods[-1]
            return plan_period_end(last.group("n")) - (0 if last.group().endswith("末") else 5)
        if self.tense.change and self.tense.change[1] == end_year:
            return self.tense.change[0]
        paragraph = self.text[self.text.rfind("\n", 0, hit.start) + 1 : hit.start]
        if end_year and contains_any(paragraph, self.rules.cues["five_year_spans"]):
            return end_year - 5
        return None

    def _has_verb(self, own: str) -> bool:
        cues = self.rules.cues
        return contains_any(
            own, cues["increase_verbs"] + cues["level_verbs"] + cues["growth_words"]
        )

    def _comparator_before(self, hit: Hit, lo: int) -> str:
        before = self.text[max(lo, hit.start - 4) : hit.start].rstrip(" ")
        words = longest_first(self.rules.comparators["before"])
        if not before.endswith(words):  # one check of the whole list: most numbers have none
            return ""
        for word in words:
            if before.endswith(word):
                return self.rules.comparators["before"][word]
        return ""


def _share_of(after: str, hit: Hit, own_name: str, rules: Rules) -> str:
    """90%以上的矛盾纠纷化解在基层 → 矛盾纠纷化解在基层比例: a share that opens its clause, named by
    what follows 的; "" otherwise (and for a goal, 5.5%左右的预期增长目标)."""
    if hit.unit_class != "percent" or not after.startswith("的"):
        return ""
    if own_name and own_name not in rules.cues["metric_strip_head"]:  # (推动60%以上的…: a verb)
        return ""
    name = clean_metric(CLAUSE_BREAK.split(after[1:], maxsplit=1)[0], rules)
    if len(name) < 2 or re.search(r"\d", name) or contains_any(name, rules.cues["target_cues"]):
        return ""
    return name + SHARE


def _work_verb(phrase: str, rules: Rules) -> str:
    """The work verb `phrase` opens with (实施了, 完成), longest first; "" when none."""
    return next((v for v in longest_first(rules.cues["work_verbs"]) if phrase.startswith(v)), "")


def _spent_on(after: str, verb: str, rules: Rules) -> str:
    """投资3.5亿元,实施了次干道路改造 → 次干道路改造投资: money named by the work it paid for,
    written right after the amount or in the next clause; "" when that is not a plain name."""
    if verb not in rules.cues["spend_verbs"]:
        return ""
    work = CLAUSE_BREAK.split(after.lstrip(" ,，"), maxsplit=1)[0]
    lead = _work_verb(work, rules)
    if not lead:
        return ""
    work = _strip_state(work[len(lead) :].replace("的", "").strip(PUNCT_EDGES), rules)
    return work + verb if len(work) >= 2 and not re.search(r"[\d、]", work) else ""


def place_of_work(own: str, rules: Rules) -> str:
    """What stands between a work verb and the number (完成了老城区8条…, 实施城区20条…): where or
    on what the work is done, part of the name read after the number; "" when the clause has
    no such verb or that text is not a plain name of 2–5 characters (a list, examples, a
    comparator, a place of the whole region)."""
    for verb in longest_first(rules.cues["work_verbs"]):
        at = own.rfind(verb)
        if at < 0 or len(verb) < 2:  # 对 alone is too common inside words
            continue
        place = own[at + len(verb) :].strip(" ")
        if (
            re.fullmatch(r"[\u4e00-\u9fff]{2,5}", place)
            and not contains_any(place, tuple(rules.cues["not_a_place"]))
            and place not in rules.cues["whole_place"]
            and not contains_any(place, tuple(rules.comparators["before"]))
        ):
            return place
        return ""
    return ""


def _bare_work(name: str, rules: Rules) -> bool:
    """征拆和安置任务, 改造任务: work named without what it is done to."""
    words = [w for w in re.split(r"[和及与、]", re.sub(r"(?:任务|工作)$", "", name)) if w]
    return bool(words) and all(w in rules.cues["bare_work"] for w in words)


def _project_subject(text: str, pos: int, rules: Rules) -> str:
    """What the last project named in the paragraph before `pos` works on: 推进棚户区改造工程
    → 棚户区; "" when the paragraph names none."""
    paragraph = text[text.rfind("\n", 0, pos) + 1 : pos]
    found = _project_named(rules.cues["project_openers"], rules.cues["bare_work"]).findall(
        paragraph
    )
    return found[-1] if found else ""


@functools.cache
def _project_named(openers: tuple[str, ...], work: tuple[str, ...]) -> re.Pattern[str]:
    """An opener (推进), the subject (2–8 characters, as few as may be), a work word (改造) and
    工程/项目 or nothing, before a clause break; words longest first, built once per word list."""
    opener = "|".join(map(re.escape, sorted(openers, key=len, reverse=True)))
    works = "|".join(map(re.escape, sorted(work, key=len, reverse=True)))
    return re.compile(
        rf"(?:{opener})([\u4e00-\u9fff]{{2,8}}?)(?:{works})(?:工程|项目)?(?=[，,。；;])"
    )


def _strip_state(name: str, rules: Rules) -> str:
    """A project's name without what is said of it (…改造提升工程如期完工 → …改造提升工程)."""
    for tail in longest_first(rules.cues["state_tails"]):
        if name.endswith(tail) and len(name) > len(tail) + 1:
            return name[: -len(tail)]
    return name


def _list_items(head: str, rules: Rules) -> list[str]:
    """The items of a list joined by 、和及与, where a word holding one of them (普及率, 参与率)
    is not split."""
    words = rules.cues["joiner_words"]
    if not contains_any(head, words):
        return LIST_SPLIT.split(head)
    return _list_item(words).findall(head)


@functools.cache
def _list_item(words: tuple[str, ...]) -> re.Pattern[str]:
    """One list item: the words that hold a joiner, or any character but a joiner."""
    held = "|".join(map(re.escape, longest_first(words)))
    return re.compile(rf"(?:{held}|[^{LIST_SPLIT.pattern[1:-1]}])+")


def _share_head(names: list[str], rules: Rules) -> list[str]:
    """The items of a 、 list that share the head its last item ends with (有色冶金、石化化工、
    装备制造产业增加值 → 有色冶金增加值, …; 原煤、原油、天然气产量 → 原煤产量, …; 城镇居民、农村居民
    人均可支配收入 → 城镇居民人均可支配收入; 一、二、三产业增加值 → 一产业增加值); an item with a head
    of its own (规上工业增加值、规上服务业营收) keeps its name."""
    if len(names) < 2:
        return names
    heads = longest_first(rules.cues["list_heads"])
    last = names[-1]
    head = next((h for h in heads if last.endswith(h) and len(last) > len(h)), "")
    if not head:
        return names

    def shared(name: str) -> str:
        if name.endswith(heads):
            return name
        ordinal = ORDINAL.match(last)
        if ordinal and ORDINAL.fullmatch(name):  # 一、二、三产业…, 第一、第三产业…
            return name + last[ordinal.end() :]
        overlap = next((k for k in range(len(head) - 1, 0, -1) if name.endswith(head[:k])), 0)
        return clean_metric(name + head[overlap:], rules)

    return [shared(n) for n in names[:-1]] + [last]


def _spell_out(names: list[str], joined: bool, rules: Rules) -> list[str]:
    """The full names of a list that shares its head: 城镇和农村居民人均可支配收入 → 城镇居民…,
    农村居民… (`joined`: by 和/与/及, not a 、 list); a contracted pair (城乡居民人均可支配收入
    分别…) → 城镇居民…, 农村居民…."""
    if len(names) == 1:
        for entry in rules.cues["pair_contractions"]:
            word, *parts = entry.split()
            if word in names[0]:
                return [names[0].replace(word, part, 1) for part in parts]
        return names
    # two two-character modifiers of one head joined by 和 (城镇和农村居民…, 食品和药品抽检合格率);
    # 、 lists (原煤、原油、天然气产量; 蔬菜、小浆果…) have modifiers of other lengths: as written
    if joined and len(names) == 2 and len(names[0]) == 2 and len(names[1]) >= 6:
        return [names[0] + names[1][2:], names[1]]
    return names


def _clause_start(text: str, s: int, pos: int) -> int:
    """Just after the last clause break in `text[s:pos]`, else `s` (one regex, not a loop back
    over up to CONTEXT characters per number)."""
    m = _UP_TO_LAST_BREAK.match(text, s, pos)
    return m.end() if m else s


def _clause_end(text: str, start: int, e: int) -> int:
    m = CLAUSE_BREAK.search(text, start, e)
    return m.start() if m else e


def _level_end(own: str, rules: Rules) -> bool:
    o = own.strip(CONNECTORS)
    if o == "为":  # 为27所学校配备…: a preposition, not the copula
        return False
    return o.endswith(rules.cues["level_verbs"]) or o.lstrip().startswith("推动")


def _metric(text: str, hit: Hit, own: str, e: int, rules: Rules) -> tuple[str, bool, str]:
    """The phrase before the number, or after its unit when the number leads (建成12个未来社区);
    whether it was read after the number; the name of the rule."""
    after = text[hit.tail_end : e]
    own_name = clean_metric(own, rules)
    share = _share_of(after, hit, own_name, rules)
    if share:
        return share, True, "share-of-what-follows"
    spent = _spent_on(after, own_name, rules)
    if spent:
        return spent, True, "spent-on-work"
    if after.startswith("的") and size_of_work(text, hit, e, rules):  # 完成9.2公里的…改造
        name = clean_metric(CLAUSE_BREAK.split(after[1:], maxsplit=1)[0], rules)
        size = next((w for w in rules.cues["size_words"] if own.rstrip(" ").endswith(w)), "")
        if _bare_work(name, rules):
            subject = _project_subject(text, hit.start, rules)
            if subject:
                return subject + name + size, True, "work-after-number+paragraph-project"
        return name + size, True, "work-after-number"
    post = CLAUSE_BREAK.split(after, maxsplit=1)[0]
    post = NEXT_ITEM.split(post, maxsplit=1)[0]  # 实施36个老旧小区节能改造、45个…: one item's name
    post = UNIT_ALTERNATIVE.sub("", post)
    post = BOUND.sub("", post)  # 为3万名65周岁以上老年人…: the age defines who is counted
    digit_ok = not post[:1].isdigit() or re.match(
        r"\d+(?:\.\d+)?[ ]?(?:千伏|千瓦|兆瓦|米|吨)", post
    )
    if (
        hit.unit_class in {"count", "measure", "amount"}
        and post
        and CJK_START.match(post)
        and digit_ok
    ):
        name = clean_metric(post, rules)
        milestone = name in rules.cues["milestone_words"]  # 跨越5000亿元大关: named before
        if name and not name.startswith(("的", "和", "及", "等")) and not milestone:
            return name, True, "name-after-number"
    size = next((w for w in rules.cues["size_words"] if own.rstrip(" ").endswith(w)), "")
    if size and post.startswith("的") and len(post) > 2:  # 设立总规模50亿元的产业引导基金
        thing = _strip_state(clean_metric(post[1:], rules), rules)
        return thing + size, True, "size-of-one"
    ex = EXAMPLES.match(own)
    if ex and len(own) - ex.end() >= 2:  # 网易云音乐、长龙航空等示范企业: drop the examples
        own_name = clean_metric(own[ex.end() :], rules)
    return own_name, False, "name-before-number"
