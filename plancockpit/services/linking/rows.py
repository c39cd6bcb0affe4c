"""Rows for linking: the current indicators as matching references, new indicators, lead units.

Helpers of `services.linking.link`; no decisions about what links, only storage shapes.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, select, text
from sqlalchemy.orm import Session

from plancockpit.db.bulk import write_values
from plancockpit.db.models import Indicator, Record, Region, Target, Unit
from plancockpit.link.lexicon import departments
from plancockpit.link.match import Goals, IndicatorRef, RefIndex
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
    """The indicators and their matching index for a linking run, kept current as indicators are
    founded or get their unit (reloading them for each new indicator made linking quadratic in
    the number of indicators). `everything=False` loads a region's indicators only when a
    mention of that region is matched (`ensure`): linking one document then costs the same
    however many other regions' indicators are stored. `without_document`: a document being
    relinked in part, whose remaining targets `goals` must not see (a whole relink has removed
    them all before it reads goals)."""

    def __init__(
        self, session: Session, everything: bool = True, without_document: int | None = None
    ) -> None:
        self.session = session
        self.without_document = without_document
        self.region_names = region_names(session)
        self.indicators: dict[int, Indicator] = {}
        self.index = RefIndex()
        self._regions: set[str] = set()  # names whose indicators are loaded
        self._pending: dict[int, Indicator] = {}  # provisional id → indicator not yet flushed
        self._everything = everything
        if everything:
            self._load(select(Indicator))

    def ensure(self, region: str) -> None:
        """Load the indicators of the region named `region` ("" for none) if not yet loaded."""
        if self._everything or region in self._regions:
            return
        first = not self._regions
        self._regions.add(region)
        ids = [i for i, n in self.region_names.items() if n == region]
        where: ColumnElement[bool] = (
            Indicator.region_id.in_(ids) if region else Indicator.region_id.is_(None)
        )
        if first:
            # merged indicators come along whatever their region: their keys belong to the
            # survivor (once, with the first region read)
            where = where | Indicator.merged_into_id.is_not(None)
        self._load(select(Indicator).where(where))

    def _load(self, stmt: Select[Indicator]) -> None:
        fresh = [
            i
            for i in self.session.scalars(stmt.order_by(Indicator.id))
            if i.id not in self.indicators
        ]
        self.indicators.update((i.id, i) for i in fresh)
        for ind in fresh:  # a merge target outside the loaded regions comes too
            while ind.merged_into_id is not None and ind.merged_into_id not in self.indicators:
                target = self.session.get(Indicator, ind.merged_into_id)
                if target is None:
                    break
                self.indicators[target.id] = ind = target
        keys: dict[int, set[str]] = {}
        for ident, ind in self.indicators.items():
            keys.setdefault(survivor(self.indicators, ident), set()).update(_keys(ind))
        for i, k in keys.items():
            known = self.index.get(i)
            if known is None or set(known.keys) != k:
                self.index.replace(self._ref(self.indicators[i], k, i))

    def domains(self) -> list[str]:
        """The domains indicators are filed under, in the order they were first used."""
        return list(self.session.scalars(DOMAINS_IN_USE))

    def _ref(self, ind: Indicator, keys: set[str], ident: int | None = None) -> IndicatorRef:
        return IndicatorRef(
            ind.id if ident is None else ident,
            tuple(sorted(keys)),
            ind.unit,
            self.region_names.get(ind.region_id or -1, ""),
        )

    def add(self, ind: Indicator) -> None:
        """A newly founded indicator. One not yet flushed gets a provisional (negative) id until
        `settle`: new indicators are then written in one flush, not one each."""
        ident = ind.id
        if ident is None:
            ident = -1 - len(self._pending)
            self._pending[ident] = ind
        self.indicators[ident] = ind
        self.index.add(self._ref(ind, _keys(ind), ident))

    def ident(self, ind: Indicator) -> int:
        """The id the index knows `ind` by (provisional until `settle`)."""
        for ident, pending in self._pending.items():
            if pending is ind:
                return ident
        return ind.id

    def settle(self) -> None:
        """After a flush: the indicators founded since the last one under their real ids."""
        for ident, ind in self._pending.items():
            self.indicators[ind.id] = self.indicators.pop(ident)
            self.index.rekey(ident, ind.id)
        self._pending.clear()

    def goals(self, region_id: int | None) -> list[tuple[IndicatorRef, Goals]]:
        """The indicators of a region that have targets, with their target values by deadline
        year (read now, so a document linked after a plan or last year's report sees them)."""
        self.ensure(self.region_names.get(region_id, "") if region_id is not None else "")
        years: dict[int, dict[int, set[float]]] = {}
        stmt = (
            select(Target.indicator_id, Target.deadline_year, Target.value)
            .join(Indicator)
            .where(
                Indicator.region_id.is_(None)
                if region_id is None
                else Indicator.region_id == region_id
            )
            .where(Target.deadline_year.is_not(None))
        )
        if self.without_document is not None:
            stmt = stmt.where(
                Target.record_id.is_(None)
                | Target.record_id.not_in(
                    select(Record.id).where(Record.document_id == self.without_document)
                )
            )
        rows = self.session.execute(stmt)
        for ind_id, year, value in rows:
            if year is not None and ind_id in self.indicators:
                goal = years.setdefault(survivor(self.indicators, ind_id), {})
                goal.setdefault(year, set()).add(value)
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
        self.index.set_unit(self.ident(ind), unit)


# The domains in use by first use (`GROUP BY domain ORDER BY min(id)`), read as a skip scan of the
# (domain, id) index: a seek per domain instead of every indicator, which every document's linking
# read (9 ms at 29,000 indicators, growing with the database; 0.04 ms this way). A domain is
# never '' here, and '' sorts before any other text.
DOMAINS_IN_USE = text(
    """
    WITH RECURSIVE used(domain) AS (
        SELECT min(domain) FROM indicators WHERE domain > ''
        UNION ALL
        SELECT (SELECT min(i.domain) FROM indicators i WHERE i.domain > used.domain)
        FROM used WHERE used.domain IS NOT NULL
    )
    SELECT used.domain FROM used WHERE used.domain IS NOT NULL
    ORDER BY (SELECT min(i.id) FROM indicators i WHERE i.domain = used.domain)
    """
)


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


def new_indicator(
    metric: str, unit: str, basis: str, region_id: int | None, domain: str
) -> Indicator:
    """An indicator founded by its first mention; direction and bounds from the lexicon, else
    from the name (a 率/比重 in % is a bounded share)."""
    entry = alias_entry(metric)
    name = display_name(metric)
    shown = level_unit(unit, basis)
    bounded = entry.bounded if entry else (shown == "%" and any(w in name for w in BOUNDED_WORDS))
    return Indicator(
        name=name,
        key=canonical(metric),
        region_id=region_id,
        unit=shown,
        unit_family=family(shown),
        domain=domain,
        direction=entry.direction if entry and entry.direction else "up",
        bounded=bounded,
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
            session.add(
                Unit(
                    name=name,
                    full_name=d.full_name if d else "",
                    aliases=list(d.aliases) if d else [],
                )
            )
            known.add(name)


def region_names(session: Session) -> dict[int, str]:
    """Region ids → names; an indicator without a region (a document naming none) is region ""
    for matching."""
    return {i: n for i, n in session.execute(select(Region.id, Region.name).order_by(Region.id))}


LEVEL_SUFFIXES = (
    ("街道", "town"),
    ("社区", "village"),
    ("镇", "town"),
    ("乡", "town"),
    ("村", "village"),
    ("区", "district"),
    ("县", "district"),
    ("市", "district"),
)


def level_of(name: str) -> str:
    """A region's level from its name's suffix (区/县/市 → district, 镇/街道/乡 → town,
    村/社区 → village); district when the suffix says nothing."""
    for suffix, level in LEVEL_SUFFIXES:
        if name.endswith(suffix):
            return level
    return "district"


def refresh_domains(session: Session, indicator_ids: set[int] | None = None) -> None:
    """Set each indicator's domain: the plan 一级指标 of a record linked to it (as written), else
    the lexicon domain of its name shown under the labels of the plans its own records come
    from, then of the plans of those documents' regions and of its own region, so an
    indicator first seen in a document read before the plan still gets the plan's label, and one
    district's labels never file another's indicators. Indicators whose targets and observations
    were all entered by a person keep the domain they were given."""
    from plancockpit.db.models import Document, Observation, Record, Target
    from plancockpit.link.domains import domain_of

    own: dict[int, str] = {}
    documents: dict[int, set[int]] = {}
    manual: set[int] = set()
    for model in (Target, Observation):
        only = (model.indicator_id.in_(indicator_ids),) if indicator_ids is not None else ()
        manual |= set(
            session.scalars(select(model.indicator_id).where(model.record_id.is_(None), *only))
        )
        rows = session.execute(
            select(model.indicator_id, Record.document_id, Record.domain)
            .join(Record, model.record_id == Record.id)
            .where(*only)
            .order_by(Record.document_id, Record.start)
        )
        for ind_id, doc_id, label in rows:
            documents.setdefault(ind_id, set()).add(doc_id)
            if label:
                own.setdefault(ind_id, label)
    names = region_names(session)
    stmt = select(Indicator).where(Indicator.merged_into_id.is_(None))
    if indicator_ids is not None:
        stmt = stmt.where(Indicator.id.in_(indicator_ids))
    indicators = list(session.scalars(stmt))
    # The labels of the documents and regions these indicators come from — only those when the
    # indicators are a few (one document's linking): reading every document's made each
    # document's linking cost more as the database grew (0.44 s per document at 1,000 stored).
    labelled = (
        select(Record.document_id, Document.region, Record.domain)
        .join(Document, Record.document_id == Document.id)
        .where(Record.domain.is_not(None), Record.domain != "")
    )
    doc_regions = select(Document.id, Document.region)
    if indicator_ids is not None:
        own_docs = {d for ds in documents.values() for d in ds}
        doc_regions = doc_regions.where(Document.id.in_(own_docs))
    regions_of: dict[int, str] = {i: r for i, r in session.execute(doc_regions)}
    if indicator_ids is not None:
        regions = set(regions_of.values()) | {
            names.get(ind.region_id or -1, "") for ind in indicators
        }
        wanted = own_docs | set(
            session.scalars(select(Document.id).where(Document.region.in_(regions)))
        )
        labelled = labelled.where(Record.document_id.in_(wanted))
    by_document: dict[int, list[str]] = {}
    by_region: dict[str, list[str]] = {}
    for doc_id, region, label in session.execute(
        labelled.order_by(Record.document_id, Record.start)
    ):
        for labels in (by_document.setdefault(doc_id, []), by_region.setdefault(region, [])):
            if label not in labels:
                labels.append(str(label))
    changes = []
    for ind in indicators:
        if ind.id in documents or ind.id not in manual:
            docs = sorted(documents.get(ind.id, ()))
            labels = [g for d in docs for g in by_document.get(d, [])]
            for region in [
                *(regions_of.get(d, "") for d in docs),
                names.get(ind.region_id or -1, ""),
            ]:
                labels += by_region.get(region, [])
            domain = own.get(ind.id) or domain_of(ind.name, None, tuple(dict.fromkeys(labels)))
            changes.append((ind, {"domain": domain}))
    write_values(session, changes)  # not audited: one UPDATE, not the unit of work
    session.flush()


def same_regions(session: Session, indicator_ids: set[int]) -> set[int]:
    """The indicators of the regions these indicators belong to."""
    regions = select(Indicator.region_id).where(Indicator.id.in_(indicator_ids)).distinct()
    ids = set(session.scalars(select(Indicator.id).where(Indicator.region_id.in_(regions))))
    if session.scalar(
        select(Indicator.id)
        .where(Indicator.id.in_(indicator_ids), Indicator.region_id.is_(None))
        .limit(1)
    ):
        ids |= set(session.scalars(select(Indicator.id).where(Indicator.region_id.is_(None))))
    return ids | indicator_ids
