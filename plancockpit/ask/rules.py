"""The intent table (`intents.yaml`): loaded once, validated, with the evaluation's status labels
added to the status words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from plancockpit.errors import ConfigError
from plancockpit.evaluate.assessment import LABELS, STATUSES

KINDS = ("target_value", "latest_status", "lagging_list", "history", "document_commitments",
         "revisions", "projects")
NEEDS = ("indicator", "group", "nothing")


class IntentTableError(ConfigError):
    """`intents.yaml` is malformed."""


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


def _words(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise IntentTableError(f"intents.yaml: {where} must be a list of words")
    return tuple(w.strip() for w in raw)


def _table(raw: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise IntentTableError(f"intents.yaml: {where} must be a mapping")
    return {str(k): _words(v, f"{where}.{k}") for k, v in raw.items()}


def parse_rules(data: Any) -> Rules:
    """The table from its YAML data; a malformed table fails naming the entry."""
    if not isinstance(data, dict):
        raise IntentTableError("intents.yaml: expected a mapping")
    intents = []
    for i, entry in enumerate(data.get("intents") or []):
        if not isinstance(entry, dict) or entry.get("kind") not in KINDS \
                or entry.get("needs") not in NEEDS or not isinstance(entry.get("example"), str):
            raise IntentTableError(f"intents.yaml: intent #{i + 1} needs a known kind, needs "
                                   f"({'|'.join(NEEDS)}) and an example")
        intents.append(IntentRule(entry["kind"], _words(entry.get("cues"), entry["kind"]),
                                  entry["needs"], entry["example"]))
    if data.get("default") not in KINDS:
        raise IntentTableError("intents.yaml: default must be a known kind")
    status_words = _table(data.get("status_words"), "status_words")
    if set(status_words) - set(STATUSES):
        raise IntentTableError(f"intents.yaml: unknown status {set(status_words) - set(STATUSES)}")
    for status, (zh, en) in LABELS.items():  # the cockpit's own status names are status words too
        status_words[status] = tuple(dict.fromkeys((*status_words.get(status, ()), zh, en)))
    relative = data.get("relative_years")
    if not isinstance(relative, dict) or not all(isinstance(v, int) for v in relative.values()):
        raise IntentTableError("intents.yaml: relative_years maps words to year offsets")
    return Rules(intents=tuple(intents), default=data["default"], status_words=status_words,
                 attribute_words=_table(data.get("attribute_words"), "attribute_words"),
                 document_words=_table(data.get("document_words"), "document_words"),
                 relative_years={str(k): int(v) for k, v in relative.items()},
                 fillers=_words(data.get("fillers"), "fillers"),
                 generic=_words(data.get("generic"), "generic"))


@cache
def rules() -> Rules:
    text = resources.files("plancockpit.ask").joinpath("intents.yaml").read_text(encoding="utf-8")
    return parse_rules(yaml.safe_load(text))


@cache
def phrases() -> dict[str, dict[str, str]]:
    """The answers' sentences (`phrases.yaml`): every key with a Chinese and an English text."""
    text = resources.files("plancockpit.ask").joinpath("phrases.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not all(
            isinstance(v, dict) and set(v) == {"zh", "en"} and all(isinstance(t, str) for t in v.values())
            for v in data.values()):
        raise IntentTableError("phrases.yaml: every key needs exactly a zh and an en text")
    return data


def say(key: str, **values: object) -> tuple[str, str]:
    """(Chinese, English) of phrase `key` with `values` filled in."""
    entry = phrases()[key]
    return entry["zh"].format(**values), entry["en"].format(**values)
