"""Sign-ins are server-side sessions: signing out, removing the user or changing its role takes
effect at once, whatever cookie a client kept; failed sign-ins are throttled per name and per
address (429 with Retry-After)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.services.access.users import add_user, remove_user, set_ties
from tests.web.conftest import PASSWORD


def _me(client: TestClient, cookies: Any) -> Any:
    client.cookies.clear()
    client.cookies.update(cookies)
    return client.get("/api/me").json()["user"]


def test_sign_out_removal_and_role_change_act_at_once(
    client: TestClient, seeded: dict[str, Any], sign_in: Callable[..., str]
) -> None:
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
    assert (
        client.post("/api/login", json={"name": "planner", "password": PASSWORD}).status_code == 200
    )
    for n in range(20):  # many names from one address
        client.post("/api/login", json={"name": f"guess{n}", "password": "x"})
    assert (
        client.post("/api/login", json={"name": "viewer", "password": PASSWORD}).status_code == 429
    )
    page = client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf_token": "x"})
    assert page.status_code in (403, 429)


# More of the same promise, from the hardening list (issue 14, item 5): every way a session can
# end, the cookie it leaves behind opening nothing — not even an upload's body.

COOKIE = "plancockpit_session"
SECRET = "test-secret-0123456789"  # tests/web/conftest.py


def _engine(client: TestClient) -> Any:
    return client.app.state.engine  # type: ignore[attr-defined]


def _cookie_data(raw: str) -> dict[str, Any]:
    import base64
    import json

    from itsdangerous import TimestampSigner

    data: dict[str, Any] = json.loads(
        base64.b64decode(TimestampSigner(SECRET).unsign(raw.encode()))
    )
    return data


def _rows(client: TestClient) -> list[Any]:
    from sqlalchemy import select

    from plancockpit.db.models import WebSession

    with transaction(_engine(client)) as s:
        return list(s.scalars(select(WebSession)))


def _nobody(client: TestClient, cookie: str, ids: dict[str, int], csrf: str) -> bool:
    """The cookie opens nothing: the API, a review, the import page, an upload (refused unread)."""
    client.cookies.clear()
    client.cookies.set(COOKIE, cookie)
    me = client.get("/api/me").json()["user"]
    client.cookies.clear()
    client.cookies.set(COOKIE, cookie)
    review = client.post(
        f"/api/records/{ids['record']}/review",
        json={"action": "confirm"},
        headers={"X-CSRF-Token": csrf},
    )
    client.cookies.clear()
    client.cookies.set(COOKIE, cookie)
    page = client.get("/import", follow_redirects=False)
    client.cookies.clear()
    client.cookies.set(COOKIE, cookie)
    upload = client.post(
        "/api/import/documents",
        files={"files": ("a.txt", b"x" * 1000)},
        headers={"X-CSRF-Token": csrf},
    )
    return (
        me is None
        and review.status_code == 401
        and page.status_code == 303
        and page.headers["location"].startswith("/login")
        and upload.status_code == 401
        and upload.headers.get("connection") == "close"
    )  # the guard's answer: body unread


def test_the_table_keeps_only_the_tokens_hash(
    client: TestClient, sign_in: Callable[..., str]
) -> None:
    import hashlib

    sign_in(client)
    sid = _cookie_data(client.cookies[COOKIE])["sid"]
    (row,) = _rows(client)
    assert row.token_hash == hashlib.sha256(sid.encode()).hexdigest() != sid


def test_a_cookie_from_before_the_sign_out_form_opens_nothing(
    client: TestClient, ids: dict[str, int]
) -> None:
    page = client.get("/login").text
    marker = 'name="csrf_token" value="'
    csrf = page[page.index(marker) + len(marker) :].split('"', 1)[0]
    r = client.post(
        "/login",
        data={"name": "planner", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303
    kept = client.cookies[COOKIE]
    csrf = client.get("/api/me").json()["csrf_token"]  # a fresh one since signing in
    assert (
        client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    )
    assert _rows(client) == []
    assert _nobody(client, kept, ids, csrf)


def test_a_user_deleted_straight_in_the_database_takes_its_sessions(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    from sqlalchemy import text

    csrf = sign_in(client)
    kept = client.cookies[COOKIE]
    with transaction(_engine(client)) as s:
        s.execute(text("DELETE FROM users WHERE name = 'planner'"))  # the foreign key cascades
    assert _rows(client) == []
    assert _nobody(client, kept, ids, csrf)


def test_an_expired_session_is_refused_and_purged_at_the_next_sign_in(
    client: TestClient,
    ids: dict[str, int],
    sign_in: Callable[..., str],
    seeded: dict[str, Any],
    make_client: Callable[..., TestClient],
) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from plancockpit.db.models import WebSession

    csrf = sign_in(client)
    kept = client.cookies[COOKIE]
    with transaction(_engine(client)) as s:
        s.execute(update(WebSession).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert _nobody(client, kept, ids, csrf)
    with make_client(seeded["url"]) as other:
        sign_in(other, "viewer")
    assert len(_rows(client)) == 1  # the expired row went at that sign-in


def test_an_upload_with_a_role_taken_away_is_refused_unread(
    client: TestClient, sign_in: Callable[..., str]
) -> None:
    csrf = sign_in(client, "planner")
    with transaction(_engine(client)) as s:
        set_ties(s, "planner", role="viewer")
    r = client.post(
        "/api/import/documents",
        files={"files": ("a.txt", b"x" * 1000)},
        headers={"X-CSRF-Token": csrf},
    )
    assert r.status_code == 403 and r.headers.get("connection") == "close"
    assert "viewer" in r.json()["detail"]


def test_the_secure_cookie_setting(
    seeded: dict[str, Any], make_client: Callable[..., TestClient]
) -> None:
    for secure in (False, True):
        with make_client(seeded["url"], https_only=secure) as c:
            r = c.post("/api/login", json={"name": "planner", "password": PASSWORD})
            cookie = r.headers["set-cookie"].lower()
            assert "httponly" in cookie and "samesite=lax" in cookie
            assert ("; secure" in cookie) is secure
