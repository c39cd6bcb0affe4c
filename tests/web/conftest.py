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
from tests.web import live_server


def _load_seed() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "cockpit_seed", Path(__file__).with_name("cockpit_seed.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEED = _load_seed()
PASSWORD: str = SEED.PASSWORD


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium for a module's browser tests (`live_server.py`)."""
    with live_server.chromium() as launched:
        yield launched


@pytest.fixture
def seeded(db_url: str) -> dict[str, Any]:
    engine = open_database(db_url)
    ids = SEED.seed(engine)
    engine.dispose()
    return {"url": db_url, "ids": ids}


class SettledClient(TestClient):
    """A test client that, after each request that may change data, waits for the facts'
    refresher to drain (`freshness.drain`) before the test sees the answer — as a user would
    see the change a moment later. The request itself never refreshes (see test_freshness)."""

    def request(self, method: str, url: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        response = super().request(method, url, *args, **kwargs)
        if method.upper() not in ("GET", "HEAD", "OPTIONS"):
            from plancockpit.web import freshness

            freshness.drain(self.app.state)  # type: ignore[attr-defined]
        return response


def _make_client(url: str, **settings: Any) -> TestClient:
    return SettledClient(
        create_app(Settings(db_url=url, secret_key="test-secret-0123456789", **settings))
    )


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


def _run_jobs(client: TestClient) -> None:
    """Run every queued job to its end in this thread, as the app's worker would (then the
    statuses are marked stale, as its worker does after a job, and the refresher drained)."""
    from plancockpit.services.jobs.runs import run_until_idle
    from plancockpit.web import freshness

    state = client.app.state  # type: ignore[attr-defined]
    if run_until_idle(state.engine, state.settings.jobs):
        freshness.changed_everything(state)
        freshness.drain(state)


@pytest.fixture
def run_jobs() -> Callable[[TestClient], None]:
    """Run the queued upload jobs until none is left (the tests' app has no worker thread)."""
    return _run_jobs


def _job_of(client: TestClient, queued: Any) -> dict[str, Any]:
    """The answer of an upload (202 with its job), the job run to its end, as the API shows it."""
    assert queued.status_code == 202, queued.text
    _run_jobs(client)
    job = client.get(queued.json()["url"])
    assert job.status_code == 200, job.text
    return dict(job.json())


@pytest.fixture
def job_of() -> Callable[[TestClient, Any], dict[str, Any]]:
    return _job_of
