"""State-changing routes: sign-in, roles, CSRF, review, observations, imports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD


def test_login_and_logout(client: TestClient, password: str, sign_in: Callable[..., str]) -> None:
    assert (
        client.post("/api/login", json={"name": "planner", "password": "wrong"}).status_code == 401
    )
    assert (
        client.post("/api/login", json={"name": "nobody", "password": password}).status_code == 401
    )
    assert client.post("/api/login", json={"name": "planner"}).status_code == 422
    token = sign_in(client)
    assert client.get("/api/me").json()["user"] == {"name": "planner", "role": "planner"}
    assert client.post("/api/logout").status_code == 403  # no CSRF header
    assert client.post("/api/logout", headers={"X-CSRF-Token": token}).status_code == 200
    assert client.get("/api/me").json()["user"] is None


def test_review_needs_a_user_and_a_csrf_token(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    url = f"/api/records/{ids['record']}/review"
    assert client.post(url, json={"action": "confirm"}).status_code == 401
    sign_in(client, "viewer")
    assert client.post(url, json={"action": "confirm"}).status_code == 403
    token = sign_in(client, "planner")
    assert client.post(url, json={"action": "confirm"}).status_code == 403
    assert (
        client.post(url, json={"action": "confirm"}, headers={"X-CSRF-Token": "forged"}).status_code
        == 403
    )
    r = client.post(url, json={"action": "confirm"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and r.json()["review_state"] == "confirmed"
    assert r.json()["reviewed_by"] == "planner"


@pytest.mark.parametrize(
    "body, status",
    [
        ({"action": "approve"}, 422),
        ({}, 422),
        ({"action": "edit", "changes": {}}, 422),
        ({"action": "edit", "changes": {"value": "many"}}, 422),
        ({"action": "edit", "changes": {"comparator": "≈≈"}}, 422),
        ({"action": "edit", "changes": {"document_id": 5}}, 422),
        ({"action": "edit", "changes": {"metric": " "}}, 422),
        ({"action": "edit", "changes": {"value": "nan"}}, 422),
        ({"action": "edit", "changes": {"value": "1e999"}}, 422),
        ({"action": "edit", "changes": {"value_max": "-inf"}}, 422),
        ({"action": "edit", "changes": {"year": 2**63}}, 422),
    ],
)
def test_bad_review_payloads(
    client: TestClient,
    ids: dict[str, int],
    body: dict[str, Any],
    status: int,
    sign_in: Callable[..., str],
) -> None:
    token = sign_in(client)
    r = client.post(
        f"/api/records/{ids['record']}/review", json=body, headers={"X-CSRF-Token": token}
    )
    assert r.status_code == status
    after = client.get(f"/api/records/{ids['record']}").json()
    assert after["review_state"] == "extracted" and after["value"] == 2500  # nothing half-applied


def test_edit_keeps_the_extracted_values(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    token = sign_in(client)
    r = client.post(
        f"/api/records/{ids['record']}/review",
        headers={"X-CSRF-Token": token},
        json={"action": "edit", "changes": {"value": "2550", "unit": "亿元"}},
    )
    assert r.status_code == 200
    assert r.json()["value"] == 2550 and r.json()["review_state"] == "edited"
    assert r.json()["extracted"]["value"] == 2500
    assert (
        client.post(
            "/api/records/999999/review",
            json={"action": "confirm"},
            headers={"X-CSRF-Token": token},
        ).status_code
        == 404
    )


def test_add_observation_updates_the_status(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    token = sign_in(client)
    before = client.get(f"/api/assessments/{ids['t_gdp']}").json()["status"]
    r = client.post(
        "/api/observations",
        headers={"X-CSRF-Token": token},
        json={"indicator_id": ids["gdp"], "year": 2024, "value": 2600},
    )
    assert r.status_code == 201 and r.json()["entered_by"] == "planner"
    after = client.get(f"/api/assessments/{ids['t_gdp']}").json()["status"]
    assert before == "off_track" and after == "achieved"
    again = client.post(
        "/api/observations",
        headers={"X-CSRF-Token": token},
        json={"indicator_id": ids["gdp"], "year": 2024, "value": 2610},
    )
    assert again.json()["conflict"] is True  # both kept, flagged


@pytest.mark.parametrize(
    "body",
    [
        {"indicator_id": 1, "year": 1066, "value": 1},
        {"indicator_id": 1, "year": 2024},
        {"indicator_id": 1, "year": 2024, "value": "lots"},
        {"indicator_id": 1, "year": 2024, "value": 1, "month": 13},
        {"indicator_id": 1, "year": 2024, "value": "NaN"},
        {"indicator_id": 1, "year": 2024, "value": "Infinity"},
    ],
)
def test_bad_observations(
    client: TestClient, body: dict[str, Any], sign_in: Callable[..., str]
) -> None:
    token = sign_in(client)
    assert (
        client.post("/api/observations", json=body, headers={"X-CSRF-Token": token}).status_code
        == 422
    )


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_json_numbers_refused(
    client: TestClient, ids: dict[str, int], raw: str, sign_in: Callable[..., str]
) -> None:
    """Python's JSON reads NaN and Infinity as numbers; the API must not store them."""
    token = sign_in(client)
    gdp = ids["gdp"]
    body = f'{{"indicator_id": {gdp}, "year": 2024, "value": {raw}}}'
    r = client.post(
        "/api/observations",
        content=body,
        headers={"X-CSRF-Token": token, "Content-Type": "application/json"},
    )
    assert r.status_code == 422
    assert client.get(f"/api/assessments/{ids['t_gdp']}").status_code == 200


def test_observation_for_unknown_indicator(client: TestClient, sign_in: Callable[..., str]) -> None:
    token = sign_in(client)
    r = client.post(
        "/api/observations",
        json={"indicator_id": 999999, "year": 2024, "value": 1},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 404


def test_import_documents_reports_each_file(
    client: TestClient, sign_in: Callable[..., str], job_of: Callable[..., dict[str, Any]]
) -> None:
    assert (
        client.post("/api/import/documents", files=[("files", ("a.txt", b"x"))]).status_code == 401
    )
    token = sign_in(client)
    r = client.post(
        "/api/import/documents",
        headers={"X-CSRF-Token": token},
        files=[("files", ("notes.exe", b"MZ\x00\x00binary")), ("files", ("empty.txt", b""))],
    )
    job = job_of(client, r)
    assert job["state"] == "done" and job["progress"] == {"done": 2, "total": 2}
    rows = job["result"]["items"]
    assert [x["file"] for x in rows] == ["notes.exe", "empty.txt"]
    assert rows[0]["status"] == "failed" and rows[0]["message"]
    assert client.post("/api/import/documents", headers={"X-CSRF-Token": token}).status_code == 422


def test_private_reading(
    seeded: dict[str, Any], make_client: Callable[..., TestClient], sign_in: Callable[..., str]
) -> None:
    with make_client(seeded["url"], public_read=False) as c:
        assert c.get("/api/overview").status_code == 401
        assert c.get("/", follow_redirects=False).headers["location"].startswith("/login")
        sign_in(c, "viewer")
        assert c.get("/api/overview").status_code == 200


def test_import_actuals_reports_each_row(
    client: TestClient,
    ids: dict[str, int],
    sign_in: Callable[..., str],
    job_of: Callable[..., dict[str, Any]],
) -> None:
    csv_bytes = (f"indicator_id,year,value\n{ids['gdp']},2024,2700\n999999,2024,1\n").encode()
    assert (
        client.post("/api/import/actuals", files={"file": ("a.csv", csv_bytes)}).status_code == 401
    )
    token = sign_in(client)
    r = client.post(
        "/api/import/actuals", headers={"X-CSRF-Token": token}, files={"file": ("a.csv", csv_bytes)}
    )
    outcomes = [row["status"] for row in job_of(client, r)["result"]["rows"]]
    assert outcomes == ["accepted", "refused"]
    assert client.get(f"/api/assessments/{ids['t_gdp2']}").json()["status"] == "achieved"
    bad = client.post(
        "/api/import/actuals", headers={"X-CSRF-Token": token}, files={"file": ("a.doc", b"x")}
    )
    assert bad.status_code == 422 and "a.doc" in bad.json()["detail"]
    assert client.post("/api/import/actuals", headers={"X-CSRF-Token": token}).status_code == 422


def test_a_planner_sets_and_clears_an_indicators_direction(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    url = f"/api/indicators/{ids['gdp']}/direction"
    assert client.post(url, json={"direction": "down"}).status_code == 401
    viewer = sign_in(client, "viewer")
    assert (
        client.post(url, json={"direction": "down"}, headers={"X-CSRF-Token": viewer}).status_code
        == 403
    )
    token = sign_in(client, "planner")
    assert (
        client.post(
            url, json={"direction": "sideways"}, headers={"X-CSRF-Token": token}
        ).status_code
        == 422
    )
    r = client.post(url, json={"direction": "down"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 200
    assert r.json()["direction"] == "down" and r.json()["override"] == "down"
    assert "规划人员" in r.json()["reason"]
    page = client.get(f"/indicators/{ids['gdp']}").text
    assert "越低越好" in page and 'id="direction-form"' in page
    r = client.post(url, json={"direction": None}, headers={"X-CSRF-Token": token})
    assert r.json()["override"] is None and r.json()["direction"] == "up"  # 地区生产总值: inferred
    assert (
        client.post(
            "/api/indicators/999999/direction",
            json={"direction": "up"},
            headers={"X-CSRF-Token": token},
        ).status_code
        == 404
    )


def test_the_direction_form_on_the_indicator_page(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    token = sign_in(client, "planner")
    r = client.post(
        f"/indicators/{ids['gdp']}/direction",
        data={"csrf_token": token, "direction": "down"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert client.get(f"/api/indicators/{ids['gdp']}").json()["direction"]["override"] == "down"


def test_the_audit_trail_names_who_changed_what(
    client: TestClient, ids: dict[str, int], seeded: dict[str, Any], sign_in: Callable[..., str]
) -> None:
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.services.access.users import add_user

    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        add_user(s, name="root", role="admin", password=PASSWORD)
    engine.dispose()
    token = sign_in(client)
    r = client.post(
        "/api/observations",
        headers={"X-CSRF-Token": token},
        json={"indicator_id": ids["gdp"], "year": 2019, "value": 1700},
    )
    assert r.status_code == 201
    log = client.get("/api/events", params={"entity": "observation"}).json()["items"]
    assert log[0]["actor"] == "planner" and log[0]["changes"]["value"] == [None, 1700.0]
    assert 'id="history"' in client.get(f"/indicators/{ids['gdp']}").text
    assert client.get("/api/events.csv").status_code == 403  # admins only
    sign_in(client, "root")
    assert "planner" in client.get("/api/events.csv").text
    sign_in(client, "viewer")
    assert client.get("/api/events").status_code == 403
    assert 'id="history"' not in client.get(f"/indicators/{ids['gdp']}").text


def test_a_review_that_deadlocks_is_run_again(
    client: TestClient,
    ids: dict[str, int],
    sign_in: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A deadlock (PostgreSQL 40P01, a review's relink against the refresher) is a lost race:
    the review is rolled back and run again, and the user sees it done, not a 500."""
    from sqlalchemy.exc import OperationalError

    from plancockpit.web import api_write

    class Deadlock(Exception):
        sqlstate = "40P01"

    real, calls = api_write.review_record, []

    def deadlocks_once(*args: Any, **kwargs: Any) -> dict[str, Any]:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("UPDATE targets …", {}, Deadlock("deadlock detected"))
        return real(*args, **kwargs)

    monkeypatch.setattr(api_write, "review_record", deadlocks_once)
    token = sign_in(client)
    r = client.post(
        f"/api/records/{ids['record']}/review",
        json={"action": "confirm"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200 and r.json()["review_state"] == "confirmed"
    assert len(calls) == 2


def test_a_write_sqlite_cannot_take_in_time_is_a_503_that_saves_nothing(
    seeded: dict[str, Any],
    ids: dict[str, int],
    sign_in: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Other writers holding SQLite's lock past every try of the write's BEGIN: the client is
    told the database is busy and when to try again (not a 500), and nothing was stored."""
    import sqlite3

    from sqlalchemy import make_url

    from plancockpit.db import engine as engine_module
    from plancockpit.web.app import create_app
    from plancockpit.web.settings import Settings

    if not seeded["url"].startswith("sqlite"):
        pytest.skip("PostgreSQL has row locks, not one write lock")
    monkeypatch.setattr(engine_module, "BUSY_SECONDS", 0.1)
    app = create_app(Settings(db_url=seeded["url"], secret_key="test-secret-0123456789"))
    with TestClient(app) as client:
        token = sign_in(client)
        other = sqlite3.connect(str(make_url(seeded["url"]).database), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            r = client.post(
                "/api/observations",
                headers={"X-CSRF-Token": token},
                json={"indicator_id": ids["gdp"], "year": 2024, "value": 2600},
            )
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert r.status_code == 503
        assert r.headers["Retry-After"] == "10"
        assert "busy" in r.json()["detail"] and "locked" not in r.json()["detail"]
        # the lock is free again: the same write lands, and is no conflict (nothing was stored)
        again = client.post(
            "/api/observations",
            headers={"X-CSRF-Token": token},
            json={"indicator_id": ids["gdp"], "year": 2024, "value": 2600},
        )
        assert again.status_code == 201 and again.json()["conflict"] is False
