"""A planner reopens a closed or dismissed supervision item (API, page, reason needed, the
transition and the audit event stored, the unit told); reopening an item that is open is a
clear 422 that changes nothing. Supervision notifications are e-mailed through a real local
SMTP server when one is set, and a server that is down never fails the transition."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Notification, SupervisionTransition, Unit, User
from plancockpit.services.access.users import add_user, set_ties
from plancockpit.services.followup.mail import MailSettings
from tests.services.smtpcase import Inbox, free_port, local_smtp
from tests.web.conftest import PASSWORD

LATER = (date.today() + timedelta(days=20)).isoformat()
MUCH_LATER = (date.today() + timedelta(days=60)).isoformat()


@pytest.fixture
def people(seeded: dict[str, Any]) -> dict[str, Any]:
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        s.add(Unit(name="区人社局"))
        add_user(s, name="ndrc", role="reporter", password=PASSWORD)
        set_ties(s, "ndrc", unit="区发改局", email="ndrc@example.org")
        set_ties(s, "planner", email="planner@example.org")
    engine.dispose()
    return seeded


@pytest.fixture
def smtp() -> Iterator[Inbox]:
    yield from local_smtp()


def _kinds(url: str, name: str) -> list[str]:
    engine = open_database(url)
    with transaction(engine) as s:
        uid = s.scalar(select(User.id).where(User.name == name))
        out = list(
            s.scalars(
                select(Notification.kind)
                .where(Notification.user_id == uid)
                .order_by(Notification.id)
            )
        )
    engine.dispose()
    return out


def _closed_item(c: TestClient, sign_in: Callable[..., str], target: int) -> tuple[int, str]:
    """An item opened by the planner, answered by 区发改局 and closed; the planner signed in."""
    token = sign_in(c, "planner")
    r = c.post(
        "/api/supervision",
        json={"target_id": target, "ask": "请说明", "due_date": LATER},
        headers={"X-CSRF-Token": token},
    )
    item = r.json()["id"]
    c.post("/api/logout", headers={"X-CSRF-Token": token})
    token = sign_in(c, "ndrc")
    r = c.post(
        f"/api/supervision/{item}/answer",
        headers={"X-CSRF-Token": token},
        data={"explanation": "投资放缓", "measures": "加快项目"},
    )
    assert r.status_code == 200, r.text
    c.post("/api/logout", headers={"X-CSRF-Token": token})
    token = sign_in(c, "planner")
    assert (
        c.post(f"/api/supervision/{item}/close", headers={"X-CSRF-Token": token}).json()["state"]
        == "closed"
    )
    return item, token


def test_a_planner_reopens_a_closed_item_with_a_reason(
    people: dict[str, Any],
    ids: dict[str, int],
    make_client: Callable[..., TestClient],
    sign_in: Callable[..., str],
) -> None:
    with make_client(people["url"]) as c:
        item, token = _closed_item(c, sign_in, ids["t_gdp2"])
        h = {"X-CSRF-Token": token}
        r = c.post(f"/api/supervision/{item}/reopen", headers=h)
        assert r.status_code == 422 and "理由不能为空" in r.json()["detail"]
        page = c.get(f"/supervision/{item}").text
        assert 'id="sv-reopen"' in page and 'action="/supervision/' in page
        r = c.post(
            f"/api/supervision/{item}/reopen",
            data={"reason": "整改未到位<b>", "due_date": MUCH_LATER},
            headers=h,
        )
        assert r.status_code == 200, r.text
        got = r.json()
        assert (got["state"], got["due_date"], got["closed_at"]) == ("open", MUCH_LATER, None)
        last = got["transitions"][-1]
        assert (last["from_state"], last["to_state"], last["actor"], last["reason"]) == (
            "closed",
            "open",
            "planner",
            "整改未到位<b>",
        ) and last["at"]
        assert [e["changes"]["state"] for e in got["history"] if "state" in e["changes"]][-1] == [
            "closed",
            "open",
        ]
        assert "整改未到位&lt;b&gt;" in c.get(f"/supervision/{item}").text  # escaped on the page
        # an open item cannot be reopened: a clear 422, nothing stored
        before = len(got["transitions"])
        r = c.post(f"/api/supervision/{item}/reopen", data={"reason": "again"}, headers=h)
        assert (
            r.status_code == 422
            and "只有「已销号、已撤销」的事项可以重新打开" in r.json()["detail"]
        )
        assert len(c.get(f"/api/supervision/{item}").json()["transitions"]) == before
        c.post("/api/logout", headers=h)
        token = sign_in(c, "ndrc")  # a reporter may not reopen
        c.post(
            f"/api/supervision/{item}/dismiss",
            data={"reason": "x"},
            headers={"X-CSRF-Token": token},
        )
        assert 'id="sv-reopen"' not in c.get(f"/supervision/{item}").text
    assert _kinds(people["url"], "ndrc")[-1] == "item_reopened"


def test_a_dismissed_proposal_is_reopened_from_its_page(
    people: dict[str, Any],
    ids: dict[str, int],
    make_client: Callable[..., TestClient],
    sign_in: Callable[..., str],
) -> None:
    with make_client(people["url"]) as c:
        token = sign_in(c, "planner")
        h = {"X-CSRF-Token": token}
        item = c.post("/api/supervision/propose", headers=h).json()["proposed"][0]
        c.post(f"/api/supervision/{item}/dismiss", data={"reason": "暂不督办"}, headers=h)
        r = c.post(
            f"/supervision/{item}/reopen",
            data={"csrf_token": token, "reason": "数据复核后仍滞后"},
            follow_redirects=False,
        )
        assert r.status_code == 303
        got = c.get(f"/api/supervision/{item}").json()
        assert got["state"] == "open" and got["transitions"][-1]["from_state"] == "dismissed"
        assert (
            c.post(
                f"/supervision/{item}/reopen",
                data={"csrf_token": "wrong", "reason": "x"},
                follow_redirects=False,
            ).status_code
            == 403
        )
    engine = open_database(people["url"])
    with transaction(engine) as s:
        assert (
            s.scalar(
                select(SupervisionTransition.actor)
                .where(SupervisionTransition.item_id == item)
                .order_by(SupervisionTransition.id.desc())
                .limit(1)
            )
            == "planner"
        )
    engine.dispose()


def test_supervision_notifications_are_e_mailed(
    people: dict[str, Any],
    ids: dict[str, int],
    smtp: Inbox,
    make_client: Callable[..., TestClient],
    sign_in: Callable[..., str],
) -> None:
    with make_client(people["url"], mail=MailSettings("127.0.0.1", smtp.port)) as c:
        item, token = _closed_item(c, sign_in, ids["t_gdp2"])
        c.post(
            f"/api/supervision/{item}/reopen",
            data={"reason": "整改未到位"},
            headers={"X-CSRF-Token": token},
        )
    got = smtp.wait(4)
    subjects = [(m["To"], m.get_payload(decode=True).decode("utf-8")) for m in got]  # type: ignore[union-attr]
    assert [to for to, _ in subjects] == [
        "ndrc@example.org",
        "planner@example.org",
        "ndrc@example.org",
        "ndrc@example.org",
    ]
    assert "已交办区发改局" in subjects[0][1] and "is assigned to 区发改局" in subjects[0][1]
    assert "已由ndrc答复" in subjects[1][1]
    assert "已由planner销号" in subjects[2][1]
    assert "重新打开" in subjects[3][1] and "整改未到位" in subjects[3][1]


def test_a_server_that_is_down_never_fails_the_transition(
    people: dict[str, Any],
    ids: dict[str, int],
    make_client: Callable[..., TestClient],
    sign_in: Callable[..., str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="plancockpit.services.followup.mail"),
        make_client(people["url"], mail=MailSettings("127.0.0.1", free_port())) as c,
    ):
        item, _ = _closed_item(c, sign_in, ids["t_gdp2"])
        assert c.get(f"/api/supervision/{item}").json()["state"] == "closed"
    assert "failed" in caplog.text
    assert _kinds(people["url"], "ndrc") == ["item_assigned", "item_closed"]  # the inbox has them
    assert _kinds(people["url"], "planner")[-1] == "item_answered"
