"""Call the read/layout/outline/meta stages, or the private fallbacks where a stage is missing."""

from __future__ import annotations

from pathlib import Path

from plancockpit.extract import fallback
from plancockpit.layout.view import Layout
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline.nodes import Node
from plancockpit.read.errors import ReadError
from plancockpit.read.source import SourceDocument


def read(path: Path) -> SourceDocument:
    try:
        from plancockpit.read import read_file  # type: ignore[attr-defined]
    except ImportError:
        read_file = None  # type: ignore[assignment]
    if read_file is not None:
        return read_file(path)  # type: ignore[no-any-return]
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: cannot read ({e.strerror})") from e
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as e:
            raise ReadError(f"{path}: not UTF-8 or GB18030 text") from e
    return SourceDocument(name=path.name, text=text, format="txt", encoding="utf-8")


def prepare(path: Path) -> tuple[SourceDocument, Layout, Node, DocumentMeta]:
    source = read(path)
    try:
        from plancockpit.layout import clean  # type: ignore[attr-defined]

        layout = clean(source.text)
    except ImportError:
        layout = fallback.clean(source.text)
    try:
        from plancockpit.outline import build_outline  # type: ignore[attr-defined]

        outline = build_outline(source, layout)
    except ImportError:
        outline = Node(kind="document", title="", start=0, end=len(source.text))
    try:
        from plancockpit.meta import infer_metadata  # type: ignore[attr-defined]

        meta = infer_metadata(source, layout, outline)
    except ImportError:
        meta = fallback.meta_from_text(layout)
    return source, layout, outline, meta
