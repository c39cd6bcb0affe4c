"""Form routes that change data do their database work in the thread pool, never on the event
loop: while one of them is inside its service call, another request is still answered. Each
case holds the service call until a page has been served (or 5 s have passed)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from plancockpit.db.engine import transaction
from plancockpit.errors import NotFound
from plancockpit.services.access.users import add_user

PLANNER_FORMS: list[tuple[str, str, Callable[[dict[str, int]], str], dict[str, str]]] = [
    (
        "review",
        "plancockpit.web.pages.apply_review",
        lambda ids: f"/documents/{ids['doc']}/records/{ids['record']}/review",
        {"action": "confirm"},
    ),
    (
        "lead units",
        "plancockpit.web.pages.apply_lead_units",
        lambda ids: f"/indicators/{ids['gdp']}/lead-units",
        {"units": "区发改局"},
    ),
    (
        "direction",
        "plancockpit.web.pages.apply_direction",
        lambda ids: f"/indicators/{ids['gdp']}/direction",
        {"direction": "up"},
    ),
    (
        "round values",
        "plancockpit.services.followup.rounds.get_round",
        lambda ids: "/rounds/1/values",
        {"v1": "12"},
    ),
]
ADMIN_FORMS: list[tuple[str, str, Callable[[dict[str, int]], str], dict[str, str]]] = [
    (
        "document published",
        "plancockpit.services.opendata.publishing.set_published",
        lambda ids: f"/documents/{ids['doc']}/published",
        {"published": "1"},
    ),
    (
        "document targets published",
        "plancockpit.services.opendata.publishing.publish_document_targets",
        lambda ids: f"/documents/{ids['doc']}/publish-targets",
        {"published": "1"},
    ),
    (
        "indicator published",
        "plancockpit.services.opendata.publishing.set_published",
        lambda ids: f"/indicators/{ids['gdp']}/published",
        {"published": "1"},
    ),
]


@pytest.fixture
def admin(seeded: dict[str, Any], password: str) -> str:
    engine = create_engine(seeded["url"])
    with transaction(engine) as s:
        add_user(s, name="admin", role="admin", password=password)
    engine.dispose()
    return "admin"


def _served_while_held(
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    service: str,
    url: str,
    form: dict[str, str],
) -> tuple[bool, int]:
    """Post the form with its service call held; a page is asked for meanwhile. Returns whether
    the page was served while the call was held, and the form's status (404 from the stand-in)."""
    entered, page_served, seen = threading.Event(), threading.Event(), []

    def held(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        seen.append(page_served.wait(5))
        raise NotFound("held by the test")

    monkeypatch.setattr(service, held)
    answers: list[int] = []
    poster = threading.Thread(
        target=lambda: answers.append(
            client.post(url, data=form, follow_redirects=False).status_code
        )
    )
    poster.start()
    assert entered.wait(10), "the form never reached its service call"
    assert client.get("/login").status_code == 200
    page_served.set()
    poster.join(15)
    return seen == [True], answers[0]


@pytest.mark.parametrize("case", PLANNER_FORMS, ids=[c[0] for c in PLANNER_FORMS])
def test_a_planners_form_leaves_the_event_loop_free(
    case: tuple[str, str, Callable[[dict[str, int]], str], dict[str, str]],
    client: TestClient,
    ids: dict[str, int],
    sign_in: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, service, url, form = case
    csrf = sign_in(client, "planner")
    served, status = _served_while_held(
        client, monkeypatch, service, url(ids), {**form, "csrf_token": csrf}
    )
    assert served, "another request waited for the form's database work"
    assert status == 404


@pytest.mark.parametrize("case", ADMIN_FORMS, ids=[c[0] for c in ADMIN_FORMS])
def test_an_admins_form_leaves_the_event_loop_free(
    case: tuple[str, str, Callable[[dict[str, int]], str], dict[str, str]],
    client: TestClient,
    ids: dict[str, int],
    admin: str,
    sign_in: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, service, url, form = case
    csrf = sign_in(client, admin)
    served, status = _served_while_held(
        client, monkeypatch, service, url(ids), {**form, "csrf_token": csrf}
    )
    assert served, "another request waited for the form's database work"
    assert status == 404
