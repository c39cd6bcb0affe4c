"""A lead unit downloads its own Excel template from the cockpit (the Import and unit pages)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy import select

from plancockpit.db.models import Unit, User
from plancockpit.errors import Forbidden, NotFound
from plancockpit.media_types import XLSX
from plancockpit.services.access.users import UserInfo
from plancockpit.services.actuals.templates import plan_rows, write_workbook
from plancockpit.web.deps import Db, require

router = APIRouter(include_in_schema=False)


@router.get("/import/template.xlsx")
def template_download(
    db: Db,
    user: Annotated[UserInfo, Depends(require("import_actuals"))],
    unit: Annotated[str, Query(max_length=100)] = "",
    year: Annotated[int | None, Query(ge=1949, le=2100)] = None,
) -> Response:
    """The workbook of `unit` (a reporter's own unit when it has one; planners and admins may
    ask for any) for `year` (default: last year)."""
    own = db.scalar(select(Unit.name).join(User, User.unit_id == Unit.id).where(User.id == user.id))
    if user.role == "reporter":
        if own is None:
            raise Forbidden("your account is tied to no lead unit / 账号未关联牵头单位")
        if unit and unit != own:
            raise Forbidden(
                f"{user.name} downloads the template of {own} only / 只能下载本单位的模板"
            )
        unit = own
    books = plan_rows(db, year or date.today().year - 1)
    if unit not in books:
        known = "、".join(sorted(books)) or "none / 无"
        raise NotFound(f"no targets led by {unit!r} (units with targets: {known}) / 该单位没有目标")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "template.xlsx"
        write_workbook(books[unit], path)
        data = path.read_bytes()
    return Response(
        data,
        media_type=XLSX,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(unit)}.xlsx"},
    )
