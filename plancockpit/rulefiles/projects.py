"""Schemas of the major-project files: how projects are read from documents
(`extract/projects.yaml`) and the header and stage words of a project ledger
(`project_ledger.yaml`)."""

from __future__ import annotations

from pydantic import Field, PositiveFloat, PositiveInt

from plancockpit.rulefiles.fields import Schema, Word, Words
from plancockpit.vocabulary import ProjectStage


class ProjectWords(Schema):
    stages: dict[Word, ProjectStage]
    heads: Words
    list_heads: Words
    openers: Words
    generic: Words
    refuse_inside: Words
    min_chars: PositiveInt
    cut_after: Words
    investment_units: dict[Word, PositiveFloat]
    group_cues: Words
    not_after_stage: Words
    investment_hedges: Words


class LedgerColumns(Schema):
    name: Words = Field(min_length=1)
    total: Words = Field(min_length=1)
    planned: Words = Field(min_length=1)
    completed: Words = Field(min_length=1)
    period: Words = Field(min_length=1)
    lead_unit: Words = Field(min_length=1)
    stage: Words = Field(min_length=1)
    region: Words = Field(min_length=1)
    year: Words = Field(min_length=1)
    unit: Words = Field(min_length=1)


class ProjectLedger(Schema):
    columns: LedgerColumns
    stage_words: dict[Word, ProjectStage]
    units: dict[Word, PositiveFloat]
