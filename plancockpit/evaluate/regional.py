"""Observations rolled up from sub-regions (区 ← 镇/街道 ← 村/社区), pure.

A region without its own value for a period gets the sum of its sub-regions' values for that
period when every sub-region has one (recursively: villages fill a town first). Only additive
indicators roll up (counted units, not per-capita figures, rates or shares; the caller decides)
and only levels and additions, never growth rates. Rolled-up values carry `rolled_up=True`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from plancockpit.evaluate.inputs import Obs

Period = tuple[int, int | None, int | None, str]  # year, month, start_year, basis
ROLLING = ("level", "increase")
K = TypeVar("K", bound=Hashable)


def _period(o: Obs) -> Period:
    return (o.year, o.month, o.start_year, o.basis)


def with_roll_ups(
    region: K, own: Mapping[K, Sequence[Obs]], children: Mapping[K, Sequence[K]]
) -> list[Obs]:
    """`region`'s observations plus, for periods it lacks, its sub-regions' sums."""
    return _series(region, own, children, set())


def _series(
    region: K, own: Mapping[K, Sequence[Obs]], children: Mapping[K, Sequence[K]], seen: set[K]
) -> list[Obs]:
    if region in seen:  # a cycle in the hierarchy: stop rather than loop
        return list(own.get(region, ()))
    seen = seen | {region}
    mine = list(own.get(region, ()))
    kids = list(children.get(region, ()))
    if not kids:
        return mine
    have = {_period(o) for o in mine}
    per_kid = []
    for kid in kids:
        series = {_period(o): o for o in _series(kid, own, children, seen) if o.basis in ROLLING}
        per_kid.append(series)
    common = set(per_kid[0]).intersection(*per_kid[1:]) - have
    for period in sorted(common, key=lambda p: (p[0], p[1] or 12)):
        parts = [series[period] for series in per_kid]
        mine.append(replace(parts[0], value=sum(o.value for o in parts), rolled_up=True))
    return sorted(mine, key=lambda o: o.time)
