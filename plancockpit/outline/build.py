"""Build the outline tree of a document from its cleaned layout (spans are original offsets).

One pass over the lines. A stack holds the open nodes with their ranks; a heading closes
the open nodes of equal or lower rank (a greater rank number) and opens its own. Boxes (专栏)
have their own end rules: a standalone "(牵头单位:…)" line closes the box after attaching its
units, and a numbered item that does not continue the box's numbering closes it (the section's
items resume). Tables are leaves: their lines are consumed by `tables.read_table`.
"""

from __future__ import annotations

import re

from plancockpit.layout.view import Layout
from plancockpit.outline.lines import Heading, Line, classify, format_headings, split_lines
from plancockpit.outline.markers import load_rules
from plancockpit.outline.nodes import Node
from plancockpit.outline.tables import TableReader
from plancockpit.outline.text import SENTENCE, find_lead_units, is_lead_line, lead_pattern, tidy
from plancockpit.read.source import SourceDocument

BOX_RANK = 45
_DIGITS = re.compile(r"\d+")
_TITLE_END = re.compile(r"[。：:；;！？]")
MAX_ITEM_TITLE = 60


class _Builder:
    def __init__(self, source: SourceDocument, layout: Layout) -> None:
        self.layout = layout
        self.source = source
        self.rules = load_rules()
        self.root = Node("document", source.name, 0, len(source.text))
        self.stack: list[tuple[int, Node]] = [(0, self.root)]
        self.box: Node | None = None
        self.box_last = 0

    # -- spans and tree --------------------------------------------------------------------
    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original span of cleaned [a, b) without surrounding spaces."""
        text = self.layout.text
        while a < b and text[a] in " \t\u3000":
            a += 1
        while b > a and text[b - 1] in " \t\u3000":
            b -= 1
        return self.layout.to_original(a, b)

    def add(self, node: Node) -> None:
        self.stack[-1][1].children.append(node)
        for _, open_node in self.stack:
            open_node.end = max(open_node.end, node.end)

    def push(self, rank: int, node: Node) -> None:
        self.add(node)
        self.stack.append((rank, node))

    def close_to(self, rank: int) -> None:
        while len(self.stack) > 1 and self.stack[-1][0] >= rank:
            _, node = self.stack.pop()
            if node is self.box:
                self.box = None

    # -- nodes -------------------------------------------------------------------------------
    def paragraph(self, line: Line) -> Node:
        start, end = self.span(line.a, line.b)
        para = Node("paragraph", tidy(line.text)[:30], start, end)
        for m in SENTENCE.finditer(self.layout.text, line.a, line.b):
            s_start, s_end = self.span(m.start(), m.end())
            if s_end > s_start:
                para.children.append(Node("sentence", m.group().strip(), s_start, s_end))
        return para

    def heading(self, line: Line, head: Heading) -> None:
        rank = head.marker.rank
        if head.kind == "box":
            self.close_to(BOX_RANK)
            start, end = self.span(line.a, line.b)
            title = tidy(head.title)
            box = Node("box", title, start, end, number=head.num, lead_units=find_lead_units(title))
            self.push(BOX_RANK, box)
            self.box, self.box_last = box, 0
            return
        if self.box is not None and head.marker.name == "arabic_dot":
            number = int(_DIGITS.search(head.num).group())  # type: ignore[union-attr]
            if number == self.box_last + 1:
                self.box_last = number
            else:
                self.close_to(BOX_RANK)
        self.close_to(rank)
        start, end = self.span(line.a, line.b)
        if head.kind == "item":
            title = _TITLE_END.split(tidy(head.title), maxsplit=1)[0][:MAX_ITEM_TITLE]
            closing = self.closing_lead(line) if self.box is not None else None
            own = line.text if closing is None else line.text[: closing[0]]
            node = Node("item", title, start, end, number=head.num, lead_units=find_lead_units(own))
            self.push(rank, node)
            if _TITLE_END.search(head.title.rstrip("。 ")) or len(head.title) > MAX_ITEM_TITLE:
                self.add(self.paragraph(line))
            if closing is not None and self.box is not None:
                self.box.lead_units.extend(u for u in closing[1] if u not in self.box.lead_units)
                self.close_to(BOX_RANK)
            return
        self.push(rank, Node(head.kind, tidy(head.title), start, end, number=head.num))  # type: ignore[arg-type]

    def closing_lead(self, line: Line) -> tuple[int, list[str]] | None:
        """A box's closing "(牵头单位:…)" that the layout joined to its last item's line: a lead
        statement ending the line that stood on a line of its own in the original text. Its
        units are the box's (every item's), not the last item's alone. (offset in the line,
        units), or None."""
        found = list(lead_pattern().finditer(line.text))
        if not found:
            return None
        m = found[-1]
        if line.text[m.end() :].strip(" \t\u3000。.|"):
            return None
        a = line.a + m.start()
        start = self.layout.to_original(a, a + 1)[0]
        before = self.source.text[:start].rstrip(" \t\u3000")
        if not before.endswith(("\n", "\r")):
            return None
        return m.start(), find_lead_units(m.group())

    def plain(self, line: Line) -> None:
        if self.box is not None and is_lead_line(line.text):
            box = self.box
            for unit in find_lead_units(line.text):
                if unit not in box.lead_units:
                    box.lead_units.append(unit)
            while self.stack[-1][1] is not box:
                self.stack.pop()
            self.add(self.paragraph(line))
            self.close_to(BOX_RANK)
            return
        self.add(self.paragraph(line))

    # -- the pass ----------------------------------------------------------------------------
    def run(self) -> Node:
        lines = split_lines(self.layout.text)
        heads = classify(lines, self.rules)
        format_headings(lines, heads, self.layout, self.source.headings)
        tables = TableReader(self.layout, lines, heads, self.rules, self.source.tables)
        i = 0
        while i < len(lines):
            line, head = lines[i], heads[i]
            if line.blank:
                i += 1
                continue
            if head is not None and head.kind == "table":
                self.close_to(BOX_RANK + 1)
                found = tables.read(i, tidy(head.title), head.num, titled=True)
            elif head is None or head.kind not in ("box", "part", "chapter", "section"):
                title = self.box.title if self.box else ""
                number = self.box.number if self.box else ""
                found = tables.read(i, title, number, titled=False)
            else:
                found = None
            if found is not None:
                for para_line in found.paragraphs:
                    self.add(self.paragraph(para_line))
                self.add(found.node)
                i = found.next
                continue
            if head is None or head.kind == "table":
                self.plain(line)
            else:
                self.heading(line, head)
            i += 1
        return self.root


def build_outline(source: SourceDocument, layout: Layout) -> Node:
    """The outline tree of a document; every span is an offset into `source.text`."""
    return _Builder(source, layout).run()
