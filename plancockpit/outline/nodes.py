"""The outline: a document's tree of parts, chapters, sections, items, boxes and tables.

All spans are offsets into the original text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

NodeKind = Literal[
    "document", "part", "chapter", "section", "item", "box", "table", "paragraph", "sentence"
]


@dataclass
class Cell:
    """One table cell: its text (cleaned) and its span in the original text."""

    text: str
    start: int
    end: int


@dataclass
class Table:
    """A table recovered from any flattening (pipes, spaced columns, one cell per line, docx).

    `header` holds the header rows (a multi-line header is several rows); `rows` the body rows,
    each a list of cells aligned to the header's columns (a missing cell is an empty Cell).
    `group` gives, per body row, the enclosing group label (an 一级指标 such as 经济质效) or "".
    """

    title: str
    header: list[list[Cell]] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lead_units: list[list[str]] = field(default_factory=list)  # per body row, where a column says


@dataclass
class Node:
    """A node of the outline tree."""

    kind: NodeKind
    title: str
    start: int
    end: int
    number: str = ""  # as written: "第三章", "一、", "(二)", "专栏8", "表2"
    lead_units: list[str] = field(default_factory=list)
    table: Table | None = None
    children: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        """This node and all its descendants, depth first, in document order (a stack, not nested
        generators: those cost a step per level for every node)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def path_to(self, offset: int) -> list[Node]:
        """The chain of nodes from this one down to the deepest containing `offset`."""
        chain: list[Node] = [self]
        node = self
        while node.children:  # children are in document order and do not overlap: bisect
            i = bisect_right(node.children, offset, key=_start) - 1
            if i < 0 or not offset < node.children[i].end:
                break
            node = node.children[i]
            chain.append(node)
        return chain


def _start(node: Node) -> int:
    return node.start
