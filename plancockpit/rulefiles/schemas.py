"""The shape of every rule file under `plancockpit/data`, as pydantic models: what the loader
checks before a stage sees the data. Checks that need only the file itself live here (a regex
compiles, a name referred to exists, zh and en use the same blanks); a stage adds the checks
that need its own code. Every field is documented in docs/rules.md (tests/test_rulefiles.py)."""

from __future__ import annotations

import re
import string
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel, model_validator

from plancockpit.vocabulary import COMPARATORS, DIRECTIONS, DOCUMENT_KINDS


class Schema(BaseModel):
    """A mapping in a rule file: unknown keys are refused (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Row(Schema):
    """A row of a tab-separated rule table; its fields are the columns, in order."""


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _regex(value: str, flags: int = re.VERBOSE) -> str:
    try:
        re.compile(value, flags)
    except re.error as exc:
        raise ValueError(f"bad regular expression {value!r}: {exc}") from None
    return value


Word = Annotated[str, AfterValidator(_nonblank)]
Words = list[Word]
Chars = list[Annotated[str, Field(min_length=1, max_length=1)]]  # single characters, spaces allowed
Regex = Annotated[str, AfterValidator(_regex)]  # a regular expression, read with re.VERBOSE
PlainRegex = Annotated[str, AfterValidator(lambda v: _regex(v, 0))]  # spaces in it count
Way = Literal["up", "down"]
assert set(DIRECTIONS) == {"up", "down"}


def at(path: str, reason: str) -> ValueError:
    """A model-level problem at `path` (relative to the model): the loader puts it in the field."""
    return ValueError(f"@{path}: {reason}")


def _blanks(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class ZhEn(Schema):
    """A text in Chinese and English."""

    zh: Word
    en: Word


class Texts(RootModel[dict[str, ZhEn]]):
    """key → {zh, en}: page words, answer phrases, notification texts."""


# --- extract/ ---------------------------------------------------------------------------------

UNIT_CLASSES = ("percent", "points", "count", "amount", "measure", "time", "age")
POSITIONS = ("before", "between", "after")


class UnitRow(Row):
    unit: Word
    unit_class: Literal["percent", "points", "count", "amount", "measure", "time", "age"] = Field(alias="class")


class ComparatorRow(Row):
    word: Word
    position: Literal["before", "between", "after"]
    comparator: Literal["=", ">=", ">", "<=", "<", "~"]


assert set(ComparatorRow.model_fields["comparator"].annotation.__args__) == set(COMPARATORS)  # type: ignore[union-attr]


class ExtractCues(Schema):
    """extract/cues.yaml: word lists (matched as substrings) deciding kind, basis, year, metric."""

    target_cues: Words
    actual_cues: Words
    growth_words: Words
    points_increase: Words
    increase_verbs: Words
    cumulative: Words
    level_verbs: Words
    metric_strip_head: Words
    metric_strip_tail: Words
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
    pair_contractions: Words
    work_verbs: Words
    size_words: Words
    state_tails: Words
    adjustment_openers: Words
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
    work_nouns: Words
    unitless_change: Words


# --- outline, meta, read ----------------------------------------------------------------------

OutlineKind = Literal["part", "chapter", "section", "item", "box", "table"]


class Demote(Schema):
    if_present: Word
    kind: OutlineKind


def _heading_pattern(value: str) -> str:
    groups = set(re.compile(_regex(value), re.VERBOSE).groupindex)
    if not {"num", "title"} <= groups:
        raise ValueError("a heading pattern needs the groups num and title")
    return value


class Marker(Schema):
    name: Word
    kind: OutlineKind
    rank: int
    pattern: Annotated[str, AfterValidator(_heading_pattern)]
    max_len: int | None = Field(default=None, gt=0)
    demote: Demote | None = None


class OutlineMarkers(Schema):
    """outline_markers.yaml: heading markers in precedence order, lead-unit and note cues."""

    markers: list[Marker] = Field(min_length=1)
    lead_cues: Words
    note_cues: Words

    @model_validator(mode="after")
    def _names(self) -> OutlineMarkers:
        names = [m.name for m in self.markers]
        for i, m in enumerate(self.markers):
            if names.index(m.name) != i:
                raise at(f"markers[{i}].name", f"duplicate name {m.name!r}")
            if m.demote and m.demote.if_present not in names:
                raise at(f"markers[{i}].demote.if_present", f"no marker named {m.demote.if_present!r}")
        return self


CUE_KINDS = tuple(k for k in DOCUMENT_KINDS if k != "other")  # the kinds a cue can decide


class TitleKind(Schema):
    kind: str
    pattern: Regex
    why: str = ""

    @model_validator(mode="after")
    def _kind(self) -> TitleKind:
        if self.kind not in DOCUMENT_KINDS:
            raise at("kind", f"unknown document kind {self.kind!r}")
        return self


class Untitled(Schema):
    pattern: Regex
    title: Word


class Region(Schema):
    issuer_levels: Words
    issuer_after: Chars
    issuer_bodies: list[Regex]
    issuer_head: int = Field(gt=0)
    suffixes: Words
    provinces: Words
    not_followed_by: Chars
    generic: Words
    bad_start: Words
    bad_start_words: Words
    conjunctions: Chars
    levels_alone: Words


class FiveYearPlan(Schema):
    first_ordinal: int
    first_year: int


def _zodiac(value: dict[str, int]) -> dict[str, int]:
    if len(value) != 12 or {y % 12 for y in value.values()} != set(range(12)):
        raise ValueError("the twelve animals, their years covering the twelve residues")
    return value


class MetaCues(Schema):
    """meta_cues.yaml: cues for a document's kind, title, issuer, region and years."""

    kinds: dict[str, Words]
    title_kinds: list[TitleKind]
    title_words: Words
    chapter_start: Regex
    heading_start: Regex
    label_line: Regex
    speaker_line: Regex
    delivery_line: Regex
    title_tail_note: Regex
    untitled: list[Untitled]
    masthead: Regex
    lede: Regex
    lede_start: Regex
    lede_time: Regex
    title_weight: int
    head_weight: int
    head_chars: int = Field(gt=0)
    body_cap: int = Field(gt=0)
    region: Region
    five_year_plan: FiveYearPlan
    congress_date: Regex
    congress_head: int = Field(gt=0)
    target_year: Regex
    opening_cues: list[PlainRegex]
    this_year_cues: Words
    next_year_cues: Words
    plan_draft_words: Words
    zodiac: Annotated[dict[str, int], AfterValidator(_zodiac)]

    @model_validator(mode="after")
    def _kinds(self) -> MetaCues:
        unknown = set(self.kinds) - set(CUE_KINDS)
        if unknown:
            raise at("kinds", f"unknown document kinds {sorted(unknown)}")
        return self


class HtmlChrome(Schema):
    """read_html_chrome.yaml: the chrome of government web pages."""

    drop_tags: Words
    chrome_words: Words
    chrome_starts: Words
    chrome_patterns: list[PlainRegex]
    tail_titles: Words
    drop_classes: Words


# --- link -------------------------------------------------------------------------------------

class AliasEntry(Schema):
    name: Word
    aliases: Words = []
    direction: Way | None = None
    bounded: bool = False
    rate: bool = False


class IndicatorAliases(RootModel[list[AliasEntry]]):
    """indicator_aliases.yaml: canonical indicator names and their aliases."""


class DomainEntry(Schema):
    name: Word
    en: Word
    plan_words: Words = []
    keywords: Words = []
    fold_into: str = ""


class Domains(RootModel[list[DomainEntry]]):
    """domains.yaml: the domains indicators are grouped in, in precedence order."""

    @model_validator(mode="after")
    def _folds(self) -> Domains:
        names = {d.name for d in self.root}
        for i, d in enumerate(self.root):
            if d.fold_into and d.fold_into not in names:
                raise at(f"[{i}].fold_into", f"{d.fold_into!r} is not a domain")
        return self


class Family(Schema):
    base: Word
    units: dict[str, float]
    additive: bool = True

    @model_validator(mode="after")
    def _base(self) -> Family:
        if self.base not in self.units:
            raise at("base", f"{self.base!r} is not one of its units")
        return self


class UnitFamilies(Schema):
    """unit_families.yaml: unit families and conversion factors."""

    families: dict[str, Family]
    scales: dict[str, float]
    rate_units: Words = []
    point_units: Words = []
    non_additive_words: Words = []

    @model_validator(mode="after")
    def _disjoint(self) -> UnitFamilies:
        seen: set[str] = set()
        for name, fam in self.families.items():
            if seen & set(fam.units):
                raise at(f"families.{name}.units", f"{sorted(seen & set(fam.units))} in two families")
            seen |= set(fam.units)
        return self


class Department(Schema):
    name: Word
    full_name: str = ""
    aliases: Words = []


class Departments(RootModel[list[Department]]):
    """units.yaml: departments (lead units) and their aliases."""

    @model_validator(mode="after")
    def _unique(self) -> Departments:
        names = [d.name for d in self.root]
        for i, name in enumerate(names):
            if names.index(name) != i:
                raise at(f"[{i}].name", f"duplicate department {name!r}")
        return self


class IndicatorNames(Schema):
    """indicator_names.yaml: what a metric must look like to found an indicator."""

    min_chars: int = Field(gt=0)
    bad_starts: Words
    bad_ends: Words
    numbered_names: list[PlainRegex]
    cue_only: Words
    action_words: Words
    loose_words: Words
    word_variants: dict[Word, Word]


# --- evaluate ---------------------------------------------------------------------------------

class DirectionCues(Schema):
    """direction_cues.yaml: which way is better for an indicator."""

    name: dict[Word, Way] = Field(min_length=1)
    clause: dict[Word, Way] = Field(min_length=1)
    comparators: dict[Word, Way] = Field(min_length=1)


class AssessmentNotes(Schema):
    """assessment_notes.yaml: the lines of an assessment's basis, and terms shown in both languages."""

    notes: dict[str, ZhEn]
    terms: dict[str, ZhEn]

    @model_validator(mode="after")
    def _same_blanks(self) -> AssessmentNotes:
        for key, text in self.notes.items():
            if _blanks(text.zh) != _blanks(text.en):
                raise at(f"notes.{key}", "zh and en use different placeholders")
        return self


# --- ask --------------------------------------------------------------------------------------

class Intent(Schema):
    kind: Word
    cues: Words
    needs: Literal["indicator", "group", "nothing"]
    example: Word


class AskIntents(Schema):
    """ask/intents.yaml: the intents of a question and the words that tell them apart."""

    intents: list[Intent]
    default: Word
    status_words: dict[str, Words]
    attribute_words: dict[str, Words]
    document_words: dict[str, Words]
    relative_years: dict[str, int]
    fillers: Words
    generic: Words


class Phrases(Texts):
    """ask/phrases.yaml: the sentences of answers."""

    @model_validator(mode="after")
    def _same_blanks(self) -> Phrases:
        for key, text in self.root.items():
            if _blanks(text.zh) != _blanks(text.en):
                raise at(key, "zh and en use different placeholders")
        return self


# --- the registry -----------------------------------------------------------------------------

FILES: dict[str, type[BaseModel]] = {
    "extract/cues.yaml": ExtractCues,
    "extract/labels.yaml": ExtractLabels,
    "outline_markers.yaml": OutlineMarkers,
    "meta_cues.yaml": MetaCues,
    "read_html_chrome.yaml": HtmlChrome,
    "indicator_aliases.yaml": IndicatorAliases,
    "domains.yaml": Domains,
    "unit_families.yaml": UnitFamilies,
    "units.yaml": Departments,
    "indicator_names.yaml": IndicatorNames,
    "direction_cues.yaml": DirectionCues,
    "assessment_notes.yaml": AssessmentNotes,
    "ask/intents.yaml": AskIntents,
    "ask/phrases.yaml": Phrases,
    "notifications.yaml": Texts,
    "i18n.yaml": Texts,
}
TABLES: dict[str, type[Row]] = {
    "extract/units.tsv": UnitRow,
    "extract/comparators.tsv": ComparatorRow,
}
