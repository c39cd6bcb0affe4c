"""Lines of the cleaned text with their spans, and the marker (if any) each one opens."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from plancockpit.layout.view import Layout
from plancockpit.outline.markers import Marker, Rules
from plancockpit.read.source import HeadingHint


@dataclass(frozen=True)
class Line:
    """One line of the cleaned text: content span [a, b) without the line break."""

    a: int
    b: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \t\u3000")


@dataclass(frozen=True)
class Heading:
    """A line recognised as a heading: which marker, the number as written, the title."""

    marker: Marker
    kind: str
    num: str
    title: str


def split_lines(text: str) -> list[Line]:
    """The lines of `text` with their offsets."""
    out: list[Line] = []
    pos = 0
    for part in text.split("\n"):
        out.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


_SPACES = re.compile(r"\s+")


@functools.cache
def _any_marker(rules: Rules) -> re.Pattern[str]:
    """Matches where at least one marker does (their alternation, group names dropped): most
    lines open no heading and are passed over with one match instead of one per marker."""
    plain = [re.sub(r"\(\?P<\w+>", "(?:", m.pattern.pattern) for m in rules.markers]
    return re.compile("|".join(f"(?:{p}\n)" for p in plain), re.VERBOSE)  # \n ends a comment


def classify(lines: list[Line], rules: Rules) -> list[Heading | None]:
    """For each line, the heading it is (first matching marker) or None.

    A marker with `demote` takes its other kind when the named marker occurs in the document.
    A line no marker matched may still name a report's part without a number (`named_part`).
    """
    found: list[tuple[Marker, re.Match[str]] | None] = []
    present: set[str] = set()
    any_marker = _any_marker(rules)
    for line in lines:
        hit = None
        if not line.blank and any_marker.match(line.text):
            for marker in rules.markers:
                m = marker.pattern.match(line.text)
                if m is None:
                    continue
                if marker.max_len is not None and len(line.text.strip()) > marker.max_len:
                    continue
                hit = (marker, m)
                present.add(marker.name)
                break
        found.append(hit)
    named = rules.named_part
    out: list[Heading | None] = []
    for line, hit in zip(lines, found, strict=True):
        if hit is None:
            title = line.text.strip(" \t\u3000")
            out.append(
                Heading(named.marker, named.marker.kind, "", title)
                if named.matches(title)
                else None
            )
            continue
        marker, m = hit
        kind = marker.kind
        if marker.demote_if and marker.demote_if in present and marker.demote_kind:
            kind = marker.demote_kind
        num = _SPACES.sub("", m.group("num"))
        out.append(Heading(marker, kind, num, m.group("title").strip()))
    return out


# Headings the file format marked (docx Heading N, html hN) without a textual marker:
# level → (kind, rank).
_LEVELS = {1: ("chapter", 20), 2: ("section", 30)}
_NEVER = re.compile(r"(?!)")


def format_headings(
    lines: list[Line], heads: list[Heading | None], layout: Layout, hints: tuple[HeadingHint, ...]
) -> None:
    """Mark lines the file format called headings, where no marker already did (in place)."""
    if not hints:
        return
    starts = {h.start: h.level for h in hints}
    for k, line in enumerate(lines):
        if heads[k] is not None or line.blank:
            continue
        level = starts.get(layout.origin[line.a])
        if level is None:
            continue
        kind, rank = _LEVELS.get(level, ("item", 40 + level))
        marker = Marker(name=f"format_h{level}", kind=kind, rank=rank, pattern=_NEVER)
        heads[k] = Heading(marker, kind, "", line.text.strip())
