"""Loaders for the linking lexicons in `plancockpit/data` (each file documents its fields).

Loaded once and validated: a malformed file fails with the file and entry named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from plancockpit.errors import ConfigError


class LexiconError(ConfigError):
    """A lexicon file is malformed."""


def _load(name: str) -> Any:
    text = resources.files("plancockpit.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


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


def _require(cond: bool, file: str, what: str) -> None:
    if not cond:
        raise LexiconError(f"{file}: {what}")


@cache
def aliases() -> tuple[AliasEntry, ...]:
    """The alias lexicon (`indicator_aliases.yaml`)."""
    data = _load("indicator_aliases.yaml")
    _require(isinstance(data, list), "indicator_aliases.yaml", "expected a list of entries")
    out = []
    for i, e in enumerate(data):
        _require(isinstance(e, dict) and isinstance(e.get("name"), str),
                 "indicator_aliases.yaml", f"entry {i} needs a name")
        _require(e.get("direction", "up") in ("up", "down"), "indicator_aliases.yaml",
                 f"entry {e['name']}: direction must be up or down")
        unknown = set(e) - {"name", "aliases", "direction", "bounded", "rate"}
        _require(not unknown, "indicator_aliases.yaml", f"entry {e['name']}: unknown {unknown}")
        out.append(AliasEntry(e["name"], tuple(str(a) for a in e.get("aliases", [])),
                              e.get("direction"), bool(e.get("bounded", False)),
                              bool(e.get("rate", False))))
    return tuple(out)


@cache
def domains() -> tuple[Domain, ...]:
    """The domain lexicon (`domains.yaml`), in precedence order."""
    data = _load("domains.yaml")
    _require(isinstance(data, list), "domains.yaml", "expected a list of domains")
    out = []
    for i, d in enumerate(data):
        _require(isinstance(d, dict) and bool(d.get("name")) and bool(d.get("en")), "domains.yaml",
                 f"entry {i} needs name and en")
        unknown = set(d) - {"name", "en", "plan_words", "keywords", "fold_into"}
        _require(not unknown, "domains.yaml", f"entry {d['name']}: unknown {unknown}")
        out.append(Domain(d["name"], d["en"], tuple(d.get("plan_words", [])),
                          tuple(str(k) for k in d.get("keywords", [])),
                          str(d.get("fold_into", ""))))
    names = {d.name for d in out}
    for d in out:
        _require(not d.fold_into or d.fold_into in names, "domains.yaml",
                 f"entry {d.name}: fold_into {d.fold_into} is not a domain")
    return tuple(out)


@cache
def unit_families() -> UnitFamilies:
    """Unit families and conversion factors (`unit_families.yaml`)."""
    data = _load("unit_families.yaml")
    _require(isinstance(data, dict) and "families" in data, "unit_families.yaml", "no families")
    families: dict[str, dict[str, float]] = {}
    bases: dict[str, str] = {}
    seen: set[str] = set()
    non_additive = set()
    for name, fam in data["families"].items():
        _require(fam.get("additive", True) in (True, False), "unit_families.yaml",
                 f"{name}: additive must be true or false")
        if fam.get("additive", True) is False:
            non_additive.add(name)
        units = {str(u): float(f) for u, f in fam["units"].items()}
        _require(str(fam["base"]) in units, "unit_families.yaml", f"{name}: base not in units")
        _require(not seen & set(units), "unit_families.yaml", f"{name}: unit in two families")
        seen |= set(units)
        families[name], bases[name] = units, str(fam["base"])
    return UnitFamilies(families, bases, {str(k): float(v) for k, v in data["scales"].items()},
                        tuple(data.get("rate_units", [])), tuple(data.get("point_units", [])),
                        frozenset(non_additive),
                        tuple(str(w) for w in data.get("non_additive_words", [])))


@cache
def departments() -> tuple[UnitEntry, ...]:
    """Departments and their aliases (`units.yaml`)."""
    data = _load("units.yaml")
    _require(isinstance(data, list), "units.yaml", "expected a list of departments")
    out = []
    for i, d in enumerate(data):
        _require(isinstance(d, dict) and isinstance(d.get("name"), str), "units.yaml",
                 f"entry {i} needs a name")
        out.append(UnitEntry(d["name"], d.get("full_name", ""),
                             tuple(d.get("aliases", []))))
    names = [d.name for d in out]
    _require(len(names) == len(set(names)), "units.yaml", "duplicate department names")
    return tuple(out)


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
    data = _load("indicator_names.yaml")
    keys = {"min_chars", "bad_starts", "bad_ends", "numbered_names", "cue_only", "action_words",
            "loose_words", "word_variants"}
    if not isinstance(data, dict) or set(data) != keys:
        raise LexiconError(f"indicator_names.yaml: expected the keys {sorted(keys)}")
    variants = data["word_variants"]
    if not isinstance(variants, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k and v for k, v in variants.items()):
        raise LexiconError("indicator_names.yaml: word_variants maps a word to the form used")
    lists = {k: data[k] for k in keys - {"min_chars", "word_variants"}}
    if not isinstance(data["min_chars"], int) or not all(
            isinstance(v, list) and all(isinstance(w, str) and w for w in v) for v in lists.values()):
        raise LexiconError("indicator_names.yaml: min_chars is a number, the rest lists of words")
    return NameRules(data["min_chars"], tuple(data["bad_starts"]), tuple(data["bad_ends"]),
                     tuple(data["numbered_names"]), frozenset(data["cue_only"]),
                     tuple(data["action_words"]), tuple(data["loose_words"]), dict(variants))
