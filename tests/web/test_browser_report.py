"""The journey "report downloaded and opened" in headless Chromium (Playwright): a planner signs
in, downloads the Word evaluation report from the cockpit's overview, and the downloaded file is
opened with python-docx — its title, sections, tables and figures are those the report service
computes from the same database — and converted to PDF by LibreOffice headless.

The app, the seeded database and the browser are those of the supervision journey
(`test_browser_supervision.py`: a uvicorn thread on `cockpit_seed.py`; Debian's Chromium)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from tests.web.test_browser_supervision import _sign_in, page, server  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def test_a_planner_downloads_the_word_report_and_it_opens(
    page: Any,  # noqa: F811 - the fixture imported above
    server: dict[str, Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.services.progress.evaluation_report import evaluation_report

    page.goto("/")
    assert page.locator("#report-form").count() == 1  # any reader of the internal cockpit
    _sign_in(page, "chief")
    page.goto("/")
    page.fill("#report-form input[name=year]", "2025")
    with page.expect_download() as got:
        page.click("#report-download")
    download = got.value
    assert download.suggested_filename == "evaluation-annual-2025.docx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    engine = open_database(f"sqlite:///{server['tmp'] / 'cockpit.sqlite'}")
    with transaction(engine) as s:
        expected = evaluation_report(s, 2025)
    engine.dispose()
    word = WordDocument(str(path))
    assert word.paragraphs[0].text == expected.title and "监测评估报告" in expected.title
    headings = [
        p.text
        for p in word.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings[:2] == ["一、总体情况", "二、分领域评估"]
    assert headings[2 : 2 + len(expected.domains)] == [d.name for d in expected.domains]
    assert headings[-2:] == ["三、滞后指标", "四、牵头单位通报"]
    summary, *domains, lagging, units = word.tables
    assert {r.cells[0].text: int(r.cells[1].text) for r in summary.rows[1:]} == expected.words
    for table, section in zip(domains, expected.domains, strict=True):
        assert [r.cells[0].text for r in table.rows[1:]] == [row.indicator for row in section.rows]
        assert [r.cells[3].text for r in table.rows[1:]] == [row.latest for row in section.rows]
    gdp = next(row for d in expected.domains for row in d.rows if row.indicator == "地区生产总值")
    assert "2000" in gdp.latest and "2600" in gdp.target  # the seeded figures
    assert [r.cells[0].text for r in lagging.rows[1:]] == [
        row.indicator for row in expected.lagging
    ]
    assert [r.cells[1].text for r in units.rows[1:]] == [u.unit for u in expected.units]
    assert len(word.inline_shapes) == 1  # the status chart

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice not installed")
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
    pdf = PdfReader(str(tmp_path / "evaluation-annual-2025.pdf"))
    text = "".join("".join(p.extract_text() or "" for p in pdf.pages).split())
    assert "监测评估报告" in text and "地区生产总值" in text
