"""Major projects on the web, on SQLite and PostgreSQL: a real .xlsx ledger (written here with
openpyxl) uploaded by a planner, the list with its filters, a project's page and JSON, a lead
unit's reporter entering the year's completed investment (audited, CSRF-checked), and the
refusals: a bad ledger writes nothing, another unit's reporter and a viewer are refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import Workbook

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Project, Unit
from plancockpit.services.access.users import add_user, set_ties
from tests.web.conftest import PASSWORD, _job_of, _sign_in

YEAR = date.today().year
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ledger(path: Path, rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "项目名称",
            "总投资（万元）",
            "年度计划投资（万元）",
            "本年完成投资（万元）",
            "起止年限",
            "责任单位",
            "建设阶段",
            "所属镇街",
        ]
    )
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path.read_bytes()


GOOD = [
    ["湘湖未来城地下空间项目", 250000, 40000, 2000, "2024-2027", "区交通局", "在建", "城厢街道"],
    ["瓜沥水厂工程", 80000, 20000, 21000, "2025—2026年", "区水利局", "新开工", "瓜沥镇"],
]


def _people(url: str) -> None:
    engine = open_database(url)
    with transaction(engine) as s:
        s.add_all([Unit(name="区交通局"), Unit(name="区水利局")])
        s.flush()
        for name in ("traffic", "water"):
            add_user(s, name=name, role="reporter", password=PASSWORD)
        set_ties(s, "traffic", unit="区交通局")
        set_ties(s, "water", unit="区水利局")
    engine.dispose()


def _projects(url: str) -> int:
    engine = open_database(url)
    with transaction(engine) as s:
        n = s.query(Project).count()
    engine.dispose()
    return n


def _upload(client: TestClient, token: str, data: bytes) -> Any:
    return client.post(
        "/api/projects/import",
        headers={"X-CSRF-Token": token},
        files={"file": ("项目库.xlsx", data, XLSX)},
    )


def _imported(client: TestClient, token: str, data: bytes) -> dict[str, Any]:
    """The ledger's job run to its end: its result (the import's report)."""
    job = _job_of(client, _upload(client, token, data))
    assert (job["kind"], job["state"]) == ("projects", "done"), job
    return dict(job["result"])


def test_a_ledger_import_then_list_page_and_report(
    client: TestClient, seeded: dict[str, Any], tmp_path: Path
) -> None:
    _people(seeded["url"])
    token = _sign_in(client, "planner")
    report = _imported(client, token, _ledger(tmp_path / "good.xlsx", GOOD))
    assert (report["created"], report["years"], report["written"]) == (2, 2, True)

    listed = client.get("/api/projects").json()
    by_name = {p["name"]: p for p in listed["items"]}
    tunnel = by_name["湘湖未来城地下空间项目"]
    assert (tunnel["total_investment"], tunnel["investment_text"]) == (25.0, "250000万元")
    assert (tunnel["stage"], tunnel["period_start"], tunnel["period_end"]) == ("在建", 2024, 2027)
    assert by_name["瓜沥水厂工程"]["stage"] == "开工"  # 新开工 is the vocabulary's 开工
    assert by_name["瓜沥水厂工程"]["progress"]["status"] == "achieved"  # 2.1 of 2.0 亿元
    only = client.get("/api/projects", params={"lead_unit": "区交通局"}).json()["items"]
    assert [p["name"] for p in only] == ["湘湖未来城地下空间项目"]
    assert client.get("/api/projects", params={"stage": "半拉子"}).status_code == 422
    hits = client.get("/api/search", params={"q": "未来城地下"}).json()["items"]
    assert [(h["kind"], h["url"]) for h in hits][:1] == [("project", f"/projects/{tunnel['id']}")]
    by_unit = client.get("/api/search", params={"q": "区水利局", "kind": "project"}).json()["items"]
    assert [h["name"] for h in by_unit] == ["瓜沥水厂工程"]

    page = client.get("/projects", params={"region": "城厢街道"})
    assert page.status_code == 200 and "湘湖未来城地下空间项目" in page.text
    assert "瓜沥水厂工程" not in page.text.split('id="projects-table"')[1]

    # the lead unit's reporter sees it in 我的待办 and reports the year's completion
    _sign_in(client, "traffic")
    todo = client.get("/todo")
    assert 'id="todo-projects"' in todo.text and "湘湖未来城地下空间项目" in todo.text
    detail_page = client.get(f"/projects/{tunnel['id']}")
    csrf = detail_page.text.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post(
        f"/projects/{tunnel['id']}/year",
        data={"csrf_token": csrf, "year": str(YEAR), "completed": "3.5", "stage": "竣工"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    detail = client.get(f"/api/projects/{tunnel['id']}").json()
    assert detail["stage"] == "竣工"
    assert [(y["year"], y["planned"], y["completed"]) for y in detail["years"]] == [
        (YEAR, 4.0, 3.5)
    ]
    assert detail["source_file"] == "项目库.xlsx" and detail["source_row"] == 2
    changes = [(e["entity"], e["actor"]) for e in detail["history"]]
    assert ("project", "traffic") in changes and ("project_year", "traffic") in changes
    assert ("project_year", "planner") in changes  # the ledger's row, by the one who imported it


def test_refusals_write_nothing(client: TestClient, seeded: dict[str, Any], tmp_path: Path) -> None:
    _people(seeded["url"])
    token = _sign_in(client, "planner")
    bad = [
        *GOOD,
        ["丙项目", 100, 10, "inf", "", "区交通局", "在建", ""],
        ["丁项目", 100, -1, 0, "", "区交通局", "在建", ""],
        ["戊项目", 100, 1, 0, "", "区交通局", "半拉子", ""],
        ["己项目", "5亿美元", 1, 0, "", "区交通局", "在建", ""],
    ]
    report = _imported(client, token, _ledger(tmp_path / "bad.xlsx", bad))
    assert report["written"] is False
    refused = {row["row"]: row["reason"] for row in report["refused"]}
    assert sorted(refused) == [4, 5, 6, 7]
    assert "finite" in refused[4] and "≥ 0" in refused[5] and "stage" in refused[6]
    assert "unit '亿美元'" in refused[7]
    assert _projects(seeded["url"]) == 0  # the two good rows were not written either

    # the upload form of the list page queues the same job and shows its result page
    page = client.get("/projects")
    csrf = (
        page.text.split('id="project-upload"')[1]
        .split('name="csrf_token" value="')[1]
        .split('"')[0]
    )
    r = client.post(
        "/projects/import",
        data={"csrf_token": csrf},
        follow_redirects=False,
        files={"file": ("项目库.xlsx", _ledger(tmp_path / "good.xlsx", GOOD), XLSX)},
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    from tests.web.conftest import _run_jobs

    _run_jobs(client)
    shown = client.get(r.headers["location"])
    assert 'id="ledger-result"' in shown.text and "新增2个" in shown.text
    water_project = next(
        p for p in client.get("/api/projects").json()["items"] if p["lead_unit"] == "区水利局"
    )
    tunnel = next(
        p for p in client.get("/api/projects").json()["items"] if p["lead_unit"] == "区交通局"
    )
    water = _sign_in(client, "water")
    body = {"year": YEAR, "completed": 1.0}
    r = client.post(
        f"/api/projects/{tunnel['id']}/year", json=body, headers={"X-CSRF-Token": water}
    )
    assert r.status_code == 403  # another unit's project
    assert (
        client.post(f"/api/projects/{water_project['id']}/year", json=body).status_code == 403
    )  # no CSRF
    r = client.post(
        f"/api/projects/{water_project['id']}/year",
        json={"year": YEAR, "completed": -2},
        headers={"X-CSRF-Token": water},
    )
    assert r.status_code == 422
    assert (
        client.post(
            f"/api/projects/{water_project['id']}/year", json=body, headers={"X-CSRF-Token": water}
        ).status_code
        == 200
    )
    viewer = _sign_in(client, "viewer")
    assert (
        client.post(
            f"/api/projects/{water_project['id']}/year", json=body, headers={"X-CSRF-Token": viewer}
        ).status_code
        == 403
    )
    assert _upload(client, water, _ledger(tmp_path / "g.xlsx", GOOD)).status_code == 403
