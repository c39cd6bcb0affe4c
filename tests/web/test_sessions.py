"""Server-side sessions: a cookie names a `web_sessions` row and nothing else, and stops working
the moment the row goes — sign-out, expiry, the user deleted, its role or password changed
(through the services, the CLI or straight in the database). SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from sqlalchemy import Engine, select, text, update
from typer.testing import CliRunner

from plancockpit.cli import app as cli
from plancockpit.db.engine import transaction
from plancockpit.db.models import User, WebSession
from plancockpit.services import users, web_sessions
from tests.web.conftest import PASSWORD

COOKIE = "plancockpit_session"
SECRET = "test-secret-0123456789"  # tests/web/conftest.py


def _engine(client: TestClient) -> Engine:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    return engine


def _cookie_data(client: TestClient) -> dict[str, Any]:
    """What the signed cookie holds, unsigned and decoded."""
    raw = client.cookies.get(COOKIE)
    assert raw, "no session cookie"
    payload = TimestampSigner(SECRET).unsign(raw.encode())
    data: dict[str, Any] = json.loads(base64.b64decode(payload))
    return data


def _rows(client: TestClient, name: str | None = None) -> list[WebSession]:
    with transaction(_engine(client)) as s:
        query = select(WebSession)
        if name is not None:
            query = query.join(User, User.id == WebSession.user_id).where(User.name == name)
        return list(s.scalars(query))


def _signed_out(client: TestClient, ids: dict[str, int], csrf: str) -> bool:
    """True when the client's cookie gets nobody anywhere: the API, a write, a page, an upload."""
    me = client.get("/api/me").json()["user"]
    review = client.post(f"/api/records/{ids['record']}/review", json={"action": "confirm"},
                         headers={"X-CSRF-Token": csrf})
    page = client.get("/import", follow_redirects=False)
    upload = client.post("/api/import/documents", files={"files": ("a.txt", b"x")},
                         headers={"X-CSRF-Token": csrf})
    return (me is None and review.status_code == 401 and page.status_code == 303
            and page.headers["location"].startswith("/login") and upload.status_code == 401)


def test_the_cookie_carries_only_a_random_token_the_table_only_its_hash(
        client: TestClient, sign_in: Callable[..., str]) -> None:
    csrf = sign_in(client)
    data = _cookie_data(client)
    assert set(data) == {"sid"}  # no name, no role, no CSRF token in the cookie
    (row,) = _rows(client)
    assert row.id == hashlib.sha256(data["sid"].encode()).hexdigest() != data["sid"]
    assert row.csrf_token == csrf and len(data["sid"]) >= 40
    assert row.expires_at is not None and row.last_seen is not None and row.created_at is not None


def test_a_cookie_captured_before_sign_out_is_worthless_after_it(
        client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]) -> None:
    csrf = sign_in(client)
    stolen = client.cookies.get(COOKIE)
    assert client.get("/api/me").json()["user"]["name"] == "planner"
    assert client.post("/api/logout", headers={"X-CSRF-Token": csrf}).json() == {"signed_out": True}
    assert _rows(client) == []
    client.cookies.set(COOKIE, stolen or "")  # replay the cookie from before the sign-out
    assert _signed_out(client, ids, csrf)


def test_the_sign_out_form_ends_the_server_session_too(
        client: TestClient, ids: dict[str, int]) -> None:
    client.get("/login")
    anon = _cookie_data(client)["csrf"]
    r = client.post("/login", data={"name": "planner", "password": PASSWORD, "csrf_token": anon},
                    follow_redirects=False)
    assert r.status_code == 303
    (row,) = _rows(client)
    stolen = client.cookies.get(COOKIE)
    page = client.get("/")
    assert "planner" in page.text
    assert client.post("/logout", data={"csrf_token": row.csrf_token},
                       follow_redirects=False).status_code == 303
    client.cookies.set(COOKIE, stolen or "")
    assert _signed_out(client, ids, row.csrf_token)


@pytest.mark.parametrize("how", ["service", "cli", "sql"])
def test_a_deleted_users_cookie_stops_working(client: TestClient, ids: dict[str, int],
                                              sign_in: Callable[..., str], how: str,
                                              seeded: dict[str, Any]) -> None:
    csrf = sign_in(client)
    assert client.get("/api/me").json()["user"]["name"] == "planner"
    if how == "service":
        with transaction(_engine(client)) as s:
            users.delete_user(s, name="planner")
    elif how == "cli":
        result = CliRunner().invoke(cli, ["user", "delete", "planner", "--db", seeded["url"]])
        assert result.exit_code == 0, result.output
    else:  # straight in the database: the foreign key takes the sessions with the user
        with transaction(_engine(client)) as s:
            s.execute(text("DELETE FROM users WHERE name = 'planner'"))
    assert _rows(client) == []
    assert _signed_out(client, ids, csrf)


@pytest.mark.parametrize("how", ["service", "cli", "sql"])
def test_a_role_change_signs_the_user_out(client: TestClient, ids: dict[str, int],
                                          sign_in: Callable[..., str], how: str,
                                          seeded: dict[str, Any]) -> None:
    csrf = sign_in(client)
    if how == "service":
        with transaction(_engine(client)) as s:
            users.set_role(s, name="planner", role="viewer")
        assert _rows(client) == []
    elif how == "cli":
        result = CliRunner().invoke(cli, ["user", "role", "planner", "viewer", "--db", seeded["url"]])
        assert result.exit_code == 0 and "signed out everywhere" in result.output
    else:  # a change the services never saw: the request's check finds the stamp changed
        with transaction(_engine(client)) as s:
            s.execute(update(User).where(User.name == "planner").values(role="viewer"))
        assert len(_rows(client)) == 1
    assert _signed_out(client, ids, csrf)
    assert _rows(client) == []  # the stale row went with the request that found it
    # signed in again, the user has the new role
    sign_in(client)
    assert client.get("/api/me").json()["user"] == {"name": "planner", "role": "viewer"}


@pytest.mark.parametrize("how", ["service", "sql"])
def test_a_password_change_signs_the_user_out(client: TestClient, ids: dict[str, int],
                                              sign_in: Callable[..., str], how: str) -> None:
    csrf = sign_in(client)
    with transaction(_engine(client)) as s:
        if how == "service":
            users.set_password(s, name="planner", password="another-long-one")
        else:
            s.execute(update(User).where(User.name == "planner").values(password_hash="$argon2id$x"))
    assert _signed_out(client, ids, csrf)
    if how == "service":
        assert client.post("/api/login", json={"name": "planner", "password": PASSWORD}).status_code == 401
        assert client.post("/api/login", json={"name": "planner",
                                               "password": "another-long-one"}).status_code == 200


def test_other_users_and_browsers_are_untouched(client: TestClient, seeded: dict[str, Any],
                                                make_client: Callable[..., TestClient],
                                                sign_in: Callable[..., str]) -> None:
    with make_client(seeded["url"]) as second:
        sign_in(client, "planner")
        sign_in(second, "viewer")
        with transaction(_engine(client)) as s:
            users.set_role(s, name="planner", role="reporter")
        assert client.get("/api/me").json()["user"] is None
        assert second.get("/api/me").json()["user"] == {"name": "viewer", "role": "viewer"}


def test_signing_out_everywhere(client: TestClient, seeded: dict[str, Any],
                                make_client: Callable[..., TestClient],
                                sign_in: Callable[..., str]) -> None:
    with make_client(seeded["url"]) as second:
        sign_in(client)
        sign_in(second)
        assert len(_rows(client, "planner")) == 2
        result = CliRunner().invoke(cli, ["user", "signout", "planner", "--db", seeded["url"]])
        assert result.exit_code == 0 and "ended 2 session(s) of planner" in result.output
        assert client.get("/api/me").json()["user"] is None
        assert second.get("/api/me").json()["user"] is None


def test_an_expired_session_is_refused_and_purged(client: TestClient, ids: dict[str, int],
                                                  sign_in: Callable[..., str],
                                                  seeded: dict[str, Any],
                                                  make_client: Callable[..., TestClient]) -> None:
    csrf = sign_in(client)
    past = datetime.now(UTC) - timedelta(seconds=1)
    with transaction(_engine(client)) as s:
        s.execute(update(WebSession).values(expires_at=past))
    assert _signed_out(client, ids, csrf)
    assert _rows(client) == []
    # rows left behind by browsers that never came back are purged at the next sign-in
    sign_in(client, "viewer")
    with transaction(_engine(client)) as s:
        s.execute(update(WebSession).values(expires_at=past))
    with make_client(seeded["url"]) as other:
        sign_in(other, "planner")
    assert len(_rows(client)) == 1 and len(_rows(client, "planner")) == 1  # the viewer's is gone


def test_use_extends_a_session_and_touches_it_at_most_once_a_minute(
        client: TestClient, sign_in: Callable[..., str]) -> None:
    sign_in(client)
    (row,) = _rows(client)
    client.get("/api/me")
    assert _rows(client)[0].last_seen == row.last_seen  # no write for every request
    earlier = row.last_seen - timedelta(minutes=5)
    with transaction(_engine(client)) as s:
        s.execute(update(WebSession).values(last_seen=earlier, expires_at=row.expires_at - timedelta(minutes=5)))
    assert client.get("/api/me").json()["user"]["name"] == "planner"
    (after,) = _rows(client)
    aware = web_sessions._aware
    assert aware(after.last_seen) > aware(earlier) + timedelta(minutes=4)  # touched
    assert aware(after.expires_at) >= aware(row.expires_at)  # and extended from now


def test_csrf_belongs_to_the_session(client: TestClient, ids: dict[str, int],
                                     sign_in: Callable[..., str]) -> None:
    client.get("/login")
    anonymous = _cookie_data(client)["csrf"]
    first = sign_in(client)
    assert first != anonymous
    url = f"/api/records/{ids['record']}/review"
    # the token a visitor had before signing in is no session's token
    assert client.post(url, json={"action": "confirm"}, headers={"X-CSRF-Token": anonymous}).status_code == 403
    assert client.get("/api/me").json()["csrf_token"] == first
    second = sign_in(client)  # signing in again replaces the session and its token
    assert second != first and len(_rows(client)) == 1
    assert client.post(url, json={"action": "confirm"}, headers={"X-CSRF-Token": first}).status_code == 403
    assert client.post(url, json={"action": "confirm"}, headers={"X-CSRF-Token": second}).status_code == 200


def test_a_forged_or_unknown_token_is_nobody(client: TestClient) -> None:
    # A validly signed cookie (someone who knows the secret) with a token no row has.
    forged = base64.b64encode(json.dumps({"sid": "x" * 43}).encode())
    client.cookies.clear()
    client.cookies.set(COOKIE, TimestampSigner(SECRET).sign(forged).decode())
    r = client.get("/api/me")
    assert r.json()["user"] is None
    client.cookies.clear()
    client.cookies.set(COOKIE, r.cookies[COOKIE])
    assert set(_cookie_data(client)) == {"csrf"}  # an anonymous cookie now, the dead token dropped
    # the old cookie format, a user written into the cookie, names nobody either
    old = base64.b64encode(json.dumps({"user": {"id": 1, "name": "admin", "role": "admin"}}).encode())
    client.cookies.clear()
    client.cookies.set(COOKIE, TimestampSigner(SECRET).sign(old).decode())
    assert client.get("/api/me").json()["user"] is None


@pytest.mark.parametrize("secure", [False, True])
def test_secure_cookie_setting(seeded: dict[str, Any], make_client: Callable[..., TestClient],
                               secure: bool) -> None:
    with make_client(seeded["url"], https_only=secure) as c:
        r = c.post("/api/login", json={"name": "planner", "password": PASSWORD})
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie
        assert ("secure" in cookie.replace("samesite", "")) is secure


def test_user_services_refuse_unknown_names_and_roles(client: TestClient) -> None:
    with transaction(_engine(client)) as s:
        with pytest.raises(users.UserError, match="unknown role"):
            users.set_role(s, name="planner", role="boss")
        with pytest.raises(LookupError, match="no user named 'ghost'"):
            users.delete_user(s, name="ghost")
        with pytest.raises(users.UserError, match="8 characters"):
            users.set_password(s, name="planner", password="short")
