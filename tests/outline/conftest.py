"""Corpus documents read, cleaned and outlined once per session for the outline tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from plancockpit.layout import Layout, clean
from plancockpit.outline import Node, build_outline
from plancockpit.read import SourceDocument, read_file

Outlined = tuple[SourceDocument, Layout, Node]


@pytest.fixture(scope="session")
def outlined(corpus_dir: Path) -> Callable[[str], Outlined]:
    """outlined("002") → (source, layout, outline) of the corpus file with that prefix."""
    cache: dict[str, Outlined] = {}

    def get(prefix: str) -> Outlined:
        if prefix not in cache:
            path = next(corpus_dir.glob(f"{prefix}_*.txt"))
            source = read_file(path)
            layout = clean(source.text)
            cache[prefix] = (source, layout, build_outline(source, layout))
        return cache[prefix]

    return get
