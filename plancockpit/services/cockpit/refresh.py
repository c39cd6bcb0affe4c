"""Rebuild the cockpit's fact tables from the statuses `services.status` computes."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Indicator, Observation, Record, Region, Section, Target
from plancockpit.evaluate.assessment import finite_or_none
from plancockpit.services.cockpit.facts import FACT_TABLES, SUPERSEDED, TargetFact, TargetUnitFact
from plancockpit.services.cockpit.passages import passage, table_of
from plancockpit.services.status import target_statuses

_CHUNK = 5000


def ensure_fact_tables(engine: Engine) -> None:
    """Create the cockpit's own tables if they are missing (they hold derived data only)."""
    for table in FACT_TABLES:
        table.create(engine, checkfirst=True)


def fingerprint(session: Session) -> tuple[Any, ...]:
    """Cheap summary that changes whenever a fact would: counts, max ids and review times."""
    return (
        session.scalar(select(func.count(Target.id))),
        session.scalar(select(func.max(Target.id))),
        session.scalar(select(func.count(Observation.id))),
        session.scalar(select(func.max(Observation.id))),
        session.scalar(select(func.max(Record.reviewed_at))),
        session.scalar(select(func.count(Document.id))),
    )


def _sentences(session: Session, record_ids: set[int]) -> dict[int, tuple[int, str, str]]:
    """record id → (document id, document title, source sentence)."""
    docs = {d.id: d for d in session.scalars(select(Document))}
    out: dict[int, tuple[int, str, str]] = {}
    rows = session.execute(
        select(Record.id, Record.document_id, Record.sentence_start, Record.sentence_end, Record.start, Record.end,
               Record.cell_row, Record.cell_col)
    )
    wanted = [row for row in rows if row.id in record_ids]
    cell_docs = {row.document_id for row in wanted if row.cell_row is not None}
    tables: dict[int, list[Section]] = {}
    if cell_docs:
        for sec in session.scalars(select(Section).where(Section.document_id.in_(cell_docs),
                                                         Section.kind == "table")):
            tables.setdefault(sec.document_id, []).append(sec)
    for rec in wanted:
        doc = docs[rec.document_id]
        before, match, after, _ = passage(doc.text, rec, table_of(tables.get(rec.document_id, []), rec))
        out[rec.id] = (rec.document_id, doc.title or doc.name, before + match + after)
    return out


def refresh_facts(session: Session, *, on: date | None = None, indicator_ids: set[int] | None = None) -> int:
    """Recompute the fact rows from `services.status` — of every target, or only of the targets of
    `indicator_ids` (after a review or an entered value); returns how many rows were written."""
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
    if only is None:
        session.execute(delete(TargetUnitFact))
        session.execute(delete(TargetFact))
    else:
        stale = select(TargetFact.target_id).where(
            TargetFact.indicator_id.in_(only) | TargetFact.target_id.in_(list(targets)))
        session.execute(delete(TargetUnitFact).where(TargetUnitFact.target_id.in_(stale)))
        session.execute(delete(TargetFact).where(TargetFact.target_id.in_(stale)))
    facts: list[dict[str, Any]] = []
    units: list[dict[str, Any]] = []
    for s in statuses:
        t, ind, a = targets[s.target_id], indicators[s.indicator_id], s.assessment
        region_id = t.region_id if t.region_id is not None else ind.region_id
        _, doc_title, sentence = sentences.get(t.record_id or -1, (None, "", ""))
        details = a.to_json()
        details["conflicts"] = s.conflicts
        details.update(history=s.history, points=s.points, target_text=s.target_text,
                       target_text_en=s.target_text_en, summary=s.summary, summary_en=s.summary_en)
        facts.append({
            "target_id": t.id, "indicator_id": ind.id, "indicator_name": ind.name,
            "domain": ind.domain or "", "region_id": region_id,
            "region_name": regions.get(region_id, "") if region_id is not None else "",
            "document_id": s.document_id, "document_title": s.document, "record_id": t.record_id,
            "attribute": t.attribute or "", "aspiration": t.aspiration, "basis": t.basis,
            "comparator": t.comparator, "value": t.value, "value_max": t.value_max, "unit": s.unit,
            "baseline_value": t.baseline_value if t.baseline_value is not None else a.baseline,
            "baseline_year": t.baseline_year, "deadline_year": t.deadline_year,
            "lead_units": "|" + "|".join(s.lead_units) + "|" if s.lead_units else "",
            "revision": t.revision or "", "superseded": s.superseded,
            "status": SUPERSEDED if s.superseded or s.history else a.status, "light": a.light,
            "progress": finite_or_none(a.progress), "latest_value": finite_or_none(a.latest),
            "latest_year": int(a.latest_time) if a.latest_time is not None else None,
            "search_text": " ".join([ind.name, *map(str, ind.aliases or []), sentence or doc_title]),
            "details": details,
        })
        if not s.superseded and not s.history:
            units.extend({"target_id": t.id, "unit": u, "status": a.status} for u in dict.fromkeys(s.lead_units))
    for i in range(0, len(facts), _CHUNK):
        session.execute(insert(TargetFact), facts[i : i + _CHUNK])
    for i in range(0, len(units), _CHUNK):
        session.execute(insert(TargetUnitFact), units[i : i + _CHUNK])
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE cockpit_target_facts"))  # fresh statistics for the planner
        session.execute(text("ANALYZE cockpit_target_units"))
    return len(facts)
