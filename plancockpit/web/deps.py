"""Request dependencies: a database session, the signed-in user, permissions and CSRF checks."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from plancockpit.db.audit import act_as
from plancockpit.services.users import UserInfo
from plancockpit.web import freshness

CSRF_HEADER = "X-CSRF-Token"


def cached(state: Any, key: str, compute: Callable[[], Any]) -> Any:
    """A value derived from the facts, kept until the next refresh (filter drop-downs)."""
    if key not in state.cache:
        state.cache[key] = compute()
    return state.cache[key]


def get_db(request: Request) -> Iterator[Session]:
    state = request.app.state
    freshness.on_request(state)
    reads = request.method in ("GET", "HEAD")
    with (state.sessions if reads else state.write_sessions)() as session:
        yield session


Db = Annotated[Session, Depends(get_db)]


def current_user(request: Request) -> UserInfo | None:
    data = request.session.get("user")
    if not isinstance(data, dict):
        return None
    return UserInfo(int(data["id"]), str(data["name"]), str(data["role"]))


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, supplied: str | None) -> None:
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

