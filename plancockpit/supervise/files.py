"""Attachments to an answer: the kinds taken, told by their first bytes (magic numbers) and
checked against the file name's extension, and the size limit.

PDF, Word (.docx, and the old .doc), Excel (.xlsx, .xls) and images (PNG, JPEG). A .docx or
.xlsx is a ZIP: it must hold `word/` or `xl/` parts. An old .doc/.xls is an OLE2 compound file
(the same signature for both: its extension decides which).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from plancockpit.errors import Invalid
from plancockpit.media_types import DOCX, XLSX

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 10
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# extension → (media type, first bytes it must start with, the ZIP folder it must hold)
KINDS: dict[str, tuple[str, tuple[bytes, ...], str]] = {
    "pdf": ("application/pdf", (b"%PDF-",), ""),
    "docx": (
        DOCX,
        (b"PK\x03\x04",),
        "word/",
    ),
    "xlsx": (
        XLSX,
        (b"PK\x03\x04",),
        "xl/",
    ),
    "doc": ("application/msword", (OLE,), ""),
    "xls": ("application/vnd.ms-excel", (OLE,), ""),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",), ""),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",), ""),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",), ""),
}
TAKEN = "PDF, Word (.docx .doc), Excel (.xlsx .xls), PNG, JPEG"


class AttachmentError(Invalid):
    """A file that is not one of the kinds taken, or whose bytes are not what its name says."""


class AttachmentTooLarge(AttachmentError):
    """A file over the size limit."""


@dataclass(frozen=True)
class Checked:
    name: str
    media_type: str
    size: int
    sha256: str
    content: bytes


def clean_name(raw: str) -> str:
    """The file name without folders or control characters, at most 200 characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip()
    if name in ("", ".", ".."):
        raise AttachmentError("an attachment has no usable file name / 附件文件名无效")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:190] + dot + ext) if dot and len(ext) <= 8 else name[:200]
    return name


def check(raw_name: str, content: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Checked:
    """The file as it will be stored; `AttachmentError` (or `AttachmentTooLarge`) saying why not."""
    name = clean_name(raw_name)
    if len(content) > max_bytes:
        raise AttachmentTooLarge(
            f"{name}: {size_words(len(content))} is over the limit of "
            f"{size_words(max_bytes)} / 附件超过 {size_words(max_bytes)} 上限"
        )
    if not content:
        raise AttachmentError(f"{name}: the file is empty / 附件为空文件")
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    kind = KINDS.get(ext)
    if kind is None:
        raise AttachmentError(
            f"{name}: only {TAKEN} files are taken / 只接受 PDF、Word、Excel 和图片（PNG、JPEG）附件"
        )
    media_type, magic, folder = kind
    if not any(content.startswith(m) for m in magic) or (
        folder and not _zip_holds(content, folder)
    ):
        raise AttachmentError(
            f"{name}: the content is not a {ext.upper()} file (its bytes say otherwise) "
            f"/ 文件内容与扩展名 .{ext} 不符"
        )
    return Checked(name, media_type, len(content), hashlib.sha256(content).hexdigest(), content)


def size_words(n: int) -> str:
    """20 MB, 1.5 MB, 300 KB."""
    if n >= 1048576:
        return f"{n / 1048576:.3g} MB"
    return f"{max(n, 1) / 1024:.3g} KB"


def _zip_holds(content: bytes, folder: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return any(n.startswith(folder) for n in z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return False
