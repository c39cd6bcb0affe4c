"""Request dependencies: a database session, the signed-in user, permissions and CSRF checks."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from plancockpit.db.audit import act_as
from plancockpit.services.access.users import UserInfo, authenticate
from plancockpit.services.access.web_sessions import close_session, open_session, session_user
from plancockpit.web import freshness
from plancockpit.web.throttle import throttled_message

CSRF_HEADER = "X-CSRF-Token"
_UNKNOWN = object()


def facts_cache(state: Any) -> dict[str, Any]:
    """This process's cache of values derived from the facts, as of the facts' version now. Take
    it before the request's session reads: a value computed from older facts then lands in a
    dropped dict, never in the current one (the refresher may replace it meanwhile)."""
    freshness.sync_cache(state)
    cache: dict[str, Any] = state.cache
    return cache


def cached(state: Any, key: str, compute: Callable[[], Any]) -> Any:
    """A value derived from the facts, kept until the facts' version changes (filter drop-downs)."""
    cache = facts_cache(state)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def get_db(request: Request) -> Iterator[Session]:
    state = request.app.state
    reads = request.method in ("GET", "HEAD")
    with (state.sessions if reads else state.write_sessions)() as session:
        yield session


Db = Annotated[Session, Depends(get_db)]


def current_user(request: Request) -> UserInfo | None:
    """The signed-in user of a live server-side session, with the role it has now (read once
    per request); a closed or expired session signs the cookie out."""
    cached = getattr(request.state, "user", _UNKNOWN)
    if cached is not _UNKNOWN:
        return cached  # type: ignore[return-value]
    token = request.session.get("sid")
    user = None
    if isinstance(token, str):
        with request.app.state.sessions() as session:
            user = session_user(session, token)
        if user is None:
            request.session.clear()
    request.state.user = user
    return user


def sign_in(request: Request, db: Session, user: UserInfo) -> str:
    """Open a server-side session for the user; the cookie carries its token and a fresh CSRF
    token (and the role, for the upload guard's early refusal only)."""
    request.session.clear()
    request.session["sid"] = open_session(db, user.id, request.app.state.settings.session_max_age)
    request.session["user"] = {"id": user.id, "name": user.name, "role": user.role}
    request.state.user = user
    return csrf_token(request)


def sign_out(request: Request, db: Session) -> None:
    token = request.session.get("sid")
    if isinstance(token, str):
        close_session(db, token)
    request.session.clear()
    request.state.user = None


def login_checked(request: Request, db: Session, name: str, password: str) -> UserInfo | None:
    """The user if the password is right; a 429 with Retry-After once too many attempts failed
    for this name or from this address."""
    throttle = request.app.state.login_throttle
    address = request.client.host if request.client else ""
    wait = throttle.retry_after(name, address)
    if wait is not None:
        raise HTTPException(429, throttled_message(wait), headers={"Retry-After": str(wait)})
    user = _verified(request, db, name, password)
    if user is None:
        throttle.failed(name, address)
    else:
        throttle.succeeded(name)  # a success is not counted and clears the name's failures
    return user


def _verified(request: Request, db: Session, name: str, password: str) -> UserInfo | None:
    """Check the password in a read-only session: hashing takes a CPU-bound moment, and on SQLite
    holding the write lock through it made 50 simultaneous sign-ins queue past the busy timeout
    ("database is locked"). A hash that needs upgrading is written through `db` afterwards."""
    from sqlalchemy import update

    from plancockpit.db.models import User

    with request.app.state.sessions() as reading:
        user = authenticate(reading, name=name, password=password)
        row = reading.get(User, user.id) if user is not None else None
        rehashed = row.password_hash if row is not None and row in reading.dirty else None
        reading.rollback()
    if user is not None and rehashed is not None:
        db.execute(update(User).where(User.id == user.id).values(password_hash=rehashed))
    return user


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
    """Anyone when reading is public; otherwise a signed-in user. In public mode
    (`published_only`) an anonymous visitor reads what is published only: the route asks
    `public_view(request)` and filters."""
    user = current_user(request)
    if user is None and not request.app.state.settings.public_read:
        raise HTTPException(401, "sign in to read / 请先登录")
    return user


def public_view(request: Request) -> bool:
    """True when the request sees the public cockpit only: public mode and nobody signed in."""
    return bool(request.app.state.settings.published_only) and current_user(request) is None


def internal_reader(request: Request) -> UserInfo | None:
    """A read route that is not part of the public view (regions, units, search, records, the
    Word report): like `reader`, but in public mode only for signed-in users."""
    user = reader(request)
    if user is None and public_view(request):
        raise HTTPException(401, "sign in to read / 请先登录")
    return user


PublicView = Annotated[bool, Depends(public_view)]


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
