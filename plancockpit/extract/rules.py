"""Load the rule tables in `rules/` once, validate their shape, and hand them out frozen."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from plancockpit import vocabulary
from plancockpit.errors import ConfigError

UNIT_CLASSES = {"percent", "points", "count", "amount", "measure", "time", "age"}
COMPARATORS = set(vocabulary.COMPARATORS)
POSITIONS = {"before", "between", "after"}
CUE_KEYS = {
    "target_cues", "actual_cues", "growth_words", "points_increase", "increase_verbs",
    "cumulative", "level_verbs", "metric_strip_head", "metric_strip_tail", "now_words",
    "comparison_heads", "partial_metrics", "stock_words", "review_headings", "plan_headings", "scope_words", "plan_lead_cues",
    "aggregate_tails", "weak_increase_verbs", "list_adverbs", "added_words", "flow_tails", "review_openers", "current_period",
    "news_item_openers", "plan_titles", "whole_place", "change_after", "five_year_spans", "spend_verbs", "pair_contractions", "work_verbs", "size_words", "state_tails",
    "adjustment_openers", "bare_work",
}
LABEL_LISTS = {
    "before_words", "after_unit_words", "label_joiners", "quote_pairs", "duration_after",
    "defines_after", "duration_defines", "numeral_cues", "unitless_change", "work_nouns",
}


class RuleError(ConfigError):
    """A rule file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Rules:
    """All rule tables: units by class, comparator words by position, cue and label lists."""

    units: dict[str, str]
    comparators: dict[str, dict[str, str]]
    cues: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, ...]]
    quote_max_chars: int


def _text(name: str) -> str:
    return resources.files("plancockpit.extract").joinpath("rules", name).read_text("utf-8")


def _tsv(name: str, width: int) -> list[tuple[list[str], int]]:
    rows = []
    for n, line in enumerate(_text(name).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != width or not all(c.strip() for c in cells):
            raise RuleError(f"{name}:{n}: expected {width} tab-separated fields: {line!r}")
        rows.append(([c.strip() for c in cells], n))
    return rows


def _word_lists(name: str, data: Any, keys: set[str]) -> dict[str, tuple[str, ...]]:
    if not isinstance(data, dict):
        raise RuleError(f"{name}: expected a mapping at the top")
    missing = keys - set(data)
    if missing:
        raise RuleError(f"{name}: missing keys {sorted(missing)}")
    out: dict[str, tuple[str, ...]] = {}
    for key in keys:
        words = data[key]
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise RuleError(f"{name}: {key} must be a list of non-empty strings")
        # longest first, so a scan that stops at the first hit takes the longest word
        out[key] = tuple(sorted(set(words), key=len, reverse=True))
    return out


@functools.cache
def load_rules() -> Rules:
    """Read and validate every rule file (once per process)."""
    units: dict[str, str] = {}
    for (unit, cls), n in _tsv("units.tsv", 2):
        if cls not in UNIT_CLASSES:
            raise RuleError(f"units.tsv:{n}: unknown class {cls!r}")
        units[unit] = cls
    comparators: dict[str, dict[str, str]] = {p: {} for p in POSITIONS}
    for (word, pos, comp), n in _tsv("comparators.tsv", 3):
        if pos not in POSITIONS or comp not in COMPARATORS:
            raise RuleError(f"comparators.tsv:{n}: bad position or comparator")
        comparators[pos][word] = comp
    cues = _word_lists("cues.yaml", yaml.safe_load(_text("cues.yaml")), CUE_KEYS)
    raw_labels = yaml.safe_load(_text("labels.yaml"))
    labels = _word_lists("labels.yaml", raw_labels, LABEL_LISTS)
    if any(len(q) != 2 for q in labels["quote_pairs"]):
        raise RuleError("labels.yaml: quote_pairs must be two characters each")
    limit = raw_labels.get("quote_max_chars")
    if not isinstance(limit, int) or limit <= 0:
        raise RuleError("labels.yaml: quote_max_chars must be a positive integer")
    return Rules(units, comparators, cues, labels, limit)
