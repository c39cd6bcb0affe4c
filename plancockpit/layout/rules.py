"""Patterns the layout cleaner uses: page furniture, heading starts, display width, folding."""

from __future__ import annotations

import re

# A whole line that is page furniture: a page number or running page counter, nothing else.
FURNITURE = re.compile(
    r"""
    ^[ \t\u3000]*
    (?:
        [-—–－~]\s*\d{1,4}\s*[-—–－~]              # - 12 -   — 3 —
      | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?  # 第 3 页, 第3页 共10页
      | 共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页        # 共10页 第3页
      | (?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?   # Page 3 of 10
      | [(（]?续表\s*\d{0,3}[)）]?                  # 续表  (续表2): a table cut by a page break
    )
    [ \t\u3000]*$
    """,
    re.VERBOSE,
)

# A running page title is at most this many characters (longer repeated lines are content).
RUNNING_HEAD_MAX = 40

# The start of a line that opens a new unit (heading, numbered item, box, table, note):
# such a line is never glued to the line before it.
_NUM = r"[一二三四五六七八九十百零〇两\d]+"
HEADING_START = re.compile(  # used with .match(text, pos): no "^", match() anchors at pos
    rf"""
    [ \t\u3000]*
    (?:
        第{_NUM}[篇章节部分条]                 # 第三章  第二节
      | [一二三四五六七八九十]+[、.．]          # 一、
      | [(（]{_NUM}[)）]                       # (一)  （2）
      | \d{{1,3}}[.．、](?!\d)                  # 1.  but not 1.5
      | [一二三四五六七八九十]+是               # 一是
      | 专栏\s*\d                               # 专栏3
      | 表\s*\d                                 # 表2
      | 注\s*[:：]                              # 注:
      | [——]{{2}}                               # ——经济发展更高质效
    )
    """,
    re.VERBOSE,
)

# A line ending with its own bracketed lead statement ("…(牵头单位:县卫健局)") is complete: the
# next line (often the box's own "(牵头单位:…)") is never glued onto it. Used with .search.
LEAD_END = re.compile(
    r"""
    [(（] [ \t\u3000]*
    (?:牵头|责任|主要责任|实施主体)[^()（）:：\n]{0,4}   # 牵头单位, 责任部门, 实施主体
    [ \t\u3000]*[:：] [^()（）\n]{1,80} [)）]
    [ \t\u3000。.;；]*$
    """,
    re.VERBOSE,
)

# Characters printed two columns wide (CJK, full-width forms, CJK punctuation and quotes).
_WIDE_CHARS = (
    "\u1100-\u115f\u2010-\u2027\u2e80-\u303f\u3040-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u00b7"
)
# Runs of the other characters: in Chinese text they are few, so deleting them leaves the wide
# characters to count 4× faster than finding each wide one.
_NARROW_RUN = re.compile(f"[^{_WIDE_CHARS}]+")

# Lines in a print column (or a PDF page line) are at most this wide (display columns; a CJK
# character is 2): 40 CJK characters, an A4 line of body text.
COLUMN_MAX_WIDTH = 80
# A line counts as "full" (column-broken) when it is within max(FULL_TOLERANCE,
# FULL_SHARE x width) display columns of the widest of itself and its two neighbours.
FULL_TOLERANCE = 4
FULL_SHARE = 0.15
# A line that stops mid-sentence (no end mark) is glued when at least this share of full.
OPEN_SHARE = 0.6
# Ends of a sentence or clause that may close a paragraph.
END_MARKS = "。！？；：!?;:”」』）)…"
# A line with these is a table row (pipes, tabs, space-aligned columns): never glued.
TABLE_MARKS = ("|", "\t", "  ")  # (plain searches: 10× faster than one regex on CJK lines)
# Single-space separated columns: several tokens, at least two of them Chinese words
# ("经济质效 1 地区生产总值 亿元 1828.47"); "7 月 16 日 ，中" is prose.
_TOKEN_WORD = re.compile(r"(?:^|(?<= ))[\u4e00-\u9fff]{2,}(?= |$)")
MIN_TABLE_SPACES = 3


def table_like(line: str) -> bool:
    """True for a line that looks like a row of a flattened table."""
    if any(mark in line for mark in TABLE_MARKS):
        return True
    stripped = line.strip()
    return stripped.count(" ") >= MIN_TABLE_SPACES and len(_TOKEN_WORD.findall(stripped)) >= 2


# A line opening a chapter, section, part, table or box: complete in itself, never glued on.
TITLE_START = re.compile(
    r"[ \t\u3000]*(?:第[一二三四五六七八九十百零〇两\d]+[篇章节部分]|[一二三四五六七八九十]+、|专栏\s*\d|表\s*\d)"
)
# A run of lines is column-broken text when at least this share of its lines (but the last)
# are full; a list of table cells one per line is not.
COLUMN_FULL_SHARE = 0.6
# Runs of at most this many lines (besides the last) are judged line by line only.
SHORT_RUN = 3
# Narrower than this, lines are a list (names, short headings), not a print column.
COLUMN_MIN_WIDTH = 10


def display_width(text: str) -> int:
    """Display columns of a string: CJK and full-width characters count two."""
    return len(text) + len(_NARROW_RUN.sub("", text))


def _fold_table() -> dict[int, int]:
    table = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
    table.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
    table.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
    for ch in "％．＋－／＜＞＝":
        table[ord(ch)] = ord(ch) - 0xFEE0
    return table


FOLD = _fold_table()
"""Full-width digits, letters and the signs numbers use → half-width (one char for one)."""
_FOLDABLE_RUN = re.compile("[" + re.escape("".join(map(chr, FOLD))) + "]+")


def fold(text: str) -> str:
    """`text.translate(FOLD)`, 8× faster on Chinese text: only the runs of full-width characters
    are translated (`str.translate` with a dict looks up every character in Python).

    >>> fold("增长１２．５％")
    '增长12.5%'
    """
    return _FOLDABLE_RUN.sub(lambda m: m.group().translate(FOLD), text)
