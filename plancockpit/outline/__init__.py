"""Outline: a document's tree of parts, chapters, sections, items, boxes, tables, sentences."""

from plancockpit.outline.build import build_outline
from plancockpit.outline.grid import build_table, column_labels
from plancockpit.outline.nodes import Cell, Node, Table

__all__ = ["Cell", "Node", "Table", "build_outline", "build_table", "column_labels"]
