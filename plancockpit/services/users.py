"""People who may sign in: argon2-hashed passwords and the roles that gate changes."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import User
from plancockpit.errors import Invalid, NotFound
from plancockpit.services.web_sessions import end_user_sessions

ROLES = ("admin", "planner", "reporter", "viewer")

# What each role may do; reading is separate (public by a setting, else any signed-in user).
PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset({"review", "import_documents", "import_actuals", "edit", "manage_users"}),
    "planner": frozenset({"review", "import_documents", "import_actuals", "edit"}),
    "reporter": frozenset({"import_actuals"}),
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
    if not storable(name):
        raise UserError("the user name has characters that cannot be stored (NUL, lone surrogates)")
    _check_password(password)
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


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise UserError("the password must have at least 8 characters")
    if not storable(password):
        raise UserError("the password has characters that cannot be used (NUL, lone surrogates)")


@cache
def _dummy_hash() -> str:
    """A hash no password matches, verified against for unknown names."""
    return _hasher.hash(secrets.token_urlsafe(16))


def authenticate(session: Session, *, name: str, password: str) -> UserInfo | None:
    """The user if the name and password match, else None (no hint which one was wrong).

    An unknown name is verified against a dummy hash of the same parameters, so it costs the
    same time as a wrong password: the answer's timing tells no one which names exist."""
    # A name no user can have (a lone surrogate, a NUL: neither database stores it) looks up
    # nothing; a password is checked as its UTF-8 bytes, lone surrogates kept, never an error.
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


def _user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name.strip())) if storable(name) else None
    if user is None:
        raise NotFound(f"no user named {name.strip()!r} / 没有此用户")
    return user


def set_role(session: Session, *, name: str, role: str) -> UserInfo:
    """Give a user another role; the user's sessions end (signed in again, with the new role)."""
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    user = _user(session, name)
    if user.role != role:
        user.role = role
        end_user_sessions(session, user.id)
    session.flush()
    return UserInfo(user.id, user.name, user.role)


def set_password(session: Session, *, name: str, password: str) -> UserInfo:
    """A new password (at least 8 characters); the user's sessions end."""
    _check_password(password)
    user = _user(session, name)
    user.password_hash = _hasher.hash(password)
    end_user_sessions(session, user.id)
    session.flush()
    return UserInfo(user.id, user.name, user.role)


def delete_user(session: Session, *, name: str) -> UserInfo:
    """Remove a user and end its sessions (what the user entered keeps its author's name)."""
    user = _user(session, name)
    info = UserInfo(user.id, user.name, user.role)
    end_user_sessions(session, user.id)
    session.delete(user)
    session.flush()
    return info


def sign_out_everywhere(session: Session, *, name: str) -> int:
    """End every session of a user; how many there were."""
    return end_user_sessions(session, _user(session, name).id)


def list_users(session: Session) -> list[UserInfo]:
    return [UserInfo(u.id, u.name, u.role) for u in session.scalars(select(User).order_by(User.name))]
