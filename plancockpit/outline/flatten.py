"""Cells of a flattened table, read from lines of the cleaned text, with original spans.

Three flattenings are understood, all giving rows of `Cell` for `grid.build_table`:
- pipes: `a | b | c |` or `| a | b |` (one row per line; empty cells kept, a leading `|` opens
  the first cell and the final `|` ends the row);
- spaced: columns separated by spaces, as PDF text gives them (rows may wrap);
- one cell per line, rows separated by blank lines (Word's "save as text").
"""

from __future__ import annotations

import re

from plancockpit.layout.view import Layout
from plancockpit.outline.nodes import Cell
from plancockpit.outline.text import tidy

Span = tuple[int, int]  # a line's content span in the cleaned text

_PIPE = re.compile(r"\|")
_SPACE_RUN = re.compile(r"[ \t\u3000]+")


def make_cell(layout: Layout, a: int, b: int) -> Cell:
    """The cell for cleaned-text span [a, b): tidied text, original span of the stripped text."""
    raw = layout.text[a:b]
    lead = len(raw) - len(raw.lstrip(" \t\u3000|"))
    trail = len(raw) - len(raw.rstrip(" \t\u3000|"))
    a2, b2 = a + lead, b - trail
    if a2 >= b2:
        pos = layout.origin[a]
        return Cell("", pos, pos)
    start, end = layout.to_original(a2, b2)
    return Cell(tidy(layout.text[a2:b2]), start, end)


def is_pipe_row(text: str) -> bool:
    """A line that is a row of a pipe-flattened table (at least two separators)."""
    return text.count("|") >= 2


def pipe_cells(layout: Layout, line: Span) -> list[Cell]:
    """Cells of one `a | b | c |` line; the `|` ending the line closes the last cell."""
    a, b = line
    text = layout.text[a:b]
    bounds = [a + m.start() for m in _PIPE.finditer(text)]
    stripped_end = a + len(text.rstrip(" \t\u3000"))
    if bounds and bounds[-1] == stripped_end - 1:
        edges = [a - 1, *bounds]
    else:
        edges = [a - 1, *bounds, b]
    if bounds and not text[: bounds[0] - a].strip(" \t\u3000"):
        edges = edges[1:]  # `| a | b |`: a leading `|` opens the first cell
    return [make_cell(layout, edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1)]


def spaced_cells(layout: Layout, line: Span) -> list[Cell]:
    """Cells of one space-separated line (each run of spaces separates two cells)."""
    a, b = line
    text = layout.text[a:b]
    cells: list[Cell] = []
    pos = 0
    for m in _SPACE_RUN.finditer(text):
        if m.start() > pos:
            cells.append(make_cell(layout, a + pos, a + m.start()))
        pos = m.end()
    if pos < len(text):
        cells.append(make_cell(layout, a + pos, b))
    return cells
