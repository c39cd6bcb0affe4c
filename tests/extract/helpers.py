"""Build the stage inputs for a short text without files."""

from __future__ import annotations

from plancockpit.extract import extract
from plancockpit.extract.fallback import clean
from plancockpit.extract.record import QuantityRecord
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline.nodes import Node
from plancockpit.read.source import SourceDocument


def run(text: str, kind: str = "annual_report", year: int = 2026) -> list[QuantityRecord]:
    source = SourceDocument(name="t.txt", text=text, format="txt")
    layout = clean(text)
    meta = DocumentMeta(kind=kind, period_start=year, period_end=year)  # type: ignore[arg-type]
    return extract(source, layout, Node(kind="document", title="", start=0, end=len(text)), meta)
