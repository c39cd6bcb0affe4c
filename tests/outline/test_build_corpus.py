"""Every corpus document: a well-formed tree whose spans are original offsets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from plancockpit.layout import Layout
from plancockpit.layout.rules import FOLD
from plancockpit.outline import Node
from plancockpit.read import SourceDocument

Outlined = tuple[SourceDocument, Layout, Node]


def _subsequence(short: str, long: str) -> bool:
    """Cleaning removes characters (joins, doubled headlines), folds full-width ones and writes
    a line break between two Latin words as a space."""
    rest = iter(long)
    return all(ch in rest for ch in short)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_tree_is_nested_and_sentences_quote_the_original(
    outlined: Callable[[str], Outlined], prefix: str
) -> None:
    source, _, root = outlined(prefix)
    assert (root.start, root.end) == (0, len(source.text))
    sentences = 0
    for node in root.walk():
        for child in node.children:
            assert node.start <= child.start <= child.end <= node.end, (node.kind, child.kind)
        for a, b in zip(node.children, node.children[1:], strict=False):
            assert a.start <= b.start  # document order
        if node.kind == "sentence":
            sentences += 1
            assert _subsequence(
                node.title, source.text[node.start : node.end].translate(FOLD).replace("\n", " ")
            )
    assert sentences > 20


def test_report_sections_and_items(outlined: Callable[[str], Outlined]) -> None:
    _, _, root = outlined("004")
    chapter = next(n for n in root.walk() if n.kind == "chapter")
    assert chapter.number == "四、" and chapter.title == "加强政府自身建设"
    assert [c.number for c in chapter.children if c.kind == "item"] == [
        "(一)",
        "(二)",
        "(三)",
        "(四)",
    ]


def test_interview_items(outlined: Callable[[str], Outlined]) -> None:
    _, _, root = outlined("003")
    items = [n for n in root.walk() if n.kind == "item"]
    assert items[0].number == "一是" and items[0].title == "谋深谋透,当好参谋助手"
