"""`plancockpit extract`: a folder with files no reader can take goes on with the others."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from plancockpit.cli import app
from tests.read.filemakers import docx_of_zip_version, docx_with_method

runner = CliRunner()
GOOD = "到2025年，地区生产总值达到2600亿元，年均增长6%左右。\n"


def test_a_folder_goes_on_after_zip_files_python_cannot_inflate(tmp_path: Path) -> None:
    # Sorted by name the bad files come first: before the fix the NotImplementedError of the
    # first one ended the run and the text file was never read.
    (tmp_path / "a_zip81.docx").write_bytes(docx_of_zip_version(81))
    (tmp_path / "b_deflate64.docx").write_bytes(docx_with_method(9))
    (tmp_path / "c_big5.txt").write_bytes("十四五規劃綱要 地區生產總值增長6%".encode("big5"))
    (tmp_path / "d_plan.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, result.stderr
    assert "a_zip81.docx" in errors[0] and "zip file version 8.1" in errors[0]
    assert "b_deflate64.docx" in errors[1] and "compression method 9" in errors[1]
    assert "Traceback" not in result.output and "NotImplementedError" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_doc = {r["doc"] for r in records}
    assert {"c_big5.txt", "d_plan.txt"} <= by_doc
    big5 = [r for r in records if r["doc"] == "c_big5.txt"]
    assert any(r["value"] == 6 and r["unit"] == "%" for r in big5), big5
