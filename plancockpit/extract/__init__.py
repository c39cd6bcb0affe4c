"""Quantity extraction: every target and result stated in a document (spec: targets.md).

`extract` is pure (text structures in, records out) and reads no files: a file goes through
`plancockpit.pipeline` (`analyse_file`, or `prepare` for the extractor's inputs).
"""

from __future__ import annotations

from plancockpit.extract.collect import run
from plancockpit.extract.record import QuantityRecord
from plancockpit.layout.view import Layout
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline.nodes import Node
from plancockpit.read.source import SourceDocument

__all__ = ["QuantityRecord", "extract"]


def extract(
    source: SourceDocument,
    layout: Layout,
    outline: Node,
    meta: DocumentMeta,
    deadline: float | None = None,
) -> list[QuantityRecord]:
    """Every quantity record of a document, offsets into `source.text`, sorted by start;
    past `deadline` (a `time.monotonic()` value) it raises `TooSlow`."""
    return run(source, layout, outline, meta, deadline)
