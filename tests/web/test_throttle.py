"""Sign-in throttling: failures per user name and per client address, 429 with Retry-After on
the API and the page, a success not counted, the window passing; no name enumeration by time.
SQLite and PostgreSQL (the users live in the database)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plancockpit.services.access import users
from plancockpit.web.settings import Settings
from plancockpit.web.throttle import LoginThrottle
from tests.web.conftest import PASSWORD


def _login(client: TestClient, name: str, password: str) -> Any:
    return client.post("/api/login", json={"name": name, "password": password})


def _throttle(client: TestClient) -> LoginThrottle:
    throttle: LoginThrottle = client.app.state.login_throttle  # type: ignore[attr-defined]
    return throttle


def test_the_sixth_try_after_five_failures_is_refused_even_with_the_right_password(
    client: TestClient,
) -> None:
    for _ in range(5):
        assert _login(client, "planner", "wrong-password").status_code == 401
    r = _login(client, "planner", PASSWORD)
    assert r.status_code == 429
    assert (
        "too many failed sign-ins" in r.json()["detail"]
        and "登录失败次数过多" in r.json()["detail"]
    )
    assert 1 <= int(r.headers["Retry-After"]) <= 15 * 60
    assert "15 minutes" in r.json()["detail"]
    # the name is what is counted, however it is spelled
    assert _login(client, " PLANNER ", PASSWORD).status_code == 429
    # another name from the same address is not blocked by this name's failures
    assert _login(client, "viewer", PASSWORD).status_code == 200
    # nobody is signed in by the refused attempt
    client.cookies.clear()
    assert client.get("/api/me").json()["user"] is None


def test_after_the_window_the_right_password_works(client: TestClient) -> None:
    for _ in range(5):
        _login(client, "planner", "wrong-password")
    assert _login(client, "planner", PASSWORD).status_code == 429
    _throttle(client).reset()  # the 15 minutes passed (the storage forgets its entries)
    assert _login(client, "planner", PASSWORD).status_code == 200


def test_a_short_window_really_passes(
    seeded: dict[str, Any], make_client: Callable[..., TestClient]
) -> None:
    # Real time, a one-second window: the limit lifts by itself, no reset.
    with make_client(seeded["url"], login_limit_per_name="2/1 second") as c:
        assert _login(c, "planner", "wrong-password").status_code == 401
        assert _login(c, "planner", "wrong-password").status_code == 401
        r = _login(c, "planner", PASSWORD)
        assert r.status_code == 429 and r.headers["Retry-After"] == "1"
        time.sleep(1.1)
        assert _login(c, "planner", PASSWORD).status_code == 200


def test_a_success_does_not_count_and_clears_the_names_failures(client: TestClient) -> None:
    for _ in range(4):
        assert _login(client, "planner", "wrong-password").status_code == 401
    assert _login(client, "planner", PASSWORD).status_code == 200
    for _ in range(10):  # successes are never counted
        assert _login(client, "planner", PASSWORD).status_code == 200
    for _ in range(4):  # four fresh failures: the earlier four were forgotten
        assert _login(client, "planner", "wrong-password").status_code == 401
    assert _login(client, "planner", PASSWORD).status_code == 200


def test_an_address_trying_many_names_is_stopped(client: TestClient) -> None:
    # 20 failures from one address, spread over names (4 each, under the per-name limit)
    for i in range(20):
        assert _login(client, f"guess{i // 4}", "wrong-password").status_code == 401
    r = _login(client, "planner", PASSWORD)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    # another address is not affected
    with TestClient(client.app, client=("10.0.0.2", 50000)) as other:
        assert _login(other, "planner", PASSWORD).status_code == 200


def test_the_page_says_so_in_the_pages_language(client: TestClient) -> None:
    client.get("/login")
    csrf = _csrf_of_page(client.get("/login").text)
    for _ in range(5):
        r = client.post(
            "/login", data={"name": "viewer", "password": "nope-nope", "csrf_token": csrf}
        )
        assert r.status_code == 401
    r = client.post(
        "/login",
        data={"name": "viewer", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert "登录失败次数过多，请 15 分钟后再试" in r.text and 'id="login-throttled"' in r.text
    r = client.post(
        "/login?lang=en",
        data={"name": "viewer", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 429 and "Too many failed sign-ins; try again in 15 minutes" in r.text


def _csrf_of_page(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


class _Spy:
    """The password hasher, telling `seen` each hash it verifies against."""

    def __init__(self, real: Any, seen: Callable[[str], None]) -> None:
        self.real, self.seen = real, seen

    def verify(self, stored: str, password: str) -> bool:
        self.seen(stored)
        return bool(self.real.verify(stored, password))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_an_unknown_name_costs_a_password_check_too(
    monkeypatch: pytest.MonkeyPatch, client: TestClient
) -> None:
    # No user enumeration by timing: an unknown name is verified against a dummy hash (the same
    # argon2 work as a wrong password), not answered at once.
    calls: list[str] = []
    monkeypatch.setattr(users, "_hasher", _Spy(users._hasher, calls.append))
    assert _login(client, "nobody-here", "wrong-password").status_code == 401
    assert _login(client, "planner", "wrong-password").status_code == 401
    assert len(calls) == 2
    assert calls[0].startswith("$argon2") and calls[0] != calls[1]
    assert calls[0].split("$")[:4] == calls[1].split("$")[:4]  # same algorithm and cost


def test_a_throttled_attempt_hashes_nothing(
    monkeypatch: pytest.MonkeyPatch, client: TestClient
) -> None:
    for _ in range(5):
        _login(client, "planner", "wrong-password")

    def forbidden(_: str) -> None:
        raise AssertionError("a refused sign-in must not spend a password check")

    monkeypatch.setattr(users, "_hasher", _Spy(users._hasher, forbidden))
    assert _login(client, "planner", PASSWORD).status_code == 429


@pytest.mark.parametrize("bad", ["five per fortnight", "", "5/"])
def test_a_bad_limit_setting_fails_fast(bad: str) -> None:
    with pytest.raises(ValueError, match="not a rate limit"):
        Settings(db_url="sqlite://", secret_key="x" * 20, login_limit_per_name=bad)


def test_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCOCKPIT_LOGIN_LIMIT_NAME", "3/10 minutes")
    monkeypatch.setenv("PLANCOCKPIT_LOGIN_LIMIT_ADDRESS", "50 per hour")
    monkeypatch.setenv("PLANCOCKPIT_SESSION_HOURS", "2")
    settings = Settings.from_env("sqlite://")
    assert settings.login_limit_per_name == "3/10 minutes"
    assert settings.login_limit_per_address == "50 per hour"
    assert settings.session_max_age == 7200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{"name": "\\ud800", "password": "whatever-1"}', 422),  # a lone surrogate in JSON
        (b'{"name": "planner", "password": "\\udfff\\ud800"}', 422),
        (b'{"name": "a\\u0000b", "password": "whatever-1"}', 401),  # NUL: no user has it
        (b'{"name": "planner", "password": "p\\u0000w"}', 401),
    ],
    ids=["surrogate-name", "surrogate-password", "nul-name", "nul-password"],
)
def test_hostile_sign_in_input_is_refused_never_a_500(
    client: TestClient, body: bytes, status: int
) -> None:
    r = client.post("/api/login", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    assert r.json()["detail"]  # an answer that could be encoded, with a reason


@pytest.mark.parametrize("name", ["a\x00b", "\ud800", "x" * 5000])
def test_hostile_names_through_the_services_and_the_form(client: TestClient, name: str) -> None:
    from plancockpit.db.engine import transaction

    engine = client.app.state.engine  # type: ignore[attr-defined]
    with transaction(engine) as s:
        assert users.authenticate(s, name=name, password="\ud800\x00") is None
        with pytest.raises(users.UserError):
            users.add_user(
                s,
                name=name if name != "x" * 5000 else "ok",
                role="viewer",
                password="\ud800" * 9 if name == "x" * 5000 else "long-enough-1",
            )
    if "\ud800" not in name:  # a form field cannot carry a lone surrogate
        page = client.get("/login").text
        r = client.post(
            "/login", data={"name": name, "password": "pw", "csrf_token": _csrf_of_page(page)}
        )
        assert r.status_code == 401
