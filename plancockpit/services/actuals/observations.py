"""Observations: adding actual values with provenance, and flagging conflicts (never overwriting).

Two observations conflict when they give different values for the same indicator, region,
period (year, month, and the first year of a multi-year total) and basis; both are kept and flagged, and the evaluation prefers a value
from an imported statistics file over one mentioned in a document, then the newest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from plancockpit.db.models import Observation
from plancockpit.errors import Invalid

REL_TOL = 1e-6

PeriodKey = tuple[int, int | None, int, int | None, int | None, str]


class ObsRow(Protocol):
    """What `pick` reads: an `Observation` or a selected row of its columns (no ORM objects
    when a whole province's observations are read for the statuses)."""

    @property
    def id(self) -> int: ...
    @property
    def indicator_id(self) -> int: ...
    @property
    def region_id(self) -> int | None: ...
    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int | None: ...
    @property
    def start_year(self) -> int | None: ...
    @property
    def basis(self) -> str: ...
    @property
    def source_file(self) -> str | None: ...


Row = TypeVar("Row", bound=ObsRow)


def _key(o: ObsRow) -> PeriodKey:
    return (o.indicator_id, o.region_id, o.year, o.month, o.start_year, o.basis)


def _differ(a: float, b: float) -> bool:
    return abs(a - b) > REL_TOL * max(abs(a), abs(b), 1.0)


def flag_conflicts(session: Session, indicator_ids: Iterable[int]) -> int:
    """Set `conflict` on every observation of these indicators whose period has differing
    values; clear it where they agree. Returns the number flagged."""
    ids = list(indicator_ids)
    if not ids:
        return 0
    groups: dict[PeriodKey, list[Observation]] = {}
    for o in session.scalars(select(Observation).where(Observation.indicator_id.in_(ids))):
        groups.setdefault(_key(o), []).append(o)
    flagged = 0
    for members in groups.values():
        clash = any(_differ(members[0].value, m.value) for m in members[1:])
        for m in members:
            m.conflict = clash
        flagged += len(members) if clash else 0
    session.flush()
    return flagged


@dataclass(frozen=True)
class Added:
    observation: Observation | None
    outcome: str  # accepted | duplicate | conflict
    reason: str = ""


def add_observation(
    session: Session,
    *,
    indicator_id: int,
    year: int,
    value: float,
    unit: str,
    basis: str = "level",
    region_id: int | None = None,
    month: int | None = None,
    source_file: str | None = None,
    source_row: int | None = None,
    entered_by: str | None = None,
    record_id: int | None = None,
    start_year: int | None = None,
) -> Added:
    """Store one actual value. The same value already recorded for the period is a duplicate
    (not stored again); a different one is stored and both are flagged as a conflict.
    `start_year` marks an `increase` total over start_year…year (kept apart from yearly ones)."""
    if not math.isfinite(value):  # every entry refuses these first; this is the last guard
        raise Invalid(f"value {value!r} is not a finite number / 数值须为有限数")
    same = session.scalars(
        select(Observation).where(
            Observation.indicator_id == indicator_id,
            Observation.year == year,
            Observation.basis == basis,
            Observation.region_id.is_(None)
            if region_id is None
            else Observation.region_id == region_id,
            Observation.month.is_(None) if month is None else Observation.month == month,
            Observation.start_year.is_(None)
            if start_year is None
            else Observation.start_year == start_year,
        )
    ).all()
    if any(not _differ(o.value, value) for o in same):
        return Added(None, "duplicate", "the same value is already recorded / 已有相同数据")
    obs = Observation(
        indicator_id=indicator_id,
        region_id=region_id,
        year=year,
        month=month,
        value=value,
        unit=unit,
        basis=basis,
        start_year=start_year,
        source_file=source_file,
        source_row=source_row,
        entered_by=entered_by,
        record_id=record_id,
    )
    session.add(obs)
    session.flush()
    if same:
        for o in [*same, obs]:
            o.conflict = True
        others = ", ".join(f"{o.value:g}" for o in same)
        return Added(
            obs, "conflict", f"differs from recorded {others}; both kept / 与已有数据不一致，均保留"
        )
    return Added(obs, "accepted")


def pick(observations: Sequence[Row]) -> list[Row]:
    """One observation per period for the evaluation: where values conflict, a file import wins
    over a document mention, then the newest."""
    best: dict[PeriodKey, Row] = {}
    for o in observations:
        k = _key(o)
        cur = best.get(k)
        if cur is None or _rank(o) > _rank(cur):
            best[k] = o
    return sorted(best.values(), key=lambda o: (o.year, o.month or 12))


def _rank(o: ObsRow) -> tuple[int, int]:
    return (1 if o.source_file else 0, o.id or 0)


def list_observations(session: Session, indicator_id: int) -> list[Observation]:
    """An indicator's observations, oldest period first (conflicts included, flagged)."""
    return list(
        session.scalars(
            select(Observation)
            .where(Observation.indicator_id == indicator_id)
            .order_by(Observation.year, Observation.month, Observation.id)
        )
    )
