"""The cleaned view of a text and the map from it back to the original."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """A cleaned text for analysis.

    `origin[i]` is the offset in the original text of cleaned character `i`; it has one more
    entry than `text` (the end), so a cleaned span `[a, b)` maps back to
    `[origin[a], origin[b - 1] + 1)`.
    """

    original: str
    text: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to a span of the original text."""
        if end <= start:
            pos = self.origin[start]
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1
