"""Find a table's lines after a `表N` title (or a run of pipe rows) and turn them into a node."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plancockpit.layout.view import Layout
from plancockpit.outline.flatten import is_pipe_row, pipe_cells
from plancockpit.outline.grid import build_table
from plancockpit.outline.lines import Heading, Line
from plancockpit.outline.markers import Rules
from plancockpit.outline.nodes import Cell, Node
from plancockpit.outline.text import tidy

MIN_ROWS = 2
LONG_TEXT = 40  # a lone cell longer than this before the rows is a paragraph, not a row
_NOTE_NUMBER = re.compile(r"^\s*[(（]?(\d{1,2})[.、．)）]")


@dataclass
class Found:
    """A table node, the index of the first line after it, and paragraphs met before its rows."""

    node: Node
    next: int
    paragraphs: list[Line] = field(default_factory=list)


class TableReader:
    """Reads tables out of the line list; knows the lines and which are headings."""

    def __init__(self, layout: Layout, lines: list[Line], heads: list[Heading | None], rules: Rules) -> None:
        self.layout = layout
        self.lines = lines
        self.heads = heads
        cues = "|".join(map(re.escape, rules.note_cues))
        self.note_start = re.compile(rf"^\s*(?:{cues})\s*[:：]\s*")

    def _next_nonblank(self, i: int) -> int:
        while i < len(self.lines) and self.lines[i].blank:
            i += 1
        return i

    def _is_row(self, i: int) -> bool:
        head = self.heads[i]
        if head is not None and head.kind in ("box", "table", "part", "chapter", "section"):
            return False
        return is_pipe_row(self.lines[i].text)

    def read(self, i: int, title: str, number: str, titled: bool) -> Found | None:
        """The table starting at line i (a title line if `titled`), or None if there is none."""
        first = self._next_nonblank(i + 1) if titled else i
        if first >= len(self.lines) or not self._is_row(first):
            return None
        end = first
        while end < len(self.lines) and self._is_row(end):
            end += 1
        rows = [pipe_cells(self.layout, (ln.a, ln.b)) for ln in self.lines[first:end]]
        paragraphs: list[Line] = []
        while rows and _is_lone_text(rows[0]):
            paragraphs.append(self.lines[first + len(paragraphs)])
            rows.pop(0)
        if len(rows) < MIN_ROWS:
            return None
        notes, after = self._notes(end)
        table = build_table(title, rows, notes)
        start_line = self.lines[i] if titled else self.lines[first + len(paragraphs)]
        last_line = self.lines[after - 1]
        start = self.layout.to_original(start_line.a, start_line.b)[0]
        stop = self.layout.to_original(last_line.a, last_line.b)[1]
        node = Node("table", title, start, stop, number=number, table=table)
        return Found(node, after, paragraphs)

    def _notes(self, i: int) -> tuple[list[str], int]:
        """Note lines after a table ("注:1.…" then "2.…"), and the index after them."""
        notes: list[str] = []
        if i >= len(self.lines) or not self.note_start.match(self.lines[i].text):
            return notes, i
        text = self.lines[i].text
        notes.append(tidy(text))
        body = self.note_start.sub("", text)
        m = _NOTE_NUMBER.match(body)
        expected = int(m.group(1)) + 1 if m else None
        i += 1
        while expected is not None and i < len(self.lines):
            m = _NOTE_NUMBER.match(self.lines[i].text)
            if m is None or int(m.group(1)) != expected:
                break
            notes.append(tidy(self.lines[i].text))
            expected += 1
            i += 1
        return notes, i


def _is_lone_text(row: list[Cell]) -> bool:
    filled = [c for c in row if c.text]
    return len(filled) == 1 and len(filled[0].text) > LONG_TEXT
