"""What the evaluation takes in: a target and observations, in the target's unit.

Time is counted in years on one axis: an annual value for year Y sits at Y (the end of year Y);
a year-to-date value for month m of year Y sits at Y − 1 + m/12. A plan with base year 2020 and
deadline 2025 spans 2020 → 2025 (five years); a June figure for a 2026 target has f = 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from plancockpit.vocabulary import Basis, Direction

__all__ = ["Basis", "Direction", "Obs", "TargetSpec", "date_time", "year_time"]


def year_time(year: int, month: int | None = None) -> float:
    """A period's position on the time axis (see the module docstring)."""
    if month is None or month >= 12:
        return float(year)
    return year - 1 + month / 12


def date_time(day: date) -> float:
    """The position of a calendar date: the share of its year gone."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year - 1 + (day - start).days / length


@dataclass(frozen=True)
class Obs:
    """One observation: a level, a growth rate in % (增长3.5%), or the additions of a period."""

    year: int
    value: float
    month: int | None = None  # year-to-date value up to this month
    basis: Basis = "level"
    start_year: int | None = None  # an `increase` total over start_year…year (〔48〕 in five years)
    rolled_up: bool = False  # summed from the sub-regions' values (no own value for the period)
    adjusted: bool = False  # stated after an adjustment (剔除…因素后): not counted the usual way

    @property
    def is_period_total(self) -> bool:
        return self.start_year is not None and self.start_year < self.year

    @property
    def time(self) -> float:
        return year_time(self.year, self.month)


@dataclass(frozen=True)
class TargetSpec:
    """A target as the method needs it, values in the target's unit.

    `value` is the target (the lower end of a range with `value_max`); for `growth` a rate in %
    (a decline as a positive value with `direction="down"`); for `increase` the total to add
    between the baseline year and the deadline. `steps` are annual targets (year, additions or
    level) from annual reports that form the expected path.
    """

    value: float
    deadline_year: int
    basis: Basis = "level"
    comparator: str = "="
    value_max: float | None = None
    baseline_value: float | None = None
    baseline_year: int | None = None
    direction: Direction = "up"  # which way is better for the indicator
    # The direction comes from the indicator's meaning (a planner, the lexicon, its name): a
    # plain `=` target is then judged by it, not by its own movement (progress.md step 2).
    direction_settled: bool = False
    bounded: bool = False  # the indicator is a share bounded at 0 and 100
    is_rate: bool = False  # the indicator is itself a rate (增速): compare rates directly
    binding: bool = False  # 约束性
    aspiration: bool = False  # 力争
    stretch: float | None = None  # an aspirational (力争) value beside the main one
    steps: tuple[tuple[int, float], ...] = field(default_factory=tuple)

    @property
    def start(self) -> float:
        """Where the period starts: the baseline year, else the year before the deadline."""
        year = self.baseline_year if self.baseline_year is not None else self.deadline_year - 1
        return float(year)
