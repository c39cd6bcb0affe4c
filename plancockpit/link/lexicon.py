"""The linking lexicons of `plancockpit/data` (each file documents its fields), read and
validated once by `plancockpit.rulefiles` and handed out as frozen views."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from plancockpit import rulefiles
from plancockpit.rulefiles import schemas


@dataclass(frozen=True)
class AliasEntry:
    name: str
    aliases: tuple[str, ...] = ()
    direction: str | None = None  # up|down when the lexicon says so (a curated override)
    bounded: bool = False
    rate: bool = False


@dataclass(frozen=True)
class Domain:
    name: str
    en: str
    plan_words: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    fold_into: str = ""  # the broader domain whose plan label to use when the plan has none


@dataclass(frozen=True)
class UnitFamilies:
    families: dict[str, dict[str, float]] = field(default_factory=dict)  # family → unit → factor
    bases: dict[str, str] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)
    rate_units: tuple[str, ...] = ()
    point_units: tuple[str, ...] = ()
    non_additive: frozenset[str] = frozenset()  # families whose values never add across regions
    non_additive_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitEntry:
    name: str
    full_name: str = ""
    aliases: tuple[str, ...] = ()


@cache
def aliases() -> tuple[AliasEntry, ...]:
    """The alias lexicon (`indicator_aliases.yaml`)."""
    data = rulefiles.load("indicator_aliases.yaml", schemas.IndicatorAliases)
    return tuple(
        AliasEntry(e.name, tuple(e.aliases), e.direction, e.bounded, e.rate) for e in data.root
    )


@cache
def domains() -> tuple[Domain, ...]:
    """The domain lexicon (`domains.yaml`), in precedence order."""
    data = rulefiles.load("domains.yaml", schemas.Domains)
    return tuple(
        Domain(d.name, d.en, tuple(d.plan_words), tuple(d.keywords), d.fold_into) for d in data.root
    )


@cache
def unit_families() -> UnitFamilies:
    """Unit families and conversion factors (`unit_families.yaml`)."""
    data = rulefiles.load("unit_families.yaml", schemas.UnitFamilies)
    return UnitFamilies(
        {name: dict(fam.units) for name, fam in data.families.items()},
        {name: fam.base for name, fam in data.families.items()},
        dict(data.scales),
        tuple(data.rate_units),
        tuple(data.point_units),
        frozenset(name for name, fam in data.families.items() if not fam.additive),
        tuple(data.non_additive_words),
    )


@cache
def departments() -> tuple[UnitEntry, ...]:
    """Departments and their aliases (`units.yaml`)."""
    data = rulefiles.load("units.yaml", schemas.Departments)
    return tuple(UnitEntry(d.name, d.full_name, tuple(d.aliases)) for d in data.root)


@dataclass(frozen=True)
class NameRules:
    """What a metric must look like to found an indicator (data/indicator_names.yaml)."""

    min_chars: int
    bad_starts: tuple[str, ...]
    bad_ends: tuple[str, ...]
    numbered_names: tuple[str, ...]
    cue_only: frozenset[str]
    action_words: tuple[str, ...]
    loose_words: tuple[str, ...] = ()
    word_variants: dict[str, str] = field(default_factory=dict)


@cache
def name_rules() -> NameRules:
    data = rulefiles.load("indicator_names.yaml", schemas.IndicatorNames)
    return NameRules(
        data.min_chars,
        tuple(data.bad_starts),
        tuple(data.bad_ends),
        tuple(data.numbered_names),
        frozenset(data.cue_only),
        tuple(data.action_words),
        tuple(data.loose_words),
        dict(data.word_variants),
    )
