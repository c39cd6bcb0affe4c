"""An assessment: a target's status on a date, with every number behind it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any

from plancockpit.vocabulary import LIGHT_OF, STATUS_LABELS, STATUSES, Light, Status

# The status vocabulary lives in `plancockpit.vocabulary`; re-exported for the evaluation's users.
LABELS = STATUS_LABELS
__all__ = ["LABELS", "LIGHT_OF", "STATUSES", "Assessment", "Light", "Status"]


@dataclass(frozen=True)
class Assessment:
    """The outcome of `assess`, with the inputs and intermediate numbers a statistician checks.

    `elapsed` is f, `expected` the expected value on the path at the latest observation (for
    `increase` the expected additions, for `growth` the target rate), `actual` the value compared
    with it (x_t, Σ additions, or the realised average growth in %), `progress` p (or R for
    growth), `anticipated` x̂_T and `gap` G = (x* − x̂_T)/(x* − x_b).
    """

    status: Status
    light: Light
    on: float  # evaluation time on the year axis
    basis: str
    comparator: str
    target: float
    target_max: float | None
    deadline: int
    baseline: float | None = None
    baseline_time: float | None = None
    latest: float | None = None
    latest_time: float | None = None
    elapsed: float | None = None
    expected: float | None = None
    actual: float | None = None
    progress: float | None = None
    anticipated: float | None = None
    gap: float | None = None
    path: str = ""  # geometric | linear | steps | rate | sum
    early: bool = False  # achieved before the deadline (提前实现)
    missed: bool = False  # the deadline passed without the target met
    deteriorating: bool = False  # moving away from the target (p < 0)
    stale: bool = False  # the latest data is older than one reporting cycle
    binding: bool = False
    aspiration: bool = False
    stretch: float | None = None
    stretch_met: bool | None = None
    observations: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)  # English (assessment_notes.yaml)
    notes_zh: tuple[str, ...] = field(default_factory=tuple)  # the same notes in Chinese
    words: str = ""  # 提前实现 / 快于预期 / 基本符合预期 / 滞后于预期 / …
    words_en: str = ""
    score: int | None = None  # −5…+5 for roll-ups; None when not scored (no data, not due)

    @property
    def label(self) -> str:
        zh, en = LABELS[self.status]
        return f"{zh} / {en}"

    def to_json(self) -> dict[str, Any]:
        """The fields as a dict (flat values: no deep copy, which a province's refresh felt)."""
        data = {f: finite_or_none(getattr(self, f)) for f in _FIELDS}
        data["notes"] = list(self.notes)
        data["notes_zh"] = list(self.notes_zh)
        return data


_FIELDS = tuple(f.name for f in fields(Assessment))


def finite_or_none(value: Any) -> Any:
    """A float that JSON (and PostgreSQL's json columns) cannot hold (NaN, ±inf) becomes None."""
    return None if isinstance(value, float) and not math.isfinite(value) else value
