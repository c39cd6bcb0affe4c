"""People who may sign in: argon2-hashed passwords and the roles that gate changes."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import User
from plancockpit.errors import Invalid

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
    if len(password) < 8:
        raise UserError("the password must have at least 8 characters")
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise UserError(f"a user named {name!r} already exists")
    user = User(name=name, role=role, password_hash=_hasher.hash(password))
    session.add(user)
    session.flush()
    return UserInfo(user.id, user.name, user.role)


def authenticate(session: Session, *, name: str, password: str) -> UserInfo | None:
    """The user if the name and password match, else None (no hint which one was wrong)."""
    user = session.scalar(select(User).where(User.name == name.strip()))
    if user is None:
        _hasher.hash(password)  # spend the same time whether or not the name exists
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return UserInfo(user.id, user.name, user.role)




def list_users(session: Session) -> list[UserInfo]:
    return [UserInfo(u.id, u.name, u.role) for u in session.scalars(select(User).order_by(User.name))]
