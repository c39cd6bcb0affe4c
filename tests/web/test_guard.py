"""Bodies refused before they are read (by role, size and missing length) and the security
headers of every answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plancockpit.web.guard import BodyGuard


def _scope(path: str, headers: dict[str, str], user: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "type": "http",
        "method": "POST",
        "path": path,
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
        "session": {"user": user} if user else {},
    }


async def _never(*_: Any) -> None:
    raise AssertionError("the app was called")


GUARD = BodyGuard(_never, max_upload_bytes=10 * 1024 * 1024)
PLANNER = {"id": 1, "name": "p", "role": "planner"}


@pytest.mark.parametrize(
    ("path", "headers", "user", "status"),
    [
        ("/api/import/documents", {"content-length": str(300 * 1024 * 1024)}, None, 401),
        (
            "/api/import/documents",
            {"content-length": "10"},
            {"id": 2, "name": "v", "role": "viewer"},
            403,
        ),
        (
            "/api/import/actuals",
            {"content-length": "10"},
            {"id": 3, "name": "r", "role": "reporter"},
            None,
        ),
        ("/api/import/documents", {"content-length": str(11 * 1024 * 1024)}, PLANNER, 413),
        ("/api/observations", {"content-length": str(2 * 1024 * 1024)}, PLANNER, 413),
        ("/api/observations", {"transfer-encoding": "chunked"}, PLANNER, 411),
        ("/api/observations", {"content-length": "many"}, PLANNER, 400),
        ("/api/observations", {"content-length": "80"}, PLANNER, None),
    ],
)
def test_what_the_guard_refuses_unread(
    path: str, headers: dict[str, str], user: dict[str, Any] | None, status: int | None
) -> None:
    refusal = GUARD.refusal(_scope(path, headers, user))
    assert (refusal[0] if refusal else None) == status


def test_an_anonymous_upload_is_refused_before_its_body(client: TestClient) -> None:
    r = client.post("/api/import/documents", files=[("files", ("a.txt", b"x" * 1000))])
    assert r.status_code == 401 and "sign in" in r.json()["detail"]
    page = client.post(
        "/import/documents", files=[("files", ("a.txt", b"x"))], follow_redirects=False
    )
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")


def test_an_upload_over_the_limit_is_413(
    seeded: dict[str, Any], make_client: Callable[..., TestClient], sign_in: Callable[..., str]
) -> None:
    with make_client(seeded["url"], max_upload_bytes=1000) as c:
        token = sign_in(c)
        r = c.post(
            "/api/import/documents",
            headers={"X-CSRF-Token": token},
            files=[("files", ("big.txt", b"x" * 5000))],
        )
        assert r.status_code == 413 and "larger than" in r.json()["detail"]


def test_security_headers_and_the_scripts_nonce(client: TestClient) -> None:
    r = client.get("/")
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    policy = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce and f'<script nonce="{nonce.group(1)}">' in r.text
    assert "<script>" not in r.text  # every inline script carries the nonce
    assert client.get("/").headers["content-security-policy"] != policy  # a nonce per answer
