"""What the outline says about the text under a heading: tense, year, scope and lead units.

A heading such as `一、2023年工作回顾` makes the numbers under it results of 2023; `二、2025年工作
目标` makes them goals for 2025; a run-in item title naming a scope (`1.科创园区领域。`) qualifies
the generic metrics of its item; a box (专栏) or item with `(牵头单位:…)` gives its lead units.
All of it is read from the outline's nodes (H1's stage), so no second scan of the text is needed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from plancockpit.extract.context import DocContext, year_in
from plancockpit.extract.rules import Rules
from plancockpit.extract.words import contains_any
from plancockpit.layout.view import Layout
from plancockpit.outline.nodes import Node, Table

HEADINGS = {"part", "chapter", "section", "item", "box"}
HEADING_PARTS = re.compile(r"[和及与、]")  # 2025年工作回顾和“十五五”时期目标任务: two parts
OPENED_PARTS = {"part", "chapter"}  # headings whose first paragraph may say their tense


@dataclass(frozen=True)
class Scope:
    """What one heading says about the text it governs (empty fields say nothing)."""

    start: int  # cleaned offsets
    end: int
    kind: str | None = None
    year: int | None = None
    topic: str = ""
    lead_units: tuple[str, ...] = ()
    guessed_year: bool = False  # `year` is the document's base year, not one the heading names


@dataclass
class SectionMap:
    """Scopes sorted by start; `at(pos)` merges them from the outermost to the innermost.

    Positions are mostly asked in document order, so the scopes open at the last position are
    kept (`_open`): the next one only drops those ended and adds those started since, instead of
    rereading every scope before it (quadratic in headings)."""

    scopes: list[Scope] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    _open: list[Scope] = field(default_factory=list, init=False, repr=False, compare=False)
    _read_to: int = field(default=0, init=False, repr=False, compare=False)  # scopes read so far
    _last: int = field(default=-1, init=False, repr=False, compare=False)  # the last position asked

    def __post_init__(self) -> None:
        self.starts = [s.start for s in self.scopes]

    def _open_at(self, pos: int) -> list[Scope]:
        """The scopes that contain `pos`, in the order of `scopes`."""
        if pos < self._last:  # asked behind the last position: start over
            self._open, self._read_to = [], 0
        self._last = pos
        upto = bisect.bisect_right(self.starts, pos)
        self._open = [s for s in self._open if pos < s.end] + [
            s for s in self.scopes[self._read_to : upto] if pos < s.end
        ]
        self._read_to = upto
        return self._open

    def at(self, pos: int) -> Scope:
        """The merged scope at cleaned offset `pos` (inner headings override outer ones)."""
        kind: str | None = None
        year: int | None = None
        guessed = False
        topic = ""
        leads: tuple[str, ...] = ()
        for scope in self._open_at(pos):
            # (一)圆满完成年度目标任务 under a review heading still reviews: an undated goal
            # heading does not turn results into goals
            if not (scope.kind == "target" and kind == "actual" and scope.year is None):
                kind = scope.kind or kind
                if scope.year:
                    year, guessed = scope.year, scope.guessed_year
            topic = scope.topic or topic
            leads = scope.lead_units or leads
        return Scope(pos, pos, kind, year, topic, leads, guessed)


def section_map(outline: Node, layout: Layout, doc: DocContext, rules: Rules) -> SectionMap:
    """Scopes of every heading of the outline that says something about its text."""
    scopes: list[Scope] = []
    for node in outline.walk():
        if node.kind == "table" and node.table is not None:
            scopes.extend(_row_scopes(node.table, layout))
        if node.kind not in HEADINGS:
            continue
        kind, year, guessed = _tense(node.title, doc, rules, _opening(node))
        topic = (
            node.title
            if node.kind == "item" and node.title.endswith(rules.cues["scope_words"])
            else ""
        )
        if kind or topic or node.lead_units:
            a = bisect.bisect_left(layout.origin, node.start)
            b = bisect.bisect_left(layout.origin, node.end)
            scopes.append(Scope(a, b, kind, year, topic, tuple(node.lead_units), guessed))
    scopes.sort(key=lambda s: (s.start, -s.end))
    return SectionMap(scopes)


def _row_scopes(table: Table, layout: Layout) -> list[Scope]:
    """A table row's lead units (a 牵头单位 column, or "(牵头单位:…)" inside the row)."""
    out = []
    for row, units in zip(table.rows, table.lead_units, strict=False):
        cells = [c for c in row if c.text]
        if units and cells:
            a = bisect.bisect_left(layout.origin, min(c.start for c in cells))
            b = bisect.bisect_left(layout.origin, max(c.end for c in cells))
            out.append(Scope(a, b, lead_units=tuple(units)))
    return out


def _opening(node: Node) -> list[str]:
    """The first two sentences of a part's or chapter's first paragraph."""
    if node.kind not in OPENED_PARTS or not node.children:
        return []
    first = node.children[0]
    return [s.title for s in first.children[:2]] if first.kind == "paragraph" else []


def _tense(
    title: str, doc: DocContext, rules: Rules, opening: list[str] | None = None
) -> tuple[str | None, int | None, bool]:
    """A heading's tense and year, and whether the year is only the document's guess: a review
    (回顾, 完成情况) or a plan (目标, 任务, 计划); a heading that is both (“十四五”时期发展成就和“十五五”
    时期主要目标任务) says nothing, its sentences decide. A part or chapter whose title says
    neither (一、一年接着一年干，…取得新进展新成效) reviews when its `opening` sentences open with a
    review opener (2025年是“十四五”收官之年。一年来，我们…)."""
    years = [y for _, y in year_in(title)]
    year = years[-1] if years else None
    tenses = {_part_tense(part, rules) for part in HEADING_PARTS.split(title)}
    review, plan = "actual" in tenses, "target" in tenses
    if not review and not plan and not years:
        review = any(contains_any(s[:12], rules.cues["review_openers"]) for s in opening or ())
    if review and plan:
        return None, None, False
    if review:
        if year is None and doc.kind == "annual_report" and doc.target_year:
            return "actual", doc.target_year - 1, False  # a report's review is of the year before
        return "actual", max(years) if years else doc.base_year, year is None
    if plan:
        return "target", year, False
    if doc.kind == "annual_report" and doc.target_year and years and max(years) < doc.target_year:
        return "actual", max(years), False  # 2025年主要工作 in a 2026 report: what was done
    return None, None, False


def _part_tense(part: str, rules: Rules) -> str | None:
    """A review word outweighs a plan word in one part (计划执行情况 reviews the plan)."""
    if contains_any(part, rules.cues["review_headings"]):
        return "actual"
    return "target" if contains_any(part, rules.cues["plan_headings"]) else None
