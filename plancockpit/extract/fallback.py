"""Minimal private stand-ins for the layout, outline and meta stages.

Used only when those stages are missing or fail, so extraction always has something to work
on. They keep offsets exact: the cleaned text maps back to the original one to one.
"""

from __future__ import annotations

import re

from plancockpit.layout.view import Layout
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline.nodes import Cell, Node, Table

FOLD = str.maketrans(
    "０１２３４５６７８９．％～（）：，；＋",
    "0123456789.%~():,;+",
)
END_PUNCT = "。！？；：!?;:|"


def clean(text: str) -> Layout:
    """Fold full-width forms and join lines broken inside a sentence (short newspaper columns)."""
    out: list[str] = []
    origin: list[int] = []
    lines = text.splitlines(keepends=True)
    pos = 0
    for i, line in enumerate(lines):
        body = line.rstrip("\r\n")
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        join = (
            0 < len(body.strip()) <= 40
            and body.rstrip()[-1:] not in END_PUNCT
            and "|" not in body
            and bool(nxt)
            and "|" not in nxt
        )
        for j, ch in enumerate(body.translate(FOLD)):
            out.append(ch)
            origin.append(pos + j)
        if not join and len(body) < len(line):
            out.append("\n")
            origin.append(pos + len(body))
        pos += len(line)
    origin.append(len(text))
    return Layout(original=text, text="".join(out), origin=tuple(origin))


def pipe_tables(layout: Layout) -> list[Node]:
    """Tables flattened to `|` lines, as cell grids; header rows are the ones without numbers."""
    nodes: list[Node] = []
    text = layout.text
    block: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n") + [""]:
        if line.count("|") >= 2:
            block.append((pos, pos + len(line)))
        elif block:
            nodes.append(_table(layout, block))
            block = []
        pos += len(line) + 1
    return nodes


HEADER_CUE = re.compile(r"指标|序号|单位|属性|年$|年均|规划目标|完成情况|目标值")


def _table(layout: Layout, block: list[tuple[int, int]]) -> Node:
    table = Table(title="")
    text = layout.text
    for s, e in block:
        cells: list[Cell] = []
        p = s
        for part in text[s:e].split("|"):
            a = p + len(part) - len(part.lstrip())
            b = p + len(part.rstrip())
            cs, ce = layout.to_original(a, b) if b > a else (layout.origin[a], layout.origin[a])
            cells.append(Cell(text=part.strip(), start=cs, end=ce))
            p += len(part) + 1
        while cells and not cells[-1].text:
            cells.pop()
        is_header = all(not c.text or HEADER_CUE.search(c.text) for c in cells) and not any(
            re.fullmatch(r"[\d.∗*]+", c.text) for c in cells
        )
        if is_header and (not table.rows or not table.header or True) and not (
            cells and re.fullmatch(r"\d+", cells[0].text)
        ):
            if table.rows:  # a repeated header after a page break: keep the first
                continue
            table.header.append(cells)
        else:
            table.rows.append(cells)
    s0, e0 = layout.to_original(block[0][0], max(block[-1][1], block[0][0] + 1))
    return Node(kind="table", title="", start=s0, end=e0, table=table)


def meta_from_text(layout: Layout) -> DocumentMeta:
    """Kind and period from the first lines: 规划/纲要 → plan, 政府工作报告 → annual report."""
    head = "\n".join([ln for ln in layout.text[:800].split("\n") if ln.strip()][:3])
    years = [int(y) for y in re.findall(r"(20\d\d)(?=年)", layout.text)]
    if re.search(r"五年规划|规划纲要|纲要|发展规划|[^谋]规划$", head, re.M):
        m = re.search(r"第十([一二三四五六七八九])个五年", head) or re.search(r"十([一二三四五六])五", head)
        cn = "一二三四五六七八九"
        if m:
            n = cn.index(m.group(1)) + 11
            start = 1966 + 5 * (n - 3)
            return DocumentMeta(kind="plan", period_start=start, period_end=start + 4, base_year=start - 1)
        return DocumentMeta(kind="plan")
    if "政府工作报告" in head:
        year = _report_year(layout.text, years)
        return DocumentMeta(kind="annual_report", period_start=year, period_end=year)
    year = max(years) if years else None
    return DocumentMeta(kind="news", period_end=year)


ZODIAC = "鼠牛虎兔龙蛇马羊猴鸡狗猪"  # 2020 was a 鼠 year


def _report_year(text: str, years: list[int]) -> int | None:
    """A work report's year: the zodiac year named (马年) nearest the latest plan or year named."""
    floor = max(years) + 1 if years else None
    cn = "一二三四五六七八九"
    for m in re.finditer(r"十([一二三四五六七八九])五", text):
        start = 1966 + 5 * (cn.index(m.group(1)) + 10 - 3)
        floor = max(floor or start, start) if "开局" in text[m.end(): m.end() + 30] or True else floor
    z = re.search(rf"([{ZODIAC}])年", text)
    if z and floor:
        offset = (ZODIAC.index(z.group(1)) - (floor - 2020)) % 12
        return floor + offset
    return floor
