"""Rebuild the cockpit's fact tables from targets, observations and documents."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Indicator, Observation, Record, Region, Target
from plancockpit.services.cockpit.assess import assess
from plancockpit.services.cockpit.facts import FACT_TABLES, TargetFact, TargetUnitFact

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


def _observations(session: Session) -> dict[tuple[int, int | None], list[tuple[int, float, int | None, str]]]:
    by_key: dict[tuple[int, int | None], list[tuple[int, float, int | None, str]]] = defaultdict(list)
    rows = session.execute(
        select(Observation.indicator_id, Observation.region_id, Observation.year, Observation.value,
               Observation.month, Observation.basis)
        .where(Observation.conflict.is_(False))
        .execution_options(yield_per=_CHUNK)
    )
    for indicator_id, region_id, year, value, month, basis in rows:
        by_key[(indicator_id, region_id)].append((year, value, month, basis))
    return by_key


def _sentences(session: Session, record_ids: set[int]) -> dict[int, tuple[int, str, str]]:
    """record id → (document id, document title, source sentence)."""
    docs = {d.id: d for d in session.scalars(select(Document))}
    out: dict[int, tuple[int, str, str]] = {}
    rows = session.execute(
        select(Record.id, Record.document_id, Record.sentence_start, Record.sentence_end, Record.start, Record.end)
    )
    for rid, doc_id, s0, s1, start, end in rows:
        if rid not in record_ids:
            continue
        doc = docs[doc_id]
        s0, s1 = (s0, s1) if s1 > s0 else (max(0, start - 60), end + 20)
        out[rid] = (doc_id, doc.title or doc.name, doc.text[s0:s1])
    return out


def refresh_facts(session: Session, *, on: date | None = None) -> int:
    """Recompute every target's fact row and status; returns how many targets there are."""
    on = on or date.today()
    indicators = {i.id: i for i in session.scalars(select(Indicator))}
    regions = dict(session.execute(select(Region.id, Region.name)).all())
    targets = list(session.scalars(select(Target)))
    sentences = _sentences(session, {t.record_id for t in targets if t.record_id})
    observations = _observations(session)
    session.execute(delete(TargetUnitFact))
    session.execute(delete(TargetFact))
    facts: list[dict[str, Any]] = []
    units: list[dict[str, Any]] = []
    for t in targets:
        ind = indicators[t.indicator_id]
        region_id = t.region_id if t.region_id is not None else ind.region_id
        data = {c: getattr(t, c) for c in ("value", "value_max", "comparator", "basis", "baseline_value",
                                          "baseline_year", "start_year", "deadline_year", "attribute")}
        data["bounded"] = ind.bounded
        data["direction"] = ind.direction
        data["aspiration"] = t.aspiration
        obs = observations.get((ind.id, region_id)) or observations.get((ind.id, None), [])
        result = assess(data, obs, on)
        doc_id, doc_title, sentence = sentences.get(t.record_id or -1, (None, "", ""))
        lead = [str(u) for u in t.lead_units or []]
        facts.append({
            "target_id": t.id, "indicator_id": ind.id, "indicator_name": ind.name,
            "domain": ind.domain or "", "region_id": region_id, "region_name": regions.get(region_id, "") if region_id is not None else "",
            "document_id": doc_id, "document_title": doc_title, "record_id": t.record_id,
            "attribute": t.attribute or "", "aspiration": t.aspiration, "basis": t.basis,
            "comparator": t.comparator, "value": t.value, "value_max": t.value_max, "unit": t.unit or ind.unit,
            "baseline_value": t.baseline_value, "baseline_year": t.baseline_year,
            "deadline_year": t.deadline_year, "lead_units": "|" + "|".join(lead) + "|" if lead else "",
            "revision": t.revision or "", "status": result["status"], "light": result["light"],
            "progress": result.get("progress"), "latest_value": result.get("latest_value"),
            "latest_year": result.get("latest_year"),
            "search_text": " ".join([ind.name, *map(str, ind.aliases or []), sentence]),
            "details": result,
        })
        units.extend({"target_id": t.id, "unit": u, "status": result["status"]} for u in dict.fromkeys(lead))
    for i in range(0, len(facts), _CHUNK):
        session.execute(insert(TargetFact), facts[i : i + _CHUNK])
    for i in range(0, len(units), _CHUNK):
        session.execute(insert(TargetUnitFact), units[i : i + _CHUNK])
    return len(facts)
