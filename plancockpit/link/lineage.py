"""Lineage: how a later document's target relates to an earlier one of the same indicator."""

from __future__ import annotations

from dataclasses import dataclass

from plancockpit.link.units import compatible, convert

Revision = str  # raised | kept | lowered | deadline_moved | attribute_changed | dropped | new


@dataclass(frozen=True)
class TargetFacts:
    """What lineage compares."""

    value: float
    unit: str
    basis: str
    deadline: int | None
    comparator: str = "="
    value_max: float | None = None
    attribute: str | None = None
    direction: str = "up"


def classify(
    earlier: TargetFacts | None, later: TargetFacts, tolerance: float = 1e-6
) -> tuple[Revision, str]:
    """Classify `later` against `earlier`, with a short explanation.

    Different bases (a level against a growth rate) are not comparable: the later one is `new`.
    A value in the better direction is `raised` (for a down indicator: a lower value).

    >>> classify(TargetFacts(10.7, "亿美元", "level", 2025), TargetFacts(11, "亿美元", "level", 2025))[0]
    'raised'
    >>> classify(None, TargetFacts(7, "亿美元", "level", 2026))[0]
    'new'
    """
    if earlier is None:
        return "new", "no earlier target"
    if earlier.basis != later.basis or not (
        compatible(earlier.unit, later.unit) or earlier.unit == later.unit
    ):
        return "new", f"basis {earlier.basis}→{later.basis}: not comparable"
    before = convert(earlier.value, earlier.unit, later.unit) if earlier.unit else earlier.value
    if earlier.deadline != later.deadline:
        return "deadline_moved", (
            f"deadline {earlier.deadline}→{later.deadline}, value {before:g}→{later.value:g}"
        )
    delta = later.value - before
    if abs(delta) <= tolerance * max(abs(before), 1.0):
        if (earlier.attribute or "") != (later.attribute or "") and later.attribute:
            return "attribute_changed", f"{earlier.attribute or '—'}→{later.attribute}"
        return "kept", f"value {later.value:g} kept"
    better = delta > 0 if later.direction == "up" else delta < 0
    word = "raised" if better else "lowered"
    return word, f"value {before:g}→{later.value:g}"


def dropped(plan_deadline: int | None, later_years: list[int], mentioned: bool) -> bool:
    """A plan target is dropped when documents from later years exist within its period and none
    of them mentions its indicator."""
    if mentioned or plan_deadline is None:
        return False
    return any(y <= plan_deadline for y in later_years)
