"""Server-side sign-in sessions: a random token in the (signed) cookie, its sha256 in the
database. Signing out deletes the row, removing a user deletes its rows (cascade), and the
user's role is read from the database on every request, so none of these waits for a cookie
to expire."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from plancockpit.db.models import User, WebSession, utcnow
from plancockpit.services.access.users import UserInfo


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, user_id: int, max_age: int) -> str:
    """A new session for the user; returns the token for the cookie. Expired rows are purged."""
    now = utcnow()
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=_hash(token),
            user_id=user_id,
            created_at=now,
            expires_at=now + timedelta(seconds=max_age),
        )
    )
    session.flush()
    return token


def session_user(session: Session, token: str) -> UserInfo | None:
    """The signed-in user of a live session, with the role it has now; None when the session was
    closed, has expired, or its user is gone."""
    row = session.execute(
        select(User.id, User.name, User.role, WebSession.expires_at)
        .join(WebSession, WebSession.user_id == User.id)
        .where(WebSession.token_hash == _hash(token))
    ).first()
    if row is None:
        return None
    expires = (
        row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=utcnow().tzinfo)
    )
    return UserInfo(row.id, row.name, row.role) if expires > utcnow() else None


def close_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == _hash(token)))
