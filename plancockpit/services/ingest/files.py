"""Which files an ingest run takes, and what decoded text must satisfy before it is stored.

Folders are walked recursively for the extensions the readers know (`plancockpit.read.READERS`);
a file named explicitly with another extension reaches the reader, which refuses it in one
line. Size, emptiness, zip bombs, encrypted or scanned PDFs are the readers' checks; here we
only refuse text a database cannot hold or that is binary junk decoded by chance.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plancockpit.errors import PlancockpitError
from plancockpit.read.errors import ReadError
from plancockpit.read.limits import MAX_FILE_BYTES

# Share of control characters (or U+FFFD) above which decoded "text" is binary junk.
MAX_CONTROL_SHARE = 0.02


class Rejected(PlancockpitError):
    """A file that will not be ingested; the message is one line, fit to show a user."""


@dataclass(frozen=True)
class Found:
    """A path the run will try, the reason it cannot (`error`), or why it is left alone on
    purpose (`skipped`)."""

    path: Path
    error: str | None = None
    skipped: str | None = None


LINK_OUT = "a link leading out of the folder, not followed / 指向文件夹外的链接，已跳过"


def supported_suffixes() -> set[str]:
    """File extensions (".txt", …) that some reader handles."""
    from plancockpit.read import READERS

    return {f".{ext}" for ext in READERS}


def collect(paths: Iterable[Path]) -> list[Found]:
    """Expand folders (recursively, supported files only, hidden and ~$ files skipped)."""
    suffixes = supported_suffixes()
    found: list[Found] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            found.extend(
                Found(p) if root in p.resolve().parents else Found(p, skipped=LINK_OUT)
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in suffixes and not _hidden(p, path)
            )
        elif not path.exists():
            found.append(Found(path, "no such file or directory / 文件不存在"))
        else:
            found.append(Found(path))
    return found


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in path.relative_to(root).parts)


def read_checked(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file or too large to read at all."""
    if not path.is_file():
        raise ReadError(f"not a file: {path} / 不是文件")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        raise ReadError(f"file too large ({size / 1024 / 1024:.1f} MB > {mb} MB limit) / 文件过大")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read {path.name}: {exc.strerror} / 无法读取文件") from exc


def check_text(text: str) -> None:
    """Refuse text with NUL bytes (PostgreSQL cannot store them) or mostly control characters."""
    if "\x00" in text:
        raise Rejected("binary data, not text (NUL bytes) / 非文本文件")
    odd = sum(
        1
        for ch in text
        if ch == "\ufffd" or (ch not in "\t\r\n\f\v" and unicodedata.category(ch) == "Cc")
    )
    if odd > MAX_CONTROL_SHARE * len(text):
        raise Rejected(f"binary data, not text ({odd} control characters) / 非文本文件")
