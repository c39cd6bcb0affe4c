"""Fixtures for CLI tests. Bad input made on the spot: each kind of file a district's folder
might hold by mistake."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

MB = 1024 * 1024


def _pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawString(72, 720, "Plan 2021-2025: GDP target 1200 (fictional)")
    pdf.save()
    return buf.getvalue()


def empty(path: Path) -> None:
    path.write_bytes(b"")


def junk(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def truncated_pdf(path: Path) -> None:
    data = _pdf_bytes()
    path.write_bytes(data[: len(data) // 2])


def encrypted_pdf(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_pdf_bytes())))
    writer.encrypt(user_password="secret", owner_password="secret")
    writer.write(path)


def corrupt_docx(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + os.urandom(4096))


def zip_bomb_docx(path: Path) -> None:
    # A docx-shaped zip whose document.xml inflates to 300 MB of spaces (~300 KB on disk).
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * MB
            for _ in range(300):
                member.write(chunk)


def _patched_docx(version: int | None = None, method: int | None = None) -> bytes:
    from tests.read.filemakers import docx_of_zip_version, docx_with_method

    return docx_of_zip_version(version) if version else docx_with_method(method or 9)


def zip_version_docx(path: Path) -> None:
    # zip version 8.1: Python's zipfile raises NotImplementedError on opening
    path.write_bytes(_patched_docx(version=81))


def deflate64_docx(path: Path) -> None:
    # compression method 9 (Deflate64): NotImplementedError on reading a member
    path.write_bytes(_patched_docx(method=9))


def huge_text(path: Path) -> None:
    line = "到2025年,地区生产总值达到1200亿元。\n".encode()
    with path.open("wb") as out:
        block = line * (MB // len(line))
        for _ in range(50):
            out.write(block)


def unknown_extension(path: Path) -> None:
    path.write_text("第一章 总则", encoding="utf-8")


BAD_FILES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "empty": ("empty.txt", empty),
    "binary junk": ("junk.txt", junk),
    "truncated pdf": ("truncated.pdf", truncated_pdf),
    "encrypted pdf": ("encrypted.pdf", encrypted_pdf),
    "corrupt docx": ("corrupt.docx", corrupt_docx),
    "zip bomb docx": ("bomb.docx", zip_bomb_docx),
    "zip version 8.1 docx": ("zip81.docx", zip_version_docx),
    "deflate64 docx": ("deflate64.docx", deflate64_docx),
    "50 MB text": ("huge.txt", huge_text),
    "unknown extension": ("plan.xyz", unknown_extension),
}
"""case -> (file name, maker). A missing path is one more case, made by not making it."""


def make_all(folder: Path) -> dict[str, Path]:
    """Write every bad file into `folder`; case -> path (plus "missing path")."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for case, (name, maker) in BAD_FILES.items():
        maker(folder / name)
        paths[case] = folder / name
    paths["missing path"] = folder / "does-not-exist.docx"
    return paths


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """case -> path of a bad file (made once per module)."""
    return make_all(tmp_path_factory.mktemp("bad"))
