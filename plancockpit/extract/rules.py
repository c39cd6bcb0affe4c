"""The extractor's rule tables (`data/extract/`), read through the one loader
(`plancockpit.rulefiles`, validated there) and handed out frozen."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from plancockpit import rulefiles
from plancockpit.rulefiles.schemas import ComparatorRow, ExtractCues, ExtractLabels, UnitRow

UNIT_CLASSES = set(rulefiles.schemas.UNIT_CLASSES)
POSITIONS = set(rulefiles.schemas.POSITIONS)
CUE_KEYS = set(ExtractCues.model_fields)
LABEL_LISTS = set(ExtractLabels.model_fields) - {"quote_max_chars"}


@dataclass(frozen=True)
class Rules:
    """All rule tables: units by class, comparator words by position, cue and label lists."""

    units: dict[str, str]
    comparators: dict[str, dict[str, str]]
    cues: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, ...]]
    quote_max_chars: int


def _longest_first(words: list[str]) -> tuple[str, ...]:
    # longest first, so a scan that stops at the first hit takes the longest word
    return tuple(sorted(set(words), key=len, reverse=True))


@functools.cache
def load_rules() -> Rules:
    """Read and validate every rule file (once per process)."""
    units: dict[str, str] = {
        r.unit: r.unit_class for r in rulefiles.table("extract/units.tsv", UnitRow)
    }
    comparators: dict[str, dict[str, str]] = {p: {} for p in rulefiles.schemas.POSITIONS}
    for row in rulefiles.table("extract/comparators.tsv", ComparatorRow):
        comparators[row.position][row.word] = row.comparator
    cues = rulefiles.load("extract/cues.yaml", ExtractCues)
    labels = rulefiles.load("extract/labels.yaml", ExtractLabels)
    return Rules(
        units,
        comparators,
        {key: _longest_first(getattr(cues, key)) for key in CUE_KEYS},
        {key: _longest_first(getattr(labels, key)) for key in LABEL_LISTS},
        labels.quote_max_chars,
    )
