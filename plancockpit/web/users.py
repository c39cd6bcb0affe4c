"""Users and their ties to a lead unit or a region, managed by admins (API and the /users page)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from plancockpit.services.access.users import ROLES, UserInfo, add_user, set_ties, user_rows
from plancockpit.web.deps import Db, check_csrf, require
from plancockpit.web.pages import render
from plancockpit.web.schemas import UserOut

api = APIRouter(prefix="/api", tags=["users"])
pages = APIRouter(include_in_schema=False)
Admin = Annotated[UserInfo, Depends(require("manage_users"))]


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    role: str = Field(pattern="^(" + "|".join(ROLES) + ")$")
    password: str = Field(min_length=8, max_length=200)
    unit: str = Field(default="", max_length=100)
    region: str = Field(default="", max_length=100)


class Ties(BaseModel):
    role: str | None = Field(default=None, pattern="^(" + "|".join(ROLES) + ")$")
    unit: str | None = Field(default=None, max_length=100)  # "" unties
    region: str | None = Field(default=None, max_length=100)
    email: str | None = Field(default=None, max_length=200)  # "" removes it


@api.get("/users", response_model=list[UserOut])
def list_users(db: Db, admin: Admin) -> list[dict[str, Any]]:
    """Every user with role, lead unit and region (admins)."""
    return user_rows(db)


@api.post("/users", status_code=201, response_model=UserOut)
def create_user(db: Db, body: NewUser, admin: Admin) -> dict[str, Any]:
    """Add a user, tied to a unit and/or region when given (admins)."""
    add_user(db, name=body.name, role=body.role, password=body.password)
    row = set_ties(db, body.name, unit=body.unit or None, region=body.region or None)
    db.commit()
    return row


@api.post("/users/{name}", response_model=UserOut)
def change_user(db: Db, name: str, body: Ties, admin: Admin) -> dict[str, Any]:
    """Change a user's role, ties or e-mail address ("" unties or removes) (admins)."""
    row = set_ties(db, name, unit=body.unit, region=body.region, role=body.role, email=body.email)
    db.commit()
    return row


@pages.get("/users")
def users_page(request: Request, db: Db, admin: Admin) -> HTMLResponse:
    return render(request, "users.html", {"users": user_rows(db), "roles": ROLES})


@pages.post("/users")
def users_form(
    request: Request,
    db: Db,
    admin: Admin,
    csrf_token: Annotated[str, Form()],
    name: Annotated[str, Form(max_length=100)],
    role: Annotated[str, Form()],
    unit: Annotated[str, Form(max_length=100)] = "",
    region: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Add a user (with a password) or change one (without); the page again, or its error."""
    check_csrf(request, csrf_token)
    if password:
        add_user(db, name=name, role=role, password=password)
        set_ties(db, name, unit=unit or None, region=region or None)
    else:
        set_ties(db, name, unit=unit, region=region, role=role)
    db.commit()
    return RedirectResponse("/users", status_code=303)
