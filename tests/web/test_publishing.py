"""Publishing documents and indicators (admins only): API, page forms, refusals and the audit trail."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Document, Indicator
from plancockpit.services.access.users import add_user

ADMIN_PASSWORD = "admin-pass-123"


@pytest.fixture
def admin(seeded: dict[str, Any]) -> str:
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        add_user(s, name="root", role="admin", password=ADMIN_PASSWORD)
    engine.dispose()
    return "root"


def _admin_token(client: TestClient) -> str:
    r = client.post("/api/login", json={"name": "root", "password": ADMIN_PASSWORD})
    assert r.status_code == 200, r.text
    return str(r.json()["csrf_token"])


def _flags(url: str) -> dict[str, Any]:
    engine = open_database(url)
    with transaction(engine) as s:
        docs = {d.id: d.published for d in s.query(Document)}
        inds = {i.id: i.published for i in s.query(Indicator)}
    engine.dispose()
    return {"documents": docs, "indicators": inds}


def test_an_admin_publishes_and_withdraws_by_the_api(
    client: TestClient, seeded: dict[str, Any], ids: dict[str, int], admin: str
) -> None:
    assert _flags(seeded["url"])["indicators"][ids["gdp"]] is False  # nothing is published at first
    token = _admin_token(client)
    r = client.post(
        f"/api/indicators/{ids['gdp']}/published",
        json={"published": True},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"kind": "indicator", "id": ids["gdp"], "published": True, "changed": True}
    r = client.post(
        f"/api/documents/{ids['doc']}/published",
        json={"published": True},
        headers={"X-CSRF-Token": token},
    )
    assert r.json()["changed"] is True
    flags = _flags(seeded["url"])
    assert flags["indicators"] == {ids["gdp"]: True, ids["jobs"]: False, ids["care"]: False}
    assert flags["documents"][ids["doc"]] is True
    r = client.post(
        f"/api/indicators/{ids['gdp']}/published",
        json={"published": False},
        headers={"X-CSRF-Token": token},
    )
    assert r.json()["published"] is False
    assert _flags(seeded["url"])["indicators"][ids["gdp"]] is False
    # each change is an event with who and before → after
    events = client.get(
        "/api/events", params={"entity": "indicator", "entity_id": ids["gdp"]}
    ).json()["items"]
    assert [e["changes"] for e in events] == [
        {"published": [True, False]},
        {"published": [False, True]},
    ]
    assert {e["actor"] for e in events} == {"root"}
    doc_events = client.get("/api/events", params={"entity": "document"}).json()["items"]
    assert [(e["entity_id"], e["changes"]) for e in doc_events] == [
        (ids["doc"], {"published": [False, True]})
    ]


def test_publishing_a_documents_targets(
    client: TestClient, seeded: dict[str, Any], ids: dict[str, int], admin: str
) -> None:
    token = _admin_token(client)
    r = client.post(
        f"/api/documents/{ids['doc']}/publish-targets",
        json={"published": True},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 200, r.text
    # the document sets targets for GDP and care; the jobs target has no record in it
    assert r.json() == {
        "document_id": ids["doc"],
        "published": True,
        "indicators": sorted([ids["gdp"], ids["care"]]),
        "changed": 2,
    }
    flags = _flags(seeded["url"])
    assert flags["documents"][ids["doc"]] is True
    assert flags["indicators"] == {ids["gdp"]: True, ids["jobs"]: False, ids["care"]: True}


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/{doc}/published",
        "/api/indicators/{gdp}/published",
        "/api/documents/{doc}/publish-targets",
    ],
)
def test_only_admins_with_a_csrf_token_publish(
    client: TestClient,
    seeded: dict[str, Any],
    ids: dict[str, int],
    admin: str,
    sign_in: Callable[..., str],
    path: str,
) -> None:
    url = path.format(**ids)
    before = _flags(seeded["url"])
    assert client.post(url, json={"published": True}).status_code == 401  # signed out
    token = sign_in(client, "planner")
    r = client.post(url, json={"published": True}, headers={"X-CSRF-Token": token})
    assert r.status_code == 403 and "may not publish" in r.json()["detail"]
    client.post("/api/logout", headers={"X-CSRF-Token": token})
    token = _admin_token(client)
    assert client.post(url, json={"published": True}).status_code == 403  # no CSRF header
    assert (
        client.post(url, json={"published": True}, headers={"X-CSRF-Token": "forged"}).status_code
        == 403
    )
    for bad in ({}, {"published": "perhaps"}, {"published": None}):
        assert client.post(url, json=bad, headers={"X-CSRF-Token": token}).status_code == 422
    assert _flags(seeded["url"]) == before  # nothing changed
    assert client.get("/api/events", params={"entity": "document"}).json()["total"] == 0


def test_unknown_ids_are_404(client: TestClient, admin: str) -> None:
    token = _admin_token(client)
    for url in (
        "/api/documents/999999/published",
        "/api/indicators/999999/published",
        "/api/documents/999999/publish-targets",
    ):
        r = client.post(url, json={"published": True}, headers={"X-CSRF-Token": token})
        assert r.status_code == 404, url
        assert "not found" in r.json()["detail"]


def _csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def test_page_toggles_for_admins(
    client: TestClient,
    seeded: dict[str, Any],
    ids: dict[str, int],
    admin: str,
    sign_in: Callable[..., str],
) -> None:
    page = client.get(f"/indicators/{ids['gdp']}").text
    assert 'id="publish-form"' not in page and 'id="published-state"' not in page  # signed out
    sign_in(client, "planner")
    page = client.get(f"/indicators/{ids['gdp']}").text
    assert 'id="published-state"' in page and 'id="publish-form"' not in page  # seen, not switched
    client.cookies.clear()
    _admin_token(client)
    page = client.get(f"/indicators/{ids['gdp']}").text
    assert 'id="publish-form"' in page
    r = client.post(
        f"/indicators/{ids['gdp']}/published",
        data={"csrf_token": _csrf_of(page), "published": "1"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].endswith("#publishing")
    assert _flags(seeded["url"])["indicators"][ids["gdp"]] is True
    doc_page = client.get(f"/documents/{ids['doc']}").text
    assert 'id="publish-targets-form"' in doc_page
    r = client.post(
        f"/documents/{ids['doc']}/publish-targets",
        data={"csrf_token": _csrf_of(doc_page), "published": "1"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    flags = _flags(seeded["url"])
    assert flags["documents"][ids["doc"]] is True and flags["indicators"][ids["care"]] is True
    # a forged or missing token, or a bad flag, changes nothing
    r = client.post(
        f"/documents/{ids['doc']}/published", data={"csrf_token": "forged", "published": "0"}
    )
    assert r.status_code == 403
    r = client.post(
        f"/documents/{ids['doc']}/published",
        data={"csrf_token": _csrf_of(doc_page), "published": "yes"},
    )
    assert r.status_code == 422 and "published must be 1 or 0" in r.text
    assert _flags(seeded["url"])["documents"][ids["doc"]] is True


def test_a_planners_form_post_is_refused(
    client: TestClient, seeded: dict[str, Any], ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    sign_in(client, "planner")
    token = _csrf_of(client.get(f"/documents/{ids['doc']}").text)
    r = client.post(
        f"/documents/{ids['doc']}/published", data={"csrf_token": token, "published": "1"}
    )
    assert r.status_code == 403
    assert _flags(seeded["url"])["documents"][ids["doc"]] is False
