"""A record's basis (level, growth or increase) from the words before its number, as an ordered
table of named rules: the first rule that answers decides, and its name goes into the record's
`rule` (`basis=<name>`), so `scripts/regress.py --rules` shows how often each rule fires on
which documents. Every rule carries an example that `tests/extract/test_basis.py` runs.

The words come from `data/extract/cues.yaml` (growth_words, increase_verbs, level_verbs, …); the order
below is the precedence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from plancockpit.extract.context import (
    LEAD_TIME,
    MULTI_YEAR,
    PUNCT_EDGES,
    drop_adjustment,
    strip_tail,
)
from plancockpit.extract.rules import Rules
from plancockpit.extract.scan import Hit
from plancockpit.extract.words import contains_any


@dataclass(frozen=True)
class BasisFacts:
    """What the basis rules read: the hit, its clause up to the number, the sentence up to it."""

    hit: Hit
    clause: str  # from the clause start to the number
    sentence: str  # from the sentence start to the number
    rules: Rules

    @cached_property
    def cues(self) -> dict[str, tuple[str, ...]]:
        return self.rules.cues

    @cached_property
    def comparators(self) -> tuple[str, ...]:
        return tuple(self.rules.comparators["before"])

    @cached_property
    def before(self) -> str:
        """The clause up to the number, trailing spaces dropped."""
        return self.clause.rstrip()

    @cached_property
    def near(self) -> str:
        """The clause without the comparator and level words right before the number."""
        return strip_tail(self.clause, self.comparators + self.cues["level_verbs"])

    @cached_property
    def verbs(self) -> list[str]:
        """Increase verbs in the clause (新增, 建成, 引进, …)."""
        words = self.cues["increase_verbs"]
        if not contains_any(self.clause, words):  # one check first: many clauses have none
            return []
        return [w for w in words if w in self.clause]

    @cached_property
    def strong_verbs(self) -> list[str]:
        return [w for w in self.verbs if w not in self.cues["weak_increase_verbs"]]

    @cached_property
    def aggregate(self) -> bool:
        """The metric is a year's total (一般公共预算收入, 总产值) once a weak verb is set aside."""
        head = strip_tail(self.before, self.cues["weak_increase_verbs"] + self.cues["list_adverbs"])
        return self.ends(self.cues["aggregate_tails"], drop_adjustment(head, self.rules))

    @cached_property
    def adds(self) -> bool:
        """An increase verb governs the number (a weak one does not before an aggregate)."""
        return bool(self.strong_verbs if self.aggregate else self.verbs)

    def ends(self, words: tuple[str, ...], text: str | None = None) -> bool:
        return (self.before if text is None else text).endswith(words)


@dataclass(frozen=True)
class BasisRule:
    name: str
    example: str  # a sentence whose (first) record this rule decides
    decide: Callable[[BasisFacts], str | None]


def _percent(f: BasisFacts) -> str | None:
    if f.hit.unit_class != "percent":
        return None
    growth = f.ends(f.cues["growth_words"], f.near) or f.near.endswith("年均")
    return "growth" if growth else "level"


def _points(f: BasisFacts) -> str | None:
    if f.hit.unit_class != "points":
        return None
    return "increase" if f.ends(f.cues["points_increase"], f.near) else "level"


def _aggregate(f: BasisFacts) -> str | None:
    """A year's total of an aggregate (完成一般公共预算收入2.1亿元) after only a weak verb; over
    several years (“十四五”时期…完成固定资产投资2500亿元) a flow."""
    if not f.aggregate or f.strong_verbs:
        return None
    weak = contains_any(f.clause, f.cues["weak_increase_verbs"])
    return "increase" if weak and MULTI_YEAR.search(f.sentence) else "level"


def _level_verb(f: BasisFacts) -> str | None:
    """A level verb right before the number (达到, 突破, 控制在) — but a comparator word after an
    increase verb bounds the flow (新增高新技术企业超6000家), unless it bounds a year's total."""
    if not f.ends(f.cues["level_verbs"]):
        return None
    head = strip_tail(f.before, f.comparators)
    flow = f.adds and head != f.before and not f.ends(f.cues["aggregate_tails"], head)
    return "increase" if flow else "level"


def _comparator(f: BasisFacts) -> str | None:
    """A bare comparator (不少于) leaves the verb's flow standing: 新增养老床位不少于800张."""
    if strip_tail(f.before, f.comparators) == f.before:
        return None
    return "increase" if f.adds else "level"


def _verb_or_count(f: BasisFacts) -> str:
    """A count after a verb phrase is things done (打通断头路25条), unless it names a stock."""
    stock = contains_any(f.clause, f.cues["stock_words"])
    return "increase" if f.adds or (f.hit.unit_class == "count" and not stock) else "level"


def _spend(f: BasisFacts) -> str | None:
    alone = LEAD_TIME.sub("", f.clause.strip(PUNCT_EDGES)).strip(PUNCT_EDGES)
    return "increase" if alone in f.cues["spend_verbs"] else None


RULES: tuple[BasisRule, ...] = (
    BasisRule(
        "digits-growth",
        "经济保持两位数增长。",  # 两位数: a growth rate in words
        lambda f: "growth" if f.hit.text.endswith("位数") else None,
    ),
    BasisRule("percent", "全区生产总值增长6.5%。", _percent),
    BasisRule("points", "研发投入强度提高0.2个百分点。", _points),
    BasisRule(
        "cumulative",
        "累计新增就业12万人。",
        lambda f: "increase" if contains_any(f.clause, f.cues["cumulative"]) else None,
    ),
    BasisRule("spend-verb", "投资3.5亿元,实施了道路改造。", _spend),
    BasisRule(
        "amount-added",
        "基础养老金每人每月提高20元。",
        lambda f: "increase" if f.ends(f.cues["points_increase"]) else None,
    ),
    BasisRule(
        "flow-tail",
        "争取上级项目资金2.7亿元。",
        lambda f: (
            "increase"
            if f.ends(f.cues["flow_tails"], strip_tail(f.before, f.comparators))
            else None
        ),
    ),
    BasisRule("aggregate-total", "地区生产总值完成1186亿元。", _aggregate),
    BasisRule(
        "preposition-wei",
        "为3万名老人免费体检。",
        lambda f: (
            ("increase" if f.hit.unit_class == "count" else "level")
            if f.before.strip(" 、") == "为"
            else None
        ),
    ),
    BasisRule("level-verb", "高新技术企业达到450家。", _level_verb),
    BasisRule("comparator", "新增养老床位不少于800张。", _comparator),
    BasisRule(
        "reach",
        "实现规上企业120家。",
        lambda f: (
            "level"
            if f.clause.lstrip(" 、").startswith(("实现", "达到"))
            and not contains_any(f.clause, f.cues["added_words"])
            else None
        ),
    ),
    BasisRule("verb-or-count", "打通断头路25条。", _verb_or_count),
)


def decide_basis(hit: Hit, clause: str, rules: Rules, sentence: str = "") -> tuple[str, str]:
    """The basis of `hit` and the name of the rule that decided it. `clause` is the clause up to
    the number; `sentence` the sentence up to it (it tells a several-year total)."""
    facts = BasisFacts(hit, clause, sentence, rules)
    for rule in RULES:
        basis = rule.decide(facts)
        if basis is not None:
            return basis, rule.name
    raise AssertionError("the last basis rule always answers")  # pragma: no cover
