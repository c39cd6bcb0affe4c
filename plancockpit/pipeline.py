"""The one place that chains the analysis stages: read text → layout → outline → meta → records.

`analyse` is pure: a SourceDocument in, an Analysis out; no database, files or printing.
`analyse_file` and `prepare` are the only bridge from a file to the stages (the extractor reads
no files). Ingest, the `extract` command and the web upload all come through here, so the stages
run the same way everywhere.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plancockpit.extract import extract
from plancockpit.extract.projects import ProjectMention, find_projects
from plancockpit.extract.record import QuantityRecord
from plancockpit.layout.view import Layout
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline.nodes import Node
from plancockpit.read import read_file
from plancockpit.read.source import SourceDocument

# The longest one document's analysis may take: every stage is linear, so only a document far
# larger or denser than any plan runs over it (at ≈ 500,000 chars/s, 20 MB of text takes ≈ 40 s).
ANALYSIS_SECONDS = 300.0

# Keys `overrides` may carry: DocumentMeta fields a person can set by hand.
OVERRIDABLE = ("title", "kind", "region", "date", "period_start", "period_end", "base_year")


@dataclass(frozen=True)
class Analysis:
    """Everything the stages found in one document."""

    source: SourceDocument
    layout: Layout
    outline: Node
    meta: DocumentMeta
    records: list[QuantityRecord]
    # Major projects (重大项目) and 专栏 project groups the text names (`extract/projects.py`).
    projects: tuple[ProjectMention, ...] = ()


def describe(
    source: SourceDocument, overrides: dict[str, Any] | None = None
) -> tuple[Layout, Node, DocumentMeta]:
    """Layout, outline and metadata (with `overrides` applied): what extraction works on."""
    # Imported here so that a stage's import cost is paid only when a document is analysed.
    from plancockpit.layout import clean_source
    from plancockpit.meta import infer_metadata
    from plancockpit.outline import build_outline

    unknown = set(overrides or {}) - set(OVERRIDABLE)
    if unknown:
        raise ValueError(f"cannot override {', '.join(sorted(unknown))}")
    layout = clean_source(source)
    outline = build_outline(source, layout)
    meta = infer_metadata(source, layout, outline).with_overrides(**(overrides or {}))
    return layout, outline, meta


def analyse(
    source: SourceDocument,
    overrides: dict[str, Any] | None = None,
    time_limit: float | None = ANALYSIS_SECONDS,
) -> Analysis:
    """Run layout, outline, metadata (with `overrides` applied) and extraction on `source`.

    Overrides are applied before extraction, because the document's year and period decide
    the year of records that do not state one. Extraction past `time_limit` seconds raises
    `TooSlow`.
    """
    deadline = None if time_limit is None else time.monotonic() + time_limit
    layout, outline, meta = describe(source, overrides)
    records = extract(source, layout, outline, meta, deadline)
    return Analysis(
        source=source,
        layout=layout,
        outline=outline,
        meta=meta,
        records=records,
        projects=tuple(find_projects(source.text)),
    )


def prepare(path: Path) -> tuple[SourceDocument, Layout, Node, DocumentMeta]:
    """The extractor's inputs for one file; a bad file raises `ReadError` with one line."""
    source = read_file(path)
    return (source, *describe(source))


def analyse_file(path: Path, overrides: dict[str, Any] | None = None) -> Analysis:
    """`analyse` on a file read by the reader its format needs."""
    return analyse(read_file(Path(path)), overrides)
