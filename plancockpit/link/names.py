"""Metric names → matching keys: normalisation and the alias lexicon.

>>> normalise("全区社会消费品零售总额( 亿元)")
'社会消费品零售总额'
>>> canonical("五年新增城镇就业( 万人)")
'城镇新增就业'
>>> canonical("人均地区生产总值") != canonical("地区生产总值")
True
>>> canonical("地区生产总值力争")
'地区生产总值'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from plancockpit.link.lexicon import AliasEntry, aliases, name_rules
from plancockpit.patterns import PLAN_NAME

# A parenthesised unit or note at the end or inside: ( 亿元), (%), （万人）.
_PARENS = re.compile(r"[(（][^()（）]{0,12}[)）]")
# Whole-place and period words that do not change what is measured.
_PREFIX = re.compile(
    rf"""^(?:
        全(?:区|市|县|省|镇|街道)       # 全区…: the whole place
      | 我(?:区|市|县)
      | (?:五|十|三)年                 # 五年新增…: a period total, same indicator
      | 每年                           # 每年新增…: a per-year amount, same indicator
      | "?{PLAN_NAME}"?期间?
      | 累计(?:实现)?
      | 年均
      | 实现 | 完成 | 达到
    )+""",
    re.VERBOSE,
)
# Aspiration words (力争突破1200亿元 → metric "地区生产总值力争") say how firmly, not what is
# measured: the record keeps them as its `aspiration` flag; the name drops them.
_ASPIRATION = re.compile(r"^(?:力争|争取|努力|力求)+|(?:力争|争取|努力|力求|确保)+$")
_PUNCT = re.compile(r"[\s·•、，,。:：;；\"'“”‘’「」《》\-—_/]+")


_SPAN = re.compile(r"^(?:全(?:区|市|县))?(?P<n>[三五十])年")
_SPAN_YEARS = {"三": 3, "五": 5, "十": 10}


def period_span(name: str) -> int | None:
    """The number of years a period total covers when the name says so (五年新增… → 5).

    >>> period_span("五年实际利用外资( 亿美元)"), period_span("实际利用外资")
    (5, None)
    """
    m = _SPAN.match(unicodedata.normalize("NFKC", name).strip())
    return _SPAN_YEARS[m["n"]] if m else None


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """Fold width, drop spaces, punctuation, parenthesised units and place/period prefixes.
    Cached: linking a document normalises the same few hundred names ≈ 4,000 times."""
    text = unicodedata.normalize("NFKC", name)
    text = _PARENS.sub("", text)
    text = _PUNCT.sub("", text)
    text = text.replace("∗", "").replace("*", "")
    text = _PREFIX.sub("", text)
    text = _ASPIRATION.sub("", text) or text
    return text.upper() if text.isascii() else text


@cache
def _alias_index() -> dict[str, AliasEntry]:
    index: dict[str, AliasEntry] = {}
    for entry in aliases():
        for variant in (entry.name, *entry.aliases):
            index[normalise(variant)] = entry
    return index


def alias_entry(name: str) -> AliasEntry | None:
    """The lexicon entry naming this metric, if any."""
    return _alias_index().get(normalise(name))


@lru_cache(maxsize=1 << 16)
def canonical(name: str) -> str:
    """The matching key: the lexicon's canonical name when the metric is a known alias, else the
    normalised name. Cached, as `normalise` (the lexicon is loaded once)."""
    entry = alias_entry(name)
    return normalise(entry.name) if entry else normalise(name)


@lru_cache(maxsize=1 << 16)
def measure_key(name: str) -> str:
    """The matching key without the particle 的 and the action words at either end
    (data/indicator_names.yaml): what is measured, whatever is done to it.

    >>> measure_key("公厕新建改造") == measure_key("新建改造公厕") == "~公厕"
    True
    >>> measure_key("老旧小区的既有建筑节能改造")
    '~老旧小区既有建筑节能'
    """
    key = canonical(name).replace("的", "")
    return "~" + strip_ends(key, name_rules().action_words)  # marked: never equals a name key


def strip_ends(key: str, words: tuple[str, ...]) -> str:
    """`key` with `words` taken off either end, again and again, while two characters remain
    beyond a word (公厕新建改造 → 公厕, never an empty name)."""
    changed = True
    while changed:
        changed = False
        for w in words:
            if key.startswith(w) and len(key) > len(w) + 1:
                key, changed = key[len(w) :], True
            if key.endswith(w) and len(key) > len(w) + 1:
                key, changed = key[: -len(w)], True
    return key


def loose_key(name: str) -> str:
    """The measure key (unmarked) with word variants folded and loose words off either end
    (data/indicator_names.yaml): how a result's name is compared with last year's targets.

    >>> loose_key("现代化的垃圾中转站"), loose_key("老旧小区改造任务")
    ('垃圾转运站', '老旧小区')
    """
    rules = name_rules()
    key = measure_key(name)[1:]
    for variant, form in rules.word_variants.items():
        key = key.replace(variant, form)
    return strip_ends(key, (*rules.loose_words, *rules.action_words))


def display_name(name: str) -> str:
    """The name to show for an indicator first seen under `name`."""
    entry = alias_entry(name)
    return entry.name if entry else normalise(name) or name.strip()


def similarity(a: str, b: str) -> float:
    """Character-bigram Dice of two normalised names (for suggestions, never for linking)."""
    x, y = normalise(a), normalise(b)
    grams_x = {x[i : i + 2] for i in range(len(x) - 1)}
    grams_y = {y[i : i + 2] for i in range(len(y) - 1)}
    if not grams_x or not grams_y:
        return 1.0 if x == y else 0.0
    return 2 * len(grams_x & grams_y) / (len(grams_x) + len(grams_y))


@cache
def _numbered_names() -> re.Pattern[str]:
    return re.compile("|".join(name_rules().numbered_names))


def name_problem(metric: str) -> str | None:
    """Why `metric` cannot found an indicator (a clause fragment, a list tail, a value glued on,
    nothing left), or None when it reads as a name.

    >>> name_problem("地区生产总值"), name_problem("PM2.5平均浓度")
    (None, None)
    >>> name_problem("增加到"), name_problem("示范村22个示范片区"), name_problem("头(只")
    ('only a verb or cue word', 'a number inside', 'a clause fragment')
    """
    rules = name_rules()
    name = normalise(metric)
    if len(name) < rules.min_chars:
        return "empty or too short"
    if name in rules.cue_only or canonical(name) in rules.cue_only:
        return "only a verb or cue word"
    if re.search(r"\d", _numbered_names().sub("", name)):
        return "a number inside"
    written = _PUNCT.sub("", unicodedata.normalize("NFKC", metric))  # 达到或优于… keeps its 达到
    if (
        written.startswith(rules.bad_starts)
        or written.endswith(rules.bad_ends)
        or written.count("(") != written.count(")")
    ):
        return "a clause fragment"
    return None
