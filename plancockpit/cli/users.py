"""`plancockpit user add|list|role|password|delete|signout`: people who may sign in to the cockpit."""

from __future__ import annotations

from typing import Annotated

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, db_transaction, fail
from plancockpit.services.users import ROLES

user_app = typer.Typer(help="Cockpit users and roles. / 驾驶舱用户与角色", no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="User name / 用户名")],
    role: Annotated[str, typer.Option("--role", help=f"Role / 角色: {', '.join(ROLES)}")] = "viewer",
    password: Annotated[str | None, typer.Option("--password", help="Password, at least 8 characters (asked for if omitted) / 密码,至少8位(省略则提示输入)")] = None,
    db: DbOption = None,
) -> None:
    """Add a user; the password is hashed with argon2. / 新增用户"""
    from plancockpit.services.users import UserError, add_user

    if role not in ROLES:
        raise fail(f"unknown role {role!r}; use one of {', '.join(ROLES)} / 未知角色")
    if password is None:
        password = typer.prompt("Password / 密码", hide_input=True, confirmation_prompt=True)
    with db_transaction(db) as session:
        try:
            user = add_user(session, name=name, role=role, password=password)
        except UserError as exc:
            raise fail(f"{exc} / 用户未添加") from None
    typer.echo(f"added {user.name} ({user.role})")


@user_app.command("list")
def list_(db: DbOption = None) -> None:
    """List users and their roles. / 列出用户"""
    from plancockpit.services.users import list_users

    with db_transaction(db) as session:
        for user in list_users(session):
            typer.echo(f"{user.name}\t{user.role}")


@user_app.command("role")
def role_(
    name: Annotated[str, typer.Argument(help="User name / 用户名")],
    role: Annotated[str, typer.Argument(help=f"New role / 新角色: {', '.join(ROLES)}")],
    db: DbOption = None,
) -> None:
    """Change a user's role; the user is signed out everywhere. / 修改角色(该用户的登录会话全部失效)"""
    from plancockpit.services.users import UserError, set_role

    with db_transaction(db) as session:
        try:
            user = set_role(session, name=name, role=role)
        except UserError as exc:
            raise fail(f"{exc} / 角色未修改") from None
    typer.echo(f"{user.name} is now {user.role}; signed out everywhere")


@user_app.command("password")
def password_(
    name: Annotated[str, typer.Argument(help="User name / 用户名")],
    password: Annotated[str | None, typer.Option("--password", help="New password, at least 8 characters (asked for if omitted) / 新密码,至少8位(省略则提示输入)")] = None,
    db: DbOption = None,
) -> None:
    """Set a new password; the user is signed out everywhere. / 重设密码(该用户的登录会话全部失效)"""
    from plancockpit.services.users import UserError, set_password

    if password is None:
        password = typer.prompt("New password / 新密码", hide_input=True, confirmation_prompt=True)
    with db_transaction(db) as session:
        try:
            user = set_password(session, name=name, password=password)
        except UserError as exc:
            raise fail(f"{exc} / 密码未修改") from None
    typer.echo(f"new password for {user.name}; signed out everywhere")


@user_app.command("delete")
def delete_(
    name: Annotated[str, typer.Argument(help="User name / 用户名")],
    db: DbOption = None,
) -> None:
    """Delete a user and end its sessions. / 删除用户(其登录会话随之失效)"""
    from plancockpit.services.users import delete_user

    with db_transaction(db) as session:
        user = delete_user(session, name=name)
    typer.echo(f"deleted {user.name} ({user.role})")


@user_app.command("signout")
def signout(
    name: Annotated[str, typer.Argument(help="User name / 用户名")],
    db: DbOption = None,
) -> None:
    """Sign a user out of every browser. / 使该用户的所有登录会话失效"""
    from plancockpit.services.users import sign_out_everywhere

    with db_transaction(db) as session:
        ended = sign_out_everywhere(session, name=name)
    typer.echo(f"ended {ended} session(s) of {name.strip()}")
