"""What a reader returns: the original text, verbatim, with the structure the file format knew."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class HeadingHint:
    """A heading the file format marked (a .docx Heading style): span in the original text."""

    start: int
    end: int
    level: int


@dataclass(frozen=True)
class TableHint:
    """A table the file format marked: each cell's span in the original text, row by row."""

    start: int
    end: int
    rows: tuple[tuple[tuple[int, int], ...], ...]


@dataclass(frozen=True)
class SourceDocument:
    """A file read into text.

    `text` is the original text exactly as decoded (line endings kept: `\\r\\n` counts two), and
    every offset anywhere in the system refers to it. For .docx/.pdf/.html the text is the one
    the reader produced; `headings` and `tables` carry what the format itself said about them.
    """

    name: str
    text: str
    format: str  # "txt" | "docx" | "pdf" | "html"
    encoding: str | None = None
    headings: tuple[HeadingHint, ...] = field(default_factory=tuple)
    tables: tuple[TableHint, ...] = field(default_factory=tuple)
