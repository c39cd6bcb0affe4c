"""The open-data downloads: the whole package as a zip, and each resource in CSV, JSON or XLSX
(readable by anyone when public reading is on, as every read route; in public mode an anonymous
visitor gets the rows of published indicators only)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from plancockpit.services.opendata import package as opendata
from plancockpit.web.deps import Db, PublicView, reader
from plancockpit.web.schemas import DataPackage, file_download

router = APIRouter(prefix="/opendata", tags=["opendata"], dependencies=[Depends(reader)])
Fmt = Literal["csv", "json", "xlsx"]
Resource = Literal["indicators", "targets", "observations", "assessments"]


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/datapackage.zip", response_class=Response, responses=file_download("application/zip"))
def datapackage_zip(db: Db, public: PublicView, format: Fmt = "csv") -> Response:  # noqa: A002 - the query's name
    """Every resource in `format` with its `datapackage.json` (Frictionless Data Package)."""
    return Response(
        opendata.package_zip(db, format, public=public),
        media_type="application/zip",
        headers=_attachment(f"plancockpit-opendata-{format}.zip"),
    )


@router.get("/datapackage.json", response_model=DataPackage)
def datapackage_json(format: Fmt = "csv") -> dict[str, object]:  # noqa: A002
    """The package descriptor: a Table Schema per resource (types, primary and foreign keys)."""
    return opendata.descriptor(format)


@router.get(
    "/{resource}.{fmt}",
    response_class=Response,
    responses=file_download(*opendata.MEDIA.values()),
)
def resource_file(db: Db, public: PublicView, resource: Resource, fmt: Fmt) -> Response:
    rows = opendata.build_rows(db, only=resource, public=public)[resource]
    media = opendata.MEDIA[fmt] + ("; charset=utf-8" if fmt != "xlsx" else "")
    return Response(
        opendata.resource_bytes(resource, rows, fmt),
        media_type=media,
        headers=_attachment(f"{resource}.{fmt}"),
    )
