"""The cockpit in headless Chromium (Playwright) on the ingested reference corpus.

The app runs in a uvicorn thread on a free loopback port against a temp SQLite database holding
the corpus, a region tree loaded from a CSV, a planner account and a document whose text contains
a `<script>` element (which must show as text). Chromium is Debian's (`$PLANCOCKPIT_CHROMIUM`,
default /usr/bin/chromium); it is never downloaded. Screenshots go to $PLANCOCKPIT_SCREENSHOTS
(default: the test's temp folder).
"""

from __future__ import annotations

import csv
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live_server import need_chromium, open_page, serving, sign_in

pytestmark = pytest.mark.browser

SCRIPT_DOC = "示范文件\n一、总体要求\n到2025年,测试指标达到100亿元。<script>alert(1)</script> 应当显示为文字。\n"
REGIONS = (
    "code,name,level,parent_code\nX,测试区,district,\nX1,甲街道,town,X\nX11,乙社区,village,X1\n"
)
PASSWORD = "browser-pass-1"


@pytest.fixture(scope="module")
def server(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.services.access.users import add_user
    from plancockpit.services.ingest.run import ingest_paths
    from plancockpit.services.regions.hierarchy import load_regions
    from plancockpit.web.app import create_app
    from plancockpit.web.settings import Settings

    need_chromium()
    tmp = tmp_path_factory.mktemp("browser")
    (tmp / "script_test.txt").write_text(SCRIPT_DOC, encoding="utf-8")
    (tmp / "regions.csv").write_text(REGIONS, encoding="utf-8")
    url = f"sqlite:///{tmp / 'cockpit.sqlite'}"
    engine = open_database(url)
    outcomes = ingest_paths(engine, [corpus_dir, tmp / "script_test.txt"])
    assert all(o.status == "ingested" for o in outcomes), [o.message for o in outcomes]
    with transaction(engine) as s:
        load_regions(s, tmp / "regions.csv")
        add_user(s, name="planner", role="planner", password=PASSWORD)
    engine.dispose()
    app = create_app(Settings(db_url=url, secret_key="browser-secret-0123456789", job_worker=True))
    with serving(app) as base:
        script_doc = next(o.document_id for o in outcomes if o.path.name == "script_test.txt")
        yield {"base": base, "tmp": tmp, "script_doc": script_doc, "outcomes": outcomes}


@pytest.fixture
def page(browser: Any, server: dict[str, Any]) -> Iterator[Any]:
    with open_page(browser, server["base"], accept_downloads=True) as pg:

        def on_dialog(d: Any) -> None:  # an alert() means document text ran as script
            pg.js_errors.append(f"dialog: {d.message}")
            d.dismiss()

        pg.on("dialog", on_dialog)
        yield pg


def _sign_in(page: Any) -> None:
    sign_in(page, "planner", PASSWORD)


def test_overview_tiles_charts_and_screenshot(page: Any, server: dict[str, Any]) -> None:
    page.goto("/")
    assert page.title().startswith("驾驶舱首页")
    total = int(page.locator(".tile .big").first.inner_text())
    assert total > 50  # the plan and the report hold many targets
    assert (
        "数据截至" in page.locator("#page-scope").inner_text()
    )  # the report's results are actuals
    page.wait_for_selector("#chart-domain canvas")
    page.wait_for_selector("#chart-unit canvas, #no-units")
    assert page.locator(".card table.grid").count() >= 2
    shots = Path(os.environ.get("PLANCOCKPIT_SCREENSHOTS") or server["tmp"])
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "overview-1366x768.png"))
    page.goto("/?lang=en")
    assert page.locator(".tile .label").first.inner_text() == "Targets"
    page.goto("/indicators")  # the language is remembered by a cookie
    assert page.locator("button", has_text="Filter").count() == 1


@pytest.mark.parametrize(
    "path, selector",
    [
        ("/indicators", "#result-count"),
        ("/documents", "table.grid"),
        ("/regions", "table.grid"),
        ("/units", "table.grid"),
        ("/openapi.json", "pre"),
    ],
)
def test_each_list_page_opens(page: Any, path: str, selector: str) -> None:
    response = page.goto(path)
    assert response.status == 200
    page.wait_for_selector(selector)


def test_indicator_page_from_a_search(page: Any) -> None:
    page.goto("/indicators")
    page.fill("input[name=q]", "地区生产总值")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**q=*")
    # The corpus's GDP targets end in 2025; since 2026 they are history, and the empty list says
    # where they are.
    assert int(page.inner_text("#result-count")) == 0
    page.click("#history-hits a")
    page.wait_for_url("**period=history*")
    count = int(page.inner_text("#result-count"))
    assert count >= 1
    names = page.locator("table.grid tbody td:first-child a").all_inner_texts()
    assert names and all("地区生产总值" in n or "GDP" in n for n in names[:count])
    page.locator("table.grid tbody td:first-child a").first.click()
    page.wait_for_selector("#chart-indicator canvas")
    assert "地区生产总值" in page.inner_text("h1")
    marks = page.locator("blockquote.source mark")
    assert marks.count() >= 1  # each source sentence with its number highlighted
    shots = Path(os.environ.get("PLANCOCKPIT_SCREENSHOTS") or "/nonexistent")
    if shots.is_dir():
        page.screenshot(path=str(shots / "indicator-1366x768.png"))
    marks.first.locator("xpath=..").locator("footer a").click()
    page.wait_for_selector("#doctext mark")
    if shots.is_dir():
        page.screenshot(path=str(shots / "document-1366x768.png"))


def test_region_drill_down(page: Any) -> None:
    page.goto("/regions")
    page.click("main >> text=测试区")  # the header names the regions too
    page.wait_for_selector("#children")
    page.click("#children >> text=甲街道")
    page.wait_for_selector("#children >> text=乙社区")
    page.click("#children >> text=乙社区")
    crumbs = page.inner_text(".crumbs")
    assert "测试区" in crumbs and "甲街道" in crumbs


def test_unit_page(page: Any) -> None:
    page.goto("/units")
    first = page.locator("table.grid tbody td:first-child a").first
    name = first.inner_text()
    first.click()
    assert page.inner_text("h1").startswith(name)


def test_sign_in_review_and_sign_out(page: Any, server: dict[str, Any]) -> None:
    page.goto("/documents/1")
    assert page.locator("form.review").count() == 0  # reading needs no sign-in, reviewing does
    _sign_in(page)
    page.goto("/documents/3")
    rec = page.locator(".rec").first
    rec_id = rec.get_attribute("data-record")
    rec.locator("button[value=confirm]").click()
    page.wait_for_url(f"**/documents/3#r{rec_id}")
    assert page.locator(f"#rec{rec_id} .state").inner_text().startswith("已确认")
    assert "st-confirmed" in (page.get_attribute(f"mark#r{rec_id}", "class") or "")
    page.click("#sign-out")
    page.wait_for_selector("#sign-in")
    page.goto("/import")
    assert "/login" in page.url


def test_wrong_password_is_refused(page: Any) -> None:
    page.goto("/login")
    page.fill("input[name=name]", "planner")
    page.fill("input[name=password]", "not-the-password")
    page.click("form.stack button[type=submit]")
    assert page.locator("[role=alert]").count() == 1
    assert page.locator("#sign-out").count() == 0


def test_download_filtered_table(page: Any, server: dict[str, Any]) -> None:
    page.goto("/indicators?status=no_data")
    count = int(page.inner_text("#result-count"))
    with page.expect_download() as info:
        page.click("#download-csv")
    path = server["tmp"] / "download.csv"
    info.value.save_as(path)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0].startswith("目标编号") and len(rows) - 1 == count
    assert all(r[15] == "暂无数据 / no data" for r in rows[1:])  # words, not the code
    with page.expect_download() as info:
        page.click("#download-xlsx")
    assert info.value.suggested_filename.endswith(".xlsx")


def test_script_in_a_document_shows_as_text(page: Any, server: dict[str, Any]) -> None:
    page.goto(f"/documents/{server['script_doc']}")
    assert "<script>alert(1)</script>" in page.inner_text("#doctext")
    assert page.locator("#doctext script").count() == 0
    page.goto("/indicators?q=测试指标")
    assert page.locator("script", has_text="alert(1)").count() == 0


def test_upload_a_document(
    page: Any, server: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Upload → the job's page at once; its script moves the progress bar as the job goes on
    (each file is held until the page has shown the one before) and reloads it with the result."""
    from playwright.sync_api import expect

    import plancockpit.services.jobs.runs as job_runs

    release = {"upload.txt": threading.Event(), "broken.pdf": threading.Event()}
    real_ingest = job_runs.ingest_file

    def held_ingest(engine: Any, path: Path, *args: Any, **kwargs: Any) -> Any:
        release[path.name].wait(timeout=60)
        return real_ingest(engine, path, *args, **kwargs)

    monkeypatch.setattr(job_runs, "ingest_file", held_ingest)
    _sign_in(page)
    page.goto("/import")
    bad = server["tmp"] / "broken.pdf"
    bad.write_bytes(b"not a pdf at all")
    good = server["tmp"] / "upload.txt"
    good.write_text("上传测试\n到2026年,上传指标达到5个。\n", encoding="utf-8")
    page.set_input_files("input[name=files]", [str(good), str(bad)])
    try:
        page.locator("form[action='/import/documents'] button").click()
        page.wait_for_url("**/jobs/*")  # the upload answers at once with its job's page
        assert page.inner_text("#job-count") == "0 / 2" and page.locator("#job-wait").count() == 1
        release["upload.txt"].set()
        expect(page.locator("#job-count")).to_have_text(
            "1 / 2", timeout=60_000
        )  # the script follows the job
        assert page.inner_text("#job-state") == "处理中"
        assert (page.get_attribute("#job-bar", "value"), page.get_attribute("#job-bar", "max")) == (
            "1",
            "2",
        )
    finally:
        for event in release.values():
            event.set()
    page.wait_for_selector("#job-wait", state="detached", timeout=60_000)  # reloaded: done
    assert page.inner_text("#job-state") == "已完成" and page.inner_text("#job-count") == "2 / 2"
    rows = page.locator("#job-files tbody tr")
    assert rows.count() == 2
    assert "已导入" in rows.nth(0).inner_text() and "未导入" in rows.nth(1).inner_text()
