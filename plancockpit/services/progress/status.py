"""Status of every target on a date, and roll-ups by domain, lead unit, region or document.

The adapter between storage and `plancockpit.evaluate`: it builds each target's `TargetSpec`
(baseline from the target or the observations, annual targets of the same indicator as the
steps of a period target — a later document's annual target before an earlier one's —, an
aspirational sibling as the stretch line, the revision instead of the revised target) and feeds
it the observations in the indicator's unit, with sub-regions' values rolled up where the
region has none of its own (`services.regions.hierarchy.region_tree`).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, defer

from plancockpit.db.models import Document, Indicator, Observation, Record, Target
from plancockpit.errors import Invalid
from plancockpit.evaluate import DEFAULT, Assessment, Obs, RollUp, TargetSpec, Thresholds
from plancockpit.evaluate import assess as evaluate
from plancockpit.evaluate.inputs import date_time, year_time
from plancockpit.evaluate.notes import Note, note
from plancockpit.evaluate.regional import with_roll_ups
from plancockpit.evaluate.rollup import roll_up
from plancockpit.evaluate.summary import summary
from plancockpit.link.names import measure_key
from plancockpit.link.units import additive, family
from plancockpit.services.actuals.observations import pick
from plancockpit.services.indicators.directions import settled_by_meaning
from plancockpit.services.indicators.target_words import is_points, target_text
from plancockpit.services.linking.lineage import document_day, dropped_targets
from plancockpit.services.linking.rows import is_rate_indicator
from plancockpit.services.regions.hierarchy import RegionTree, region_tree

log = logging.getLogger(__name__)

GroupBy = Literal["domain", "unit", "region", "document"]
ALL = "全部 all"
SUPERSEDING = ("raised", "kept", "lowered", "attribute_changed")
Settings = Thresholds | Mapping[int, Thresholds] | Callable[[int | None], Thresholds]


@dataclass(frozen=True)
class TargetStatus:
    """One target's status with where it came from; `superseded` targets are history only."""

    target_id: int
    indicator_id: int
    indicator: str
    unit: str
    domain: str
    region: str
    document_id: int | None
    document: str
    lead_units: tuple[str, ...]
    basis: str
    comparator: str
    value: float
    value_max: float | None
    deadline: int | None
    attribute: str | None
    revision: str | None
    revises_id: int | None
    assessment: Assessment
    superseded: bool = False
    conflicts: int = 0
    dropped: bool = False  # a plan target no later document mentions, while the plan runs
    history: bool = False  # its plan period has ended and a later one has begun: not current
    points: bool = False  # an addition to a share in percentage points (累计提高5.5个百分点)
    target_text: str = ""  # the target as a plan writes it (Chinese)
    target_text_en: str = ""
    summary: str = ""  # the status in one sentence (2025年实际2400亿元，目标…，差200亿元，未完成)
    summary_en: str = ""
    region_path: tuple[str, ...] = ()  # the target's region and its ancestors, top first
    steps: tuple[int, ...] = ()  # annual targets used as the steps of this period target
    rolled_up: tuple[int, ...] = ()  # years whose value was summed from the sub-regions
    source: Source | None = None  # the number that set the target
    latest_source: Source | None = None  # the record behind the latest observation used

    def to_json(self) -> dict[str, Any]:
        data = {
            k: getattr(self, k)
            for k in self.__dataclass_fields__
            if k not in ("assessment", "latest_source")
        }
        for k in ("lead_units", "region_path", "steps", "rolled_up"):
            data[k] = list(data[k])
        data["source"] = self.source.to_json() if self.source else None
        data["assessment"] = self.assessment.to_json() | {
            "latest_source": self.latest_source.to_json() if self.latest_source else None
        }
        return data


@dataclass(frozen=True)
class Source:
    """Where a number was written: a document's file name and the number's offsets in its
    original text."""

    doc: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class StatusReport:
    on: date
    targets: list[TargetStatus]
    rollups: list[RollUp] = field(default_factory=list)
    overall: RollUp | None = None
    dropped: dict[str, int] = field(default_factory=dict)  # group → dropped plan targets in it

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "targets": [t.to_json() for t in self.targets],
            "rollups": [
                r.to_json() | {"dropped": self.dropped.get(r.group, 0)} for r in self.rollups
            ],
            "overall": self.overall.to_json() | {"dropped": self.dropped.get(ALL, 0)}
            if self.overall
            else None,
        }


def _settings_for(settings: Settings, document_id: int | None) -> Thresholds:
    if isinstance(settings, Thresholds):
        return settings
    if callable(settings):
        return settings(document_id)
    return settings.get(document_id or -1, DEFAULT)


OBS_COLUMNS = (
    Observation.id,
    Observation.indicator_id,
    Observation.region_id,
    Observation.year,
    Observation.month,
    Observation.start_year,
    Observation.basis,
    Observation.value,
    Observation.unit,
    Observation.source_file,
    Observation.conflict,
    Observation.record_id,
    # a figure stated after an adjustment (the extractor's rule value=adjusted)
    func.coalesce(Record.rule.contains("value=adjusted"), False).label("adjusted"),
)
SeriesKey = tuple[int, int | None]  # indicator, region
S = TypeVar("S", bound=Select)  # type: ignore[type-arg]


@dataclass
class _Inputs:
    """Everything the statuses read, loaded once and grouped by indicator (and region), so the
    work is linear in targets + observations."""

    targets: list[tuple[Target, int | None]]  # with the document of its record, by id
    indicators: dict[int, Indicator]
    docs: dict[int, Document]
    tree: RegionTree
    obs_by: dict[SeriesKey, list[Any]]  # rows of OBS_COLUMNS
    dropped: set[int]
    revised: set[int]
    sources: dict[int, Source] = field(default_factory=dict)  # record id → its number's place
    period_starts: dict[str, list[int]] = field(default_factory=dict)  # region → periods begun
    series: dict[SeriesKey, list[Obs]] = field(default_factory=dict)
    conflict_counts: dict[SeriesKey, int] = field(default_factory=dict)
    picked: dict[SeriesKey, list[Any]] = field(default_factory=dict)
    picked_kin: dict[SeriesKey, list[Any]] = field(default_factory=dict)
    # like-named indicators in another unit, by indicator: read on the first target that has
    # no data of its own (most refreshes never need them)
    kin: dict[int, tuple[int, ...]] | None = None
    read_kin: Callable[[], dict[int, tuple[int, ...]]] = dict

    def kin_of(self, ind: Indicator) -> tuple[int, ...]:
        if self.kin is None:
            self.kin = self.read_kin()
        return self.kin.get(ind.id, ())

    def conflicts(self, key: SeriesKey) -> int:
        if key not in self.conflict_counts:
            self.conflict_counts[key] = sum(1 for o in self.obs_by.get(key, ()) if o.conflict)
        return self.conflict_counts[key]

    def picked_of(self, key: SeriesKey) -> list[Any]:
        """The key's observations, one per period (`pick`), worked out once: every target of
        an indicator and region reads them (thousands on a crowded indicator)."""
        if key not in self.picked:
            self.picked[key] = pick(self.obs_by.get(key, []))
        return self.picked[key]

    def kin_picked(self, ind: Indicator, region_id: int | None) -> list[Any]:
        """The like-named indicators' observations of the region, one per period, once."""
        key = (ind.id, region_id)
        if key not in self.picked_kin:
            rows = [o for k in self.kin_of(ind) for o in self.obs_by.get((k, region_id), [])]
            self.picked_kin[key] = pick(rows)
        return self.picked_kin[key]

    def series_of(self, ind: Indicator, region_id: int | None) -> list[Obs]:
        key = (ind.id, region_id)
        if key not in self.series:
            self.series[key] = _series(ind, region_id, self.picked_of, self.obs_by, self.tree)
        return self.series[key]


def _load(session: Session, indicator_ids: Collection[int] | None) -> _Inputs:
    def only(stmt: S, column: Any) -> S:
        return stmt if indicator_ids is None else stmt.where(column.in_(list(indicator_ids)))

    targets: list[tuple[Target, int | None]] = [
        (r[0], r[1])
        for r in session.execute(
            only(
                select(Target, Record.document_id)
                .join(Record, Target.record_id == Record.id, isouter=True)
                .order_by(Target.id),
                Target.indicator_id,
            )
        )
    ]
    # all observations are loaded unless `indicator_ids` is given: then the kin's too, now
    kin = _kin(session, indicator_ids) if indicator_ids is not None else None
    observed = select(*OBS_COLUMNS).join(Record, Observation.record_id == Record.id, isouter=True)
    if kin is not None and indicator_ids is not None:
        wanted = {*indicator_ids, *(k for ks in kin.values() for k in ks)}
        observed = observed.where(Observation.indicator_id.in_(list(wanted)))
    obs_by: dict[SeriesKey, list[Any]] = {}
    for o in session.execute(observed):
        obs_by.setdefault((o.indicator_id, o.region_id), []).append(o)
    docs = {
        d.id: d for d in session.scalars(select(Document).options(defer(Document.meta_evidence)))
    }
    return _Inputs(
        targets=targets,
        indicators={i.id: i for i in session.scalars(only(select(Indicator), Indicator.id))},
        docs=docs,
        tree=region_tree(session),
        obs_by=obs_by,
        sources=_record_sources(session, docs, only, indicator_ids is None),
        dropped=set(dropped_targets(session, indicator_ids)),
        revised={t.revises_id for t, _ in targets if t.revises_id and t.revision in SUPERSEDING},
        period_starts=_period_starts(session),
        kin=kin,
        read_kin=lambda: _kin(session, None),
    )


def _kin(session: Session, indicator_ids: Collection[int] | None) -> dict[int, tuple[int, ...]]:
    """For each indicator, the others of its region that measure the same thing by name
    (`measure_key`) in another unit family: a later report may give the result of a target in
    another unit (36个 done, 9万平方米 reported), which is shown, never compared."""
    groups: dict[tuple[int | None, str], list[tuple[int, str]]] = {}
    for i in session.execute(
        select(Indicator.id, Indicator.name, Indicator.region_id, Indicator.unit).where(
            Indicator.merged_into_id.is_(None)
        )
    ):
        groups.setdefault((i.region_id, measure_key(i.name)), []).append((i.id, family(i.unit)))
    out: dict[int, tuple[int, ...]] = {}
    for members in groups.values():
        for ind, fam in members:
            if indicator_ids is None or ind in indicator_ids:
                others = tuple(k for k, f in members if f != fam)
                if others:
                    out[ind] = others
    return out


SETTING = ("plan", "annual_report")


def _period_starts(session: Session) -> dict[str, list[int]]:
    """The first years of the periods that target-setting documents (plans, annual reports) set,
    by the document's region."""
    out: dict[str, list[int]] = {}
    for d in session.execute(
        select(
            Document.region,
            Document.kind,
            Document.doc_date,
            Document.period_start,
            Document.period_end,
        )
    ):
        if d.kind in SETTING:
            first = d.period_start or d.period_end or (d.doc_date.year if d.doc_date else None)
            if first:
                out.setdefault(d.region or "", []).append(first)
    return out


def plan_period(t: Target, doc: Document | None) -> tuple[int | None, int | None]:
    """The period a target belongs to: its document's when the deadline lies in it (a plan's
    2021–2025), else the target's own (a 十三五 review table's 2020 target in a 十四五 plan)."""
    if (
        doc is not None
        and doc.period_start
        and doc.period_end
        and t.deadline_year is not None
        and doc.period_start <= t.deadline_year <= doc.period_end
    ):
        return doc.period_start, doc.period_end
    return t.baseline_year, t.deadline_year


def is_history(
    t: Target, doc: Document | None, on: date, period_starts: Mapping[str, list[int]]
) -> bool:
    """A target of a plan period that has ended (`on` is after its last year) once a later
    period has begun in the documents (a new plan or a later year's report of the region): the
    history of that plan, not a current alarm."""
    _, end = plan_period(t, doc)
    if end is None or on.year <= end:
        return False
    starts = period_starts.get(doc.region if doc else "", []) or [
        y for ys in period_starts.values() for y in ys
    ]
    return any(y > end for y in starts)


def _record_sources(
    session: Session, docs: Mapping[int, Document], only: Any, everything: bool
) -> dict[int, Source]:
    """The place of every record a target or an observation came from."""
    used = select(Target.record_id).where(Target.record_id.is_not(None))
    seen = select(Observation.record_id).where(Observation.record_id.is_not(None))
    if not everything:
        used, seen = only(used, Target.indicator_id), only(seen, Observation.indicator_id)
    rows = session.execute(
        select(Record.id, Record.document_id, Record.start, Record.end).where(
            Record.id.in_(used.union(seen).scalar_subquery())
        )
    )
    return {
        r.id: Source(docs[r.document_id].name, r.start, r.end)
        for r in rows
        if r.document_id in docs
    }


def _latest_source(
    a: Assessment, picked: Sequence[Any], basis: str, sources: Mapping[int, Source]
) -> Source | None:
    """The record behind the observation the assessment used last; None when that observation
    came from a file or a person, or when there is none. `picked`: one observation per period."""
    if a.latest_time is None:
        return None
    # a growth target may be judged from levels (10.4亿元 after 17亿元): the level is the source
    for way in (basis, "level") if basis == "growth" else (basis,):
        for o in reversed(picked):
            if o.basis == way and abs(year_time(o.year, o.month) - a.latest_time) < 1e-9:
                return sources.get(o.record_id) if o.record_id and not o.source_file else None
    return None


def _unjudged_result(
    t: Target, picked: Sequence[Any], sources: Mapping[int, Source]
) -> tuple[Source, Any] | None:
    """A document's figure for the target's deadline year that the assessment could not use
    (another basis, or a like-named indicator in another unit: 36个 done, 9万平方米 reported):
    shown with the target as its result, not compared with it. `picked`: one observation per
    period."""
    if t.deadline_year is None:
        return None
    for o in reversed(picked):
        if (
            o.year == t.deadline_year
            and o.month is None
            and o.record_id in sources
            and not o.source_file
        ):
            return sources[o.record_id], o
    return None


class _Siblings:
    """An indicator's targets of one region and basis, oldest document first: the aspirational
    (力争) values by deadline, the deadlines with a firm target, the annual targets (steps)."""

    def __init__(self, members: list[Target]) -> None:
        self.members = members
        self.stretch: dict[int | None, float] = {}
        for s in members:
            if s.aspiration:
                self.stretch.setdefault(s.deadline_year, s.value)
        self.firm = {s.deadline_year for s in members if not s.aspiration}
        self.annual = [
            s
            for s in members
            if not s.aspiration
            and s.deadline_year is not None
            and s.baseline_year == s.deadline_year - 1
        ]


def _sibling_groups(inp: _Inputs) -> dict[tuple[int, int | None, str], _Siblings]:
    def when(item: tuple[Target, int | None]) -> tuple[date, int]:
        """A target's document date (else its period and year): later documents' annual
        targets win as steps; a target a person entered (no document) counts as the latest."""
        t, doc_id = item
        doc = inp.docs.get(doc_id) if doc_id is not None else None
        if doc is None:
            return date.max, t.id
        return document_day(doc.doc_date, doc.period_start, doc.period_end, doc.base_year), t.id

    groups: dict[tuple[int, int | None, str], list[Target]] = {}
    for t, _ in sorted(inp.targets, key=when):
        groups.setdefault((t.indicator_id, t.region_id, t.basis), []).append(t)
    return {k: _Siblings(v) for k, v in groups.items()}


def target_statuses(
    session: Session,
    on: date,
    settings: Settings = DEFAULT,
    indicator_ids: Collection[int] | None = None,
) -> list[TargetStatus]:
    """Every target assessed on `on` (superseded and stretch-only targets flagged, still listed);
    only the targets of `indicator_ids` when given (the same answers: a target's status reads
    only its own indicator's targets and observations)."""
    inp = _load(session, indicator_ids)
    groups = _sibling_groups(inp)
    return [
        _status(
            t,
            doc_id,
            inp,
            groups[(t.indicator_id, t.region_id, t.basis)],
            on,
            _settings_for(settings, doc_id),
        )
        for t, doc_id in inp.targets
    ]


def _status(
    t: Target,
    doc_id: int | None,
    inp: _Inputs,
    siblings: _Siblings,
    on: date,
    thresholds: Thresholds,
) -> TargetStatus:
    ind = inp.indicators[t.indicator_id]
    stretch = None if t.aspiration else siblings.stretch.get(t.deadline_year)
    series = inp.series_of(ind, t.region_id)
    spec = spec_of(t, ind, siblings.annual, stretch)
    points = is_points(t.basis, t.unit or "", ind.unit)
    extra: list[Note] = []
    if spec is not None and points:
        spec, extra = _points_spec(spec, series)
    a = _evaluate_or_degrade(t, spec, series, on, thresholds)
    if extra:
        a = replace(
            a,
            notes=(*(n.text("en") for n in extra), *a.notes),
            notes_zh=(*(n.text("zh") for n in extra), *a.notes_zh),
        )
    rolled = tuple(
        sorted(
            {
                o.year
                for o in series
                if o.rolled_up and o.time <= date_time(on) and o.basis == t.basis
            }
        )
    )
    if rolled:
        summed = note("rolled_up", years=list(rolled))
        a = replace(
            a, notes=(*a.notes, summed.text("en")), notes_zh=(*a.notes_zh, summed.text("zh"))
        )
    own = inp.picked_of((ind.id, t.region_id))
    latest = _latest_source(a, own, t.basis, inp.sources)
    if latest is None and a.status == "no_data":
        unjudged = _unjudged_result(t, own, inp.sources) or _unjudged_result(
            t, inp.kin_picked(ind, t.region_id), inp.sources
        )
        if unjudged is not None:
            latest, o = unjudged
            said = note(
                "result_not_comparable", year=o.year, value=f"{o.value:g}", unit=o.unit or ""
            )
            a = replace(
                a, notes=(*a.notes, said.text("en")), notes_zh=(*a.notes_zh, said.text("zh"))
            )
    doc = inp.docs.get(doc_id) if doc_id is not None else None
    history = is_history(t, doc, on, inp.period_starts)
    _, period_end = plan_period(t, doc)
    years = (t.deadline_year - t.baseline_year) if t.deadline_year and t.baseline_year else 1
    text_zh, text_en = target_text(
        t.comparator,
        t.value,
        t.value_max,
        t.unit or ind.unit,
        t.basis,
        points=points,
        years=years,
        decline=t.basis == "growth" and ind.direction == "down",
    )
    said_zh, said_en = summary(a.to_json(), text_zh, text_en, t.unit or ind.unit)
    return TargetStatus(
        target_id=t.id,
        indicator_id=ind.id,
        indicator=ind.name,
        unit=t.unit or ind.unit,
        domain=ind.domain,
        region=inp.tree.names.get(t.region_id or -1, ""),
        document_id=doc_id,
        document=(doc.title or doc.name) if doc else "",
        lead_units=tuple(str(u) for u in t.lead_units or []),
        basis=t.basis,
        comparator=t.comparator,
        value=t.value,
        value_max=t.value_max,
        deadline=t.deadline_year,
        attribute=t.attribute,
        revision=t.revision,
        revises_id=t.revises_id,
        assessment=a,
        superseded=t.id in inp.revised or (t.aspiration and t.deadline_year in siblings.firm),
        conflicts=inp.conflicts((t.indicator_id, t.region_id)),
        dropped=t.id in inp.dropped
        and not history
        and (period_end is None or on.year <= period_end),
        history=history,
        points=points,
        target_text=text_zh,
        target_text_en=text_en,
        summary=said_zh,
        summary_en=said_en,
        region_path=inp.tree.path(t.region_id),
        steps=_step_ids(t, siblings.annual),
        rolled_up=rolled,
        source=inp.sources.get(t.record_id) if t.record_id else None,
        latest_source=latest,
    )


def _evaluate_or_degrade(
    t: Target, spec: TargetSpec | None, series: list[Obs], on: date, thresholds: Thresholds
) -> Assessment:
    """The target's assessment; one that cannot be computed (a value no arithmetic holds, stored
    before it was refused at entry) is "no data" with the reason, never a failed refresh."""
    if spec is None:
        return evaluate(TargetSpec(value=t.value, deadline_year=on.year + 1), [], on, thresholds)
    try:
        if not all(math.isfinite(x) for x in (spec.value, *(o.value for o in series))):
            raise ValueError("a value is not a finite number / 数值不是有限数")
        return evaluate(spec, series, on, thresholds)
    except (ArithmeticError, ValueError) as exc:
        log.warning("target %s not evaluated: %s", t.id, exc)
        why = note("not_evaluated", reason=str(exc))
        value = spec.value if math.isfinite(spec.value) else 0.0
        a = evaluate(TargetSpec(value=value, deadline_year=spec.deadline_year), [], on, thresholds)
        return replace(a, notes=(why.text("en"), *a.notes), notes_zh=(why.text("zh"), *a.notes_zh))


def _points_spec(spec: TargetSpec, series: list[Obs]) -> tuple[TargetSpec, list[Note]]:
    """A percentage-point target (累计提高5.5个百分点) as the level it asks for: the baseline
    share plus the points, from the target's baseline or the level observed at its baseline
    year (else the latest before it); unchanged (no data) without a baseline."""
    x_b = spec.baseline_value
    if x_b is None:
        before = [
            o for o in series if o.basis == "level" and o.month is None and o.year <= spec.start
        ]
        x_b = before[-1].value if before else None
    if x_b is None:
        return spec, [note("points_no_baseline")]
    aim = x_b + spec.value
    return replace(
        spec,
        basis="level",
        value=aim,
        baseline_value=x_b,
        value_max=x_b + spec.value_max if spec.value_max is not None else None,
        comparator=">=" if spec.value >= 0 else "<=",
    ), [note("points_as_level", base=f"{x_b:g}", points=f"{spec.value:g}", aim=f"{aim:g}")]


def _series(
    ind: Indicator,
    region_id: int | None,
    picked: Callable[[SeriesKey], list[Any]],
    obs_by: Mapping[SeriesKey, list[Any]],
    tree: RegionTree,
) -> list[Obs]:
    """The observations of an indicator in a region, one per period, in the evaluation's form;
    with the sub-regions' sums for periods the region lacks when the indicator is additive."""

    def obs(region: int | None) -> list[Obs]:
        return [
            Obs(o.year, o.value, o.month, o.basis, o.start_year, adjusted=bool(o.adjusted))
            for o in picked((ind.id, region))
        ]

    if not tree.has_children(region_id) or not additive(ind.name, ind.unit):
        return obs(region_id)
    own = {r: obs(r) for r in tree.below(region_id) if (ind.id, r) in obs_by}
    return with_roll_ups(region_id, own, tree.children)


def _annual(s: Target, t: Target) -> bool:
    """Whether `s` is an annual target inside the period of `t`."""
    return (
        s.deadline_year is not None
        and s.baseline_year == s.deadline_year - 1
        and t.baseline_year is not None
        and t.deadline_year is not None
        and t.baseline_year < s.deadline_year <= t.deadline_year
    )


def _step_ids(t: Target, siblings: list[Target]) -> tuple[int, ...]:
    if (
        t.basis != "increase"
        or t.baseline_year is None
        or t.deadline_year is None
        or t.deadline_year - t.baseline_year <= 1
    ):
        return ()
    chosen = {s.deadline_year: s.id for s in siblings if _annual(s, t) and not s.aspiration}
    return tuple(chosen[y] for y in sorted(chosen))  # type: ignore[type-var]


def spec_of(
    t: Target, ind: Indicator, siblings: list[Target], stretch: float | None
) -> TargetSpec | None:
    """The evaluation's view of a stored target; None without a deadline. `siblings` are the
    indicator's targets of the same region and basis, oldest document first (`t` itself may be
    among them): for a period `increase` target, their annual targets within the period are its
    steps (the latest document's for a year wins, so a work report's annual target replaces a
    plan's 每年…)."""
    if t.deadline_year is None:
        return None
    steps: tuple[tuple[int, float], ...] = ()
    if _step_ids(t, siblings):
        annual = {s.deadline_year: s.value for s in siblings if _annual(s, t) and not s.aspiration}
        steps = tuple(sorted(annual.items()))  # type: ignore[arg-type]
    return TargetSpec(
        value=t.value,
        deadline_year=t.deadline_year,
        basis=t.basis,  # type: ignore[arg-type]
        comparator=t.comparator,
        value_max=t.value_max,
        baseline_value=t.baseline_value,
        baseline_year=t.baseline_year,
        direction=ind.direction,  # type: ignore[arg-type]
        direction_settled=settled_by_meaning(ind),
        bounded=ind.bounded,
        is_rate=t.basis == "growth" and is_rate_indicator(ind),
        binding=t.attribute == "约束性",
        aspiration=t.aspiration,
        stretch=stretch,
        steps=steps,
    )


def group_keys(s: TargetStatus, by: GroupBy) -> list[str]:
    """The group(s) a target counts in: a target with two lead units counts in both."""
    if by == "unit":
        return list(s.lead_units) or ["(未指定 unassigned)"]
    if by == "region":  # a region's roll-up holds its own targets and its sub-regions'
        return list(s.region_path) or ["(全区 whole area)"]
    if by == "document":
        return [s.document or "(人工录入 entered)"]
    return [s.domain or "(未分类 unclassified)"]


def status_report(
    session: Session, on: date, by: GroupBy | None = None, settings: Settings = DEFAULT
) -> StatusReport:
    """Statuses on `on` with the roll-ups by `by` (superseded targets and the history of ended
    plan periods left out of roll-ups)."""
    statuses = target_statuses(session, on, settings)
    current = [s for s in statuses if not s.superseded and not s.history]
    groups: dict[str, list[Assessment]] = {}
    dropped = {ALL: sum(1 for s in current if s.dropped)}
    if by:
        for s in current:
            for key in group_keys(s, by):
                groups.setdefault(key, []).append(s.assessment)
                dropped[key] = dropped.get(key, 0) + s.dropped
    return StatusReport(
        on=on,
        targets=statuses,
        rollups=[roll_up(k, v) for k, v in groups.items()],
        overall=roll_up(ALL, [s.assessment for s in current]),
        dropped=dropped,
    )


class SettingsError(Invalid):
    """A thresholds file that cannot be used."""


def load_settings(session: Session, path: Any) -> Callable[[int | None], Thresholds]:
    """Thresholds from YAML: `default:` for all, `documents:` keyed by document id, name or title.

    default: {green: 0.9}
    documents:
      十四五规划纲要: {yellow: 0.5}
    """
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict) or set(data) - {"default", "documents"}:
            raise SettingsError(f"{path.name}: expected keys default and documents")
        base = Thresholds.from_mapping(data.get("default") or {})
        per: dict[int, Thresholds] = {}
        docs = list(session.scalars(select(Document)))
        for ref, values in (data.get("documents") or {}).items():
            hits = [d for d in docs if ref in (d.id, str(d.id), d.name, d.title)]
            if not hits:
                raise SettingsError(f"{path.name}: no document {ref!r}")
            merged = base.to_json() | dict(values or {})
            for d in hits:
                per[d.id] = Thresholds.from_mapping(merged)
    except (OSError, yaml.YAMLError, ValueError, TypeError) as exc:
        if isinstance(exc, SettingsError):
            raise
        raise SettingsError(f"{path.name}: {exc}") from None
    return lambda doc_id: per.get(doc_id or -1, base)
