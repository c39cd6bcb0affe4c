"""Quantity extraction: every target and result stated in a document (spec: targets.md).

`extract` is pure (text structures in, records out); `extract_file` runs the earlier stages
(read → layout → outline → meta) first, the same ones `plancockpit.pipeline.analyse` runs.
"""

from __future__ import annotations

from pathlib import Path

from plancockpit.extract.pipeline import run
from plancockpit.extract.record import QuantityRecord
from plancockpit.layout.view import Layout
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline.nodes import Node
from plancockpit.read.source import SourceDocument

__all__ = ["QuantityRecord", "extract", "extract_file", "prepare"]


def extract(source: SourceDocument, layout: Layout, outline: Node, meta: DocumentMeta) -> list[QuantityRecord]:
    """Every quantity record of a document, offsets into `source.text`, sorted by start."""
    return run(source, layout, outline, meta)


def prepare(path: Path) -> tuple[SourceDocument, Layout, Node, DocumentMeta]:
    """Read, clean, outline and describe a file with the project's stages."""
    from plancockpit.extract import stages

    return stages.prepare(path)


def extract_file(path: Path) -> list[QuantityRecord]:
    """Records of one file: read → clean → outline → meta → extract."""
    return extract(*prepare(Path(path)))
