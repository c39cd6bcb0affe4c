"""Reporting rounds through the API and the pages: roles, CSRF, scope refusals (each changing
nothing), the journey open → fill → approve, the round's own template imported back, the inbox
and its unread count in the header."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from tests.services.roundcase import PASSWORD, build

DUE = (date.today() + timedelta(days=7)).isoformat()
ROUND = {"title": "2025年度填报", "period_kind": "year", "year": 2025, "due_date": DUE}


@pytest.fixture
def world(
    db_url: str, make_client: Callable[..., TestClient]
) -> Iterator[tuple[TestClient, dict[str, int]]]:
    engine = open_database(db_url)
    with transaction(engine) as s:
        ids = build(s)
    engine.dispose()
    with make_client(db_url) as c:
        yield c, ids


def _as(client: TestClient, name: str) -> dict[str, str]:
    client.post("/api/logout", headers={"X-CSRF-Token": client.get("/api/me").json()["csrf_token"]})
    r = client.post("/api/login", json={"name": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"X-CSRF-Token": r.json()["csrf_token"]}


def _open(client: TestClient, **kw: Any) -> dict[str, Any]:
    r = client.post("/api/rounds", json=ROUND | kw, headers=_as(client, "planner"))
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_roles_csrf_and_bad_rounds(world: tuple[TestClient, dict[str, int]]) -> None:
    client, _ = world
    assert client.get("/api/rounds").status_code == 401
    assert client.post("/api/rounds", json=ROUND).status_code == 401
    h = _as(client, "east")
    assert client.post("/api/rounds", json=ROUND, headers=h).status_code == 403  # a reporter
    _as(client, "planner")
    assert client.post("/api/rounds", json=ROUND).status_code == 403  # no CSRF header
    h = _as(client, "planner")
    past = client.post("/api/rounds", json=ROUND | {"due_date": "2020-01-01"}, headers=h)
    assert past.status_code == 422 and "in the past" in past.json()["detail"]
    empty = client.post(
        "/api/rounds", json=ROUND | {"selection": "domain", "selection_value": "无"}, headers=h
    )
    assert empty.status_code == 422 and "no indicators" in empty.json()["detail"]
    assert client.get("/api/rounds").json()["total"] == 0
    row = _open(client)
    assert row["counts"] == {"owed": 3, "filled": 0, "approved": 0, "returned": 0, "late": 0}
    assert row["left_out"] == ["无主指标"]
    h = _as(client, "east")
    assert client.post(f"/api/rounds/{row['id']}/close", headers=h).status_code == 403


def test_open_fill_approve_and_the_inbox(world: tuple[TestClient, dict[str, int]]) -> None:
    client, ids = world
    rid = _open(client)["id"]
    h = _as(client, "east")
    assert client.get("/api/notifications").json()["unread"] == 1
    refusals = [
        ({"indicator_id": ids["gdp"], "value": 1}, 403),  # the lead unit's own value
        (
            {"indicator_id": ids["care"], "value": 1, "region_id": ids["t1"]},
            422,
        ),  # not in the round
    ]
    for value, status in refusals:
        r = client.post(f"/api/rounds/{rid}/values", json={"values": [value]}, headers=h)
        assert r.status_code == status, r.text
    assert (
        client.post(
            f"/api/rounds/{rid}/values",
            headers=h,
            json={"values": [{"indicator_id": ids["gdp"], "value": "NaN", "region_id": ids["t1"]}]},
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"/api/rounds/{rid}/values",
            json={"values": [{"indicator_id": ids["gdp"], "value": 280, "region_id": ids["t1"]}]},
        ).status_code
        == 403
    )  # no CSRF
    filled = client.post(
        f"/api/rounds/{rid}/values",
        headers=h,
        json={"values": [{"indicator_id": ids["gdp"], "value": 280, "region_id": ids["t1"]}]},
    )
    assert filled.status_code == 200 and filled.json()["items"][0]["state"] == "filled"
    item = filled.json()["items"][0]["id"]
    assert (
        client.get("/api/observations", params={"region_id": ids["t1"], "year": 2025}).json()[
            "total"
        ]
        == 0
    )
    h = _as(client, "west")
    assert (
        client.post(
            f"/api/rounds/{rid}/values",
            headers=h,
            json={"values": [{"indicator_id": ids["gdp"], "value": 1, "region_id": ids["t1"]}]},
        ).status_code
        == 403
    )
    h = _as(client, "wjj")  # leads another indicator
    refused = client.post(f"/api/rounds/{rid}/items/{item}/approve", headers=h)
    assert refused.status_code == 403 and "区卫健局" not in refused.json()["detail"].split(";")[1]
    h = _as(client, "fgj")
    assert client.get("/api/todo").json()["approvals"][0]["id"] == item
    ok = client.post(f"/api/rounds/{rid}/items/{item}/approve", headers=h)
    assert ok.status_code == 200 and ok.json()["state"] == "approved"
    [obs] = client.get("/api/observations", params={"region_id": ids["t1"], "year": 2025}).json()[
        "items"
    ]
    assert (obs["value"], obs["entered_by"], obs["source_file"]) == (280, "east", f"round {rid}")
    assert (
        client.post(
            f"/api/rounds/{rid}/items/{item}/return", headers=h, json={"reason": "晚了"}
        ).status_code
        == 422
    )  # already approved
    board = client.get(f"/api/rounds/{rid}").json()
    assert {r["owner"]: r["approved"] for r in board["rows"]} == {
        "东镇": 1,
        "区卫健局": 0,
        "区发展和改革局": 0,
    }
    events = client.get(
        "/api/events", params={"entity": "round_item"}, headers=_as(client, "planner")
    ).json()
    assert {e["actor"] for e in events["items"]} >= {"east", "fgj"}
    _as(client, "east")
    inbox = client.get("/api/notifications").json()
    assert [n["kind"] for n in inbox["items"]] == ["value_approved", "round_opened"]
    assert "已由fgj审核通过" in inbox["items"][0]["text_zh"]
    h = _as(client, "east")
    read = client.post(f"/api/notifications/{inbox['items'][0]['id']}/read", headers=h)
    assert read.status_code == 200 and client.get("/api/notifications").json()["unread"] == 1
    h = _as(client, "fgj")
    assert (
        client.post(f"/api/notifications/{inbox['items'][1]['id']}/read", headers=h).status_code
        == 404
    )


def test_pages_journey_with_forms(world: tuple[TestClient, dict[str, int]]) -> None:
    client, ids = world
    _as(client, "planner")
    page = client.get("/rounds")
    assert 'id="open-round-form"' in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    opened = client.post(
        "/rounds",
        follow_redirects=False,
        data={
            "csrf_token": token.group(1),
            "title": "<script>alert(1)</script>",
            "period_kind": "quarter",
            "year": "2025",
            "number": "1",
            "due_date": DUE,
            "selection": "all",
        },
    )
    assert opened.status_code == 303
    board = client.get(opened.headers["location"])
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in board.text
        and "<script>alert(1)" not in board.text
    )
    assert 'id="board"' in board.text and "东镇" in board.text
    rid = int(opened.headers["location"].rsplit("/", 1)[1])
    bad = client.post(
        "/rounds",
        data={
            "csrf_token": token.group(1),
            "title": "x",
            "period_kind": "year",
            "year": "2025",
            "due_date": "2001-01-01",
        },
    )
    assert bad.status_code == 422 and "截止日期不能早于今天" in bad.text

    _as(client, "east")
    todo = client.get("/todo")
    assert 'id="unread-count">1<' in todo.text  # the header's unread count
    field = re.search(r'name="(v\d+)"', todo.text)
    token = re.search(r'name="csrf_token" value="([^"]+)"', todo.text)
    assert field and token and "260" in todo.text  # last year's value of the town
    assert (
        client.post(
            f"/rounds/{rid}/values", data={"csrf_token": token.group(1), field.group(1): "abc"}
        ).status_code
        == 422
    )
    sent = client.post(
        f"/rounds/{rid}/values",
        follow_redirects=False,
        data={"csrf_token": token.group(1), field.group(1): "70.5"},
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == "/todo?filled=1"
    assert (
        "已提交1项数据" in client.get("/todo?filled=1").text
        and "待审核" in client.get("/todo").text
    )

    _as(client, "fgj")
    todo = client.get("/todo")
    item = re.search(r'action="/rounds/\d+/items/(\d+)/return"', todo.text)
    token = re.search(r'name="csrf_token" value="([^"]+)"', todo.text)
    assert item and token
    back = client.post(
        f"/rounds/{rid}/items/{item.group(1)}/return",
        follow_redirects=False,
        data={"csrf_token": token.group(1), "reason": "<b>口径</b>不对"},
    )
    assert back.status_code == 303
    _as(client, "east")
    inbox = client.get("/inbox")
    assert "&lt;b&gt;口径&lt;/b&gt;不对" in inbox.text and "被fgj退回" in inbox.text
    assert "&lt;b&gt;口径&lt;/b&gt;不对" in client.get("/todo").text


def test_the_round_template_fills_the_round(
    world: tuple[TestClient, dict[str, int]], job_of: Callable[..., dict[str, Any]]
) -> None:
    client, ids = world
    rid = _open(client)["id"]
    h = _as(client, "east")
    got = client.get(f"/rounds/{rid}/template.xlsx")
    assert got.status_code == 200
    book = load_workbook(io.BytesIO(got.content))
    assert book["轮次 round"]["B1"].value == rid
    sheet = book["填报 actuals"]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    assert [(r[0], r[2], r[3]) for r in rows] == [(ids["gdp"], "东镇", 2025)]
    sheet["F2"] = 281
    buf = io.BytesIO()
    book.save(buf)
    r = client.post(
        "/api/import/actuals",
        headers=h,
        files={"file": ("round.xlsx", buf.getvalue(), "application/octet-stream")},
    )
    report = job_of(client, r)["result"]
    assert report["accepted"] == 1 and "awaiting" in report["rows"][0]["reason"]
    board = client.get(f"/api/rounds/{rid}").json()
    assert [(i["value"], i["state"]) for i in board["items"] if i["region"] == "东镇"] == [
        (281, "filled")
    ]
    h = _as(client, "planner")
    client.post(f"/api/rounds/{rid}/close", headers=h)
    h = _as(client, "east")
    closed = client.post(
        "/api/import/actuals",
        headers=h,
        files={"file": ("round.xlsx", buf.getvalue(), "application/octet-stream")},
    )
    failed = job_of(client, closed)
    assert failed["state"] == "failed" and "closed" in (failed["error"] or ""), failed


def test_a_town_value_e_mails_the_lead_unit(
    db_url: str, make_client: Callable[..., TestClient]
) -> None:
    from plancockpit.services.access.users import set_ties
    from plancockpit.services.followup.mail import MailSettings
    from tests.services.smtpcase import local_smtp

    engine = open_database(db_url)
    with transaction(engine) as s:
        ids = build(s)
        set_ties(s, "fgj", email="fgj@example.org")
    engine.dispose()
    server = local_smtp()
    inbox = next(server)
    try:
        with make_client(db_url, mail=MailSettings("127.0.0.1", inbox.port)) as client:
            rid = _open(client)["id"]
            h = _as(client, "east")
            r = client.post(
                f"/api/rounds/{rid}/values",
                headers=h,
                json={
                    "values": [{"indicator_id": ids["gdp"], "value": 280, "region_id": ids["t1"]}]
                },
            )
            assert r.status_code == 200
        opened, submitted = inbox.wait(2)  # the round opened, then the town's value to approve
        assert (opened["To"], submitted["To"]) == ("fgj@example.org", "fgj@example.org")
        mail = submitted
        assert "东镇报送了“地区生产总值”" in str(mail.get_payload(decode=True), "utf-8")  # type: ignore[arg-type]
    finally:
        next(server, None)
