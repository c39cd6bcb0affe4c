"""The in-app inbox: a notification per user and event (a round opened or closed, a value
submitted, returned or approved; a supervision item assigned, answered, returned or closed), stored as a kind with its params; its words are made in the
reader's language from `data/notifications.yaml`. Notifications made in a session are listed in
`session.info` so the caller can e-mail them once committed (`services/followup/mail.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plancockpit import rulefiles
from plancockpit.db.models import Notification, Unit, User
from plancockpit.errors import ConfigError, NotFound
from plancockpit.rulefiles.schemas import Texts

TEXTS = "notifications.yaml"  # under plancockpit/data, read by plancockpit.rulefiles
PENDING = "notified"  # key in Session.info: ids of the notifications made, to e-mail after commit


def now() -> datetime:
    return datetime.now(UTC)


@cache
def texts() -> dict[str, dict[str, str]]:
    """kind → {"zh": text, "en": text}, validated: every kind has both."""
    return {k: v.model_dump() for k, v in rulefiles.load(TEXTS, Texts).root.items()}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def text(kind: str, params: dict[str, Any], lang: str = "zh") -> str:
    """A notification's words in `lang` (a param missing reads as empty)."""
    entry = texts().get(kind)
    if entry is None:
        return kind
    return entry["en" if lang == "en" else "zh"].format_map(
        _Blank({k: str(v) for k, v in params.items()})
    )


def owners(session: Session, unit: str | None, region_id: int | None) -> list[int]:
    """The users tied to a lead unit (by its name or an alias) or to a region."""
    ids: set[int] = set()
    if unit:
        unit_ids = [
            u.id
            for u in session.scalars(select(Unit))
            if unit in (u.name, *(str(a) for a in u.aliases or []))
        ]
        if unit_ids:
            ids |= set(session.scalars(select(User.id).where(User.unit_id.in_(unit_ids))))
    if region_id is not None:
        ids |= set(session.scalars(select(User.id).where(User.region_id == region_id)))
    return sorted(ids)


def user_id(session: Session, name: str | None) -> list[int]:
    """[the id of the user named `name`], or [] for no such user."""
    found = session.scalar(select(User.id).where(User.name == (name or "")))
    return [] if found is None else [found]


def notify(
    session: Session, user_ids: Iterable[int], kind: str, *, params: dict[str, Any], link: str = ""
) -> list[Notification]:
    """One notification per user (each user once)."""
    if kind not in texts():
        raise ConfigError(f"no words for notification kind {kind!r} in {TEXTS}")
    made = [
        Notification(user_id=uid, kind=kind, params=params, link=link[:300])
        for uid in dict.fromkeys(user_ids)
    ]
    session.add_all(made)
    session.flush()
    session.info.setdefault(PENDING, []).extend(n.id for n in made)
    return made


def row(n: Notification) -> dict[str, Any]:
    return {
        "id": n.id,
        "kind": n.kind,
        "params": n.params,
        "link": n.link,
        "text_zh": text(n.kind, n.params, "zh"),
        "text_en": text(n.kind, n.params, "en"),
        "created_at": n.created_at.isoformat(),
        "read_at": n.read_at.isoformat() if n.read_at else None,
    }


def unread_count(session: Session, user: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user, Notification.read_at.is_(None))
        )
        or 0
    )


def inbox(
    session: Session, user: int, *, unread: bool = False, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """A user's notifications, newest first, with the total and the unread count."""
    stmt = select(Notification).where(Notification.user_id == user)
    if unread:
        stmt = stmt.where(Notification.read_at.is_(None))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(
        stmt.order_by(Notification.id.desc()).limit(limit).offset(max(0, offset))
    )
    return {
        "items": [row(n) for n in rows],
        "total": total,
        "unread": unread_count(session, user),
        "limit": limit,
        "offset": max(0, offset),
    }


def mark_read(session: Session, user: int, notification_id: int) -> dict[str, Any]:
    """Mark one of the user's notifications read (another user's is not found)."""
    n = session.get(Notification, notification_id)
    if n is None or n.user_id != user:
        raise NotFound(f"notification {notification_id} not found / 通知不存在")
    if n.read_at is None:
        n.read_at = now()
        session.flush()
    return row(n)
