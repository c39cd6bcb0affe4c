"""Find a table's lines after a `表N` title (or a run of pipe rows) and turn them into a node."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plancockpit.layout.view import Layout
from plancockpit.outline.flatten import is_pipe_row, pipe_cells
from plancockpit.outline.grid import build_table
from plancockpit.outline.lines import Heading, Line
from plancockpit.outline.loose import cell_stream, spaced_rows
from plancockpit.outline.markers import Rules
from plancockpit.outline.nodes import Cell, Node
from plancockpit.outline.text import tidy
from plancockpit.read.source import TableHint

MIN_ROWS = 2
MAX_CELL_LINE = 60  # a line longer than this (not counting padding) is prose, not a row
_PADDING = re.compile(r"[ \t\u3000]{2,}")
_SENTENCE_END = re.compile(r"[。！？]$")
_STOP_KINDS = ("box", "table", "part", "chapter", "section")
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

    def __init__(
        self,
        layout: Layout,
        lines: list[Line],
        heads: list[Heading | None],
        rules: Rules,
        hints: tuple[TableHint, ...] = (),
    ) -> None:
        self.layout = layout
        self.hints = hints
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
        """The table starting at line i (a title line if `titled`), or None if there is none.

        Tried in order: a table the file format marked (docx), pipe rows, and, after a title
        only, one cell per line (rows between blank lines) or space-separated columns.
        """
        first = self._next_nonblank(i + 1) if titled else i
        if first >= len(self.lines):
            return None
        found = self._hinted(first)
        if found is None and self._is_row(first):
            end = first
            while end < len(self.lines) and self._is_row(end):
                end += 1
            found = ([pipe_cells(self.layout, (ln.a, ln.b)) for ln in self.lines[first:end]], end)
        if found is None and titled:
            found = self._loose(first)
        if found is None:
            return None
        rows, end = found
        paragraphs: list[Line] = []
        while rows and _is_lone_text(rows[0]):
            paragraphs.append(self.lines[first + len(paragraphs)])
            rows.pop(0)
        if len(rows) < MIN_ROWS:
            return None
        notes, after = self._notes(self._next_nonblank(end))
        if not notes:
            after = end
        table = build_table(title, rows, notes)
        start_line = self.lines[i] if titled else self.lines[first + len(paragraphs)]
        last = after - 1
        while last > first and self.lines[last].blank:
            last -= 1
        start = self.layout.to_original(start_line.a, start_line.b)[0]
        stop = self.layout.to_original(self.lines[last].a, self.lines[last].b)[1]
        node = Node("table", title, start, stop, number=number, table=table)
        return Found(node, after, paragraphs)

    # -- flattenings ---------------------------------------------------------------------------
    def _hinted(self, first: int) -> tuple[list[list[Cell]], int] | None:
        """Rows of a table the file format marked, if one starts at this line."""
        if not self.hints:
            return None
        origin = self.layout.origin[self.lines[first].a]
        hint = next((h for h in self.hints if h.start <= origin < h.end), None)
        if hint is None:
            return None
        text = self.layout.original
        rows = [[Cell(tidy(text[a:b]), a, b) for a, b in row] for row in hint.rows]
        end = first
        while end < len(self.lines) and self.layout.origin[self.lines[end].a] < hint.end:
            end += 1
        return rows, end

    def _stops(self, k: int) -> bool:
        """Line k ends a loose table: a heading, a note, or prose."""
        head = self.heads[k]
        text = self.lines[k].text.strip()
        if head is not None and head.kind in _STOP_KINDS:
            return True
        if self.note_start.match(text):
            return True
        compact = _PADDING.sub(" ", text)  # space-padded PDF columns are not prose
        return len(compact) > MAX_CELL_LINE or bool(_SENTENCE_END.search(text) and len(text) > 20)

    def _loose(self, first: int) -> tuple[list[list[Cell]], int] | None:
        """One cell per line with blank lines between rows, space-separated columns, or a
        stream of single cells (blank lines between every cell, or none at all)."""
        groups: list[list[int]] = [[]]
        k = first
        blanks = 0
        while k < len(self.lines):
            if self.lines[k].blank:
                blanks += 1
                if blanks >= 2:
                    break
                if groups[-1]:
                    groups.append([])
            else:
                if self._stops(k):
                    break
                blanks = 0
                groups[-1].append(k)
            k += 1
        groups = [g for g in groups if g]
        end = k
        order = [j for g in groups for j in g]
        # lines padded into columns are rows of a PDF table cut by a page break, not cells
        padded = sum(1 for j in order if _PADDING.search(self.lines[j].text.strip()))
        if (
            len(groups) >= MIN_ROWS
            and sum(len(g) > 1 for g in groups) * 2 > len(groups)
            and padded * 2 <= len(order)
        ):
            return [[self._line_cell(self.lines[j]) for j in g] for g in groups], end
        rows = spaced_rows(self.layout, [(self.lines[j].a, self.lines[j].b) for j in order])
        if len(rows) >= MIN_ROWS and sum(len(r) > 1 for r in rows) * 2 > len(rows):
            return rows, end
        stream = cell_stream([self._line_cell(self.lines[j]) for j in order])
        if stream is None:
            return None
        cells, used = stream
        return cells, order[used - 1] + 1

    def _line_cell(self, line: Line) -> Cell:
        start, end = self.layout.to_original(line.a, line.b)
        raw = self.layout.text[line.a : line.b]
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip())
        start, end = self.layout.to_original(line.a + lead, line.b - trail)
        return Cell(tidy(raw), start, end)

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
