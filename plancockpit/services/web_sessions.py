"""Server-side sessions of the web cockpit: one `web_sessions` row per signed-in browser.

The browser's cookie holds a random token (256 bits); the row is keyed by the token's sha256, so
a copy of the table signs nobody in. Each request looks the row up with its user
(`find_session`): a row past its expiry, a user deleted, or a user whose role or password
changed since sign-in (the row's `user_stamp` no longer matches) ends the session there and
then. Signing out deletes the row; `end_user_sessions` deletes all of a user's rows (called on a
change of role or password and on deletion, `services.users`). A session lasts `max_age` seconds
after its last use (sliding, as the old 8-hour cookie did); `last_seen` is written at most once a
`TOUCH_SECONDS`, so reading pages costs no write per request. Expired rows are purged on every
sign-in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from plancockpit.db.models import User, WebSession

TOUCH_SECONDS = 60
TOKEN_BYTES = 32


@dataclass(frozen=True)
class ActiveSession:
    """What a request learns from its session row."""

    user_id: int
    name: str
    role: str
    csrf_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def user_stamp(user: User) -> str:
    """A digest of what a session was granted on: the role and the password (hash)."""
    return hashlib.sha256(f"{user.role}\n{user.password_hash}".encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes (stored in UTC); PostgreSQL aware ones."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def start_session(db: Session, user_id: int, *, max_age: int,
                  now: datetime | None = None) -> tuple[str, ActiveSession]:
    """A new session for the user: (the token for the cookie, what it grants). Purges expired rows."""
    now = _now(now)
    user = db.get(User, user_id)
    if user is None:
        raise LookupError(f"no user {user_id}")
    purge_expired(db, now=now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    csrf = secrets.token_urlsafe(24)
    db.add(WebSession(id=_digest(token), user_id=user.id, user_stamp=user_stamp(user),
                      csrf_token=csrf, created_at=now, last_seen=now,
                      expires_at=now + timedelta(seconds=max_age)))
    db.flush()
    return token, ActiveSession(user.id, user.name, user.role, csrf)


def find_session(db: Session, token: str, *, max_age: int,
                 now: datetime | None = None) -> ActiveSession | None:
    """The live session of `token`, or None; a session found dead (expired, user gone, role or
    password changed) is deleted. Commit the session afterwards to keep a deletion or touch."""
    if not token or len(token) > 100:
        return None
    now = _now(now)
    row = db.get(WebSession, _digest(token))
    if row is None:
        return None
    user = db.get(User, row.user_id)
    if user is None or _aware(row.expires_at) <= now or row.user_stamp != user_stamp(user):
        db.delete(row)
        return None
    if (now - _aware(row.last_seen)).total_seconds() >= TOUCH_SECONDS:
        row.last_seen = now
        row.expires_at = now + timedelta(seconds=max_age)
    return ActiveSession(user.id, user.name, user.role, row.csrf_token)


def end_session(db: Session, token: str) -> bool:
    """Sign a browser out: delete its row. True if there was one."""
    if not token:
        return False
    result = db.execute(delete(WebSession).where(WebSession.id == _digest(token)))
    return bool(getattr(result, "rowcount", 0))


def end_user_sessions(db: Session, user_id: int) -> int:
    """Sign a user out everywhere; the number of sessions ended."""
    result = db.execute(delete(WebSession).where(WebSession.user_id == user_id))
    return int(getattr(result, "rowcount", 0) or 0)


def purge_expired(db: Session, *, now: datetime | None = None) -> int:
    """Delete every session past its expiry; how many."""
    result = db.execute(delete(WebSession).where(WebSession.expires_at <= _now(now)))
    return int(getattr(result, "rowcount", 0) or 0)


def session_count(db: Session, user_id: int | None = None) -> int:
    """Live and not yet purged sessions (of one user, or all)."""
    query = select(WebSession.id)
    if user_id is not None:
        query = query.where(WebSession.user_id == user_id)
    return len(db.scalars(query).all())
