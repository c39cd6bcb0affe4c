"""Quantities in indicator tables: each cell's kind, year, basis and unit come from its header."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plancockpit.extract.context import DocContext
from plancockpit.extract.prose import Draft
from plancockpit.extract.rules import load_rules
from plancockpit.layout.rules import fold
from plancockpit.outline.nodes import Cell, Table
from plancockpit.patterns import ARABIC_YEAR, TABLE_RANGE_SEP

YEAR = re.compile(rf"({ARABIC_YEAR})[ ]?年")
LEAF = re.compile(rf"序号|指标|单位|属性|^{ARABIC_YEAR}[ ]?年(?:度)?$|^备注$")
VALUE = re.compile(
    rf"""
    (?P<cmp>>=|<=|≥|≤|>|<|约)?[ ]?
    (?P<open>[\[〔［])?[ ]?
    (?P<num>\d{{1,12}}(?:\.\d{{1,8}})?)
    (?:[ ]?{TABLE_RANGE_SEP}[ ]?(?P<hi>\d{{1,12}}(?:\.\d{{1,8}})?))?
    [ ]?(?P<pct>%)?[ ]?(?P<star>[∗*])?[ ]?(?P<close>[\]〕］])?
    [ ]?(?P<after>左右|以上|以内|以下)?
    """,
    re.VERBOSE,
)
UNIT_IN_NAME = re.compile(r"[(（][ ]?(?P<unit>[^()（）]{1,8}?)[ ]?[)）][ ]?$")
STAR_NOTE = re.compile(rf"带[ ]?[*∗][ ]?(?:的)?为[ ]?({ARABIC_YEAR})[ ]?年")
# a row whose indicator is itself a rate of change: 地区生产总值增长, 能耗降低率, 增速
GROWTH_NAME = re.compile(r"增速|增长率|增幅|降幅|涨幅|(?:增长|下降|降低)(?:率)?$")
# a row whose indicator counts what is added in the period: 城镇新增就业, 新建学校
# (not an average or a share of what is added: 新增劳动力平均受教育年限)
PCT_LABEL = re.compile(r"[(（][ ]?%[ ]?[)）]")


@dataclass
class Column:
    """What a value column means: its label path, kind, year and basis."""

    label: str
    kind: str
    year: int | None
    basis: str


def is_indicator_table(table: Table) -> bool:
    """A table of indicators has a header naming 指标 and at least one year or 目标 column."""
    head = " ".join(c.text for row in table.header for c in row)
    return "指标" in head and bool(YEAR.search(head) or "目标" in head)


def columns(table: Table, width: int) -> list[str]:
    """One label per body column, spreading a two-row header's group cells over their sub-cells."""
    if not table.header:
        return [""] * width
    if (
        len(table.header) == 2
        and len(table.header[1]) == len(table.header[0])
        and any(not c.text.strip() for c in table.header[1])
    ):
        # a second header row laid out under the first, blanks included (PDF text, spaced
        # columns): each sub-label belongs to the cell above it (2025年/基期值, 年均增长/[累计])
        pairs = zip(table.header[0], table.header[1], strict=True)
        aligned = [f"{a.text}/{b.text}" if b.text.strip() else a.text for a, b in pairs]
        return ([t.replace(" ", "") for t in aligned] + [""] * width)[:width]
    top = [c.text.replace(" ", "") for c in table.header[0] if c.text]
    subs = [c.text.replace(" ", "") for row in table.header[1:] for c in row if c.text]
    groups = [i for i, t in enumerate(top) if not LEAF.search(t)]
    labels: list[str] = []
    spread = (width - (len(top) - len(groups))) // len(groups) if groups and subs else 1
    k = 0
    for i, t in enumerate(top):
        if i in groups and subs:
            for _ in range(max(spread, 1)):
                labels.append(f"{t}/{subs[k] if k < len(subs) else ''}")
                k += 1
        else:
            labels.append(t)
    return (labels + [""] * width)[:width]


def _column(label: str, siblings: list[str], doc: DocContext, years: list[int]) -> Column:
    m = YEAR.search(label)
    year = int(m.group(1)) if m else None
    group = label.split("/")[0] if "/" in label else ""
    if year is None and group:
        for s in siblings:
            if s.startswith(group + "/") and YEAR.search(s):
                year = int(YEAR.search(s).group(1))  # type: ignore[union-attr]
    basis = "growth" if re.search(r"年均|增长|增速", label) else "level"
    if re.search(r"目标|规划|预期|计划(?!完成|执行)", label):
        kind = "target"
    elif re.search(r"完成|实际|现状|基期", label):
        kind = "actual"
    elif year is not None and doc.base_year and year <= doc.base_year:
        kind = "actual"
    elif year is not None and years and year < max(years):
        kind = "actual"
    elif year is not None and doc.doc_year and year < doc.doc_year:
        kind = "actual"  # a bulletin's table of last year's figures
    elif doc.kind not in {"plan", "annual_report"}:
        kind = doc.default_kind  # a news table's 比上年增长 column: results like the rest
    else:
        kind = "target"
    return Column(label, kind, year, basis)


SPECIAL_COLUMNS = {
    "group": "一级指标|^类别$|^领域$",
    "name": "指标名称|二级指标|^指标$|指标",
    "unit": "^单位",
    "attr": "属性",
    "seq": "序号",
}


def _special_columns(labels: list[str]) -> dict[str, int]:
    """Index of the group, name, unit, attribute and serial columns (-1 where there is none)."""
    idx = {
        name: next((i for i, lab in enumerate(labels) if re.search(pat, lab)), -1)
        for name, pat in SPECIAL_COLUMNS.items()
    }
    if idx["name"] == idx["group"] and idx["group"] >= 0:
        idx["name"] = next(
            (i for i, lab in enumerate(labels) if "指标" in lab and i != idx["group"]), -1
        )
    return idx


def _row_fields(cells: list[Cell], idx: dict[str, int]) -> tuple[str, str, str | None]:
    """A row's metric, unit (单位 column or the name's parentheses) and attribute (属性)."""
    name = cells[idx["name"]].text if idx["name"] >= 0 else ""
    unit = cells[idx["unit"]].text.replace(" ", "") if idx["unit"] >= 0 else ""
    um = UNIT_IN_NAME.search(name)
    if um:
        unit = unit or um.group("unit").replace(" ", "")
        name = name[: um.start()]
    if unit in {"—", "-", "--", "无"}:
        unit = ""
    attr = cells[idx["attr"]].text.replace(" ", "") if idx["attr"] >= 0 else None
    return re.sub(r"\s+", "", name), unit, attr


def _names(metric: str, key: str) -> bool:
    """Whether a row's indicator name holds a word of cue list `key` (data/extract/cues.yaml)."""
    return any(w in metric for w in load_rules().cues[key])


def _comparator(before: str | None, after: str | None) -> str:
    """A cell's comparator (≥, 约 before the number; 以上, 左右 after it), as comparators.tsv
    reads the word; VALUE lets only such words through."""
    comparators = load_rules().comparators
    if before:
        return comparators["before"].get(before, "=")
    return comparators["after"].get(after, "=") if after else "="


def extract_table(table: Table, doc: DocContext, original: str, note_text: str) -> list[Draft]:
    """Records from an indicator table's body cells; offsets are in the original text."""
    if not table.rows:
        return []
    width = max(len(r) for r in table.rows)
    head_text = [c.text.replace(" ", "") for c in (table.header[0] if table.header else [])]
    if head_text and "一级指标" in head_text[0]:
        width = max(width, len(head_text))
    labels = columns(table, width)
    years = [int(y) for y in YEAR.findall(" ".join(labels))]
    cols = [_column(lab, labels, doc, years) for lab in labels]
    idx = _special_columns(labels)
    special = {i for i in idx.values() if i >= 0}
    star = STAR_NOTE.search(note_text + " ".join(table.notes))
    star_year = int(star.group(1)) if star else None
    drafts: list[Draft] = []
    group = ""
    for r, row in enumerate(table.rows):
        cells = list(row)
        if (
            idx["group"] >= 0
            and len(cells) < width
            and cells
            and re.fullmatch(r"\d+", cells[0].text.strip())
        ):
            cells = [Cell("", cells[0].start, cells[0].start)] + cells
        cells += [Cell("", 0, 0)] * (width - len(cells))
        if r < len(table.group) and table.group[r]:
            group = table.group[r].replace(" ", "")  # the outline's spanning group cells
        elif idx["group"] >= 0 and cells[idx["group"]].text.strip():
            group = cells[idx["group"]].text.replace(" ", "")
        metric, unit, attr = _row_fields(cells, idx)
        growth_name = bool(GROWTH_NAME.search(metric))
        flow_name = (
            not growth_name
            and _names(metric, "table_flow_names")
            and not _names(metric, "table_level_names")
        )
        for c, cell in enumerate(cells[: len(cols)]):
            if c in special:
                continue
            col = cols[c]
            basis_rule = "column-header"
            if growth_name or (flow_name and col.basis == "level"):
                col = Column(col.label, col.kind, col.year, "growth" if growth_name else "increase")
                basis_rule = "growth-name" if growth_name else "flow-name"
            drafts.extend(
                _cell(
                    cell,
                    col,
                    (r, c),
                    metric,
                    unit,
                    attr,
                    group,
                    star_year,
                    original,
                    doc,
                    basis_rule,
                )
            )
    return drafts


def _cell(
    cell: Cell,
    col: Column,
    rc: tuple[int, int],
    metric: str,
    unit: str,
    attr: str | None,
    group: str,
    star_year: int | None,
    original: str,
    doc: DocContext,
    basis_rule: str,
) -> list[Draft]:
    m = VALUE.fullmatch(cell.text.strip())
    if m is None:
        return []
    raw = fold(original[cell.start : cell.end])  # one for one: offsets unchanged
    pos = re.search(re.escape(m.group("num")), raw)
    if pos is None:
        return []
    start = cell.start + pos.start()
    end = start + len(m.group("num"))
    hi = float(m.group("hi")) if m.group("hi") else None
    if hi is not None:
        hm = re.search(re.escape(m.group("hi")), raw[pos.end() :])
        end = start + (len(m.group("num")) + (hm.end() if hm else 0))
    value = float(m.group("num"))
    basis = col.basis
    year = col.year
    year_rule = "column-header"
    # 年均增长 of a 亿元 row is a rate; a bracketed [累计] value in that column keeps the row's unit
    rate_column = basis == "growth" and not m.group("open") and not GROWTH_NAME.search(metric)
    u = (
        "%"
        if m.group("pct")
        or PCT_LABEL.search(col.label)
        or (basis == "growth" and (not unit or rate_column))
        else unit
    )
    if m.group("open") or re.match(r"五年|累计", metric):
        basis, basis_rule = "increase", "period-total"  # [16.4], 〔43〕, 五年…, 累计…
    if m.group("star") and star_year:
        year, year_rule = star_year, "star-note"  # ∗ with the note's year
    if basis != "level" and col.year is None:
        year, year_rule = doc.target_year, "document-target-year"
    comparator = _comparator(m.group("cmp"), m.group("after"))
    return [
        Draft(
            start=start,
            end=end,
            number=original[start:end],
            value=value,
            value_max=hi,
            unit=u,
            comparator=comparator,
            basis=basis,
            kind=col.kind,
            year=year,
            metric=metric,
            sentence=(cell.start, cell.end),
            aspiration=False,
            rule=f"table;basis={basis_rule};kind=column-header;metric=row-name;year={year_rule}",
            confidence=0.9,
            cell=rc,
            attribute=attr if attr in {"预期性", "约束性"} else None,
            domain=group or None,
        )
    ]
