"""Read: bytes of a .txt/.docx/.pdf/.html file → SourceDocument (original text kept verbatim)."""

from plancockpit.read.errors import ReadError
from plancockpit.read.registry import READERS, read_bytes, read_file
from plancockpit.read.source import HeadingHint, SourceDocument, TableHint

__all__ = [
    "READERS",
    "HeadingHint",
    "ReadError",
    "SourceDocument",
    "TableHint",
    "read_bytes",
    "read_file",
]
