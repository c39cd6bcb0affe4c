"""Rows of a table with no row marks: space-padded PDF rows with wrapped names, and a stream
of one cell per line (a Word export with a blank line between every cell, or a PDF whose
cells were drawn one by one).

- `spaced_rows`: one row per line, cells split at runs of spaces; in a table without serial
  numbers, a line with no numbers and fewer cells than the row above (a name wrapped in its
  narrow column: "量(件)", "GDP比重(%)") is merged into that row, each piece into the cell
  whose column (in display columns: CJK counts two) it starts under.
- `cell_stream`: the column count is inferred: the header is the first n cells (labels, no
  numbers), and the n that lets the most cells fall into rows whose numeric columns stay
  numeric wins.
"""

from __future__ import annotations

import re

from plancockpit.layout.rules import display_width
from plancockpit.layout.view import Layout
from plancockpit.outline.flatten import spaced_cells
from plancockpit.outline.nodes import Cell

MAX_STREAM_COLS = 12
MAX_HEADER_CELL = 16  # a longer first cell is prose, not a column label
COLUMN_SLACK = 2  # display columns a wrapped piece may start left of its cell

_NUMERIC = re.compile(
    r"""^
    (?:[<>≤≥]=?|约)?                  # comparator
    [\[〔［(（]?                        # [累计] brackets
    [-+]?\d+(?:\.\d+)?                 # the number
    (?:[-~～至]\d+(?:\.\d+)?)?          # a range
    [%‰]?[∗*]?
    [\]〕］)）]?
    (?:左右|以上|以内|以下)?
    $""",
    re.VERBOSE,
)
_EMPTY = re.compile(r"^(?:[—–\-－/／]{1,2}|无)?$")
_SERIAL = re.compile(r"^\d{1,3}$")
_YEAR_NUMBER = re.compile(r"^(?:19|20)\d\d$")


def is_numeric(text: str) -> bool:
    """A value cell: "3.6", ">6.5", "[4.6]", "〔300〕", "6左右", "3.1∗"."""
    return bool(_NUMERIC.match(text.replace(" ", "")))


def is_empty_value(text: str) -> bool:
    """A cell standing for no value: "", "—", "--", "/"."""
    return bool(_EMPTY.match(text.strip()))


# -- space-padded rows ----------------------------------------------------------------------
Placed = tuple[int, Cell]  # (display column within its line, cell)


def _placed_cells(layout: Layout, a: int, b: int) -> list[Placed]:
    """Cells of one line with the display column each starts at (of the original characters)."""
    original = layout.original
    out: list[Placed] = []
    for cell in join_years(spaced_cells(layout, (a, b))):
        col = display_width(original[layout.origin[a] : cell.start])
        out.append((col, cell))
    return out


def join_years(cells: list[Cell]) -> list[Cell]:
    """ "2020 年" split by spaces is one cell: glue a lone 年 to the year before it."""
    out: list[Cell] = []
    for cell in cells:
        if cell.text == "年" and out and _YEAR_NUMBER.match(out[-1].text):
            prev = out[-1]
            out[-1] = Cell(prev.text + "年", prev.start, cell.end)
        else:
            out.append(cell)
    return out


def _numbered(rows: list[list[Placed]]) -> bool:
    """Most rows with values start with a serial number (the grid merges their wraps)."""
    valued = [r for r in rows if any(is_numeric(c.text) for _, c in r)]
    serial = sum(1 for r in valued if any(_SERIAL.match(c.text) for _, c in r[:2]))
    return bool(valued) and serial * 2 > len(valued)


def _is_wrap(row: list[Placed], prev: list[Placed], left: int) -> bool:
    if any(is_numeric(c.text) for _, c in row) or len(row) >= len(prev):
        return False
    if not any(is_numeric(c.text) for _, c in prev):
        return False  # under a header or a group line: a sub-header or a row of its own
    return not (len(row) == 1 and row[0][0] <= left)  # a lone label at the left edge: a group


def _glue(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def _merge(prev: list[Placed], row: list[Placed]) -> list[Placed]:
    merged = list(prev)
    for col, cell in row:
        target = 0
        for k, (pcol, _) in enumerate(merged):
            if pcol <= col + COLUMN_SLACK:
                target = k
        pcol, old = merged[target]
        merged[target] = (pcol, Cell(_glue(old.text, cell.text), old.start, max(old.end, cell.end)))
    return merged


def spaced_rows(layout: Layout, spans: list[tuple[int, int]]) -> list[list[Cell]]:
    """Rows of space-separated cells, one per line, wrapped names merged into their row."""
    rows = [_placed_cells(layout, a, b) for a, b in spans]
    if _numbered(rows):
        return [[c for _, c in r] for r in rows]
    left = min((r[0][0] for r in rows if r), default=0)
    out: list[list[Placed]] = []
    for row in rows:
        if out and row and _is_wrap(row, out[-1], left):
            out[-1] = _merge(out[-1], row)
        else:
            out.append(row)
    return [[c for _, c in r] for r in out]


# -- a stream of cells ----------------------------------------------------------------------
# a value cell that states a goal with no number: 完成省下达任务, 省市下达指标, 与经济增长同步
_NO_NUMBER_GOAL = re.compile(r"^[^\d]{0,12}(?:下达|同步)[^\d]{0,6}$")


def _kind(text: str) -> str:
    if is_empty_value(text) or _NO_NUMBER_GOAL.match(text):
        return "any"
    return "num" if is_numeric(text) else "text"


def _rows_fitting(kinds: list[str], n: int) -> int:
    """How many body rows of n cells (after an n-cell header) keep each column's kind."""
    column: list[str] = ["any"] * n
    rows = 0
    for r in range(n, len(kinds) - n + 1, n):
        chunk = kinds[r : r + n]
        if any(k != "any" and column[j] not in ("any", k) for j, k in enumerate(chunk)):
            break
        column = [k if column[j] == "any" else column[j] for j, k in enumerate(chunk)]
        rows += 1
    return rows if "num" in column else 0


def cell_stream(cells: list[Cell]) -> tuple[list[list[Cell]], int] | None:
    """Cells one after another → (rows including the header row, cells used), or None."""
    kinds = [_kind(c.text) for c in cells]
    first_num = next((k for k, kind in enumerate(kinds) if kind == "num"), None)
    if first_num is None or first_num < 2:
        return None
    best: tuple[int, int] | None = None  # (cells used, n)
    for n in range(2, min(first_num, MAX_STREAM_COLS) + 1):
        header = cells[:n]
        if any(kinds[j] != "text" or len(c.text) > MAX_HEADER_CELL for j, c in enumerate(header)):
            break
        body = _rows_fitting(kinds, n)
        if body and (best is None or n * (body + 1) > best[0]):
            best = (n * (body + 1), n)
    if best is None:
        return None
    used, n = best
    return [cells[r : r + n] for r in range(0, used, n)], used
