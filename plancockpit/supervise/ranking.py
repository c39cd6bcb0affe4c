"""Ranking lead units (比学赶超) by measures anyone can check (docs/methodology.md, "Ranking").

Per lead unit: its current targets; of those with a status (achieved, on track, at risk, off
track — not "no data" or "not yet due"), the share achieved or on track; its supervision items
that are open (confirmed, not closed) and overdue (open past their due date); and its reporting
timeliness in rounds — the share of reporting rounds it answered by the round's deadline, or
None while there are no rounds. Units are sorted by the share on track (highest first; units
with no status last), then fewer overdue items, then fewer open items, then timeliness (higher
first), then name; units equal on every measure share a rank.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from plancockpit.vocabulary import STATUSES

ON_TRACK = STATUSES[:2]  # achieved, on track
WITH_STATUS = STATUSES[:4]  # and at risk, off track: not "no data" or "not yet due"


@dataclass(frozen=True)
class RoundReport:
    """A unit's part in one reporting round: when it was due and when the unit reported."""

    unit: str
    round_id: int
    due: date
    reported: date | None  # None: not reported


@dataclass(frozen=True)
class Timeliness:
    on_time: int
    rounds: int

    @property
    def share(self) -> float | None:
        return round(self.on_time / self.rounds, 4) if self.rounds else None


def timeliness(reports: Iterable[RoundReport]) -> dict[str, Timeliness]:
    """Per unit: the rounds it was asked in and those it reported in by the deadline. Rounds
    are built elsewhere (reporting rounds); with none, every unit's timeliness is unknown."""
    asked: dict[str, int] = {}
    on_time: dict[str, int] = {}
    for r in reports:
        asked[r.unit] = asked.get(r.unit, 0) + 1
        if r.reported is not None and r.reported <= r.due:
            on_time[r.unit] = on_time.get(r.unit, 0) + 1
    return {u: Timeliness(on_time.get(u, 0), n) for u, n in asked.items()}


@dataclass(frozen=True)
class UnitRank:
    unit: str
    targets: int
    counts: dict[str, int] = field(default_factory=dict)  # status → targets
    open_items: int = 0
    overdue_items: int = 0
    timeliness: Timeliness | None = None
    rank: int = 0

    @property
    def with_status(self) -> int:
        return sum(self.counts.get(s, 0) for s in WITH_STATUS)

    @property
    def on_track(self) -> int:
        return sum(self.counts.get(s, 0) for s in ON_TRACK)

    @property
    def share_on_track(self) -> float | None:
        return round(self.on_track / self.with_status, 4) if self.with_status else None

    def key(self) -> tuple[float, int, int, float]:
        share = self.share_on_track
        t = self.timeliness.share if self.timeliness else None
        return (
            -(share if share is not None else -1.0),
            self.overdue_items,
            self.open_items,
            -(t if t is not None else -1.0),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "unit": self.unit,
            "targets": self.targets,
            "counts": self.counts,
            "with_status": self.with_status,
            "on_track": self.on_track,
            "share_on_track": self.share_on_track,
            "open_items": self.open_items,
            "overdue_items": self.overdue_items,
            "timeliness": None
            if self.timeliness is None
            else {
                "on_time": self.timeliness.on_time,
                "rounds": self.timeliness.rounds,
                "share": self.timeliness.share,
            },
        }


def rank_units(
    counts: Mapping[str, Mapping[str, int]],
    open_items: Mapping[str, int],
    overdue_items: Mapping[str, int],
    rounds: Mapping[str, Timeliness] | None = None,
) -> list[UnitRank]:
    """The units of `counts` (status → targets) and of the items, ranked."""
    units = (
        set(counts)
        | {u for u, n in open_items.items() if n}
        | {u for u, n in overdue_items.items() if n}
    )
    rows = [
        UnitRank(
            unit=u,
            targets=sum(counts.get(u, {}).values()),
            counts=dict(counts.get(u, {})),
            open_items=open_items.get(u, 0),
            overdue_items=overdue_items.get(u, 0),
            timeliness=(rounds or {}).get(u),
        )
        for u in units
    ]
    rows.sort(key=lambda r: (r.key(), r.unit))
    ranked: list[UnitRank] = []
    for i, r in enumerate(rows):
        same = ranked and ranked[-1].key() == r.key()
        ranked.append(replace(r, rank=ranked[-1].rank if same else i + 1))
    return ranked
