"""Every write route a reporter can use refuses values outside its unit or region (403 for a
value, a refused row with the reason in an import) and changes nothing; admins manage the
ties in the API and on the /users page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Observation, Unit
from plancockpit.services.access.users import add_user, set_ties
from tests.web.conftest import PASSWORD


def _reporters(url: str) -> None:
    engine = open_database(url)
    with transaction(engine) as s:
        s.add(Unit(name="区人社局"))
        s.flush()
        add_user(s, name="admin", role="admin", password=PASSWORD)
        for name in ("hr", "town", "loose"):
            add_user(s, name=name, role="reporter", password=PASSWORD)
        set_ties(s, "hr", unit="区人社局")
        set_ties(s, "town", region="东镇")
    engine.dispose()


def _observations(url: str) -> int:
    engine = open_database(url)
    with transaction(engine) as s:
        n = s.scalar(select(func.count(Observation.id))) or 0
    engine.dispose()
    return n


def test_a_value_outside_the_reporter_s_reach_is_403(
    client: TestClient, seeded: dict[str, Any], ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    _reporters(seeded["url"])
    before = _observations(seeded["url"])
    cases = [
        ("hr", "jobs", 201),
        ("hr", "gdp", 403),
        ("town", "care", 201),
        ("town", "gdp", 403),
        ("loose", "jobs", 403),
    ]
    for user, indicator, status in cases:
        token = sign_in(client, user)
        r = client.post(
            "/api/observations",
            headers={"X-CSRF-Token": token},
            json={"indicator_id": ids[indicator], "year": 2019, "value": 1.5},
        )
        assert r.status_code == status, (user, indicator, r.text)
        if status == 403:
            assert "只能填报" in r.json()["detail"] or "不能填报" in r.json()["detail"]
        client.post("/api/logout", headers={"X-CSRF-Token": token})
    assert _observations(seeded["url"]) == before + 2


def test_an_import_refuses_the_rows_of_other_units(
    client: TestClient,
    seeded: dict[str, Any],
    ids: dict[str, int],
    sign_in: Callable[..., str],
    job_of: Callable[..., dict[str, Any]],
    run_jobs: Callable[..., None],
) -> None:
    _reporters(seeded["url"])
    token = sign_in(client, "hr")
    rows = f"indicator_id,year,value\n{ids['jobs']},2019,2.2\n{ids['gdp']},2019,1700\n".encode()
    r = client.post(
        "/api/import/actuals", headers={"X-CSRF-Token": token}, files={"file": ("hr.csv", rows)}
    )
    outcomes = [(row["status"], row["reason"]) for row in job_of(client, r)["result"]["rows"]]
    assert outcomes[0][0] == "accepted"
    assert outcomes[1][0] == "refused" and "区人社局" in outcomes[1][1]
    page = client.get("/import")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    queued = client.post(
        "/import/actuals",
        data={"csrf_token": csrf.group(1)},
        files={"file": ("hr.csv", rows)},
        follow_redirects=False,
    )
    assert queued.status_code == 303 and queued.headers["location"].startswith("/jobs/")
    run_jobs(client)
    assert "只能填报" in client.get(queued.headers["location"]).text


def test_admins_manage_users_and_their_ties(
    client: TestClient, seeded: dict[str, Any], sign_in: Callable[..., str]
) -> None:
    _reporters(seeded["url"])
    token = sign_in(client, "planner")
    assert client.get("/api/users").status_code == 403
    assert client.get("/users").status_code == 403
    client.post("/api/logout", headers={"X-CSRF-Token": token})
    token = sign_in(client, "admin")
    made = client.post(
        "/api/users",
        headers={"X-CSRF-Token": token},
        json={"name": "new", "role": "reporter", "password": "long-enough", "unit": "区人社局"},
    )
    assert made.status_code == 201 and made.json()["unit"] == "区人社局"
    moved = client.post(
        "/api/users/new", headers={"X-CSRF-Token": token}, json={"unit": "", "region": "东镇"}
    )
    assert moved.json() == {
        "name": "new",
        "role": "reporter",
        "unit": "",
        "region": "东镇",
        "email": "",
    }
    unknown = client.post(
        "/api/users/new", headers={"X-CSRF-Token": token}, json={"unit": "区教育局"}
    )
    assert unknown.status_code == 404 and "区人社局" in unknown.json()["detail"]
    assert {u["name"] for u in client.get("/api/users").json()} >= {"new", "hr", "town"}
    page = client.get("/users?lang=en")
    assert page.status_code == 200 and "Add user" in page.text and "东镇" in page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    saved = client.post(
        "/users",
        data={
            "csrf_token": csrf.group(1),
            "name": "new",
            "role": "viewer",
            "unit": "",
            "region": "",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert [u for u in client.get("/api/users").json() if u["name"] == "new"][0]["role"] == "viewer"
