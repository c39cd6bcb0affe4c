"""Sign-ins are server-side sessions: signing out, removing the user or changing its role takes
effect at once, whatever cookie a client kept; failed sign-ins are throttled per name and per
address (429 with Retry-After)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.services.users import add_user, remove_user, set_ties
from tests.web.conftest import PASSWORD


def _me(client: TestClient, cookies: Any) -> Any:
    client.cookies.clear()
    client.cookies.update(cookies)
    return client.get("/api/me").json()["user"]


def test_sign_out_removal_and_role_change_act_at_once(client: TestClient, seeded: dict[str, Any],
                                                       sign_in: Callable[..., str]) -> None:
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        add_user(s, name="temp", role="planner", password=PASSWORD)
    token = sign_in(client, "planner")
    kept = dict(client.cookies)
    assert _me(client, kept)["name"] == "planner"
    client.post("/api/logout", headers={"X-CSRF-Token": token})
    assert _me(client, kept) is None  # the cookie from before signing out is worth nothing
    client.cookies.clear()
    sign_in(client, "temp")
    temp = dict(client.cookies)
    with transaction(engine) as s:
        set_ties(s, "temp", role="viewer")
    assert _me(client, temp)["role"] == "viewer"  # not the role the cookie was signed with
    with transaction(engine) as s:
        remove_user(s, "temp")
    assert _me(client, temp) is None
    engine.dispose()


def test_failed_sign_ins_are_throttled_per_name_and_address(client: TestClient) -> None:
    for _ in range(5):
        r = client.post("/api/login", json={"name": "planner", "password": "wrong password"})
        assert r.status_code == 401
    blocked = client.post("/api/login", json={"name": "planner", "password": PASSWORD})
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    assert "登录失败次数过多" in blocked.json()["detail"]
    client.app.state.login_throttle.storage.reset()  # type: ignore[attr-defined]
    assert client.post("/api/login", json={"name": "planner", "password": PASSWORD}).status_code == 200
    for n in range(20):  # many names from one address
        client.post("/api/login", json={"name": f"guess{n}", "password": "x"})
    assert client.post("/api/login", json={"name": "viewer", "password": PASSWORD}).status_code == 429
    page = client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf_token": "x"})
    assert page.status_code in (403, 429)
