"""`plancockpit ingest / docs / outline` through the CLI, on SQLite and PostgreSQL.

Bad input: every kind gets one `error:` line naming the file, a non-zero exit, no change to the
database, and the good files of the same run are still ingested.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.services.ingest.run import example_paths

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})


def stored(db_url: str) -> list[dict]:  # type: ignore[type-arg]
    result = run("docs", "--db", db_url, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# case -> what the one-line reason must speak of (English or Chinese).
REASONS = {
    "empty": r"empty|空",
    "binary junk": r"binary|not text|decode|encoding|编码|非文本",
    "truncated pdf": r"pdf|damaged|corrupt|truncated|损坏",
    "encrypted pdf": r"encrypt|password|加密",
    "corrupt docx": r"docx|corrupt|damaged|zip|损坏",
    "zip bomb docx": r"bomb|too large|inflate|uncompress|炸弹|过大",
    "zip version 8.1 docx": r"unsupported \.docx \(zip file version 8\.1",
    "deflate64 docx": r"unsupported \.docx \(.*compression method 9",
    "50 MB text": r"too large|limit|过大",
    "unknown extension": r"type|extension|不支持",
    "missing path": r"no such|not exist|不存在",
}
CASES = list(REASONS)
# A crash shows up as "SomethingError: ..."; a handled bad file never does.
CRASH = re.compile(r"\b[A-Z]\w*(Error|Exception)\b:")


@pytest.mark.parametrize("case", CASES)
def test_each_bad_file_is_one_error_line_and_leaves_the_db_unchanged(
    case: str, bad_files: dict[str, Path], db_url: str
) -> None:
    run("ingest", "--db", db_url, example_paths()[0])
    before = stored(db_url)
    result = run("ingest", "--db", db_url, bad_files[case])
    assert result.exit_code == 1
    (line,) = error_lines(result.stderr)
    assert bad_files[case].name in line and len(line) < 300
    assert re.search(REASONS[case], line, re.IGNORECASE), line
    assert not CRASH.search(line), line
    assert "Traceback" not in result.output
    assert stored(db_url) == before


def test_bad_files_do_not_stop_the_good_ones(bad_files: dict[str, Path], db_url: str) -> None:
    good = example_paths()
    result = run("ingest", "--db", db_url, *bad_files.values(), *good)
    assert result.exit_code == 1
    assert len(error_lines(result.stderr)) == len(bad_files)
    assert sorted(d["name"] for d in stored(db_url)) == sorted(p.name for p in good)
    assert f"{len(good)} ingested, 0 unchanged, {len(bad_files)} failed" in result.stdout


def test_ingesting_a_folder_twice_changes_nothing(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in example_paths():
        (folder / path.name).write_bytes(path.read_bytes())
    first = run("ingest", "--db", db_url, folder)
    assert first.exit_code == 0, first.output
    after_first = stored(db_url)
    second = run("ingest", "--db", db_url, folder, "--format", "json")
    assert second.exit_code == 0
    assert {o["status"] for o in json.loads(second.stdout)} == {"unchanged"}
    assert stored(db_url) == after_first


def test_overrides_set_the_metadata(db_url: str) -> None:
    plan = example_paths()[0]
    result = run(
        "ingest",
        "--db",
        db_url,
        plan,
        "--kind",
        "plan",
        "--region",
        "青禾区",
        "--period",
        "2021-2025",
        "--base-year",
        "2020",
        "--title",
        "规划纲要",
    )
    assert result.exit_code == 0, result.output
    (doc,) = stored(db_url)
    assert (doc["kind"], doc["region"], doc["period"], doc["base_year"], doc["title"]) == (
        "plan",
        "青禾区",
        "2021–2025",
        2020,
        "规划纲要",
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--period", "2025"],
        ["--period", "2025-2021"],
        ["--period", "2021-2025", "--year", "2026"],
        ["--date", "yesterday"],
        ["--kind", "novel"],
    ],
)
def test_bad_override_values_are_usage_errors(args: list[str], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.sqlite'}"
    result = run("ingest", "--db", db, example_paths()[0], *args)
    assert result.exit_code == 2
    assert not (tmp_path / "x.sqlite").exists() or stored(db) == []


def test_docs_and_outline_in_table_and_json(db_url: str) -> None:
    plan = example_paths()[0]
    run("ingest", "--db", db_url, plan)
    table = run("docs", "--db", db_url)
    assert table.exit_code == 0 and plan.name in table.stdout
    (doc,) = stored(db_url)
    by_id = run("outline", str(doc["id"]), "--db", db_url, "--format", "json")
    by_name = run("outline", plan.name, "--db", db_url, "--format", "json")
    assert by_id.exit_code == by_name.exit_code == 0
    tree = json.loads(by_id.stdout)
    assert tree == json.loads(by_name.stdout)
    assert tree["kind"] == "document" and tree["children"]
    text = run("outline", plan.name, "--db", db_url)
    assert text.exit_code == 0
    assert text.stdout.splitlines()[0].startswith("document:")
    assert any(line.startswith("  ") for line in text.stdout.splitlines())
    assert "sentence:" not in text.stdout
    full = run("outline", plan.name, "--db", db_url, "--sentences")
    assert "sentence:" in full.stdout


def test_an_unknown_document_is_one_error_line(db_url: str) -> None:
    result = run("outline", "nothing.txt", "--db", db_url)
    assert result.exit_code == 1
    assert len(error_lines(result.stderr)) == 1


def test_an_unreachable_database_is_one_error_line() -> None:
    result = run("docs", "--db", "postgresql://nobody:x@127.0.0.1:9/none")
    assert result.exit_code == 1
    (line,) = error_lines(result.stderr)
    assert "cannot open database" in line


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("虚构示例 / Fictional example")
    document.add_heading("第一章 发展目标", level=1)
    document.add_paragraph("到2025年,地区生产总值达到1200亿元,年均增长7%左右。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [
            ("指标名称", "单位", "2025年"),
            ("地区生产总值", "亿元", "1200"),
            ("城镇新增就业", "万人", "5"),
        ]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))


def _pdf(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(
        ["虚构示例 / Fictional example", "第一章 发展目标", "到2025年,地区生产总值达到1200亿元。"]
    ):
        pdf.drawString(72, 760 - 20 * i, line)
    pdf.save()


def test_a_folder_of_word_and_pdf_files(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "收文"
    (folder / "子目录").mkdir(parents=True)
    _docx(folder / "规划.docx")
    _pdf(folder / "子目录" / "报告.pdf")
    (folder / "说明.xyz").write_text("skipped in folders")
    result = run("ingest", "--db", db_url, folder)
    assert result.exit_code == 0, result.output
    docs = {d["name"]: d for d in stored(db_url)}
    assert set(docs) == {"规划.docx", "报告.pdf"}
    tree = json.loads(run("outline", "规划.docx", "--db", db_url, "--format", "json").stdout)
    kinds = []
    stack = [tree]
    while stack:
        node = stack.pop()
        kinds.append(node["kind"])
        stack.extend(node["children"])
    assert "chapter" in kinds and "table" in kinds
    assert docs["规划.docx"]["records"] >= 1 and docs["报告.pdf"]["records"] >= 1


def test_a_newline_in_a_file_name_forges_no_error_line(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a\nerror: forged.docx").write_bytes(b"not a word file")
    r = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert r.exit_code == 1
    errors = [line for line in r.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "a\\nerror: forged.docx" in errors[0]
