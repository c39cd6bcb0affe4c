"""Who is signed in: the server-side session behind the cookie, looked up once per request.

The cookie (`plancockpit_session`, signed by Starlette's SessionMiddleware with
PLANCOCKPIT_SECRET, HttpOnly, SameSite=Lax, Secure by setting) holds either nothing but an
anonymous visitor's CSRF token (for the sign-in form) or, once signed in, nothing but the random
session token `sid`. `ServerSessions` sits inside the SessionMiddleware and in front of
everything else: it looks the token up in `web_sessions` (in a worker thread) and puts the user
and the session's CSRF token into the request's state, where `deps.current_user`, the pages and
the `BodyGuard` read them. A token whose session is gone (signed out, expired, user deleted,
role or password changed) empties the cookie: the request goes on anonymous.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio.to_thread
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from plancockpit.services.users import UserInfo
from plancockpit.services.web_sessions import (
    ActiveSession,
    end_session,
    find_session,
    start_session,
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

SID = "sid"  # the cookie's key for the session token
USER = "user"  # request state: the signed-in UserInfo or None
CSRF = "session_csrf"  # request state: the signed-in session's CSRF token


def scope_user(scope: Scope) -> UserInfo | None:
    """The signed-in user of a request (None: anonymous)."""
    user = (scope.get("state") or {}).get(USER)
    return user if isinstance(user, UserInfo) else None


def scope_csrf(scope: Scope) -> str | None:
    token = (scope.get("state") or {}).get(CSRF)
    return token if isinstance(token, str) else None


class ServerSessions:
    def __init__(self, app: App, sessions: sessionmaker[Session], max_age: int) -> None:
        self.app = app
        self.sessions = sessions
        self.max_age = max_age

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            state = scope.setdefault("state", {})
            state[USER] = None
            state[CSRF] = None
            cookie = scope.get("session")
            token = cookie.get(SID) if isinstance(cookie, dict) else None
            if isinstance(token, str) and isinstance(cookie, dict) \
                    and not scope["path"].startswith("/static/"):
                found = await anyio.to_thread.run_sync(self.lookup, token)
                if found is None:
                    cookie.clear()  # the SessionMiddleware then expires the cookie
                else:
                    state[USER] = UserInfo(found.user_id, found.name, found.role)
                    state[CSRF] = found.csrf_token
        await self.app(scope, receive, send)

    def lookup(self, token: str) -> ActiveSession | None:
        with self.sessions() as db:
            found = find_session(db, token, max_age=self.max_age)
            try:
                db.commit()  # a dead session's deletion, a live one's last_seen
            except OperationalError:  # a busy SQLite: the touch can wait for the next request
                db.rollback()
            return found


def sign_in(request: Any, db: Session, user: UserInfo) -> str:
    """Start a server-side session for `user` (committed) and put only its token in the cookie;
    the session's CSRF token is returned."""
    old = request.session.get(SID)
    if isinstance(old, str):
        end_session(db, old)  # a new sign-in replaces the browser's previous session
    token, active = start_session(db, user.id, max_age=request.app.state.settings.session_max_age)
    db.commit()
    request.session.clear()
    request.session[SID] = token
    request.state.user = user
    setattr(request.state, CSRF, active.csrf_token)
    return active.csrf_token


def sign_out(request: Any, db: Session) -> None:
    """End the browser's session: its row deleted, its cookie emptied."""
    token = request.session.get(SID)
    if isinstance(token, str):
        end_session(db, token)
        db.commit()
    request.session.clear()
    request.state.user = None
    setattr(request.state, CSRF, None)
