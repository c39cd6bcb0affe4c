"""Load the heading markers and lead-unit cues from `data/outline_markers.yaml` (validated)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

KINDS = {"part", "chapter", "section", "item", "box", "table"}


@dataclass(frozen=True)
class Marker:
    """One heading rule: a line matching `pattern` opens a node of `kind` at `rank`."""

    name: str
    kind: str
    rank: int
    pattern: re.Pattern[str]
    max_len: int | None = None
    demote_if: str | None = None
    demote_kind: str | None = None


@dataclass(frozen=True)
class Rules:
    """Everything the outline builder reads from data."""

    markers: tuple[Marker, ...]
    lead_cues: tuple[str, ...]
    note_cues: tuple[str, ...]


def _marker(raw: dict[str, Any]) -> Marker:
    missing = {"name", "kind", "rank", "pattern"} - raw.keys()
    if missing:
        raise ValueError(f"outline marker {raw.get('name')!r} lacks {sorted(missing)}")
    if raw["kind"] not in KINDS:
        raise ValueError(f"outline marker {raw['name']!r}: unknown kind {raw['kind']!r}")
    pattern = re.compile(r"[ \t\u3000]*" + raw["pattern"], re.VERBOSE)
    if not {"num", "title"} <= set(pattern.groupindex):
        raise ValueError(f"outline marker {raw['name']!r}: pattern needs groups num and title")
    demote = raw.get("demote") or {}
    if demote and demote.get("kind") not in KINDS:
        raise ValueError(f"outline marker {raw['name']!r}: bad demote kind")
    return Marker(
        name=str(raw["name"]),
        kind=str(raw["kind"]),
        rank=int(raw["rank"]),
        pattern=pattern,
        max_len=raw.get("max_len"),
        demote_if=demote.get("if_present"),
        demote_kind=demote.get("kind"),
    )


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The outline rules shipped with the package (read once)."""
    text = resources.files("plancockpit").joinpath("data", "outline_markers.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    markers = tuple(_marker(m) for m in raw["markers"])
    names = [m.name for m in markers]
    if len(set(names)) != len(names):
        raise ValueError("outline markers: duplicate names")
    for m in markers:
        if m.demote_if and m.demote_if not in names:
            raise ValueError(f"outline marker {m.name!r}: demote refers to unknown {m.demote_if!r}")
    return Rules(
        markers=markers,
        lead_cues=tuple(raw["lead_cues"]),
        note_cues=tuple(raw["note_cues"]),
    )
