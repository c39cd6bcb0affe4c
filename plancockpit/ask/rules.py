"""The intent table (`data/ask/intents.yaml`): loaded once, validated, with the evaluation's status labels
added to the status words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from plancockpit import rulefiles
from plancockpit.errors import RuleFileError
from plancockpit.evaluate.assessment import LABELS, STATUSES
from plancockpit.rulefiles.schemas import AskIntents, Phrases

KINDS = (
    "target_value",
    "latest_status",
    "lagging_list",
    "history",
    "document_commitments",
    "revisions",
    "projects",
)
NEEDS = ("indicator", "group", "nothing")
FILE = "ask/intents.yaml"


@dataclass(frozen=True)
class IntentRule:
    kind: str
    cues: tuple[str, ...]
    needs: str
    example: str


@dataclass(frozen=True)
class Rules:
    intents: tuple[IntentRule, ...]
    default: str
    status_words: dict[str, tuple[str, ...]]
    attribute_words: dict[str, tuple[str, ...]]
    document_words: dict[str, tuple[str, ...]]
    relative_years: dict[str, int]
    fillers: tuple[str, ...]
    generic: tuple[str, ...]

    def all_cues(self) -> tuple[str, ...]:
        """Every cue, status, attribute and document word, longest first (left out of a topic)."""
        words = {w for r in self.intents for w in r.cues}
        for table in (self.status_words, self.attribute_words, self.document_words):
            words.update(w for ws in table.values() for w in ws)
        return tuple(sorted(words, key=len, reverse=True))


def _table(raw: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(w.strip() for w in v) for k, v in raw.items()}


def parse_rules(data: Any) -> Rules:
    """The table from its YAML data; a malformed table fails naming the file and the field."""
    return _build(rulefiles.validate(FILE, data, AskIntents))


def _build(raw: AskIntents) -> Rules:
    for i, entry in enumerate(raw.intents):
        if entry.kind not in KINDS:
            raise RuleFileError(FILE, f"intents[{i}].kind", f"unknown intent {entry.kind!r}")
    if raw.default not in KINDS:
        raise RuleFileError(FILE, "default", f"unknown intent {raw.default!r}")
    status_words = _table(raw.status_words)
    if set(status_words) - set(STATUSES):
        raise RuleFileError(
            FILE, "status_words", f"unknown status {set(status_words) - set(STATUSES)}"
        )
    for status, (zh, en) in LABELS.items():  # the cockpit's own status names are status words too
        status_words[status] = tuple(dict.fromkeys((*status_words.get(status, ()), zh, en)))
    return Rules(
        intents=tuple(
            IntentRule(e.kind, tuple(w.strip() for w in e.cues), e.needs, e.example)
            for e in raw.intents
        ),
        default=raw.default,
        status_words=status_words,
        attribute_words=_table(raw.attribute_words),
        document_words=_table(raw.document_words),
        relative_years=dict(raw.relative_years),
        fillers=tuple(w.strip() for w in raw.fillers),
        generic=tuple(w.strip() for w in raw.generic),
    )


@cache
def rules() -> Rules:
    return _build(rulefiles.load(FILE, AskIntents))


@cache
def phrases() -> dict[str, dict[str, str]]:
    """The answers' sentences (`ask/phrases.yaml`): every key with a Chinese and an English text
    using the same blanks (checked by the loader)."""
    return {k: v.model_dump() for k, v in rulefiles.load("ask/phrases.yaml", Phrases).root.items()}


def say(key: str, **values: object) -> tuple[str, str]:
    """(Chinese, English) of phrase `key` with `values` filled in."""
    entry = phrases()[key]
    return entry["zh"].format(**values), entry["en"].format(**values)
