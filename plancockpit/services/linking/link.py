"""Linking stored records into indicators, targets and observations; merging and splitting.

`link_document(session, document_id)` is the hook ingest calls after storing a document; it is
idempotent: the document's targets and observations are rebuilt from its records (rejected
records left out, edited ones with their edited values), then lineage and conflicts of the
indicators it touched are recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from plancockpit.db.bulk import add_new
from plancockpit.db.engine import transaction
from plancockpit.db.models import Document, Indicator, Observation, Record, Target
from plancockpit.errors import NotFound
from plancockpit.link.domains import domain_of
from plancockpit.link.match import (
    Goals,
    IndicatorRef,
    Mention,
    RegionNames,
    match,
    match_result,
    split_region,
)
from plancockpit.link.names import name_problem, period_span
from plancockpit.link.units import compatible, convert
from plancockpit.services.access import target_audit
from plancockpit.services.actuals.observations import flag_conflicts
from plancockpit.services.linking import rows as link_rows
from plancockpit.services.linking.lineage import relink_lineage


@dataclass
class LinkReport:
    """What one linking run did; `skipped` lists (record id, reason); `indicators`: those whose
    targets or observations a relink of some records may have changed (`relink_records`)."""

    documents: int = 0
    indicators_created: int = 0
    targets: int = 0
    observations: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    indicators: set[int] = field(default_factory=set)

    def to_json(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "indicators_created": self.indicators_created,
            "targets": self.targets,
            "observations": self.observations,
            "skipped": [{"record_id": r, "reason": why} for r, why in self.skipped],
        }


def link_all(engine_or_session: Engine | Session) -> LinkReport:
    """Relink every document, oldest first (what `plancockpit link` and uploads run)."""
    if isinstance(engine_or_session, Session):
        return _link_all(engine_or_session)
    with transaction(engine_or_session) as session:
        return _link_all(session)


def _link_all(session: Session) -> LinkReport:
    total = LinkReport()
    docs = session.scalars(select(Document).order_by(Document.doc_date, Document.id)).all()
    refs = link_rows.References(session)
    for doc in docs:
        part = link_document(session, doc.id, lineage=False, refs=refs)
        total.documents += 1
        total.indicators_created += part.indicators_created
        total.targets += part.targets
        total.observations += part.observations
        total.skipped += part.skipped
    ids = set(session.scalars(select(Indicator.id)))
    relink_lineage(session, ids)
    flag_conflicts(session, ids)
    link_rows.refresh_domains(session)
    return total


PartsKey = tuple[int | None, str, int | None]
Identity = tuple[object, ...]


def parts_key(t: Target) -> PartsKey:
    """What identifies a target across relinking: its record, basis and deadline (an edited
    value keeps its parts; the breakdown check then reports the difference)."""
    return (t.record_id, t.basis, t.deadline_year)


def unlink_records(
    session: Session, record_ids: list[int], parts: dict[PartsKey, list[Target]] | None = None
) -> set[int]:
    """Remove targets and observations made from these records; the indicators they touched.
    Targets broken down from a removed target are kept in `parts` under its key, so that
    `_reattach` can hang them under the rebuilt target."""
    if not record_ids:
        return set()
    old = select(Target.id).where(Target.record_id.in_(record_ids))
    session.execute(update(Target).where(Target.revises_id.in_(old)).values(revises_id=None))
    if parts is not None:
        wholes = {
            t.id: t for t in session.scalars(select(Target).where(Target.record_id.in_(record_ids)))
        }
        for part in session.scalars(select(Target).where(Target.parent_target_id.in_(old))):
            parts.setdefault(parts_key(wholes[part.parent_target_id or -1]), []).append(part)
    session.execute(
        update(Target).where(Target.parent_target_id.in_(old)).values(parent_target_id=None)
    )
    touched = set(
        session.scalars(select(Target.indicator_id).where(Target.record_id.in_(record_ids)))
    )
    touched |= set(
        session.scalars(
            select(Observation.indicator_id).where(Observation.record_id.in_(record_ids))
        )
    )
    session.execute(delete(Target).where(Target.record_id.in_(record_ids)))
    session.execute(delete(Observation).where(Observation.record_id.in_(record_ids)))
    return touched


def link_document(
    session: Session,
    document_id: int,
    *,
    lineage: bool = True,
    refs: link_rows.References | None = None,
    known: dict[Identity, int] | None = None,
    removed: target_audit.Snapshot | None = None,
    parents: dict[int, int] | None = None,
    new: bool = False,
) -> LinkReport:
    """Build (or rebuild) the indicators, targets and observations of one document's records;
    the targets' changes go to the audit trail. `refs`: the indicators as a linking run holds
    them (loaded here when not given); `known`: ids of rows made from records already removed
    (`known_ids`), to be given again; `removed`: those removed targets' audit snapshot, so one
    rebuilt under its id is logged as changed, not created; `parents`: part id → whole id of
    parts whose whole was removed with its record, hung again under a whole rebuilt under that
    id. `new`: the document was stored just now (an ingest), so none of its records has a
    target or value to unlink, keep the id of or compare with (≈ 10 ms of queries saved)."""
    doc = session.get(Document, document_id)
    if doc is None:
        raise NotFound(f"document {document_id} not found")
    records = list(
        session.scalars(
            select(Record).where(Record.document_id == document_id).order_by(Record.start)
        )
    )
    record_ids = [r.id for r in records]
    before = dict(removed or {})
    parts: dict[PartsKey, list[Target]] = {}
    known = dict(known or {})
    touched: set[int] = set()
    if not new:
        before |= target_audit.snapshot(session, record_ids=record_ids)
        known |= known_ids(session, records)
        touched = unlink_records(session, record_ids, parts)
    session.flush()
    refs = refs or link_rows.References(session, everything=False)
    report = LinkReport(documents=1)
    pairs = indicators_of(session, records, refs, report, refs.region_of_document(doc.region))
    touched |= {ind.id for _, ind, _, _ in pairs}
    seen = store_rows(session, doc, pairs, report, known)
    link_rows.ensure_units(session, [str(u) for t in seen.values() for u in t.lead_units or []])
    session.flush()
    for whole in seen.values():  # parts of a rebuilt target hang under it again
        for part in parts.get(parts_key(whole), []):
            part.parent_target_id = whole.id
    rebuilt = {t.id for t in seen.values()}
    for part_id, whole_id in (parents or {}).items():
        orphan = session.get(Target, part_id)
        if orphan is not None and whole_id in rebuilt:
            orphan.parent_target_id = whole_id
    target_audit.audit_target_changes(
        session, before, target_audit.snapshot(session, ids=before, record_ids=record_ids)
    )
    if lineage:
        relink_lineage(session, touched)
        flag_conflicts(session, touched)
        # A plan brings its group labels: every indicator of its regions may now file under
        # them (other regions' indicators are refiled by a whole `link_all`).
        plan_labels = any(r.domain for r in records)
        link_rows.refresh_domains(
            session, link_rows.same_regions(session, touched) if plan_labels else touched
        )
    return report


Pair = tuple[Record, Indicator, str, float]  # record, its indicator, why, how sure


def indicators_of(
    session: Session,
    records: list[Record],
    refs: link_rows.References,
    report: LinkReport,
    doc_region: int | None,
    labels: list[str] | None = None,
) -> list[Pair]:
    """Each record's indicator (founded when nothing matches); rejected records left out.
    Indicators are per region: a metric naming a known region (瓜沥镇…) belongs to that
    region, any other to the document's region, so two districts' 地区生产总值 stay apart.
    `labels`: the document's group labels when `records` are only some of its records."""
    names = refs.region_names
    ids_by_name: dict[str, int] = {}
    for i, n in sorted(names.items(), reverse=True):
        ids_by_name[n] = i  # the oldest region of a name wins
    own = names.get(doc_region or -1, "")
    # The plan's own 一级指标 labels (this document's tables first, then any stored) name the
    # domains of indicators that the lexicon classifies.
    if labels is None:
        labels = [r.domain for r in records if r.domain]
    groups = tuple(dict.fromkeys(labels + refs.domains()))
    pairs: list[Pair] = []
    founded: list[Indicator] = []
    goals: dict[str, list[tuple[IndicatorRef, Goals]]] = {}
    prefixes = RegionNames(names.values())  # no region joins `names` in the loop: built once
    for rec, written in ((r, m) for r in records for m in _metrics_of(r)):
        if rec.review_state == "rejected":
            report.skipped.append((rec.id, "rejected in review"))
            continue
        region, metric = split_region(written, prefixes)
        region = region or own
        mention = Mention(metric, rec.unit, rec.basis, region)
        refs.ensure(region)
        found = match(mention, refs.index)
        if found is None and rec.kind == "actual" and rec.year is not None:
            if region not in goals:  # last year's targets, for a result named in other words
                goals[region] = refs.goals(ids_by_name.get(region))
            found = match_result(mention, rec.year, goals[region], rec.value)
        problem = name_problem(metric) if found is None else None
        if problem:  # a fragment founds no indicator; the record waits for a name in review
            report.skipped.append((rec.id, f"not an indicator name ({problem})"))
            continue
        if found is None:
            domain = domain_of(metric, rec.domain, groups)
            ind = link_rows.new_indicator(
                metric, rec.unit, rec.basis, ids_by_name.get(region), domain
            )
            founded.append(ind)
            refs.add(ind)
            report.indicators_created += 1
            reason, confidence = "first mention", 1.0
        else:
            ind = refs.indicators[found.indicator_id]
            reason, confidence = found.reason, found.confidence
            if rec.domain and not ind.domain:
                ind.domain = rec.domain
            if not ind.unit and link_rows.level_unit(rec.unit, rec.basis):
                refs.set_unit(ind, link_rows.level_unit(rec.unit, rec.basis))
        pairs.append((rec, ind, reason, confidence))
    add_new(session, founded)  # one statement, not one each
    session.flush()
    refs.settle()
    return pairs


def known_ids(session: Session, records: list[Record]) -> dict[Identity, int]:
    """The ids of the targets and observations these records made, by what identifies them
    across relinking: the record's place in the text, and the target's basis and deadline (or
    the observation's year). Relinking gives the rebuilt rows the same ids, so links, bookmarks
    and anything else that points at a target survive a review."""
    spans = {r.id: (r.start, r.end) for r in records}
    ids: dict[Identity, int] = {}
    for t in session.execute(
        select(Target.id, Target.record_id, Target.basis, Target.deadline_year).where(
            Target.record_id.in_(list(spans))
        )
    ):
        ids.setdefault(("target", *spans[t.record_id], t.basis, t.deadline_year), t.id)
    for o in session.execute(
        select(Observation.id, Observation.record_id, Observation.year).where(
            Observation.record_id.in_(list(spans))
        )
    ):
        ids.setdefault(("observation", *spans[o.record_id], o.year), o.id)
    return ids


def _metrics_of(rec: Record) -> list[str]:
    """The metrics a record sizes: the items of a joint metric as extracted (城乡居民人均可支配
    收入分别增长7.5% sizes 城镇… and 农村…), unless review renamed it; else its metric."""
    extracted = rec.extracted or {}
    parts = extracted.get("parts") or []
    if parts and extracted.get("metric") == rec.metric:
        return [str(p) for p in parts]
    return [rec.metric]


def store_rows(
    session: Session,
    doc: Document,
    pairs: list[Pair],
    report: LinkReport,
    known: dict[Identity, int] | None = None,
) -> dict[tuple[object, ...], Target]:
    """The observations and targets of the linked records (a target stated twice in the
    document is stored once), under their `known` ids where they had one; returns the targets
    by what makes them the same."""
    known = dict(known or {})
    observations: list[Observation] = []
    actual_years: dict[int, set[int]] = {}
    for rec, ind, _, _ in pairs:
        if rec.kind == "actual" and rec.year is not None and not _other_year(doc.text, rec):
            actual_years.setdefault(ind.id, set()).add(rec.year)
    seen: dict[tuple[object, ...], Target] = {}
    for rec, ind, reason, confidence in pairs:
        value, value_max = _in_unit(rec, ind)
        if rec.kind == "actual":
            if rec.year is None:
                report.skipped.append((rec.id, "actual without a year"))
                continue
            observations.append(
                Observation(
                    id=known.pop(("observation", rec.start, rec.end, rec.year), None),
                    indicator_id=ind.id,
                    region_id=ind.region_id,
                    year=rec.year,
                    value=value,
                    unit=_unit_of(rec, ind),
                    basis=rec.basis,
                    start_year=_total_start(rec),
                    record_id=rec.id,
                )
            )
            report.observations += 1
            continue
        years = actual_years.get(ind.id, set())
        for target in _targets(doc, rec, ind, value, value_max, reason, confidence, years):
            key = (
                ind.id,
                target.basis,
                target.deadline_year,
                target.baseline_year,
                round(target.value, 9),
                target.value_max,
                target.aspiration,
            )
            if key in seen:
                seen[key].link_reason = _append(seen[key].link_reason, f"also record {rec.id}")
                continue
            seen[key] = target
            same = known.pop(
                ("target", rec.start, rec.end, target.basis, target.deadline_year), None
            )
            if same is not None:
                target.id = same
            report.targets += 1
    # one statement per table, not one per row (nor the unit of work) where the database allows
    for made in (observations, list(seen.values())):
        add_new(session, made)
    return seen


PER_YEAR = "每年"
OTHER_YEAR_MARKS = "∗*＊"


def _other_year(text: str, rec: Record) -> bool:
    """A value the document marks as another year's than its column (2.95∗ for 2019 in a 2020
    column): an observation of that year, never a target's baseline year."""
    return text[rec.end : rec.end + 1] in tuple(OTHER_YEAR_MARKS)


_CLAUSE_END = "，,；;。：:\n"


def _clause(text: str, rec: Record) -> str:
    """The text of the clause before the record's number (back to the last ，；。)."""
    floor = rec.sentence_start if rec.sentence_end > rec.sentence_start else max(0, rec.start - 40)
    i = rec.start
    while i > floor and text[i - 1] not in _CLAUSE_END:
        i -= 1
    return text[i : rec.start]


def _total_start(rec: Record) -> int | None:
    """The first year of an actual total over several years (五年新增… 〔48〕 for 2020 → 2016):
    kept as a period total, never as one year's addition (docs/methodology.md)."""
    span = period_span(rec.metric) if rec.basis == "increase" and rec.year else None
    return rec.year - span + 1 if span and span > 1 and rec.year else None


def _append(reason: str, more: str) -> str:
    return (reason + "; " + more)[:200]


def _unit_of(rec: Record, ind: Indicator) -> str:
    return (
        "%"
        if rec.basis == "growth"
        and not link_rows.level_unit(rec.unit, "growth")
        and rec.unit in ("%", "％", "")
        else (ind.unit or rec.unit)
    )


def _in_unit(rec: Record, ind: Indicator) -> tuple[float, float | None]:
    """The record's value(s) in the indicator's unit (growth rates stay in %)."""
    src = link_rows.level_unit(rec.unit, rec.basis)
    if not src or not ind.unit or src == ind.unit or not compatible(src, ind.unit):
        return rec.value, rec.value_max
    k = convert(1.0, src, ind.unit)
    return rec.value * k, rec.value_max * k if rec.value_max is not None else None


def _targets(
    doc: Document,
    rec: Record,
    ind: Indicator,
    value: float,
    value_max: float | None,
    reason: str,
    confidence: float,
    actual_years: set[int],
) -> list[Target]:
    """One target per record; a per-year target (每年…) in a plan becomes one target per year.

    The baseline year is the latest of the years before the deadline for which the same
    document states an actual value of the indicator (a plan table's 2020 column; not a value
    marked as another year's, 2.95∗) and the document's base year, else the year before the
    deadline.
    """
    deadline = rec.year or doc.period_end or (doc.doc_date.year if doc.doc_date else None)
    if deadline is None:
        return []
    before = [y for y in actual_years if y < deadline]
    span = period_span(rec.metric) if rec.basis == "increase" else None
    if span:
        base = deadline - span
    elif before or (doc.base_year is not None and doc.base_year < deadline):
        own = [doc.base_year] if doc.base_year is not None and doc.base_year < deadline else []
        base = max([*before, *own])
    else:
        base = deadline - 1
    lead = [link_rows.canonical_unit_name(str(u)) for u in rec.lead_units or ind.lead_units or []]
    common = dict(
        indicator_id=ind.id,
        record_id=rec.id,
        region_id=ind.region_id,
        comparator=rec.comparator,
        value=value,
        value_max=value_max,
        unit=_unit_of(rec, ind),
        basis=rec.basis,
        attribute=rec.attribute,
        aspiration=rec.aspiration,
        lead_units=lead,
        link_reason=reason[:200],
        link_confidence=confidence,
    )
    per_year = PER_YEAR in _clause(doc.text, rec) or rec.metric.startswith(PER_YEAR)
    if (
        rec.basis == "increase"
        and per_year
        and doc.period_start
        and doc.period_end
        and doc.period_end - doc.period_start < 10
    ):
        years = range(doc.period_start, doc.period_end + 1)
        return [Target(**common, baseline_year=y - 1, start_year=y, deadline_year=y) for y in years]
    return [Target(**common, baseline_year=base, start_year=base + 1, deadline_year=deadline)]


def indicator_rows(session: Session, q: str = "") -> list[dict[str, object]]:
    """Surviving indicators with counts, for lists (CLI and pages)."""
    from sqlalchemy import func

    from plancockpit.db.models import Region

    regions = {r.id: r.name for r in session.scalars(select(Region))}
    n_targets = dict(
        session.execute(
            select(Target.indicator_id, func.count()).group_by(Target.indicator_id)
        ).all()
    )
    n_obs = dict(
        session.execute(
            select(Observation.indicator_id, func.count()).group_by(Observation.indicator_id)
        ).all()
    )
    stmt = select(Indicator).where(Indicator.merged_into_id.is_(None)).order_by(Indicator.id)
    if q:
        stmt = stmt.where(Indicator.name.contains(q))
    return [
        {
            "id": i.id,
            "name": i.name,
            "key": i.key,
            "unit": i.unit,
            "domain": i.domain,
            "region": regions.get(i.region_id or -1, ""),
            "direction": i.direction,
            "bounded": i.bounded,
            "aliases": [str(a) for a in i.aliases or []],
            "targets": n_targets.get(i.id, 0),
            "observations": n_obs.get(i.id, 0),
        }
        for i in session.scalars(stmt)
    ]
