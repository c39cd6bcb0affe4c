"""Build the cleaned view of a text (`Layout`) with a map back to the original offsets.

What changes, line by line:
- page furniture lines (`- 12 -`, `第 3 页`, `续表`) are dropped with their line ending, and so is
  a running page title: the same line opening the page after a page number at least twice;
- a headline printed doubled (`高水平建设高水平建设““…`) keeps the first copy of each piece;
- lines broken by a narrow print column are joined: in a run of non-blank lines whose widest
  line is at most a column wide, a line about as wide as its neighbours is glued to the next one,
  and so is a line that stops mid-sentence at 60% of that width
  (unless the next opens a heading, item, box, table or note, or the line ends with its own
  bracketed lead statement "(牵头单位:…)");
- line endings become `\\n`;
- full-width digits, letters and number signs are folded to half-width (one for one).
Every kept character is an original character, so `origin` is a list of original offsets.
"""

from __future__ import annotations

import re

from plancockpit.layout.doubled import doubled_pieces
from plancockpit.layout.rules import (
    COLUMN_FULL_SHARE,
    COLUMN_MAX_WIDTH,
    COLUMN_MIN_WIDTH,
    END_MARKS,
    FULL_SHARE,
    FULL_TOLERANCE,
    FURNITURE,
    HEADING_START,
    LEAD_END,
    OPEN_SHARE,
    RUNNING_HEAD_MAX,
    SHORT_RUN,
    TITLE_START,
    display_width,
    fold,
    table_like,
)
from plancockpit.layout.view import Layout
from plancockpit.read.source import SourceDocument

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


class _Line:
    """One original line: content span, end-of-line span, and the content spans kept."""

    __slots__ = (
        "start",
        "end",
        "eol_end",
        "keep",
        "width",
        "chars",
        "doubled",
        "blank",
        "table_like",
    )

    def __init__(self, start: int, end: int, eol_end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.eol_end = eol_end
        self.doubled = False
        core = text.strip(" \t\u3000")
        self.chars = len(core)
        self.blank = not core
        self.table_like = table_like(text)
        self.keep: list[tuple[int, int]] = [(start, end)] if core else []
        pieces = doubled_pieces(core) if core else None
        if pieces is not None:
            lead = start + text.index(core[0])
            self.keep = [(lead + a, lead + b) for a, b in pieces]
            self.doubled = True
            self.width = display_width("".join(core[a:b] for a, b in pieces))
        else:
            self.width = display_width(text)


def _lines(text: str) -> list[_Line]:
    """Original lines in order, page furniture and running page headers left out."""
    raw: list[tuple[re.Match[str], bool]] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and not m.group(0):
            break
        raw.append((m, bool(FURNITURE.match(m.group(1)))))
    running = _running_heads(raw)
    out: list[_Line] = []
    for k, (m, furniture) in enumerate(raw):
        if furniture or k in running:
            continue  # dropped entirely; does not break a run
        out.append(_Line(m.start(1), m.end(1), m.end(2), m.group(1)))
    return out


def _running_heads(raw: list[tuple[re.Match[str], bool]]) -> set[int]:
    """Lines that open a page after a page number with the same text each time (the running
    title of a PDF page): the first non-blank line after furniture, seen at least twice."""
    after: dict[str, list[int]] = {}
    for k, (_, furniture) in enumerate(raw):
        if not furniture:
            continue
        j = k + 1
        while j < len(raw) and not raw[j][0].group(1).strip():
            j += 1
        if j < len(raw) and not raw[j][1]:
            key = raw[j][0].group(1).strip()
            if len(key) <= RUNNING_HEAD_MAX:
                after.setdefault(key, []).append(j)
    return {j for found in after.values() if len(found) >= 2 for j in found}


def _glue_flags(lines: list[_Line], text: str) -> list[bool]:
    """glue[i]: line i is joined to the next line (same run, column-broken)."""
    glue = [False] * len(lines)
    i = 0
    while i < len(lines):
        if lines[i].blank:
            i += 1
            continue
        j = i
        cut = False
        while j < len(lines) and not lines[j].blank:
            j += 1
            if lines[j - 1].width > COLUMN_MAX_WIDTH or (
                j < len(lines) and lines[j].width > COLUMN_MAX_WIDTH
            ):
                cut = True
                break  # a line wider than any print column bounds the run (a lead line above a column)
        widest = max(ln.width for ln in lines[i:j])
        # a run cut out of wider text must be long enough to show it is a column
        long_enough = j - i > 1 and not (cut and j - i <= SHORT_RUN + 2)
        if long_enough and widest <= COLUMN_MAX_WIDTH and _columnar(lines[i:j], widest):
            for k in range(i, j - 1):
                glue[k] = _joins(lines, k, i, text)
        i = j
    return glue


def _is_full(width: int, local: int) -> bool:
    return width >= local - max(FULL_TOLERANCE, FULL_SHARE * local)


def _columnar(run: list[_Line], widest: int) -> bool:
    """Most lines of the run (but the last) fill the column: print columns, not a cell list.

    Full by display width, or by characters (a column set a fixed number of characters a
    line, where half-width digits make the display width vary)."""
    body = run[:-1]
    size = sorted(ln.chars for ln in run)[len(run) // 2]  # the typical line: the column's size
    by_chars = size >= COLUMN_MIN_WIDTH
    full = sum(
        1
        for ln in body
        if _is_full(ln.width, widest) or (by_chars and ln.chars >= size - max(2, FULL_SHARE * size))
    )
    return len(body) <= SHORT_RUN or full >= COLUMN_FULL_SHARE * len(body)


def _joins(lines: list[_Line], k: int, first: int, text: str) -> bool:
    """Whether line k (in a columnar run starting at `first`) is glued to line k + 1."""
    cur, nxt = lines[k], lines[k + 1]
    if cur.doubled or nxt.doubled or cur.table_like or nxt.table_like:
        return False
    local = max(cur.width, nxt.width, lines[k - 1].width if k > first else 0)
    if local < COLUMN_MIN_WIDTH:
        return False
    full = _is_full(cur.width, local)
    open_end = cur.width >= OPEN_SHARE * local and text[cur.end - 1] not in END_MARKS
    if not (full or open_end):
        return False  # a short line: the paragraph ends here
    if TITLE_START.match(text, cur.start, cur.end):
        return False  # a heading is complete in itself
    if LEAD_END.search(text[cur.start : cur.end]):
        return False  # an item closed by its own lead units
    return not HEADING_START.match(text, nxt.start, nxt.end)


def clean(text: str, *, reflow: bool = True) -> Layout:
    """The cleaned view of `text` with `origin` mapping each cleaned char to its original offset.

    `reflow=False` keeps every line break (for formats whose lines are real paragraphs).

    >>> view = clean("第 1 页\\n增长１２％")
    >>> view.text, view.origin[:2]
    ('增长12%', (6, 7))
    """
    lines = _lines(text)
    glue = _glue_flags(lines, text) if reflow else [False] * len(lines)
    parts: list[str] = []
    origin: list[int] = []
    for idx, line in enumerate(lines):
        for a, b in line.keep:
            parts.append(text[a:b])
            origin.extend(range(a, b))
        if line.eol_end == line.end:
            continue  # last line without a line ending
        if glue[idx]:
            nxt = lines[idx + 1]
            if _ASCII_WORD.match(text[line.end - 1]) and _ASCII_WORD.match(text[nxt.start]):
                parts.append(" ")
                origin.append(line.end)
            continue
        is_crlf = text.startswith("\r\n", line.end)
        parts.append("\n")
        origin.append(line.end + 1 if is_crlf else line.end)
    cleaned = fold("".join(parts))
    origin.append(len(text))
    return Layout(original=text, text=cleaned, origin=tuple(origin))


# Formats whose line breaks come from print (columns, page width) and may be joined.
REFLOW_FORMATS = frozenset({"txt", "pdf"})


def clean_source(source: SourceDocument) -> Layout:
    """The cleaned view of a read document: .docx and .html paragraphs are never joined."""
    return clean(source.text, reflow=source.format in REFLOW_FORMATS)
