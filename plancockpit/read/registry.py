"""Readers chosen by file extension: bytes in, SourceDocument out.

The registry is the single place that says which formats exist; `read_file` adds the checks
that need a path (exists, is a file, size) before any byte is read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from plancockpit.read.errors import ReadError
from plancockpit.read.limits import MAX_FILE_BYTES, MAX_TEXT_CHARS
from plancockpit.read.source import SourceDocument

Reader = Callable[[str, bytes], SourceDocument]


def _txt(name: str, data: bytes) -> SourceDocument:
    from plancockpit.read.text import read_txt

    return read_txt(name, data)


def _docx(name: str, data: bytes) -> SourceDocument:
    from plancockpit.read.docx import read_docx

    return read_docx(name, data)


def _pdf(name: str, data: bytes) -> SourceDocument:
    from plancockpit.read.pdf import read_pdf

    return read_pdf(name, data)


def _html(name: str, data: bytes) -> SourceDocument:
    from plancockpit.read.html import read_html

    return read_html(name, data)


READERS: dict[str, Reader] = {
    "txt": _txt,
    "text": _txt,
    "docx": _docx,
    "pdf": _pdf,
    "html": _html,
    "htm": _html,
}
"""Extension (lower case, no dot) → reader. Order does not matter; one reader per extension."""


def extension(name: str) -> str:
    """The lower-case extension of a file name, without the dot ("" if none)."""
    suffix = Path(name).suffix.lower()
    return suffix[1:] if suffix else ""


def _size_error(size: int) -> ReadError:
    mb = MAX_FILE_BYTES // (1024 * 1024)
    return ReadError(
        f"file too large ({size / 1024 / 1024:.1f} MB > {mb} MB limit) / 文件过大（上限 {mb} MB）"
    )


def read_bytes(name: str, data: bytes) -> SourceDocument:
    """Read a file's bytes; `name` gives the extension. Raises ReadError with a one-line message."""
    ext = extension(name)
    reader = READERS.get(ext)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ReadError(f"unknown file type '.{ext}' (known: {known}) / 不支持的文件类型")
    if not data:
        raise ReadError("empty file / 空文件")
    if len(data) > MAX_FILE_BYTES:
        raise _size_error(len(data))
    try:
        doc = reader(name, data)
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001
        # A library failing on a malformed file is the file's fault: one line, never a crash.
        raise ReadError(f"cannot read this .{ext} file ({_one_line(exc)}) / 无法读取文件") from exc
    if len(doc.text) > MAX_TEXT_CHARS:
        raise ReadError(f"text too long ({len(doc.text)} characters > {MAX_TEXT_CHARS}) / 文本过长")
    if not doc.text.strip():
        raise ReadError("no text in file / 文件中没有文字")
    return doc


def _one_line(exc: BaseException, limit: int = 160) -> str:
    message = " ".join(str(exc).split())
    message = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return message if len(message) <= limit else message[: limit - 1] + "…"


def read_file(path: Path) -> SourceDocument:
    """Read a file from disk, refusing missing paths, folders and oversize files before reading."""
    path = Path(path)
    if not path.exists():
        raise ReadError(f"no such file: {path} / 文件不存在")
    if not path.is_file():
        raise ReadError(f"not a file: {path} / 不是文件")
    if extension(path.name) not in READERS:
        return read_bytes(path.name, b"x")  # raises the unknown-type error
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty file / 空文件")
    if size > MAX_FILE_BYTES:
        raise _size_error(size)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read {path.name}: {exc.strerror} / 无法读取文件") from exc
    return read_bytes(path.name, data)
