"""Request dependencies: a database session, the signed-in user, permissions and CSRF checks."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from plancockpit.db.audit import act_as
from plancockpit.services.cockpit.refresh import fingerprint, refresh_facts
from plancockpit.services.users import UserInfo
from plancockpit.web.sessions import scope_csrf, scope_user

CSRF_HEADER = "X-CSRF-Token"
_refresh_lock = threading.Lock()


def maybe_refresh(state: Any, *, force: bool = False) -> None:
    """Recompute the fact tables when the data changed (checked at most every few seconds)."""
    now = time.monotonic()
    if not force and now - state.checked_at < state.settings.refresh_seconds:
        return
    with _refresh_lock:
        if not force and now - state.checked_at < state.settings.refresh_seconds:
            return
        with state.sessions() as session, session.begin():
            current = fingerprint(session)
            if force or current != state.fingerprint:
                refresh_facts(session)
                state.fingerprint = current
                state.cache = {}
        state.checked_at = time.monotonic()


def refresh_indicators(state: Any, indicator_ids: set[int]) -> None:
    """Recompute the facts of a few indicators after a change made through the app."""
    with _refresh_lock:
        with state.sessions() as session, session.begin():
            refresh_facts(session, indicator_ids=indicator_ids)
            state.fingerprint = fingerprint(session)
        state.cache = {}
        state.checked_at = time.monotonic()


def cached(state: Any, key: str, compute: Callable[[], Any]) -> Any:
    """A value derived from the facts, kept until the next refresh (filter drop-downs)."""
    if key not in state.cache:
        state.cache[key] = compute()
    return state.cache[key]


def get_db(request: Request) -> Iterator[Session]:
    maybe_refresh(request.app.state)
    with request.app.state.sessions() as session:
        yield session


Db = Annotated[Session, Depends(get_db)]


def current_user(request: Request) -> UserInfo | None:
    """The signed-in user, as `ServerSessions` found the session in the database."""
    return scope_user(request.scope)


def csrf_token(request: Request) -> str:
    """The CSRF token: a signed-in session's own (kept with it on the server); an anonymous
    visitor's (for the sign-in form) is created on first use and kept in the cookie."""
    token = scope_csrf(request.scope)
    if token is not None:
        return token
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, supplied: str | None) -> None:
    expected = scope_csrf(request.scope)
    if expected is None and current_user(request) is None:
        expected = request.session.get("csrf")
    if not isinstance(expected, str) or not supplied or not hmac.compare_digest(expected, supplied):
        raise HTTPException(403, "CSRF token missing or wrong / 表单令牌无效,请刷新页面")


def reader(request: Request) -> UserInfo | None:
    """Anyone when reading is public; otherwise a signed-in user."""
    user = current_user(request)
    if user is None and not request.app.state.settings.public_read:
        raise HTTPException(401, "sign in to read / 请先登录")
    return user


def require(permission: str) -> Callable[[Request, Session], UserInfo]:
    """A dependency for a state-changing route: signed in, allowed, and with a valid CSRF header
    (API) — form routes check the form field themselves with `check_csrf`."""

    def dependency(request: Request, db: Db) -> UserInfo:
        user = current_user(request)
        if user is None:
            raise HTTPException(401, "sign in first / 请先登录")
        if not user.can(permission):
            raise HTTPException(403, f"role {user.role} may not {permission} / 无此权限")
        if request.url.path.startswith("/api/") and request.method not in ("GET", "HEAD"):
            check_csrf(request, request.headers.get(CSRF_HEADER))
        act_as(db, user.name)  # the request's session: its changes are this user's
        return user

    return dependency

