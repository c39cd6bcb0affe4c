"""The reader registry and the checks made before a file is read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from plancockpit.read import READERS, ReadError, read_bytes, read_file
from plancockpit.read.limits import MAX_FILE_BYTES


def test_registry_knows_the_four_formats() -> None:
    assert {"txt", "docx", "pdf", "html", "htm"} <= set(READERS)


def test_read_file_reads_text_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "规划.TXT"
    path.write_bytes("到2025年，人均预期寿命达到85岁。".encode())
    doc = read_file(path)
    assert doc.name == "规划.TXT" and doc.format == "txt" and doc.text.endswith("85岁。")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.xyz", b"hello", "unknown file type '.xyz'"),
        ("noext", b"hello", "unknown file type"),
        ("a.txt", b"", "empty file"),
        ("a.docx", b"", "empty file"),
    ],
)
def test_bad_bytes_give_one_line_errors(name: str, data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message) as info:
        read_bytes(name, data)
    assert "\n" not in str(info.value)


def test_missing_path_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="not a file"):
        read_file(tmp_path)


def test_fifty_megabyte_text_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    started = time.perf_counter()
    with pytest.raises(ReadError, match="too large") as info:
        read_file(path)
    assert time.perf_counter() - started < 1.0
    assert "20 MB" in str(info.value)
    assert path.stat().st_size > MAX_FILE_BYTES


def test_oversize_bytes_refused_too() -> None:
    with pytest.raises(ReadError, match="too large"):
        read_bytes("big.txt", b"a" * (MAX_FILE_BYTES + 1))


@pytest.mark.parametrize(
    "exc",
    [
        NotImplementedError("That compression method is not supported"),
        RecursionError("maximum recursion depth exceeded"),
        KeyError("word/styles.xml"),
        MemoryError(),
    ],
)
def test_any_reader_failure_is_a_one_line_read_error(
    monkeypatch: pytest.MonkeyPatch, exc: Exception
) -> None:
    def failing(name: str, data: bytes) -> object:
        raise exc

    monkeypatch.setitem(READERS, "docx", failing)
    with pytest.raises(ReadError, match=type(exc).__name__) as info:
        read_bytes("a.docx", b"PK\x03\x04 whatever\nmore")
    assert "\n" not in str(info.value) and info.value.__cause__ is exc
