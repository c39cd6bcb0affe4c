"""Rebuild the cockpit's fact tables from the statuses `services.progress.status` computes."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine, delete, insert, select, text
from sqlalchemy.orm import Session, undefer

from plancockpit.db.models import Document, Indicator, Record, Region, Section, Target
from plancockpit.evaluate import DEFAULT, TargetSpec, assess
from plancockpit.evaluate.assessment import finite_or_none
from plancockpit.services.cockpit.facts import FACT_TABLES, SUPERSEDED, TargetFact, TargetUnitFact
from plancockpit.services.cockpit.passages import passage, table_of
from plancockpit.services.cockpit.stale import bump_version
from plancockpit.services.progress.status import TargetStatus, target_statuses

log = logging.getLogger(__name__)
_CHUNK = 5000


def ensure_fact_tables(engine: Engine) -> None:
    """Create the cockpit's own tables if they are missing (they hold derived data only)."""
    for table in FACT_TABLES:
        table.create(engine, checkfirst=True)


def _sentences(session: Session, record_ids: set[int]) -> dict[int, tuple[int, str, str]]:
    """record id → (document id, document title, source sentence); reads only the records asked
    for and their documents (a refresh of a few indicators reads a few)."""
    cols = (
        Record.id,
        Record.document_id,
        Record.sentence_start,
        Record.sentence_end,
        Record.start,
        Record.end,
        Record.cell_row,
        Record.cell_col,
    )
    wanted: list[Any] = []
    ids = sorted(record_ids)
    for i in range(0, len(ids), _CHUNK):
        wanted.extend(session.execute(select(*cols).where(Record.id.in_(ids[i : i + _CHUNK]))))
    doc_ids = sorted({row.document_id for row in wanted})
    docs = (
        {
            d.id: d
            for d in session.scalars(
                select(Document).options(undefer(Document.text)).where(Document.id.in_(doc_ids))
            )
        }
        if doc_ids
        else {}
    )
    cell_docs = {row.document_id for row in wanted if row.cell_row is not None}
    tables: dict[int, list[Section]] = {}
    if cell_docs:
        for sec in session.scalars(
            select(Section).where(Section.document_id.in_(cell_docs), Section.kind == "table")
        ):
            tables.setdefault(sec.document_id, []).append(sec)
    out: dict[int, tuple[int, str, str]] = {}
    for rec in wanted:
        doc = docs[rec.document_id]
        before, match, after, _ = passage(
            doc.text, rec, table_of(tables.get(rec.document_id, []), rec)
        )
        out[rec.id] = (rec.document_id, doc.title or doc.name, before + match + after)
    return out


def refresh_facts(
    session: Session, *, on: date | None = None, indicator_ids: set[int] | None = None
) -> int:
    """Recompute the fact rows from `services.progress.status` — of every target, or only of the targets of
    `indicator_ids` (after a review or an entered value); returns how many rows were written.
    Moves the facts' version too, so every app process drops what it cached from the old facts."""
    rows = fact_rows(session, on=on, indicator_ids=indicator_ids)
    write_facts(session, rows)
    bump_version(session)
    return len(rows.facts)


@dataclass
class FactRows:
    """The fact rows of a refresh, computed (reading only) before they are written."""

    only: list[int] | None  # the indicators refreshed; None: all
    target_ids: list[int]
    facts: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)
    degraded: list[int] = field(default_factory=list)  # targets whose facts could not be made


def fact_rows(
    session: Session, *, on: date | None = None, indicator_ids: set[int] | None = None
) -> FactRows:
    """The fact rows of every target (or of the targets of `indicator_ids`), read-only: a
    refresher computes them outside the write lock. A target whose row cannot be made (a value
    no JSON holds, an error in its data) gets a grey "no data" row with the error, so one bad
    target never stops the others."""
    only = sorted(indicator_ids) if indicator_ids is not None else None
    statuses = target_statuses(session, on or date.today(), indicator_ids=only)
    target_q, indicator_q = select(Target), select(Indicator)
    if only is not None:
        target_q = target_q.where(Target.indicator_id.in_(only))
        indicator_q = indicator_q.where(Indicator.id.in_(only))
    targets = {t.id: t for t in session.scalars(target_q)}
    indicators = {i.id: i for i in session.scalars(indicator_q)}
    regions = {i: n for i, n in session.execute(select(Region.id, Region.name))}
    sentences = _sentences(session, {t.record_id for t in targets.values() if t.record_id})
    out = FactRows(only=only, target_ids=list(targets))
    for s in statuses:
        t, ind = targets[s.target_id], indicators[s.indicator_id]
        region_id = t.region_id if t.region_id is not None else ind.region_id
        region_name = regions.get(region_id, "") if region_id is not None else ""
        _, doc_title, sentence = sentences.get(t.record_id or -1, (None, "", ""))
        search_text = " ".join([ind.name, *map(str, ind.aliases or []), sentence or doc_title])
        try:
            fact = _fact(s, t, ind, region_id, region_name, search_text)
        except Exception as exc:  # noqa: BLE001 - this target degrades, the refresh goes on
            log.warning("target %s: its status could not be stored: %s", t.id, exc)
            out.degraded.append(t.id)
            out.facts.append(
                _degraded(t, ind, region_id, region_name, search_text, exc, on or date.today())
            )
            continue
        out.facts.append(fact)
        if not s.superseded and not s.history:
            out.units.extend(
                {"target_id": t.id, "unit": u, "status": fact["status"]}
                for u in dict.fromkeys(s.lead_units)
            )
    return out


def hold_targets(session: Session, rows: FactRows) -> FactRows:
    """Before a refresh writes: keep only the rows of targets still there. The rows were computed
    in an earlier transaction, and a review may have removed a target since (its indicator was
    marked stale again); writing its row failed on the foreign key.

    On PostgreSQL the targets are also locked (FOR KEY SHARE, in id order) for a partial
    refresh, so a review deleting one waits for this short write; without it, the refresh deleted
    facts the review's cascade needed while the review held the target the refresh's insert
    needed, and the review was rolled back as a deadlock's victim. On SQLite the caller's write
    transaction already keeps every other writer out."""
    ids = sorted({f["target_id"] for f in rows.facts})
    lock = rows.only is not None and session.get_bind().dialect.name == "postgresql"
    there: set[int] = set()
    for i in range(0, len(ids), _CHUNK):
        query = select(Target.id).where(Target.id.in_(ids[i : i + _CHUNK])).order_by(Target.id)
        there.update(session.scalars(query.with_for_update(key_share=True) if lock else query))
    if len(there) == len(ids):
        return rows
    return replace(
        rows,
        facts=[f for f in rows.facts if f["target_id"] in there],
        units=[u for u in rows.units if u["target_id"] in there],
    )


def write_facts(session: Session, rows: FactRows) -> None:
    """Replace the facts of `rows`' scope by `rows` (in the caller's write transaction)."""
    if rows.only is None:
        session.execute(delete(TargetUnitFact))
        session.execute(delete(TargetFact))
    else:
        stale = select(TargetFact.target_id).where(
            TargetFact.indicator_id.in_(rows.only) | TargetFact.target_id.in_(rows.target_ids)
        )
        session.execute(delete(TargetUnitFact).where(TargetUnitFact.target_id.in_(stale)))
        session.execute(delete(TargetFact).where(TargetFact.target_id.in_(stale)))
    for i in range(0, len(rows.facts), _CHUNK):
        session.execute(insert(TargetFact), rows.facts[i : i + _CHUNK])
    for i in range(0, len(rows.units), _CHUNK):
        session.execute(insert(TargetUnitFact), rows.units[i : i + _CHUNK])
    if rows.only is None:
        # Fresh statistics for the planner, on SQLite too: without them it walked the deadline-
        # year index (every target of a five-year plan) instead of the attribute index, 120 ms
        # for one filtered page at province scale (with them 20 ms; ANALYZE itself ≈ 50 ms).
        session.execute(text("ANALYZE cockpit_target_facts"))
        session.execute(text("ANALYZE cockpit_target_units"))


def vacuum_facts(engine: Engine) -> None:
    """After every fact row was rewritten, on PostgreSQL: VACUUM marks the pages all-visible, so
    the covering indexes answer the overview's counts by index-only scans (55 → 10 ms each at
    province scale; before, each count read the whole table). It cannot run in a transaction;
    it takes about a second, off the request path. A failure is logged, never raised."""
    if engine.dialect.name != "postgresql":
        return
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM (ANALYZE) cockpit_target_facts, cockpit_target_units"))
    except Exception as exc:  # noqa: BLE001 - the facts are written; this only speeds reads
        log.warning("VACUUM of the fact tables failed: %s", exc)


def _fact(
    s: TargetStatus,
    t: Target,
    ind: Indicator,
    region_id: int | None,
    region_name: str,
    search_text: str,
) -> dict[str, Any]:
    a = s.assessment
    details = a.to_json()
    details["conflicts"] = s.conflicts
    details.update(
        history=s.history,
        points=s.points,
        target_text=s.target_text,
        target_text_en=s.target_text_en,
        summary=s.summary,
        summary_en=s.summary_en,
    )
    return {
        "target_id": t.id,
        "indicator_id": ind.id,
        "indicator_name": ind.name,
        "domain": ind.domain or "",
        "region_id": region_id,
        "region_name": region_name,
        "document_id": s.document_id,
        "document_title": s.document,
        "record_id": t.record_id,
        "attribute": t.attribute or "",
        "aspiration": t.aspiration,
        "basis": t.basis,
        "comparator": t.comparator,
        "value": _finite(t.value),
        "value_max": finite_or_none(t.value_max),
        "unit": s.unit,
        "baseline_value": finite_or_none(
            t.baseline_value if t.baseline_value is not None else a.baseline
        ),
        "baseline_year": t.baseline_year,
        "deadline_year": t.deadline_year,
        "lead_units": "|" + "|".join(s.lead_units) + "|" if s.lead_units else "",
        "revision": t.revision or "",
        "superseded": s.superseded,
        "status": SUPERSEDED if s.superseded or s.history else a.status,
        "light": a.light,
        "progress": finite_or_none(a.progress),
        "latest_value": finite_or_none(a.latest),
        "latest_year": int(a.latest_time) if a.latest_time is not None else None,
        "search_text": search_text,
        "details": details,
    }


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"target value {value} is not a finite number")
    return value


def _degraded(
    t: Target,
    ind: Indicator,
    region_id: int | None,
    region_name: str,
    search_text: str,
    exc: Exception,
    on: date,
) -> dict[str, Any]:
    """A grey row for a target whose status could not be stored: listed, counted as no data,
    with the reason in its details."""
    value = t.value if isinstance(t.value, float) and math.isfinite(t.value) else 0.0
    details = assess(TargetSpec(value=value, deadline_year=on.year + 1), [], on, DEFAULT).to_json()
    details.update(
        conflicts=0,
        history=False,
        points=False,
        target_text="",
        target_text_en="",
        summary="",
        summary_en="",
        error=str(exc)[:300],
    )
    return {
        "target_id": t.id,
        "indicator_id": ind.id,
        "indicator_name": ind.name,
        "domain": ind.domain or "",
        "region_id": region_id,
        "region_name": region_name,
        "document_id": None,
        "document_title": "",
        "record_id": t.record_id,
        "attribute": t.attribute or "",
        "aspiration": t.aspiration,
        "basis": t.basis,
        "comparator": t.comparator,
        "value": value,
        "value_max": None,
        "unit": "",
        "baseline_value": None,
        "baseline_year": t.baseline_year,
        "deadline_year": t.deadline_year,
        "lead_units": "",
        "revision": t.revision or "",
        "superseded": False,
        "status": "no_data",
        "light": "grey",
        "progress": None,
        "latest_value": None,
        "latest_year": None,
        "search_text": search_text,
        "details": details,
    }
