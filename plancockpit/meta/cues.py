"""The metadata cues of `data/meta_cues.yaml` (read and validated by `plancockpit.rulefiles`), compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from plancockpit import rulefiles
from plancockpit.rulefiles.schemas import MetaCues, Region


@dataclass(frozen=True)
class TitleKind:
    """A title pattern that decides the kind."""

    kind: str
    pattern: re.Pattern[str]
    why: str = ""


@dataclass(frozen=True)
class GenreTitle:
    """The title of a text with no title line, when its opening says what it is."""

    pattern: re.Pattern[str]
    title: str


@dataclass(frozen=True)
class Cues:
    kinds: dict[str, tuple[str, ...]]
    title_kinds: tuple[TitleKind, ...]
    title_words: tuple[str, ...]
    chapter_start: re.Pattern[str]
    heading_start: re.Pattern[str]
    label_line: re.Pattern[str]
    masthead: re.Pattern[str]
    speaker_line: re.Pattern[str]
    delivery_line: re.Pattern[str]
    title_tail_note: re.Pattern[str]
    untitled: tuple[GenreTitle, ...]
    lede: re.Pattern[str]
    lede_start: re.Pattern[str]
    lede_time: re.Pattern[str]
    title_weight: int
    head_weight: int
    head_chars: int
    body_cap: int
    issuer: re.Pattern[str]
    issuer_name: re.Pattern[str]
    issuer_head: int
    region_suffixes: tuple[str, ...]
    region_generic: frozenset[str]
    region_bad_start: frozenset[str]
    region_bad_start_words: tuple[str, ...]
    region_conjunctions: str
    region_levels_alone: frozenset[str]
    region_not_followed_by: str
    provinces: tuple[str, ...]
    plan_first_ordinal: int
    plan_first_year: int
    congress_date: re.Pattern[str]
    congress_head: int
    target_year: re.Pattern[str]
    opening: tuple[str, ...]
    this_year: tuple[str, ...]
    next_year: tuple[str, ...]
    plan_draft_words: tuple[str, ...]
    zodiac: dict[str, int]


def _regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, re.VERBOSE | flags)  # the loader checked it compiles


def _issuer(raw: Region) -> dict[str, Any]:
    """The issuer patterns: a chain of administrative names before the body that gives the text
    (`issuer`, group `chain`), and one name of the chain (`issuer_name`, to split it)."""
    levels = "|".join(map(re.escape, sorted(raw.issuer_levels, key=len, reverse=True)))
    name = rf"[\u4e00-\u9fff]{{1,6}}?(?:{levels})"
    after = "".join(re.escape(c) for c in raw.issuer_after)
    bodies = "|".join(f"(?:{b})" for b in raw.issuer_bodies)
    return {
        "issuer": _regex(
            rf"(?:^|(?<=[{after}])) (?P<chain>(?:{name})+?) (?={bodies})", re.MULTILINE
        ),
        "issuer_name": _regex(name),
        "issuer_head": raw.issuer_head,
    }


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The metadata cues shipped with the package (read once, validated by the loader)."""
    raw = rulefiles.load("meta_cues.yaml", MetaCues)
    region = raw.region
    return Cues(
        kinds={k: tuple(v) for k, v in raw.kinds.items()},
        title_kinds=tuple(TitleKind(r.kind, _regex(r.pattern), r.why) for r in raw.title_kinds),
        title_words=tuple(raw.title_words),
        chapter_start=_regex(raw.chapter_start),
        heading_start=_regex(raw.heading_start),
        label_line=_regex(raw.label_line),
        masthead=_regex(raw.masthead),
        speaker_line=_regex(raw.speaker_line),
        delivery_line=_regex(raw.delivery_line),
        title_tail_note=_regex(raw.title_tail_note),
        untitled=tuple(GenreTitle(_regex(r.pattern), r.title) for r in raw.untitled),
        lede=_regex(raw.lede),
        lede_start=_regex(raw.lede_start),
        lede_time=_regex(raw.lede_time),
        title_weight=raw.title_weight,
        head_weight=raw.head_weight,
        head_chars=raw.head_chars,
        body_cap=raw.body_cap,
        **_issuer(region),
        region_suffixes=tuple(region.suffixes),
        region_generic=frozenset(region.generic),
        region_bad_start=frozenset(region.bad_start),
        region_bad_start_words=tuple(region.bad_start_words),
        region_conjunctions="".join(region.conjunctions),
        region_levels_alone=frozenset(region.levels_alone),
        region_not_followed_by="".join(region.not_followed_by),
        provinces=tuple(region.provinces),
        plan_first_ordinal=raw.five_year_plan.first_ordinal,
        plan_first_year=raw.five_year_plan.first_year,
        congress_date=_regex(raw.congress_date),
        congress_head=raw.congress_head,
        target_year=_regex(raw.target_year),
        opening=tuple(raw.opening_cues),
        this_year=tuple(raw.this_year_cues),
        next_year=tuple(raw.next_year_cues),
        plan_draft_words=tuple(raw.plan_draft_words),
        zodiac=dict(raw.zodiac),
    )
