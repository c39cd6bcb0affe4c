"""Lead units (牵头单位) of boxes (专栏), box items and table rows, found in the cleaned text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

LEAD = re.compile(r"牵头单位[ ]?[:：]?[ ]?(?P<units>[^)）|\n]{1,200})")
BOX_START = re.compile(r"^[ ]?专栏[ ]?\d+", re.M)
STANDALONE = re.compile(r"^[ ]?[(（][ ]?牵头单位[^\n]*$", re.M)
HEADING = re.compile(r"^[ ]?第[一二三四五六七八九十百\d]+[章节篇]", re.M)


def split_units(raw: str) -> list[str]:
    """区经信局、区投促局 → [区经信局, 区投促局]."""
    parts = re.split(r"[、,，;；/]", raw)
    return [p.replace(" ", "").strip("。.") for p in parts if p.strip(" 。.")]


@dataclass(frozen=True)
class LeadMap:
    """Spans of the cleaned text (line or box) with their lead units, innermost first."""

    spans: list[tuple[int, int, list[str]]]
    starts: list[int]

    def at(self, pos: int) -> list[str]:
        """The lead units governing cleaned offset `pos` (a line's own before its box's)."""
        i = bisect.bisect_right(self.starts, pos)
        best: tuple[int, list[str]] | None = None
        for s, e, units in self.spans[max(0, i - 40): i]:
            if s <= pos < e and (best is None or e - s < best[0]):
                best = (e - s, units)
        return list(best[1]) if best else []


def lead_map(text: str) -> LeadMap:
    """Find every 牵头单位 mention and the span it governs."""
    spans: list[tuple[int, int, list[str]]] = []
    for m in LEAD.finditer(text):
        units = split_units(m.group("units"))
        if not units:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if STANDALONE.match(text, line_start):
            box = _box_start(text, line_start)
            if box is not None:
                spans.append((box, line_end, units))
        else:
            spans.append((line_start, line_end, units))
    spans.sort(key=lambda t: t[0])
    return LeadMap(spans, [s for s, _, _ in spans])


def _box_start(text: str, end: int) -> int | None:
    """The start of the 专栏 that a standalone lead line closes, if no heading intervenes."""
    window = text[max(0, end - 6000): end]
    starts = list(BOX_START.finditer(window))
    if not starts:
        return None
    last = starts[-1]
    if HEADING.search(window, last.end()) or STANDALONE.search(window, last.end()):
        return None
    return max(0, end - 6000) + last.start()
