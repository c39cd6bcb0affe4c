"""Roll-ups by domain, lead unit, region or document (spec: progress.md, step 5)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from plancockpit.evaluate.assessment import STATUSES, Assessment


@dataclass(frozen=True)
class RollUp:
    """A group's status distribution, its mean score (−5…+5; optionally weighted) and whether
    it is achieved (only when every child is)."""

    group: str
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    scored: int = 0
    score: float | None = None
    achieved: bool = False

    @property
    def share_green(self) -> float | None:
        judged = self.total - self.counts.get("no_data", 0) - self.counts.get("not_yet_due", 0)
        if not judged:
            return None
        return (self.counts.get("achieved", 0) + self.counts.get("on_track", 0)) / judged

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "counts": dict(self.counts),
            "total": self.total,
            "scored": self.scored,
            "score": self.score,
            "achieved": self.achieved,
            "share_green": self.share_green,
        }


def roll_up(group: str, items: Iterable[Assessment | tuple[Assessment, float]]) -> RollUp:
    """Combine assessments (each optionally with a weight) into one group's figures."""
    counts: dict[str, int] = {s: 0 for s in STATUSES}
    weighted, weights, total, scored = 0.0, 0.0, 0, 0
    all_achieved = True
    for item in items:
        assessment, weight = item if isinstance(item, tuple) else (item, 1.0)
        total += 1
        counts[assessment.status] += 1
        all_achieved = all_achieved and assessment.status == "achieved"
        if assessment.score is not None and weight > 0:
            scored += 1
            weighted += weight * assessment.score
            weights += weight
    return RollUp(
        group=group,
        counts=counts,
        total=total,
        scored=scored,
        score=weighted / weights if weights else None,
        achieved=total > 0 and all_achieved,
    )


def roll_up_by(items: Iterable[tuple[str, Assessment]]) -> list[RollUp]:
    """One roll-up per group key, in the order groups first appear."""
    groups: dict[str, list[Assessment]] = {}
    for key, assessment in items:
        groups.setdefault(key, []).append(assessment)
    return [roll_up(key, members) for key, members in groups.items()]
