"""The cockpit app on a throw-away database seeded by `seed.py` (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plancockpit.db.migrate import open_database
from plancockpit.web.app import create_app
from plancockpit.web.settings import Settings
from cockpit_seed import PASSWORD, seed


@pytest.fixture
def seeded(db_url: str) -> dict[str, Any]:
    engine = open_database(db_url)
    ids = seed(engine)
    engine.dispose()
    return {"url": db_url, "ids": ids}


def make_client(url: str, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(db_url=url, secret_key="test-secret-0123456789", **settings)))


@pytest.fixture
def client(seeded: dict[str, Any]) -> Iterator[TestClient]:
    with make_client(seeded["url"]) as c:
        yield c


@pytest.fixture
def ids(seeded: dict[str, Any]) -> dict[str, int]:
    return seeded["ids"]


def sign_in(client: TestClient, name: str = "planner") -> str:
    """Sign in through the API; returns the CSRF token for state-changing calls."""
    r = client.post("/api/login", json={"name": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return str(r.json()["csrf_token"])
