"""Two ASGI middlewares in front of the routes.

`BodyGuard` refuses a request body before anything reads it: an upload from someone who may not
upload (by the signed session, so an anonymous 300 MB upload costs nothing), a body over the size
limit by its Content-Length, and a body without one. `SecurityHeaders` adds the headers that keep
pages from being framed or sniffed, and a Content-Security-Policy whose per-request nonce the
templates put on their inline scripts.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import quote

import anyio.to_thread

from plancockpit.services.access.users import PERMISSIONS, UserInfo

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# Upload routes and the permission each needs; other writes are small forms or JSON.
UPLOADS = {
    "/import/documents": "import_documents",
    "/api/import/documents": "import_documents",
    "/import/actuals": "import_actuals",
    "/api/import/actuals": "import_actuals",
}
# A supervision answer carries files too: its routes end in the item's id.
UPLOAD_PATTERNS = ((re.compile(r"^(/api)?/supervision/\d{1,12}/answer$"), "answer"),)
SMALL_BODY = 1024 * 1024  # a review form, a login, an observation
WRITES = ("POST", "PUT", "PATCH", "DELETE")


class BodyGuard:
    def __init__(self, app: App, max_upload_bytes: int) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITES:
            await self.app(scope, receive, send)
            return
        session = scope.get("session")
        if upload_permission(scope["path"]) and isinstance(session, dict) and session.get("user"):
            # The role in the cookie is a copy: check the server-side session is still alive
            # (not signed out, expired or its user removed) and take the role it has now.
            live = await anyio.to_thread.run_sync(_live_user, scope)
            if live is None:
                session.clear()
            else:
                session["user"] = {"id": live.id, "name": live.name, "role": live.role}
        refusal = self.refusal(scope)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, message, location = refusal
        await _answer(send, scope, status, message, location)

    def refusal(self, scope: Scope) -> tuple[int, str, str] | None:
        """(status, message, redirect) for a request to refuse unread, else None."""
        path = scope["path"]
        permission = upload_permission(path)
        if permission is not None:
            user = (scope.get("session") or {}).get("user")
            if not isinstance(user, dict):
                return (
                    401,
                    "sign in first / 请先登录",
                    f"/login?next={quote(path)}&why=need_sign_in",
                )
            if permission not in PERMISSIONS.get(str(user.get("role")), frozenset()):
                return 403, f"role {user.get('role')} may not {permission} / 无此权限", ""
        limit = self.max_upload_bytes if permission else SMALL_BODY
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is None:
            if b"transfer-encoding" in headers:
                return 411, "a body needs a Content-Length / 请求缺少长度", ""
            return None
        try:
            size = int(length)
        except ValueError:
            return 400, "bad Content-Length / 请求长度无效", ""
        if size > limit:
            mb = limit / (1024 * 1024)
            return 413, f"the request is larger than {mb:g} MB / 请求过大", ""
        return None


def upload_permission(path: str) -> str | None:
    """The permission an upload route needs; None for a route that takes small bodies only."""
    if path in UPLOADS:
        return UPLOADS[path]
    return next((p for pattern, p in UPLOAD_PATTERNS if pattern.match(path)), None)


def _live_user(scope: Scope) -> UserInfo | None:
    from plancockpit.services.access.web_sessions import session_user

    token = (scope.get("session") or {}).get("sid")
    if not isinstance(token, str):
        return None
    with scope["app"].state.sessions() as db:
        return session_user(db, token)


async def _answer(send: Send, scope: Scope, status: int, message: str, location: str) -> None:
    """JSON for the API, a redirect to the sign-in page or plain text for pages."""
    if scope["path"].startswith("/api/"):
        body, kind = (
            json.dumps({"detail": message}, ensure_ascii=False).encode(),
            b"application/json",
        )
    else:
        body, kind = message.encode(), b"text/plain; charset=utf-8"
    headers = [
        (b"content-type", kind),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    if location and not scope["path"].startswith("/api/"):
        status = 303
        headers.append((b"location", location.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        policy = (
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        )

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += [
                    (b"content-security-policy", policy.encode()),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
