"""Rows for linking: the current indicators as matching references, new indicators, lead units.

Helpers of `services.indicators`; no decisions about what links, only storage shapes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Region, Target, Unit
from plancockpit.link.lexicon import departments
from plancockpit.link.match import IndicatorRef, RefIndex
from plancockpit.link.names import alias_entry, canonical, display_name, measure_key, normalise
from plancockpit.link.units import family, fold, is_point_unit, is_rate_unit

BOUNDED_WORDS = ("率", "比重", "占比", "比例", "覆盖率")
RATE_WORDS = ("增速", "增长率", "降幅", "增幅")


def survivor(indicators: dict[int, Indicator], ind_id: int) -> int:
    """Follow merges to the indicator that absorbed this one."""
    seen = set()
    while indicators[ind_id].merged_into_id is not None and ind_id not in seen:
        seen.add(ind_id)
        ind_id = indicators[ind_id].merged_into_id  # type: ignore[assignment]
    return ind_id


class References:
    """The indicators and their matching index for a linking run: loaded once, then kept current
    as indicators are founded or get their unit (reloading them for each new indicator made
    linking quadratic in the number of indicators)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.region_names = region_names(session)
        self.indicators = {i.id: i for i in session.scalars(select(Indicator).order_by(Indicator.id))}
        keys: dict[int, set[str]] = {}
        for ind in self.indicators.values():
            keys.setdefault(survivor(self.indicators, ind.id), set()).update(_keys(ind))
        self.index = RefIndex(self._ref(self.indicators[i], k) for i, k in keys.items())

    def _ref(self, ind: Indicator, keys: set[str]) -> IndicatorRef:
        return IndicatorRef(ind.id, tuple(sorted(keys)), ind.unit,
                            self.region_names.get(ind.region_id or -1, ""))

    def add(self, ind: Indicator) -> None:
        """A newly founded (flushed) indicator."""
        self.indicators[ind.id] = ind
        self.index.add(self._ref(ind, _keys(ind)))

    def goals(self, region_id: int | None) -> list[tuple[IndicatorRef, set[int]]]:
        """The indicators of a region that have targets, with their deadline years (read now,
        so a document linked after a plan or last year's report sees their targets)."""
        years: dict[int, set[int]] = {}
        rows = self.session.execute(
            select(Target.indicator_id, Target.deadline_year).join(Indicator)
            .where(Indicator.region_id.is_(None) if region_id is None
                   else Indicator.region_id == region_id)
            .where(Target.deadline_year.is_not(None)))
        for ind_id, year in rows:
            if year is not None and ind_id in self.indicators:
                years.setdefault(survivor(self.indicators, ind_id), set()).add(year)
        return [(ref, ys) for i, ys in years.items() if (ref := self.index.get(i)) is not None]

    def region_of_document(self, name: str) -> int | None:
        """The id of a document's region (a Region row created when none has this name);
        None for a document that names no region."""
        name = name.strip()
        if not name:
            return None
        found = [i for i, n in self.region_names.items() if n == name]
        if found:
            return min(found)
        region = Region(code=name[:50], name=name, level=level_of(name))
        self.session.add(region)
        self.session.flush()
        self.region_names[region.id] = name
        return region.id

    def set_unit(self, ind: Indicator, unit: str) -> None:
        ind.unit = unit
        self.index.set_unit(ind.id, unit)


def _keys(ind: Indicator) -> set[str]:
    """An indicator's matching keys: its key and its aliases (a survivor also gets those of the
    indicators merged into it)."""
    names = {ind.key, *(canonical(str(a)) for a in ind.aliases or [])}
    return names | {measure_key(n) for n in names}


def level_unit(unit: str, basis: str) -> str:
    """The unit a mention says about its indicator's level (a growth % or 个百分点 says none)."""
    if basis == "growth" and (is_rate_unit(unit) or not unit):
        return ""
    if is_point_unit(unit):
        return "%"
    return fold(unit)


def new_indicator(metric: str, unit: str, basis: str, region_id: int | None,
                  domain: str) -> Indicator:
    """An indicator founded by its first mention; direction and bounds from the lexicon, else
    from the name (a 率/比重 in % is a bounded share)."""
    entry = alias_entry(metric)
    name = display_name(metric)
    shown = level_unit(unit, basis)
    bounded = entry.bounded if entry else (shown == "%" and any(w in name for w in BOUNDED_WORDS))
    return Indicator(
        name=name, key=canonical(metric), region_id=region_id, unit=shown,
        unit_family=family(shown), domain=domain,
        direction=entry.direction if entry and entry.direction else "up", bounded=bounded,
        aliases=[] if normalise(metric) == canonical(metric) else [normalise(metric)],
    )


def is_rate_indicator(ind: Indicator) -> bool:
    """An indicator that is itself a rate (增速): compared with a target rate directly."""
    entry = alias_entry(ind.name)
    return bool(entry and entry.rate) or any(ind.name.endswith(w) for w in RATE_WORDS)


def canonical_unit_name(written: str) -> str:
    """A lead unit as the lexicon names it (区发展和改革局 → 区发改局); unknown ones as written."""
    w = written.strip()
    for d in departments():
        if w in (d.name, d.full_name, *d.aliases):
            return d.name
    return w


def ensure_units(session: Session, names: list[str]) -> None:
    """Create Unit rows for lead units not stored yet, with the lexicon's full name and aliases."""
    known = set(session.scalars(select(Unit.name)))
    lex = {d.name: d for d in departments()}
    for name in dict.fromkeys(names):
        if name and name not in known:
            d = lex.get(name)
            session.add(Unit(name=name, full_name=d.full_name if d else "",
                             aliases=list(d.aliases) if d else []))
            known.add(name)


def region_names(session: Session) -> dict[int, str]:
    """Region ids → names; an indicator without a region (a document naming none) is region ""
    for matching."""
    return {r.id: r.name for r in session.scalars(select(Region).order_by(Region.id))}


LEVEL_SUFFIXES = (("街道", "town"), ("社区", "village"), ("镇", "town"), ("乡", "town"),
                  ("村", "village"), ("区", "district"), ("县", "district"), ("市", "district"))


def level_of(name: str) -> str:
    """A region's level from its name's suffix (区/县/市 → district, 镇/街道/乡 → town,
    村/社区 → village); district when the suffix says nothing."""
    for suffix, level in LEVEL_SUFFIXES:
        if name.endswith(suffix):
            return level
    return "district"


def refresh_domains(session: Session, indicator_ids: set[int] | None = None) -> None:
    """Set each indicator's domain: the plan 一级指标 of a record linked to it (as written), else
    the lexicon domain of its name shown under the labels plans use (all records' groups), so
    an indicator first seen in a document read before the plan still gets the plan's label.
    Indicators whose targets and observations were all entered by a person keep the domain
    they were given."""
    from plancockpit.db.models import Observation, Record, Target
    from plancockpit.link.domains import domain_of

    labels: tuple[str, ...] = tuple(dict.fromkeys(str(d) for d in session.scalars(
        select(Record.domain).where(Record.domain.is_not(None), Record.domain != "")
        .order_by(Record.document_id, Record.start))))
    own: dict[int, str] = {}
    linked: set[int] = set()
    manual = set(session.scalars(select(Target.indicator_id).where(Target.record_id.is_(None))))
    manual |= set(session.scalars(select(Observation.indicator_id)
                                  .where(Observation.record_id.is_(None))))
    for model in (Target, Observation):
        rows = session.execute(select(model.indicator_id, Record.domain)
                               .join(Record, model.record_id == Record.id)
                               .order_by(Record.document_id, Record.start))
        for ind_id, label in rows:
            linked.add(ind_id)
            if label:
                own.setdefault(ind_id, label)
    stmt = select(Indicator).where(Indicator.merged_into_id.is_(None))
    if indicator_ids is not None:
        stmt = stmt.where(Indicator.id.in_(indicator_ids))
    for ind in session.scalars(stmt):
        if ind.id in linked or ind.id not in manual:
            ind.domain = own.get(ind.id) or domain_of(ind.name, None, labels)
    session.flush()
