"""Schemas of the extractor's rule files (`data/extract/`): units, comparator words, cue and
label word lists."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field

from plancockpit.rulefiles.fields import Row, Schema, Word, Words
from plancockpit.vocabulary import Comparator

UnitClass = Literal["percent", "points", "count", "amount", "measure", "time", "age"]
Position = Literal["before", "between", "after"]  # of a comparator word around the number
UNIT_CLASSES: tuple[UnitClass, ...] = get_args(UnitClass)
POSITIONS: tuple[Position, ...] = get_args(Position)


class UnitRow(Row):
    unit: Word
    unit_class: UnitClass = Field(alias="class")


class ComparatorRow(Row):
    word: Word
    position: Position
    comparator: Comparator  # the vocabulary's comparators


class ExtractCues(Schema):
    """extract/cues.yaml: word lists (matched as substrings) deciding kind, basis, year, metric."""

    target_cues: Words
    cue_free_words: Words
    actual_cues: Words
    growth_words: Words
    points_increase: Words
    increase_verbs: Words
    cumulative: Words
    level_verbs: Words
    metric_strip_head: Words
    metric_strip_tail: Words
    metric_strip_tail_named: Words
    per_words: Words
    name_joiners: Words
    joiner_words: Words
    list_heads: Words
    milestone_words: Words
    now_words: Words
    comparison_heads: Words
    partial_metrics: Words
    stock_words: Words
    review_headings: Words
    plan_headings: Words
    scope_words: Words
    plan_lead_cues: Words
    aggregate_tails: Words
    weak_increase_verbs: Words
    list_adverbs: Words
    added_words: Words
    flow_tails: Words
    review_openers: Words
    current_period: Words
    news_item_openers: Words
    plan_titles: Words
    whole_place: Words
    change_after: Words
    five_year_spans: Words
    spend_verbs: Words
    bare_spend: Words
    pair_contractions: Words
    work_verbs: Words
    not_a_place: Words
    size_words: Words
    state_tails: Words
    adjustment_openers: Words
    bare_work: Words
    project_openers: Words
    strong_actual: Words
    aspiration_words: Words
    table_flow_names: Words
    table_level_names: Words


def _pairs(value: list[str]) -> list[str]:
    bad = [q for q in value if len(q) != 2]
    if bad:
        raise ValueError(f"quote pairs are two characters each: {bad}")
    return value


class ExtractLabels(Schema):
    """extract/labels.yaml: what makes a number a label, date, ordinal or threshold."""

    before_words: Words
    after_unit_words: Words
    label_joiners: Words
    quote_pairs: Annotated[Words, AfterValidator(_pairs)]
    quote_max_chars: int = Field(gt=0)
    duration_after: Words
    defines_after: Words
    duration_defines: Words
    numeral_cues: Words
    abstract_counts: Words
    work_nouns: Words
    unitless_change: Words
