"""Raw rows of cells (from any flattening) → a `Table`: header rows, aligned body rows, groups.

The steps, each a small function:
1. the column count is the most common row length;
2. header rows are the leading rows that look like labels (short, no plain numbers);
   a second header row with fewer cells is laid under the spanning cells of the first;
3. body rows: a header repeated after a page break is dropped; a row short of cells at its
   start (a merged cell spanning rows, such as an 一级指标 or an industry name) takes those cells
   from the row above; a row with no serial number in a numbered table is a continuation line
   and is merged into the row above;
4. `group` is the text of the spanning leading columns, `lead_units` what a 牵头单位 column or a
   "(牵头单位:…)" inside the row says.
"""

from __future__ import annotations

import re
from collections import Counter

from plancockpit.numerals import RECENT_YEAR
from plancockpit.outline.nodes import Cell, Table
from plancockpit.outline.text import find_lead_units, strip_lead

_SERIAL = re.compile(r"^\d{1,3}$")
_PLAIN_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?[%‰∗*]?$")
_YEAR = re.compile(rf"^{RECENT_YEAR}年?(?:度|末|底)?$")
_LEAF_LABEL = re.compile(r"序号|编号|名称|指标|单位|属性|备注|牵头|责任|类别|项目|内容|年")
_LEAD_HEADER = re.compile(r"牵头|责任单位|责任部门|主要责任")
MAX_HEADER_ROWS = 3
MAX_HEADER_CELL = 16


def _blank(cell: Cell) -> bool:
    return not cell.text


def _trimmed(row: list[Cell]) -> list[Cell]:
    """The row without trailing empty cells."""
    end = len(row)
    while end and _blank(row[end - 1]):
        end -= 1
    return row[:end]


def _empty_at(row: list[Cell]) -> Cell:
    pos = row[-1].end if row else 0
    return Cell("", pos, pos)


def _fit(row: list[Cell], ncols: int) -> list[Cell]:
    """Pad with empty cells or cut trailing cells (merging non-empty extras into the last)."""
    if len(row) > ncols:
        extra = [c for c in row[ncols:] if c.text]
        row = row[:ncols]
        if extra and ncols:
            last = row[-1]
            row[-1] = Cell(
                " ".join([last.text, *(c.text for c in extra)]).strip(), last.start, extra[-1].end
            )
    pad = _empty_at(row)
    return row + [Cell("", pad.start, pad.end) for _ in range(ncols - len(row))]


def _is_header_row(row: list[Cell]) -> bool:
    cells = [c for c in row if c.text]
    if len(cells) < 2 or _SERIAL.match(cells[0].text):
        return False
    for c in cells:
        if len(c.text) > MAX_HEADER_CELL:
            return False
        if _PLAIN_NUMBER.match(c.text) and not _YEAR.match(c.text):
            return False
    return True


def _header_rows(rows: list[list[Cell]]) -> int:
    count = 0
    while count < min(MAX_HEADER_ROWS, len(rows) - 1) and _is_header_row(rows[count]):
        count += 1
    return count


def _lay_subheader(top: list[Cell], sub: list[Cell], ncols: int) -> list[list[Cell]]:
    """Two header rows → aligned rows, the first row's spanning cells repeated over their columns."""
    parents_row = [c for c in top if c.text]
    children = [c for c in sub if c.text]
    spans = len(parents_row) + len(children) - ncols
    if spans <= 0 or spans > len(parents_row) or len(children) < spans:
        return [_fit(top, ncols), _fit(sub, ncols)]
    candidates = [
        i
        for i, c in enumerate(parents_row)
        if not _LEAF_LABEL.search(c.text) and not _YEAR.match(c.text)
    ]
    if len(candidates) != spans:
        last = len(parents_row) - 1
        candidates = list(range(last - spans, last))
    per, rest = divmod(len(children), spans)
    upper: list[Cell] = []
    lower: list[Cell] = []
    child_iter = iter(children)
    for i, cell in enumerate(parents_row):
        width = (per + (1 if candidates.index(i) < rest else 0)) if i in candidates else 1
        for _ in range(width):
            upper.append(cell)
            if i in candidates:
                lower.append(next(child_iter))
            else:
                lower.append(Cell("", cell.end, cell.end))
    return [_fit(upper, ncols), _fit(lower, ncols)]


def _serial_column(rows: list[list[Cell]], ncols: int) -> int | None:
    full = [r for r in rows if len(_trimmed(r)) == ncols]
    if not full:
        return None
    for j in range(min(ncols, 3)):
        hits = sum(1 for r in full if _SERIAL.match(r[j].text))
        if hits * 10 >= len(full) * 6:
            return j
    return None


def _signature(row: list[Cell]) -> tuple[str, ...]:
    return tuple(c.text for c in row if c.text)


def build_table(title: str, raw_rows: list[list[Cell]], notes: list[str] | None = None) -> Table:
    """A Table from rows of cells as flattened (cells may be missing or spill over)."""
    rows = [r for r in raw_rows if any(c.text for c in r)]
    table = Table(title=title, notes=list(notes or []))
    if not rows:
        return table
    lengths = Counter(len(_trimmed(r)) for r in rows)
    ncols = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))[0]
    ncols = max(ncols, max(len(_trimmed(r)) for r in rows[:1]))
    nhead = _header_rows(rows)
    if nhead >= 2:
        table.header = _lay_subheader(rows[0], rows[1], ncols) + [
            _fit(r, ncols) for r in rows[2:nhead]
        ]
    else:
        table.header = [_fit(r, ncols) for r in rows[:nhead]]
    header_sigs = {_signature(r) for r in rows[:nhead]}
    body = [r for r in rows[nhead:] if _signature(r) not in header_sigs]
    _fill_body(table, body, ncols)
    return table


def _fill_body(table: Table, body: list[list[Cell]], ncols: int) -> None:
    serial = _serial_column(body, ncols)
    span_cols = serial or 0
    prev: list[Cell] | None = None
    for raw in body:
        cells = _trimmed(raw)
        missing = ncols - len(cells)
        if missing > 0 and prev is not None:
            if serial is not None and _SERIAL.match(
                cells[serial].text if serial < len(cells) else ""
            ):
                row = _fit(cells, ncols)  # short at the end only
            elif serial is not None and not _SERIAL.match(cells[0].text):
                _merge_continuation(prev, cells, serial)
                continue
            else:
                row = prev[:missing] + cells
                span_cols = max(span_cols, missing)
        else:
            row = _fit(cells, ncols)
            lead = _leading_blanks(row)
            if prev is not None and 0 < lead < ncols - 1 and (serial is None or lead <= serial):
                row = prev[:lead] + row[lead:]  # a merged cell spanning rows (Word vMerge)
                span_cols = max(span_cols, lead)
        table.rows.append(row)
        prev = row
    lead_col = _lead_column(table)
    for row in table.rows:
        leading = row[:span_cols]
        table.group.append(" ".join(strip_lead(c.text) for c in leading if c.text))
        units = find_lead_units(" | ".join(c.text for c in row))
        if lead_col is not None:
            units = [*find_lead_units("牵头单位:" + row[lead_col].text), *units]
        table.lead_units.append(list(dict.fromkeys(units)))


def _leading_blanks(row: list[Cell]) -> int:
    count = 0
    while count < len(row) and not row[count].text:
        count += 1
    return count


def _merge_continuation(prev: list[Cell], cells: list[Cell], serial: int) -> None:
    """Append a continuation line's cells to the text column after the serial number."""
    target = serial + 1 if serial + 1 < len(prev) else len(prev) - 1
    for cell in cells:
        if not cell.text:
            continue
        old = prev[target]
        start = old.start if old.text else cell.start
        prev[target] = Cell(old.text + cell.text, start, max(old.end, cell.end))


def _lead_column(table: Table) -> int | None:
    for row in table.header:
        for j, cell in enumerate(row):
            if _LEAD_HEADER.search(cell.text):
                return j
    return None


def column_labels(table: Table) -> list[str]:
    """One label per column, joining the header rows: "规划目标 2020年"."""
    if not table.header:
        return []
    labels: list[str] = []
    for j in range(len(table.header[0])):
        parts: list[str] = []
        for row in table.header:
            text = row[j].text if j < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        labels.append(" ".join(parts))
    return labels
