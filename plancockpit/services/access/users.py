"""People who may sign in: argon2-hashed passwords and the roles that gate changes."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Region, Unit, User
from plancockpit.errors import Invalid, NotFound

ROLES = ("admin", "planner", "reporter", "viewer")

# What each role may do; reading is separate (public by a setting, else any signed-in user).
PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {
            "review",
            "import_documents",
            "import_actuals",
            "edit",
            "manage_users",
            "supervise",
            "answer",
            "publish",
        }
    ),
    "planner": frozenset(
        {"review", "import_documents", "import_actuals", "edit", "supervise", "answer"}
    ),
    "reporter": frozenset({"import_actuals", "answer"}),
    "viewer": frozenset(),
}

_hasher = PasswordHasher()


class UserError(Invalid):
    """A user could not be created or changed (bad role, duplicate name, empty password)."""


@dataclass(frozen=True)
class UserInfo:
    """What the web layer keeps about the signed-in person."""

    id: int
    name: str
    role: str

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())


def add_user(session: Session, *, name: str, role: str, password: str) -> UserInfo:
    """Create a user; the name must be new, the role known and the password at least 8 chars."""
    name = name.strip()
    if not name:
        raise UserError("the user name is empty")
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise UserError("the password must have at least 8 characters")
    if not storable(name) or not storable(password):
        raise UserError(
            "the name or password has characters that cannot be used (NUL, lone surrogates)"
        )
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise UserError(f"a user named {name!r} already exists")
    user = User(name=name, role=role, password_hash=_hasher.hash(password))
    session.add(user)
    session.flush()
    return UserInfo(user.id, user.name, user.role)


def storable(text: str) -> bool:
    """True if both databases can store and compare the text (UTF-8, no NUL)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


@cache
def _dummy_hash() -> str:
    """A hash no password matches, verified against for unknown names."""
    return _hasher.hash(secrets.token_urlsafe(16))


def authenticate(session: Session, *, name: str, password: str) -> UserInfo | None:
    """The user if the name and password match, else None (no hint which one was wrong)."""
    # An unknown name is verified against a dummy hash of the same parameters: it costs what a
    # wrong password costs, so timing tells no one which names exist. A name no user can have
    # (a lone surrogate, a NUL: neither database stores it) looks up nothing; a password is
    # checked as its UTF-8 bytes, lone surrogates kept: never an error.
    user = session.scalar(select(User).where(User.name == name.strip())) if storable(name) else None
    stored = user.password_hash if user is not None else _dummy_hash()
    try:
        _hasher.verify(stored, password.encode("utf-8", "surrogatepass"))
    except (VerificationError, InvalidHashError):
        return None
    if user is None:  # the dummy hash: its password was thrown away
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return UserInfo(user.id, user.name, user.role)


def list_users(session: Session) -> list[UserInfo]:
    return [
        UserInfo(u.id, u.name, u.role) for u in session.scalars(select(User).order_by(User.name))
    ]


def set_ties(
    session: Session,
    name: str,
    *,
    unit: str | None = None,
    region: str | None = None,
    role: str | None = None,
    email: str | None = None,
) -> dict[str, object]:
    """Tie a user to a lead unit and/or a region ("" unties; None leaves as is), or change the
    role or the e-mail address notifications go to ("" removes it); an unknown user, unit,
    region or role is refused with the names that exist."""
    user = session.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        raise NotFound(f"no user named {name!r} / 用户不存在")
    if role is not None:
        if role not in ROLES:
            raise UserError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        user.role = role
    if unit is not None:
        user.unit_id = _unit_id(session, unit) if unit else None
    if region is not None:
        user.region_id = _region_id(session, region) if region else None
    if email is not None:
        email = email.strip()
        if email and (not storable(email) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email)):
            raise UserError(f"{email!r} is not an e-mail address / 电子邮箱地址无效")
        user.email = email or None
    session.flush()
    return user_row(session, user)


def user_rows(session: Session) -> list[dict[str, object]]:
    """Every user with role and ties, by name (what `user list` and the users page show)."""
    return [user_row(session, u) for u in session.scalars(select(User).order_by(User.name))]


def user_row(session: Session, user: User) -> dict[str, object]:
    unit = session.get(Unit, user.unit_id) if user.unit_id is not None else None
    region = session.get(Region, user.region_id) if user.region_id is not None else None
    return {
        "name": user.name,
        "role": user.role,
        "unit": unit.name if unit else "",
        "region": region.name if region else "",
        "email": user.email or "",
    }


def _unit_id(session: Session, name: str) -> int:
    for unit in session.scalars(select(Unit).order_by(Unit.id)):
        if name in (unit.name, *(str(a) for a in unit.aliases or [])):
            return unit.id
    known = "、".join(session.scalars(select(Unit.name).order_by(Unit.name).limit(20)))
    raise NotFound(f"no lead unit named {name!r} (known: {known or 'none yet'}) / 未找到该牵头单位")


def _region_id(session: Session, name: str) -> int:
    found = session.scalar(
        select(Region.id).where(Region.name == name).order_by(Region.id).limit(1)
    )
    if found is None:
        known = "、".join(session.scalars(select(Region.name).order_by(Region.id).limit(20)))
        raise NotFound(f"no region named {name!r} (known: {known or 'none yet'}) / 未找到该区域")
    return found


def remove_user(session: Session, name: str) -> None:
    """Delete a user; its sign-in sessions go with it (a cookie it held no longer works)."""
    user = session.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        raise NotFound(f"no user named {name!r} / 用户不存在")
    session.delete(user)
    session.flush()
