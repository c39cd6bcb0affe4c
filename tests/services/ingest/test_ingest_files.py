"""Which files a run takes, and text refused before storage."""

from __future__ import annotations

from pathlib import Path

import pytest

from plancockpit.services.ingest.files import Rejected, check_text, collect


def test_folders_are_walked_for_supported_files_only(tmp_path: Path) -> None:
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    for name in (
        "a.txt",
        "sub/b.DOCX",
        "sub/c.html",
        "sub/notes.xyz",
        "sub/.hidden/d.txt",
        "sub/~$lock.docx",
    ):
        (tmp_path / name).write_text("x")
    found = [f.path.relative_to(tmp_path).as_posix() for f in collect([tmp_path])]
    assert found == ["a.txt", "sub/b.DOCX", "sub/c.html"]


def test_named_files_are_kept_and_missing_ones_are_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.xyz").write_text("x")
    found = collect([tmp_path / "notes.xyz", tmp_path / "nope.txt"])
    assert found[0].error is None  # the reader refuses the extension, in one line
    assert found[1].error is not None and "no such file" in found[1].error


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("规划\x00目标", "NUL bytes cannot be stored in PostgreSQL"),
        ("\x01\x02\x03\x04abc" * 10, "mostly control characters: binary decoded by chance"),
        ("\ufffd" * 10 + "目标", "undecodable bytes"),
    ],
)
def test_binary_text_is_refused(text: str, why: str) -> None:
    with pytest.raises(Rejected):
        check_text(text)


def test_ordinary_text_with_tabs_and_crlf_passes() -> None:
    check_text("第一章\t总则\r\n到2025年,地区生产总值达到1200亿元。\f\r\n")


def test_links_out_of_the_folder_are_skipped(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("到2025年，甲达到1亿元。", encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "plan.txt").write_text("到2025年，乙达到2亿元。", encoding="utf-8")
    (folder / "secret.txt").symlink_to(outside)
    (folder / "again.txt").symlink_to(folder / "plan.txt")  # a link inside the folder is fine
    found = {f.path.name: f for f in collect([folder])}
    assert found["secret.txt"].skipped and "out of the folder" in found["secret.txt"].skipped
    assert found["plan.txt"].skipped is None and found["again.txt"].skipped is None
