"""Schemas of the rule files that read a document's shape: heading markers (outline), metadata
cues (meta) and web-page chrome (read)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from plancockpit.rulefiles.fields import Chars, PlainRegex, Regex, Schema, Word, Words, at, regex
from plancockpit.vocabulary import DOCUMENT_KINDS

OutlineKind = Literal["part", "chapter", "section", "item", "box", "table"]


class Demote(Schema):
    if_present: Word
    kind: OutlineKind


def _heading_pattern(value: str) -> str:
    groups = set(re.compile(regex(value), re.VERBOSE).groupindex)
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


class NamedPart(Schema):
    """A report's part named on a line of its own, with no number (“十四五”时期工作回顾)."""

    kind: OutlineKind
    rank: int
    max_len: int = Field(gt=0)
    time: Regex  # the period or year the line must name
    words: Words  # one of them must be in the line


class OutlineMarkers(Schema):
    """outline_markers.yaml: heading markers in precedence order, named parts, lead-unit and
    note cues."""

    markers: list[Marker] = Field(min_length=1)
    named_part: NamedPart
    lead_cues: Words
    note_cues: Words

    @model_validator(mode="after")
    def _names(self) -> OutlineMarkers:
        names = [m.name for m in self.markers]
        for i, m in enumerate(self.markers):
            if names.index(m.name) != i:
                raise at(f"markers[{i}].name", f"duplicate name {m.name!r}")
            if m.demote and m.demote.if_present not in names:
                raise at(
                    f"markers[{i}].demote.if_present", f"no marker named {m.demote.if_present!r}"
                )
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
