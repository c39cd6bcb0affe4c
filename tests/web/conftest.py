"""The cockpit app on a throw-away database seeded by `cockpit_seed.py` (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plancockpit.db.migrate import open_database
from plancockpit.web.app import create_app
from plancockpit.web.settings import Settings


def _load_seed() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cockpit_seed", Path(__file__).with_name("cockpit_seed.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEED = _load_seed()
PASSWORD: str = SEED.PASSWORD


@pytest.fixture
def seeded(db_url: str) -> dict[str, Any]:
    engine = open_database(db_url)
    ids = SEED.seed(engine)
    engine.dispose()
    return {"url": db_url, "ids": ids}


def _make_client(url: str, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(db_url=url, secret_key="test-secret-0123456789", **settings)))


@pytest.fixture
def make_client() -> Callable[..., TestClient]:
    """Build a client on a URL with settings overridden (e.g. public_read=False)."""
    return _make_client


@pytest.fixture
def client(seeded: dict[str, Any]) -> Iterator[TestClient]:
    with _make_client(seeded["url"]) as c:
        yield c


@pytest.fixture
def ids(seeded: dict[str, Any]) -> dict[str, int]:
    return seeded["ids"]


@pytest.fixture
def password() -> str:
    return PASSWORD


def _sign_in(client: TestClient, name: str = "planner") -> str:
    r = client.post("/api/login", json={"name": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return str(r.json()["csrf_token"])


@pytest.fixture
def sign_in() -> Callable[..., str]:
    """Sign a client in through the API; returns the CSRF token for state-changing calls."""
    return _sign_in
