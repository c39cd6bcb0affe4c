"""Supervision items and the ranking in the API and the pages: roles, CSRF, a reporter's scope,
attachments (type by their bytes, size by the setting), refusals that change nothing, the item
page's history, the overview's escalation and the ranking's links."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import (
    SupervisionAttachment,
    SupervisionItem,
    SupervisionTransition,
    Unit,
)
from plancockpit.services.access.users import add_user, set_ties
from tests.web.conftest import PASSWORD

TODAY = date.today()
LATER = (TODAY + timedelta(days=20)).isoformat()
PDF = "%PDF-1.4\n% 整改说明\n".encode()
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def people(seeded: dict[str, Any]) -> dict[str, Any]:
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        s.add_all([Unit(name="区人社局")])
        s.flush()
        add_user(s, name="admin", role="admin", password=PASSWORD)
        for name in ("ndrc", "hr"):
            add_user(s, name=name, role="reporter", password=PASSWORD)
        set_ties(s, "ndrc", unit="区发改局")
        set_ties(s, "hr", unit="区人社局")
    engine.dispose()
    return seeded


@pytest.fixture
def app_client(
    people: dict[str, Any], make_client: Callable[..., TestClient]
) -> Iterator[TestClient]:
    with make_client(people["url"], attachment_max_bytes=4096) as c:
        yield c


def _counts(url: str) -> tuple[int, ...]:
    engine = open_database(url)
    with transaction(engine) as s:
        out = tuple(
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (SupervisionItem, SupervisionTransition, SupervisionAttachment)
        )
    engine.dispose()
    return out


def _open(c: TestClient, token: str, target: int, **extra: Any) -> dict[str, Any]:
    r = c.post(
        "/api/supervision",
        json={"target_id": target, "ask": "请说明滞后原因", "due_date": LATER, **extra},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_propose_confirm_answer_close_through_the_api(
    app_client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    c = app_client
    token = sign_in(c, "planner")
    r = c.post("/api/supervision/propose", headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and len(r.json()["proposed"]) == 1
    item_id = r.json()["proposed"][0]
    item = c.get(f"/api/supervision/{item_id}").json()
    assert (
        item["state"] == "proposed"
        and item["target_id"] == ids["t_gdp2"]
        and item["lead_units"] == ["区发改局"]
    )
    r = c.post(
        f"/api/supervision/{item_id}/confirm",
        data={"due_date": LATER},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200 and r.json()["state"] == "open" and r.json()["due_date"] == LATER
    c.post("/api/logout", headers={"X-CSRF-Token": token})
    token = sign_in(c, "ndrc")
    r = c.post(
        f"/api/supervision/{item_id}/answer",
        headers={"X-CSRF-Token": token},
        data={"explanation": "投资放缓", "measures": "加快项目", "expected_date": LATER},
        files=[
            ("files", ("说明.pdf", PDF, "application/pdf")),
            ("files", ("现场.png", PNG, "image/png")),
        ],
    )
    assert r.status_code == 200, r.text
    answered = r.json()
    assert answered["state"] == "answered"
    sent = answered["transitions"][-1]["attachments"]
    assert [a["file_name"] for a in sent] == ["说明.pdf", "现场.png"]
    got = c.get(sent[0]["url"])
    assert (
        got.status_code == 200
        and got.content == PDF
        and got.headers["content-type"] == "application/pdf"
    )
    assert "attachment;" in got.headers["content-disposition"]
    assert "filename*=UTF-8''%E8%AF%B4%E6%98%8E.pdf" in got.headers["content-disposition"]
    c.post("/api/logout", headers={"X-CSRF-Token": token})
    assert c.get(sent[0]["url"]).status_code == 401  # files only to signed-in users
    assert c.get(f"/api/supervision/{item_id}").json()["history"] is None  # the audit trail too
    assert 'id="sv-events"' not in c.get(f"/supervision/{item_id}").text
    token = sign_in(c, "planner")
    r = c.post(
        f"/api/supervision/{item_id}/close",
        data={"reason": "措施到位"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200 and r.json()["state"] == "closed"
    history = r.json()["history"]
    assert [e["changes"].get("state") for e in history if e["entity"] == "supervision"] == [
        [None, "proposed"],
        ["proposed", "open"],
        ["open", "answered"],
        ["answered", "closed"],
    ]
    assert [e["actor"] for e in history if e["entity"] == "supervision"][1:] == [
        "planner",
        "ndrc",
        "planner",
    ]
    # the audit log's API filters by the new entities too
    assert (
        c.get("/api/events", params={"entity": "supervision", "entity_id": item_id}).json()["total"]
        == 4
    )


def test_roles_and_csrf(
    app_client: TestClient, ids: dict[str, int], sign_in: Callable[..., str], people: dict[str, Any]
) -> None:
    c = app_client
    body = {"target_id": ids["t_gdp2"], "ask": "说明", "due_date": LATER}
    assert c.post("/api/supervision", json=body).status_code == 401
    assert c.post("/api/supervision/propose").status_code == 401
    token = sign_in(c, "viewer")
    assert c.post("/api/supervision", json=body, headers={"X-CSRF-Token": token}).status_code == 403
    c.post("/api/logout", headers={"X-CSRF-Token": token})
    token = sign_in(c, "ndrc")  # a reporter answers, never opens or closes
    assert c.post("/api/supervision", json=body, headers={"X-CSRF-Token": token}).status_code == 403
    c.post("/api/logout", headers={"X-CSRF-Token": token})
    token = sign_in(c, "planner")
    assert c.post("/api/supervision", json=body).status_code == 403  # no CSRF header
    assert (
        c.post("/api/supervision", json=body, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    )
    item = _open(c, token, ids["t_gdp2"])
    assert (
        c.post(
            f"/api/supervision/{item['id']}/answer", data={"explanation": "a", "measures": "b"}
        ).status_code
        == 403
    )
    c.post("/api/logout", headers={"X-CSRF-Token": token})
    token = sign_in(c, "ndrc")
    assert (
        c.post(f"/api/supervision/{item['id']}/close", headers={"X-CSRF-Token": token}).status_code
        == 403
    )
    assert _counts(people["url"]) == (1, 1, 0)


def test_bad_input_is_refused_with_a_clear_error_and_changes_nothing(
    app_client: TestClient, ids: dict[str, int], sign_in: Callable[..., str], people: dict[str, Any]
) -> None:
    c = app_client
    token = sign_in(c, "planner")
    h = {"X-CSRF-Token": token}
    past = (TODAY - timedelta(days=1)).isoformat()
    r = c.post(
        "/api/supervision",
        json={"target_id": ids["t_gdp2"], "ask": "说明", "due_date": past},
        headers=h,
    )
    assert r.status_code == 422 and "办结期限不能早于今天" in r.json()["detail"]
    assert (
        c.post(
            "/api/supervision",
            json={"target_id": 99999, "ask": "说明", "due_date": LATER},
            headers=h,
        ).status_code
        == 404
    )
    item = _open(c, token, ids["t_gdp2"])
    c.post("/api/logout", headers=h)
    before = _counts(people["url"])

    token = sign_in(c, "hr")  # a reporter of another unit
    r = c.post(
        f"/api/supervision/{item['id']}/answer",
        data={"explanation": "a", "measures": "b"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 403 and "只能答复本单位" in r.json()["detail"]
    c.post("/api/logout", headers={"X-CSRF-Token": token})

    token = sign_in(c, "ndrc")
    h = {"X-CSRF-Token": token}
    answer = {"explanation": "a", "measures": "b"}
    r = c.post(
        f"/api/supervision/{item['id']}/answer",
        data=answer,
        headers=h,
        files=[("files", ("report.pdf", b"MZ\x90\x00 an exe", "application/pdf"))],
    )
    assert r.status_code == 422 and "不符" in r.json()["detail"]
    r = c.post(
        f"/api/supervision/{item['id']}/answer",
        data=answer,
        headers=h,
        files=[("files", ("tool.exe", b"MZ\x90\x00", "application/octet-stream"))],
    )
    assert r.status_code == 422 and "PDF" in r.json()["detail"]
    r = c.post(
        f"/api/supervision/{item['id']}/answer",
        data=answer,
        headers=h,
        files=[
            ("files", ("ok.pdf", PDF, "application/pdf")),
            ("files", ("big.pdf", b"%PDF-" + b"x" * 5000, "application/pdf")),
        ],
    )
    assert r.status_code == 413 and "4 KB" in r.json()["detail"]
    r = c.post(
        f"/api/supervision/{item['id']}/answer",
        data=answer | {"expected_date": "2001-01-01"},
        headers=h,
    )
    assert r.status_code == 422 and "预计完成时间不能早于今天" in r.json()["detail"]
    assert (
        c.post(
            f"/api/supervision/{item['id']}/answer", data={"measures": "b"}, headers=h
        ).status_code
        == 422
    )
    assert _counts(people["url"]) == before
    assert c.get(f"/api/supervision/{item['id']}").json()["state"] == "open"

    r = c.post(f"/api/supervision/{item['id']}/answer", data=answer, headers=h)
    assert r.status_code == 200
    c.post("/api/logout", headers=h)
    token = sign_in(c, "planner")
    h = {"X-CSRF-Token": token}
    r = c.post(f"/api/supervision/{item['id']}/return", data={}, headers=h)
    assert r.status_code == 422 and "理由不能为空" in r.json()["detail"]
    assert c.post(f"/api/supervision/{item['id']}/close", headers=h).status_code == 200
    before = _counts(people["url"])
    r = c.post(f"/api/supervision/{item['id']}/answer", data=answer, headers=h)
    assert r.status_code == 422 and "已销号" in r.json()["detail"]
    assert _counts(people["url"]) == before
    assert c.get("/api/supervision/123456").status_code == 404
    assert c.get("/api/supervision", params={"state": "bogus"}).status_code == 422


def test_the_guard_takes_answers_up_to_the_upload_limit(
    people: dict[str, Any],
    ids: dict[str, int],
    make_client: Callable[..., TestClient],
    sign_in: Callable[..., str],
) -> None:
    big = b"%PDF-" + b"x" * (2 * 1024 * 1024)  # over the 1 MB of a plain form, under 20 MB
    with make_client(people["url"]) as c:
        token = sign_in(c, "planner")
        item = _open(c, token, ids["t_gdp2"])
        r = c.post(
            f"/api/supervision/{item['id']}/answer",
            data={"explanation": "a", "measures": "b"},
            files=[("files", ("big.pdf", big, "application/pdf"))],
            headers={"X-CSRF-Token": token},
        )
        assert r.status_code == 200, r.text
        c.post("/api/logout", headers={"X-CSRF-Token": token})
        r = c.post(
            f"/api/supervision/{item['id']}/answer",
            data={"explanation": "a", "measures": "b"},
            files=[("files", ("big.pdf", big, "application/pdf"))],
        )
        assert r.status_code == 401  # refused unread: no one signed in


def test_pages_list_item_and_forms(
    app_client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    c = app_client
    token = sign_in(c, "planner")
    page = c.get(f"/indicators/{ids['gdp']}").text
    assert 'id="sv-open"' in page and 'action="/supervision"' in page
    r = c.post(
        "/supervision",
        data={
            "csrf_token": token,
            "target_id": ids["t_gdp2"],
            "ask": "请说明<原因>",
            "due_date": LATER,
            "lead_units": "区发改局、区统计局",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    url = r.headers["location"]
    page = c.get(url).text
    assert "请说明&lt;原因&gt;" in page and "区统计局" in page and 'id="sv-answer"' in page
    assert (
        c.post(
            url + "/answer", data={"csrf_token": "bad", "explanation": "a", "measures": "b"}
        ).status_code
        == 403
    )
    r = c.post(
        url + "/answer",
        data={"csrf_token": token, "explanation": "原因", "measures": "措施"},
        files=[("files", ("", b"", "application/octet-stream"))],
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = c.get(url).text
    assert 'id="sv-decide"' in page and "原因" in page
    r = c.post(
        url + "/return", data={"csrf_token": token, "reason": "不具体"}, follow_redirects=False
    )
    assert r.status_code == 303 and "不具体" in c.get(url).text
    listing = c.get("/supervision", params={"unit": "区统计局"}).text
    assert url in listing
    assert url not in c.get("/supervision", params={"state": "closed"}).text
    assert c.get("/supervision?lang=en").status_code == 200
    r = c.post("/supervision/propose", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and "made=0" in r.headers["location"]  # the red target has its item


def test_a_reporter_sees_the_answer_form_only_for_its_unit(
    app_client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    c = app_client
    token = sign_in(c, "planner")
    item = _open(c, token, ids["t_gdp2"])
    c.post("/api/logout", headers={"X-CSRF-Token": token})
    sign_in(c, "hr")
    assert 'id="sv-answer"' not in c.get(f"/supervision/{item['id']}").text
    sign_in(c, "ndrc")
    assert 'id="sv-answer"' in c.get(f"/supervision/{item['id']}").text


def test_overdue_items_are_escalated_on_the_overview(
    app_client: TestClient, ids: dict[str, int], sign_in: Callable[..., str], people: dict[str, Any]
) -> None:
    c = app_client
    token = sign_in(c, "planner")
    item = _open(c, token, ids["t_gdp2"])
    engine = open_database(people["url"])
    with transaction(engine) as s:  # time passes: the due date is behind us
        row = s.get(SupervisionItem, item["id"])
        assert row is not None
        row.due_date = TODAY - timedelta(days=4)
    engine.dispose()
    page = c.get("/").text
    assert (
        'id="sv-escalation"' in page and f"/supervision/{item['id']}" in page and "逾期4天" in page
    )
    listed = c.get("/api/supervision", params={"overdue": "true"}).json()
    assert [i["id"] for i in listed["items"]] == [item["id"]] and listed["items"][0]["overdue"]
    assert 'class="conflict"' in c.get("/supervision?overdue=true").text


def test_ranking_api_and_page_link_every_number(
    app_client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    c = app_client
    token = sign_in(c, "planner")
    _open(c, token, ids["t_gdp2"])
    data = c.get("/api/ranking").json()
    assert data["rounds"] == 0 and data["order"][0] == "share_on_track desc"
    rows = {r["unit"]: r for r in data["items"]}
    assert rows["区发改局"]["open_items"] == 1 and rows["区发改局"]["share_on_track"] == 0.0
    assert rows["区人社局"]["rank"] == 1 and rows["区人社局"]["timeliness"] is None
    assert rows["区卫健局"]["share_on_track"] is None  # no status: last
    assert data["items"][-1]["unit"] == "区卫健局"
    # the links lead to the very rows behind the numbers
    links = rows["区发改局"]["links"]
    assert c.get(links["open_items"]).status_code == 200
    behind = c.get("/api/supervision", params={"unit": "区发改局", "state": "in_progress"}).json()
    assert behind["total"] == rows["区发改局"]["open_items"]
    off = c.get("/api/indicators", params={"unit": "区发改局", "status": "off_track"}).json()
    assert off["total"] == rows["区发改局"]["counts"]["off_track"]
    assert (
        links["off_track"]
        == "/indicators?unit=%E5%8C%BA%E5%8F%91%E6%94%B9%E5%B1%80&status=off_track"
    )
    page = c.get("/ranking").text
    assert (
        "无填报轮次" in page
        and links["open_items"].replace("&", "&amp;") in page
        and 'id="rank-order"' in page
    )
    assert "no rounds yet" in c.get("/ranking?lang=en").text
