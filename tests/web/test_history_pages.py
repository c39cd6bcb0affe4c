"""The audit trail on pages (issue 9, item 5): a target's page and a document's record rows show
their history (who, when, what, before → after) to those who review, escaped, in both
languages; admins download the whole trail as CSV from the web; no route writes an event."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Event
from plancockpit.services.access.users import add_user
from tests.web.conftest import PASSWORD

LATER = (date.today() + timedelta(days=20)).isoformat()
EVIL = "<script>alert(1)</script>"


def _changes(c: TestClient, token: str, ids: dict[str, int]) -> int:
    """A planner edits the GDP target's record and opens an item on the target."""
    h = {"X-CSRF-Token": token}
    r = c.post(
        f"/api/records/{ids['record']}/review",
        headers=h,
        json={"action": "edit", "changes": {"metric": "地区生产总值" + EVIL}},
    )
    assert r.status_code == 200, r.text
    r = c.post(
        "/api/supervision",
        headers=h,
        json={"target_id": ids["t_gdp"], "ask": "请说明" + EVIL, "due_date": LATER},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _event_count(url: str) -> int:
    engine = open_database(url)
    with transaction(engine) as s:
        n = s.scalar(select(func.count()).select_from(Event)) or 0
    engine.dispose()
    return n


def _add_admin(url: str) -> None:
    engine = open_database(url)
    with transaction(engine) as s:
        add_user(s, name="admin", role="admin", password=PASSWORD)
    engine.dispose()


def test_a_target_page_shows_its_history_to_reviewers(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    token = sign_in(client, "planner")
    item = _changes(client, token, ids)
    page = client.get(f"/targets/{ids['t_gdp']}")
    assert page.status_code == 200
    html = page.text
    assert 'id="target-events"' in html and f'href="/supervision/{item}"' in html
    assert f'href="/documents/{ids["doc"]}#r{ids["record"]}"' in html
    assert 'data-entity="record"' in html and 'data-entity="supervision"' in html
    assert "metric: 地区生产总值 → 地区生产总值&lt;script&gt;" in html and EVIL not in html
    assert "变更记录" in html and "操作人" in html
    english = client.get(f"/targets/{ids['t_gdp']}?lang=en").text
    assert "Change history" in english and "Changed" in english
    api = client.get(f"/api/targets/{ids['t_gdp']}/history")
    assert api.status_code == 200
    entities = [e["entity"] for e in api.json()]
    assert entities[0] == "supervision" and "record" in entities  # newest first
    assert client.get("/api/targets/999999/history").status_code == 404
    assert client.get("/targets/999999").status_code == 404
    # the indicator page links each target to its page
    assert f'href="/targets/{ids["t_gdp2"]}"' in client.get(f"/indicators/{ids['gdp']}").text
    client.post("/api/logout", headers={"X-CSRF-Token": token})
    token = sign_in(client, "viewer")  # a viewer reads the target, not who changed it
    assert 'id="target-events"' not in client.get(f"/targets/{ids['t_gdp']}").text
    assert client.get(f"/api/targets/{ids['t_gdp']}/history").status_code == 403
    client.post("/api/logout", headers={"X-CSRF-Token": token})
    assert client.get(f"/api/targets/{ids['t_gdp']}/history").status_code == 401


def test_a_document_page_shows_each_record_s_history(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    token = sign_in(client, "planner")
    _changes(client, token, ids)
    html = client.get(f"/documents/{ids['doc']}").text
    assert f'id="h{ids["record"]}"' in html and f'id="events-{ids["record"]}"' in html
    assert f'id="h{ids["record_actual"]}"' not in html  # a record nobody changed: no history
    assert "&lt;script&gt;" in html and EVIL not in html
    client.post("/api/logout", headers={"X-CSRF-Token": token})
    assert f'id="h{ids["record"]}"' not in client.get(f"/documents/{ids['doc']}").text  # anonymous


def test_admins_download_the_trail_as_csv_from_the_web(
    seeded: dict[str, Any],
    ids: dict[str, int],
    make_client: Callable[..., TestClient],
    sign_in: Callable[..., str],
) -> None:
    _add_admin(seeded["url"])
    with make_client(seeded["url"]) as c:
        token = sign_in(c, "planner")
        _changes(c, token, ids)
        assert 'id="audit-csv"' not in c.get("/users").text
        assert c.get("/api/events.csv").status_code == 403
        c.post("/api/logout", headers={"X-CSRF-Token": token})
        sign_in(c, "admin")
        page = c.get("/users").text
        assert 'href="/api/events.csv"' in page and 'id="audit-csv"' in page
        got = c.get("/api/events.csv")
        assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
        assert 'filename="audit-trail.csv"' in got.headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
        assert rows[0] == ["id", "at", "actor", "action", "entity", "entity_id", "changes"]
        assert {r[4] for r in rows[1:]} >= {"record", "supervision", "user"}
        assert any(r[2] == "planner" and EVIL in r[6] for r in rows[1:])


def test_nothing_in_the_app_writes_or_edits_the_trail(
    client: TestClient, seeded: dict[str, Any], sign_in: Callable[..., str]
) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    trail = {p: set(ops) for p, ops in paths.items() if "event" in p or "history" in p}
    assert set(trail) == {"/api/events", "/api/events.csv", "/api/targets/{target_id}/history"}
    assert all(ops == {"get"} for ops in trail.values()), trail
    token = sign_in(client, "planner")
    before = _event_count(seeded["url"])
    h = {"X-CSRF-Token": token}
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in (
            "/api/events",
            "/api/events/1",
            "/api/events.csv",
            "/api/targets/1/history",
            "/targets/1",
        ):
            assert client.request(method, path, headers=h).status_code in (404, 405), (method, path)
    assert _event_count(seeded["url"]) == before


def test_a_target_s_own_changes_are_on_its_page_in_the_api_and_the_export(
    seeded: dict[str, Any],
    ids: dict[str, int],
    make_client: Callable[..., TestClient],
    sign_in: Callable[..., str],
) -> None:
    _add_admin(seeded["url"])
    with make_client(seeded["url"]) as c:
        h = {"X-CSRF-Token": sign_in(c, "planner")}
        for units in (
            ["区发改局"],
            ["区发改局" + EVIL],
        ):  # the second moves the targets that had the first
            r = c.post(f"/api/indicators/{ids['gdp']}/lead-units", headers=h, json={"units": units})
            assert r.status_code == 200, r.text
        html = c.get(f"/targets/{ids['t_gdp']}").text
        assert 'data-entity="target"><td>' in html and "区发改局&lt;script&gt;" in html
        assert EVIL not in html
        own = c.get("/api/events", params={"entity": "target", "entity_id": ids["t_gdp"]}).json()
        assert [(e["actor"], e["action"], e["changes"]) for e in own["items"]] == [
            ("planner", "update", {"lead_units": [["区发改局"], ["区发改局" + EVIL]]})
        ]
        history = c.get(f"/api/targets/{ids['t_gdp']}/history").json()
        assert history[0]["entity"] == "target" and history[0]["entity_id"] == ids["t_gdp"]
        c.post("/api/logout", headers=h)
        sign_in(c, "admin")
        rows = list(csv.reader(io.StringIO(c.get("/api/events.csv").content.decode("utf-8-sig"))))
        mine = [r for r in rows[1:] if r[4] == "target"]
        assert {int(r[5]) for r in mine} == {ids["t_gdp"], ids["t_gdp2"]}
        assert all(r[2] == "planner" and r[3] == "update" and EVIL in r[6] for r in mine)


def test_the_events_route_takes_every_audited_entity() -> None:
    from typing import get_args

    from plancockpit.services.access.audit_log import ENTITIES
    from plancockpit.web.audit import Entity

    assert get_args(Entity) == ("", *ENTITIES)
