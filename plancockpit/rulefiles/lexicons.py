"""Schemas of the lexicons and text tables: linking (aliases, domains, unit families,
departments, indicator names), evaluation (direction cues, assessment notes) and questions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, RootModel, model_validator

from plancockpit.rulefiles.fields import (
    PlainRegex,
    Schema,
    Texts,
    Way,
    Word,
    Words,
    ZhEn,
    at,
    blanks,
)


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
                raise at(
                    f"families.{name}.units", f"{sorted(seen & set(fam.units))} in two families"
                )
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
            if blanks(text.zh) != blanks(text.en):
                raise at(f"notes.{key}", "zh and en use different placeholders")
        return self


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
            if blanks(text.zh) != blanks(text.en):
                raise at(key, "zh and en use different placeholders")
        return self
