"""Full-text search: `GET /api/search` (JSON, each hit's text marked as escaped HTML) and the
`/search` page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from plancockpit.services.opendata import search
from plancockpit.web.deps import Db, internal_reader
from plancockpit.web.schemas import SearchResult

router = APIRouter(dependencies=[Depends(internal_reader)])  # not in the public view
Q = Annotated[str, Query(max_length=search.MAX_QUERY * 2, description="the words to find")]
Kind = Annotated[
    str,
    Query(
        pattern="^(" + "|".join(search.KINDS) + ")?$",
        description="indicator, unit, record or sentence; empty: all",
    ),
]
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=search.TOTAL_CAP)]


@router.get("/api/search", tags=["read"], response_model=SearchResult)
def api_search(
    db: Db, q: Q = "", kind: Kind = "", limit: Limit = 20, offset: Offset = 0
) -> dict[str, Any]:
    """Ranked hits in sentences, records, indicators and units; `highlight` is escaped HTML with
    the hit in <mark>; `url` opens the place (a document's section or record, an indicator)."""
    return search.search(db, search.Query(q, kind, limit, offset))


@router.get("/search", include_in_schema=False)
def search_page(
    request: Request, db: Db, q: Q = "", kind: Kind = "", offset: Offset = 0
) -> HTMLResponse:
    data = search.search(db, search.Query(q, kind, 20, offset))
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, "search.html", {"data": data, "kind": kind, "kinds": search.KINDS}
    )
    return response
