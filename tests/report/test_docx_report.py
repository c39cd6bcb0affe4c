"""The Word report opened by the library that reads Word files, and by LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader
from sqlalchemy import Engine

from plancockpit.db.engine import transaction
from plancockpit.report.docx_report import status_chart, write_docx
from plancockpit.services.progress.evaluation_report import EvaluationReport, evaluation_report
from tests.services.progress.test_evaluation_report import corpus_with_actuals

pytestmark = pytest.mark.slow


@pytest.fixture
def report(db_engine: Engine, corpus_dir: Path, tmp_path: Path) -> EvaluationReport:
    corpus_with_actuals(db_engine, corpus_dir, tmp_path)
    with transaction(db_engine) as session:
        return evaluation_report(session, 2025)


def test_the_document_holds_every_section_table_and_figure(
    report: EvaluationReport, tmp_path: Path
) -> None:
    word = WordDocument(str(write_docx(report, tmp_path / "r.docx")))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["一、总体情况", "二、分领域评估"]
    assert headings[-2:] == ["三、滞后指标", "四、牵头单位通报"]
    assert [d.name for d in report.domains] == headings[2:-2]
    summary, *domains, lagging, units = word.tables
    assert len(domains) == len(report.domains)
    assert {r.cells[0].text: int(r.cells[1].text) for r in summary.rows[1:]} == report.words
    for table, section in zip(domains, report.domains, strict=True):
        assert [r.cells[0].text for r in table.rows[1:]] == [row.indicator for row in section.rows]
    gdp = next(r for r in lagging.rows[1:] if r.cells[0].text == "地区生产总值")
    assert gdp.cells[3].text == "2400亿元（2025）" and "2600" in gdp.cells[7].text
    assert [r.cells[1].text for r in units.rows[1:]] == [u.unit for u in report.units]
    assert len(word.inline_shapes) == 1  # the status chart


def test_the_chart_is_a_png() -> None:
    from datetime import date

    from plancockpit.services.progress.evaluation_report import DomainSection

    tiny = EvaluationReport(
        "t",
        date(2025, 12, 31),
        "annual",
        "zh",
        "",
        {"achieved": 1},
        {},
        [DomainSection("经济", {"achieved": 1, "off_track": 2}, [])],
        [],
    )
    assert status_chart(tiny).startswith(b"\x89PNG")


def test_libreoffice_opens_it(report: EvaluationReport, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice missing (scripts/test-env.sh installs it)")
        pytest.skip("LibreOffice not installed")
    path = write_docx(report, tmp_path / "report.docx")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = PdfReader(str(tmp_path / "report.pdf"))
    text = "".join("".join(page.extract_text() or "" for page in pdf.pages).split())
    assert len(pdf.pages) >= 2 and "监测评估报告" in text and "地区生产总值" in text
