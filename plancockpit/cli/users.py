"""`plancockpit user add|list`: people who may sign in to the cockpit."""

from __future__ import annotations

from typing import Annotated

import typer

from plancockpit.cli.app import app
from plancockpit.cli.common import DbOption, db_transaction, fail
from plancockpit.services.access.users import ROLES

user_app = typer.Typer(help="Cockpit users and roles. / 驾驶舱用户与角色", no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="User name / 用户名")],
    role: Annotated[
        str, typer.Option("--role", help=f"Role / 角色: {', '.join(ROLES)}")
    ] = "viewer",
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            help="Password, at least 8 characters (asked for if omitted) / 密码,至少8位(省略则提示输入)",
        ),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Lead unit the user reports for / 所属牵头单位")
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Region (town) the user reports for / 所属区域")
    ] = None,
    db: DbOption = None,
) -> None:
    """Add a user; the password is hashed with argon2. / 新增用户"""
    from plancockpit.services.access.users import UserError, add_user, set_ties

    if role not in ROLES:
        raise fail(f"unknown role {role!r}; use one of {', '.join(ROLES)} / 未知角色")
    if password is None:
        password = typer.prompt("Password / 密码", hide_input=True, confirmation_prompt=True)
    with db_transaction(db) as session:
        try:
            user = add_user(session, name=name, role=role, password=password)
        except UserError as exc:
            raise fail(f"{exc} / 用户未添加") from None
        if unit or region:
            set_ties(session, name, unit=unit, region=region)
    typer.echo(f"added {user.name} ({user.role})")


@user_app.command("list")
def list_(db: DbOption = None) -> None:
    """List users, their roles and what they are tied to. / 列出用户"""
    from plancockpit.services.access.users import user_rows

    with db_transaction(db) as session:
        for row in user_rows(session):
            typer.echo("\t".join(str(row[k]) for k in ("name", "role", "unit", "region")).rstrip())


@user_app.command("set")
def set_(
    name: Annotated[str, typer.Argument(help="User name / 用户名")],
    unit: Annotated[
        str | None,
        typer.Option("--unit", help='Lead unit the user reports for ("" unties) / 所属牵头单位'),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option("--region", help='Region (town) the user reports for ("" unties) / 所属区域'),
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", help=f"New role / 角色: {', '.join(ROLES)}")
    ] = None,
    email: Annotated[
        str | None,
        typer.Option(
            "--email", help='E-mail address for notifications ("" removes it) / 接收通知的电子邮箱'
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Tie a user to a lead unit or region, or change the role: a reporter enters values only
    for its unit's indicators or its region. / 设置用户的单位、区域或角色"""
    from plancockpit.services.access.users import set_ties

    with db_transaction(db) as session:
        row = set_ties(session, name, unit=unit, region=region, role=role, email=email)
    typer.echo("\t".join(str(row[k]) for k in ("name", "role", "unit", "region")).rstrip())


@user_app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(help="User name / 用户名")], db: DbOption = None
) -> None:
    """Delete a user; its open sessions end at once. / 删除用户"""
    from plancockpit.services.access.users import remove_user

    with db_transaction(db) as session:
        remove_user(session, name)
    typer.echo(f"removed {name}")
