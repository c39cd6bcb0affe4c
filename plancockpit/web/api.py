"""The REST API (read side): JSON for every page and every stored kind of thing."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from plancockpit.services.cockpit import documents, indicators, items, regions
from plancockpit.services.cockpit.assess import STATUSES
from plancockpit.services.cockpit.common import MAX_LIMIT, TargetFilter
from plancockpit.web import overview_cache
from plancockpit.web.deps import Db, PublicView, internal_reader, public_view, reader
from plancockpit.web.schemas import (
    AssessmentOut,
    DocumentDetail,
    DocumentOut,
    IndicatorDetail,
    IndicatorList,
    ObservationOut,
    Overview,
    Page,
    RecordOut,
    RegionDetail,
    RegionList,
    SectionOut,
    TargetDetail,
    TargetOut,
    UnitDetail,
    UnitList,
)

router = APIRouter(prefix="/api", tags=["read"], dependencies=[Depends(reader)])

Internal = Depends(internal_reader)  # not part of the public view: signed-in users in public mode
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0)]
Status = Annotated[str, Query(pattern="^(" + "|".join(STATUSES) + ")?$")]
Kind = Annotated[str, Query(pattern="^(level|growth|increase)?$")]


Id = Annotated[str, Query(pattern=r"^\d{0,12}$", description="an id; empty means any")]
Year = Annotated[
    str, Query(pattern=r"^((19|20|21)\d\d)?$", description="a year 1900–2199; empty means any")
]
Period = Annotated[
    str,
    Query(
        pattern="^(current|all|history)?$",
        description=(
            "current (default): the running plan period and this year's targets; history: ended plan "
            "periods and revised targets; all: both"
        ),
    ),
]


def _int(raw: str) -> int | None:
    return int(raw) if raw else None


def target_filter(
    request: Request,
    q: str = "",
    domain: str = "",
    unit: str = "",
    region_id: Id = "",
    document_id: Id = "",
    status: Status = "",
    kind: Kind = "",
    attribute: str = "",
    year: Year = "",
    period: Period = "",
    history: bool = False,
) -> TargetFilter:
    """The indicator-list filters as query parameters (shared by pages, API and downloads);
    empty values (an HTML form's "all") mean no filter. `history=true` (older links) is
    `period=all`. In the public view only targets of published indicators."""
    return TargetFilter(
        q=q,
        domain=domain,
        unit=unit,
        region_id=_int(region_id),
        document_id=_int(document_id),
        status=status,
        kind=kind,
        attribute=attribute,
        year=_int(year),
        period=period or ("all" if history else "current"),
        published_only=public_view(request),
    )


Filter = Annotated[TargetFilter, Depends(target_filter)]
Sort = Annotated[str, Query(pattern="^(name|domain|status|progress|year|document|region|id)$")]


@router.get("/overview", response_model=Overview)
def get_overview(
    request: Request, db: Db, public: PublicView, period: Period = ""
) -> dict[str, Any]:
    return overview_cache.overview_data(
        request.app.state, db, period=period or "current", public=public
    )


@router.get("/indicators", response_model=IndicatorList)
def list_indicators(
    db: Db,
    filt: Filter,
    sort: Sort = "name",
    desc: bool = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Targets with their indicator and status, filtered, searched and sorted."""
    return indicators.indicator_list(db, filt, sort=sort, desc=desc, limit=limit, offset=offset)


@router.get("/indicators/{indicator_id}", response_model=IndicatorDetail)
def get_indicator(db: Db, indicator_id: int, public: PublicView) -> dict[str, Any]:
    return indicators.indicator_detail(db, indicator_id, public=public)


@router.get("/documents", response_model=Page[DocumentOut])
def list_documents(
    db: Db, public: PublicView, kind: str = "", q: str = "", limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return documents.document_list(db, kind=kind, q=q, limit=limit, offset=offset, public=public)


@router.get("/documents/{document_id}", response_model=DocumentDetail)
def get_document(
    db: Db, document_id: int, public: PublicView, text: bool = False
) -> dict[str, Any]:
    """A document with its outline and records (`text=true` adds the highlighted segments)."""
    return documents.document_detail(db, document_id, with_text=text, public=public)


@router.get("/documents/{document_id}/sections", response_model=list[SectionOut])
def list_sections(db: Db, document_id: int, public: PublicView) -> list[dict[str, Any]]:
    return documents.section_list(db, document_id, public=public)


@router.get("/sections/{section_id}", response_model=SectionOut, dependencies=[Internal])
def get_section(db: Db, section_id: int) -> dict[str, Any]:
    return documents.get_section(db, section_id)


@router.get("/records", response_model=Page[RecordOut], dependencies=[Internal])
def list_records(
    db: Db,
    document_id: int | None = None,
    kind: Annotated[str, Query(pattern="^(target|actual)?$")] = "",
    review_state: Annotated[str, Query(pattern="^(extracted|confirmed|edited|rejected)?$")] = "",
    q: str = "",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return documents.record_list(
        db,
        document_id=document_id,
        kind=kind,
        review_state=review_state,
        q=q,
        limit=limit,
        offset=offset,
    )


@router.get("/records/{record_id}", response_model=RecordOut, dependencies=[Internal])
def get_record(db: Db, record_id: int) -> dict[str, Any]:
    return documents.get_record(db, record_id)


@router.get("/targets", response_model=Page[TargetOut])
def list_targets(
    db: Db,
    public: PublicView,
    indicator_id: int | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return items.target_list(
        db, indicator_id=indicator_id, limit=limit, offset=offset, public=public
    )


@router.get("/targets/{target_id}", response_model=TargetDetail)
def get_target(db: Db, target_id: int, public: PublicView) -> dict[str, Any]:
    return items.get_target(db, target_id, public=public)


@router.get("/observations", response_model=Page[ObservationOut])
def list_observations(
    db: Db,
    public: PublicView,
    indicator_id: int | None = None,
    region_id: int | None = None,
    year: int | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return items.observation_list(
        db,
        indicator_id=indicator_id,
        region_id=region_id,
        year=year,
        limit=limit,
        offset=offset,
        public=public,
    )


@router.get("/observations/{observation_id}", response_model=ObservationOut)
def get_observation(db: Db, observation_id: int, public: PublicView) -> dict[str, Any]:
    return items.get_observation(db, observation_id, public=public)


@router.get("/assessments", response_model=Page[AssessmentOut])
def list_assessments(db: Db, filt: Filter, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Each target's current status with the numbers behind it."""
    return items.assessment_list(db, filt, limit=limit, offset=offset)


@router.get("/assessments/{target_id}", response_model=AssessmentOut)
def get_assessment(db: Db, target_id: int, public: PublicView) -> dict[str, Any]:
    return items.get_assessment(db, target_id, public=public)


@router.get("/regions", response_model=RegionList, dependencies=[Internal])
def list_regions(db: Db, period: Period = "") -> dict[str, Any]:
    return regions.region_list(db, period=period or "current")


@router.get("/regions/{region_id}", response_model=RegionDetail, dependencies=[Internal])
def get_region(db: Db, region_id: int, period: Period = "") -> dict[str, Any]:
    return regions.region_detail(db, region_id, period=period or "current")


@router.get("/units", response_model=UnitList, dependencies=[Internal])
def list_units(db: Db, period: Period = "") -> dict[str, Any]:
    return regions.unit_list(db, period=period or "current")


@router.get("/units/{unit_id}", response_model=UnitDetail, dependencies=[Internal])
def get_unit(db: Db, unit_id: int, period: Period = "") -> dict[str, Any]:
    return regions.unit_detail(db, regions.get_unit_name(db, unit_id), period=period or "current")
