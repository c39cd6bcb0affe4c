"""The indicator list (every target in one filterable table) and the indicator page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select, true
from sqlalchemy.orm import Session, undefer

from plancockpit.db.models import Document, Indicator, Observation, Record, Region, Section, Target
from plancockpit.services.cockpit.assess import expected_path
from plancockpit.services.cockpit.common import (
    MAX_LIMIT,
    SORTS,
    NotFound,
    TargetFilter,
    as_dict,
    fact_dict,
    hide_unpublished_documents,
    paginate,
    period_status,
    published_facts,
)
from plancockpit.services.cockpit.facts import TargetFact, TargetUnitFact
from plancockpit.services.cockpit.passages import passage, table_of
from plancockpit.services.cockpit.public import ENTERED, shown
from plancockpit.services.indicators.directions import direction_view


def indicator_list(
    session: Session,
    filt: TargetFilter,
    *,
    sort: str = "name",
    desc: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of the filtered, sorted target table."""
    stmt = filt.apply(select(TargetFact)).order_by(*_order(filt, sort, desc))
    if filt.q.strip():
        page = _searched_page(session, stmt, limit, offset)
    else:
        page = paginate(session, stmt, limit, offset, fact_dict)
    if filt.published_only:
        hide_unpublished_documents(session, page["items"])
    page["filters"] = filt.active()
    page["sort"] = {"by": sort if sort in SORTS else "name", "desc": desc}
    return page


def _searched_page(session: Session, stmt: Select[Any], limit: int, offset: int) -> dict[str, Any]:
    """`paginate` for a searched list: a text search scans every fact row, so the matching ids
    are read in order by one scan (the total is their number) and only the page's wide rows
    after — not a scan to count and another for the page (110 → 60 ms at province scale)."""
    limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, offset)
    ids = list(session.scalars(stmt.with_only_columns(TargetFact.target_id)))
    shown = ids[offset : offset + limit]
    rows = {
        f.target_id: f
        for f in session.scalars(select(TargetFact).where(TargetFact.target_id.in_(shown)))
    }
    return {
        "items": [fact_dict(rows[i]) for i in shown],
        "total": len(ids),
        "limit": limit,
        "offset": offset,
    }


def _order(filt: TargetFilter, sort: str, desc: bool) -> tuple[Any, ...]:
    """ORDER BY for the list. Unfiltered, the sort column's index yields the first page at once;
    filtered, the sort key is wrapped so the planner picks rows by the filter indexes and sorts
    the few that match, instead of walking the whole sort index (PostgreSQL did, at 100 ms)."""
    column = SORTS.get(sort, SORTS["name"])
    key: Any = column
    if sort == "status" and filt.period != "current":  # a history row's own status
        key = period_status(filt.period)
    elif filt.active():
        key = column.concat("") if column.type.python_type is str else column + 0
    return (key.desc() if desc else key.asc(), TargetFact.target_id)


def all_filtered(
    session: Session, filt: TargetFilter, *, sort: str = "name", desc: bool = False
) -> list[dict[str, Any]]:
    """Every row of the filtered view (for CSV/XLSX downloads)."""
    stmt = filt.apply(select(TargetFact)).order_by(*_order(filt, sort, desc))
    rows = [fact_dict(f) for f in session.scalars(stmt)]
    return hide_unpublished_documents(session, rows) if filt.published_only else rows


def filter_options(session: Session, *, public: bool = False) -> dict[str, list[Any]]:
    """Distinct values for the filter drop-downs (`public`: of published indicators and
    documents only)."""
    seen = published_facts() if public else true()

    def distinct(col: Any) -> list[Any]:
        return [
            v
            for v in session.scalars(select(col).where(seen).distinct().order_by(col))
            if v not in (None, "")
        ]

    return {
        "domain": distinct(TargetFact.domain),
        "attribute": distinct(TargetFact.attribute),
        "kind": distinct(TargetFact.basis),
        "year": distinct(TargetFact.deadline_year),
        "region": [
            {"id": i, "name": n}
            for i, n in session.execute(
                select(Region.id, Region.name)
                .where(Region.id.in_(select(TargetFact.region_id).where(seen)))
                .order_by(Region.name)
            )
        ],
        "document": [
            {"id": i, "title": t or n}
            for i, t, n in session.execute(
                select(Document.id, Document.title, Document.name)
                .where(Document.published.is_(True) if public else true())
                .order_by(Document.id)
            )
        ],
    }


def unit_names(session: Session, *, public: bool = False) -> list[str]:
    """Lead units named by any target (for the unit filter; `public`: of published indicators)."""
    stmt = select(TargetUnitFact.unit).distinct().order_by(TargetUnitFact.unit)
    if public:
        stmt = stmt.where(
            TargetUnitFact.target_id.in_(select(TargetFact.target_id).where(published_facts()))
        )
    return list(session.scalars(stmt))


def source_passage(
    doc: Document, rec: Record, table: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The sentence around a record, or its table row when `table` holds its cell, split so the
    number can be highlighted (escaped later)."""
    before, match, after, is_row = passage(doc.text, rec, table)
    return {
        "record_id": rec.id,
        "document_id": doc.id,
        "document_title": doc.title or doc.name,
        "kind": rec.kind,
        "before": before,
        "match": match,
        "after": after,
        "start": rec.start,
        "table_row": is_row,
    }


def indicator_detail(
    session: Session, indicator_id: int, *, public: bool = False
) -> dict[str, Any]:
    """An indicator with its targets (and revisions), observations, statuses and sources.
    `public`: a published indicator only (else NotFound), its sources from published documents
    only, internal notes blanked (`cockpit/public.py`)."""
    ind = session.get(Indicator, indicator_id)
    if ind is None or (public and not ind.published):
        raise NotFound("indicator", indicator_id)
    targets = list(
        session.scalars(select(Target).where(Target.indicator_id == ind.id).order_by(Target.id))
    )
    facts = {
        f.target_id: f
        for f in session.scalars(select(TargetFact).where(TargetFact.indicator_id == ind.id))
    }
    obs = list(
        session.scalars(
            select(Observation)
            .where(Observation.indicator_id == ind.id)
            .order_by(Observation.year, Observation.id)
        )
    )
    rec_ids = {t.record_id for t in targets if t.record_id} | {
        o.record_id for o in obs if o.record_id
    }
    records = {r.id: r for r in session.scalars(select(Record).where(Record.id.in_(rec_ids)))}
    docs = {
        d.id: d
        for d in session.scalars(
            select(Document)
            .options(undefer(Document.text))
            .where(Document.id.in_({r.document_id for r in records.values()}))
        )
        if d.published or not public
    }
    records = {i: r for i, r in records.items() if r.document_id in docs}
    target_rows = []
    for t in targets:
        row = shown("target", as_dict(t), public)
        fact = facts.get(t.id)
        row["assessment"] = fact_dict(fact) if fact else None
        path_from = dict(row, bounded=ind.bounded, direction=ind.direction)
        row["observed_baseline"] = None
        if fact and row["baseline_value"] is None:  # the evaluation's baseline, from observations
            base_time = fact.details.get("baseline_time")
            path_from.update(
                baseline_value=fact.details.get("baseline"),
                baseline_year=row["baseline_year"] or (int(base_time) if base_time else None),
            )
            if t.basis == "level":
                row["observed_baseline"] = observed_baseline(
                    obs,
                    t.region_id or ind.region_id,
                    path_from["baseline_year"],
                    path_from["baseline_value"],
                )
        row["expected_path"] = expected_path(path_from)
        rec = records.get(t.record_id) if t.record_id else None
        doc = docs.get(rec.document_id) if rec else None
        row["source_title"] = (doc.title or doc.name) if doc else ""  # what names it for people
        target_rows.append(row)
    if public:
        hide_unpublished_documents(
            session, [r["assessment"] for r in target_rows if r["assessment"]]
        )
    cell_docs = {r.document_id for r in records.values() if r.cell_row is not None}
    tables = (
        list(
            session.scalars(
                select(Section).where(Section.document_id.in_(cell_docs), Section.kind == "table")
            )
        )
        if cell_docs
        else []
    )
    sources = [
        source_passage(
            docs[r.document_id],
            r,
            table_of((s for s in tables if s.document_id == r.document_id), r),
        )
        for r in sorted(records.values(), key=lambda r: (r.document_id, r.start))
    ]
    return {
        "indicator": shown("indicator", as_dict(ind), public),
        "direction": shown("direction", direction_view(ind), public),
        "region": as_dict(r)
        if (r := session.get(Region, ind.region_id) if ind.region_id else None)
        else None,
        "targets": target_rows,
        "observations": [shown("observation", as_dict(o), public) for o in obs],
        "observation_rows": observation_rows(obs, public=public, records=set(records)),
        "sources": sources,
        # The chart shows levels only: a growth rate or an annual addition is another scale
        # (those stay in the tables beside it).
        "chart": chart_data(obs, target_rows),
    }


def chart_data(obs: list[Observation], target_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The indicator chart: yearly levels (a figure stated by several records once), the level
    targets with their expected paths, and the year axis's range, fitted to them (a year or two
    of data gives a few years' axis, never 1000–3500)."""
    points = list(
        dict.fromkeys((o.year, o.value) for o in obs if o.month is None and o.basis == "level")
    )
    targets = [
        {
            "id": t["id"],
            "year": t["deadline_year"],
            "value": t["value"],
            "path": t["expected_path"],
            "basis": t["basis"],
            "source": t["source_title"][:16],
        }
        for t in target_rows
        if t["basis"] == "level"
    ]
    years = (
        [y for y, _ in points]
        + [t["year"] for t in targets if t["year"]]
        + [y for t in targets for y, _ in t["path"]]
    )
    return {
        "observations": [list(p) for p in points],
        "targets": targets,
        "years": year_range(years),
    }


def year_range(years: list[int]) -> list[int] | None:
    """The year axis: the years shown, padded by a year on each side when they span less than
    three.

    >>> year_range([2020]), year_range([2020, 2021]), year_range([2015, 2020, 2025]), year_range([])
    ([2019, 2021], [2019, 2022], [2015, 2025], None)
    """
    if not years:
        return None
    lo, hi = min(years), max(years)
    return [lo - 1, hi + 1] if hi - lo < 2 else [lo, hi]


def observed_baseline(
    obs: list[Observation], region_id: int | None, year: int | None, value: Any
) -> dict[str, Any] | None:
    """Where a baseline the document does not name came from: the observed yearly level the
    evaluation took (the one of the baseline year, else the latest before it), with its year."""
    if year is None or not isinstance(value, int | float):
        return None
    levels = [
        o
        for o in obs
        if o.basis == "level"
        and o.month is None
        and o.year <= year
        and o.region_id == region_id
        and abs(o.value - value) <= 1e-9 * max(1.0, abs(value))
    ]
    return {"value": value, "year": max(o.year for o in levels)} if levels else None


def observation_rows(
    obs: list[Observation], *, public: bool = False, records: set[int] | None = None
) -> list[dict[str, Any]]:
    """One row per figure: the same value for the same period, region and basis stated by
    several records (a plan's table, its text and a report) is shown once with all its sources
    (`public`: a value a person entered says so, not who, and a record outside `records` — of an
    unpublished document — is not named)."""
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for o in obs:
        key = (o.year, o.month, o.region_id, o.basis, o.unit, round(o.value, 9))
        row = rows.setdefault(
            key,
            {
                "year": o.year,
                "month": o.month,
                "value": o.value,
                "unit": o.unit,
                "basis": o.basis,
                "conflict": False,
                "sources": [],
            },
        )
        row["conflict"] = row["conflict"] or bool(o.conflict)
        shown = o.record_id if not public or records is None or o.record_id in records else None
        row["sources"].append(
            {
                "record_id": shown,
                "source_file": o.source_file,
                "source_row": o.source_row,
                "entered_by": ENTERED if public and o.entered_by else o.entered_by,
            }
        )
    return list(rows.values())
