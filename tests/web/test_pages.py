"""Server-rendered pages: escaping, language switch, forms with CSRF, sign-in redirects."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/indicators",
    "/indicators/{gdp}",
    "/documents",
    "/documents/{doc}",
    "/regions",
    "/regions/{district}",
    "/regions/{town}",
    "/units",
    "/units/区发改局",
    "/login",
]


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field in the form"
    return match.group(1)


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_and_escape_document_text(
    client: TestClient, ids: dict[str, int], path: str
) -> None:
    r = client.get(path.format(**ids))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)</script>" not in r.text  # the seeded title and text hold one
    assert "/static/vendor/echarts.min.js" in r.text
    # Offline: no script, style or font from another host (not a search for "cdn", which a
    # random CSRF token or CSP nonce on the page may spell).
    assert not re.search(r'<(?:script|link)\b[^>]*\b(?:src|href)="(?:https?:)?//', r.text)


def test_document_page_shows_the_script_as_text(client: TestClient, ids: dict[str, int]) -> None:
    html = client.get(f"/documents/{ids['doc']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'class="k-target st-extracted"' in html and 'class="k-actual st-extracted"' in html


@pytest.mark.parametrize(
    "path", ["/indicators/999999", "/documents/999999", "/regions/999999", "/units/没有"]
)
def test_unknown_pages_are_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and "not found" in r.text


def test_language_switch_is_remembered(client: TestClient) -> None:
    assert "驾驶舱首页" in client.get("/").text
    assert ">Overview<" in client.get("/?lang=en").text
    assert ">Overview<" in client.get("/indicators").text  # cookie
    assert "驾驶舱首页" in client.get("/?lang=zh").text


def test_form_sign_in_review_and_sign_out(
    client: TestClient, ids: dict[str, int], password: str
) -> None:
    page = client.get(f"/documents/{ids['doc']}").text
    assert 'form method="post" action="/documents' not in page  # no review forms for readers
    token = _csrf(client.get("/login").text)
    bad = client.post("/login", data={"name": "planner", "password": "nope", "csrf_token": token})
    assert bad.status_code == 401 and "用户名或密码错误" in bad.text
    forged = client.post(
        "/login", data={"name": "planner", "password": password, "csrf_token": "x"}
    )
    assert forged.status_code == 403
    ok = client.post(
        "/login",
        data={
            "name": "planner",
            "password": password,
            "csrf_token": token,
            "next": "//evil.example",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    page = client.get(f"/documents/{ids['doc']}").text
    token = _csrf(page)
    url = f"/documents/{ids['doc']}/records/{ids['record']}/review"
    assert client.post(url, data={"action": "confirm", "csrf_token": "bad"}).status_code == 403
    r = client.post(
        url, data={"action": "edit", "value": "2600", "csrf_token": token}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"].endswith(f"#r{ids['record']}")
    assert client.get(f"/api/records/{ids['record']}").json()["value"] == 2600
    assert (
        client.post(url, data={"action": "edit", "value": "abc", "csrf_token": token}).status_code
        == 422
    )
    client.post("/logout", data={"csrf_token": token})
    assert (
        client.post(url, data={"action": "confirm", "csrf_token": token}, follow_redirects=False)
        .headers["location"]
        .startswith("/login")
    )


def test_import_page_needs_sign_in(client: TestClient, sign_in: Callable[..., str]) -> None:
    r = client.get("/import", follow_redirects=False)
    assert r.headers["location"] == "/login?next=/import&why=sign_in_to_import"
    login = client.get(r.headers["location"]).text  # the login page says why it is shown
    assert (
        'id="login-notice"' in login
        and "导入需先登录：规划人员和管理员导入文件，填报人员导入实际数据" in login
    )
    sign_in(client, "viewer")
    html = client.get("/import").text
    assert (
        'id="no-import-rights"' in html and 'action="/import/' not in html
    )  # no forms it can't use
    r = client.post(
        "/import/documents", data={"csrf_token": "x"}, files=[("files", ("a.txt", b"abc"))]
    )
    assert r.status_code == 403  # a viewer may not import
    sign_in(client, "planner")
    html = client.get("/import").text
    assert 'id="upload-documents"' in html and 'id="upload-actuals"' in html


def test_csv_and_xlsx_follow_the_filters(client: TestClient) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    csv_text = client.get("/indicators.csv", params={"domain": "社会民生"}).content.decode(
        "utf-8-sig"
    )
    lines = csv_text.strip().splitlines()
    assert len(lines) == 3 and all("社会民生" in line for line in lines[1:])
    wb = load_workbook(
        BytesIO(client.get("/indicators.xlsx", params={"status": "no_data"}).content)
    )
    rows = list(wb.active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][15] == "暂无数据 / no data"  # words, not the code


def test_i18n_table_is_complete() -> None:
    from plancockpit.web.i18n import LANGS, messages

    table = messages()
    assert all(set(LANGS) <= set(entry) for entry in table.values())
    for status in ("achieved", "on_track", "at_risk", "off_track", "no_data", "not_yet_due"):
        assert status in table


def test_import_actuals_form_shows_each_row(
    client: TestClient,
    ids: dict[str, int],
    sign_in: Callable[..., str],
    run_jobs: Callable[..., None],
) -> None:
    sign_in(client, "planner")
    token = _csrf(client.get("/import").text)
    body = f"指标编号,年份,数值\n{ids['gdp']},2024,2700\nabc,2024,1\n".encode()
    queued = client.post(
        "/import/actuals", data={"csrf_token": token}, files={"file": ("实际.csv", body)}
    )
    assert queued.status_code == 200 and "/jobs/" in str(queued.url)  # the job's page, at once
    assert 'id="job-bar"' in queued.text and "/static/jobs.js" in queued.text
    run_jobs(client)
    r = client.get(queued.url)
    assert r.status_code == 200 and "/static/jobs.js" not in r.text  # done: no more polling
    rows = re.findall(r"<tr class=\"(refused)?\"><td>(\d+)</td>", r.text)
    assert [(c, n) for c, n in rows] == [("", "2"), ("refused", "3")]
    bad = client.post(
        "/import/actuals", data={"csrf_token": token}, files={"file": ("x.doc", b"x")}
    )
    assert bad.status_code == 422 and "x.doc" in bad.text


def test_the_evaluation_report_downloads_as_word(client: TestClient) -> None:
    from io import BytesIO

    from docx import Document as WordDocument

    r = client.get("/report.docx", params={"year": 2025})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="evaluation-annual-2025.docx"' in r.headers["content-disposition"]
    word = WordDocument(BytesIO(r.content))
    assert "2025年规划实施年度监测评估报告" in word.paragraphs[0].text
    english = WordDocument(BytesIO(client.get("/report.docx?year=2025&lang=en").content))
    assert "annual monitoring and evaluation report, 2025" in english.paragraphs[0].text
    assert client.get("/report.docx", params={"year": 99999}).status_code == 422
    nothing = client.get("/report.docx", params={"year": 2150})
    assert nothing.status_code == 422 and "no targets" in nothing.text
