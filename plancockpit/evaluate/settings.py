"""Thresholds of the method (spec: progress.md), as one settings object per plan.

The colour cuts are Statistics Canada's defaults as used by Open SDG (`sdg/ProgressMeasure.py`);
a plan may override any of them (`Thresholds.from_mapping`), e.g. from a plan's settings YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Thresholds:
    """Cuts and parameters of the evaluation; every assessment says which it used."""

    green: float = 0.95  # p ≥ green → on track
    yellow: float = 0.60  # yellow ≤ p < green → at risk; below → off track
    faster: float = 1.05  # p ≥ faster → 快于预期
    tolerance: float = 0.02  # `~` (左右, 约): within 2% of the target value
    reporting_cycle_years: float = 1.0  # data older than this (plus the lag) is stale
    publication_lag_years: float = 0.5  # a year's figures appear about half a year later
    recent_halflife_years: float = 2.0  # least-squares weights halve every 2 years back
    bound: float = 100.0  # upper bound of a bounded share
    scores: tuple[tuple[str, int], ...] = (
        ("achieved", 5),
        ("faster", 5),
        ("on_track", 3),
        ("at_risk", 0),
        ("off_track", -3),
        ("deteriorating", -5),
    )

    def score(self, name: str) -> int:
        """The roll-up score (−5…+5) for a status name or a mark (faster, deteriorating)."""
        return dict(self.scores)[name]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Thresholds:
        """Settings from a mapping (a plan's YAML); unknown keys are an error, not ignored."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown threshold setting(s): {', '.join(sorted(unknown))}")
        values = dict(data)
        if "scores" in values and isinstance(values["scores"], dict):
            values["scores"] = tuple(values["scores"].items())
        made = cls(**values)
        if not 0 <= made.yellow <= made.green <= made.faster:
            raise ValueError("thresholds must satisfy 0 ≤ yellow ≤ green ≤ faster")
        return made

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["scores"] = dict(self.scores)
        return data


DEFAULT = Thresholds()
