"""Run the stages before extraction (read → layout → outline → meta) on one file."""

from __future__ import annotations

from pathlib import Path

from plancockpit.layout.view import Layout
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline.nodes import Node
from plancockpit.pipeline import describe
from plancockpit.read import read_file
from plancockpit.read.source import SourceDocument


def prepare(path: Path) -> tuple[SourceDocument, Layout, Node, DocumentMeta]:
    """The extractor's inputs for one file; a bad file raises `ReadError` with one line."""
    source = read_file(path)
    return (source, *describe(source))
