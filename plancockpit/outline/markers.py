"""The heading markers and lead-unit cues of `data/outline_markers.yaml`, as compiled rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plancockpit import rulefiles
from plancockpit.rulefiles.schemas import Marker as MarkerRow
from plancockpit.rulefiles.schemas import NamedPart as NamedPartRow
from plancockpit.rulefiles.schemas import OutlineMarkers

CLAUSE_PUNCT = re.compile(r"[，,。；;：:！!？?]")


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
class NamedPart:
    """An unnumbered line that names a report's part: short, no clause punctuation, a period or
    a year (`time`) and a part word (工作回顾, 重点工作)."""

    marker: Marker  # the kind and rank it opens (its pattern never matches a line)
    max_len: int
    time: re.Pattern[str]
    words: tuple[str, ...]

    def matches(self, line: str) -> bool:
        text = line.strip(" \t\u3000")
        return (
            0 < len(text) <= self.max_len
            and not CLAUSE_PUNCT.search(text)
            and self.time.search(text) is not None
            and any(w in text for w in self.words)
        )


@dataclass(frozen=True)
class Rules:
    """Everything the outline builder reads from data."""

    markers: tuple[Marker, ...]
    named_part: NamedPart
    lead_cues: tuple[str, ...]
    note_cues: tuple[str, ...]


def _marker(raw: MarkerRow) -> Marker:
    return Marker(
        name=raw.name,
        kind=raw.kind,
        rank=raw.rank,
        pattern=re.compile(r"[ \t\u3000]*" + raw.pattern, re.VERBOSE),
        max_len=raw.max_len,
        demote_if=raw.demote.if_present if raw.demote else None,
        demote_kind=raw.demote.kind if raw.demote else None,
    )


def _named_part(raw: NamedPartRow) -> NamedPart:
    never = re.compile(r"(?!)")
    return NamedPart(
        marker=Marker(name="named_part", kind=raw.kind, rank=raw.rank, pattern=never),
        max_len=raw.max_len,
        time=re.compile(raw.time, re.VERBOSE),
        words=tuple(raw.words),
    )


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The outline rules shipped with the package (read once, validated by the loader)."""
    raw = rulefiles.load("outline_markers.yaml", OutlineMarkers)
    return Rules(
        markers=tuple(_marker(m) for m in raw.markers),
        named_part=_named_part(raw.named_part),
        lead_cues=tuple(raw.lead_cues),
        note_cues=tuple(raw.note_cues),
    )
