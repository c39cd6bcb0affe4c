"""Every rule file under `plancockpit/data` and the pydantic model of its shape: what the loader
checks before a stage sees the data. Checks that need only the file itself live in the models (a
regex compiles, a name referred to exists, zh and en use the same blanks); a stage adds the checks
that need its own code. Every field is documented in docs/rules.md (tests/test_rulefiles.py)."""

from __future__ import annotations

from pydantic import BaseModel

from plancockpit.rulefiles.documents import (
    CUE_KINDS,
    HtmlChrome,
    Marker,
    MetaCues,
    NamedPart,
    OutlineKind,
    OutlineMarkers,
    Region,
)
from plancockpit.rulefiles.extracting import (
    POSITIONS,
    UNIT_CLASSES,
    ComparatorRow,
    ExtractCues,
    ExtractLabels,
    UnitRow,
)
from plancockpit.rulefiles.fields import Row, Texts
from plancockpit.rulefiles.lexicons import (
    AskIntents,
    AssessmentNotes,
    Departments,
    DirectionCues,
    Domains,
    IndicatorAliases,
    IndicatorNames,
    Phrases,
    UnitFamilies,
)
from plancockpit.rulefiles.projects import ProjectLedger, ProjectWords

__all__ = [
    "CUE_KINDS",
    "FILES",
    "POSITIONS",
    "TABLES",
    "UNIT_CLASSES",
    "AskIntents",
    "AssessmentNotes",
    "ComparatorRow",
    "Departments",
    "DirectionCues",
    "Domains",
    "ExtractCues",
    "ExtractLabels",
    "HtmlChrome",
    "IndicatorAliases",
    "IndicatorNames",
    "Marker",
    "MetaCues",
    "OutlineKind",
    "NamedPart",
    "OutlineMarkers",
    "Phrases",
    "ProjectLedger",
    "ProjectWords",
    "Region",
    "Row",
    "Texts",
    "UnitFamilies",
    "UnitRow",
]

FILES: dict[str, type[BaseModel]] = {
    "extract/cues.yaml": ExtractCues,
    "extract/labels.yaml": ExtractLabels,
    "extract/projects.yaml": ProjectWords,
    "project_ledger.yaml": ProjectLedger,
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
