"""A major project's progress in a year: completed against planned investment for the share of
the year that has passed, cut by the targets' thresholds (docs/methodology.md, "Major projects").

>>> from datetime import date
>>> project_status(10.0, 4.0, 2026, date(2026, 7, 2)).status  # half the year, 40 % done
'at_risk'
>>> project_status(10.0, 10.5, 2026, date(2026, 3, 1)).status
'achieved'
>>> project_status(10.0, None, 2026, date(2026, 3, 1)).status
'no_data'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plancockpit.evaluate.settings import DEFAULT, Thresholds
from plancockpit.vocabulary import Status

LAGGING: tuple[Status, ...] = ("at_risk", "off_track")  # 滞后于预期: yellow or red


@dataclass(frozen=True)
class ProjectProgress:
    status: Status
    share: float | None  # completed / planned (the year's whole plan), None without both
    expected: float  # the share of the year passed on the day of the assessment
    ratio: float | None  # completed / (planned × expected): compared with the thresholds

    @property
    def lagging(self) -> bool:
        return self.status in LAGGING


def elapsed(year: int, today: date) -> float:
    """The share of `year` passed on `today`: 0 before it, 1 after it."""
    if today.year != year:
        return 1.0 if today.year > year else 0.0
    days = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    return (today - date(year, 1, 1)).days / days


def project_status(
    planned: float | None,
    completed: float | None,
    year: int,
    today: date,
    settings: Thresholds = DEFAULT,
) -> ProjectProgress:
    """Status of one project-year: achieved once the year's plan is done; else on track, at
    risk or off track as completed / (planned × share of the year passed) meets the cuts."""
    expected = elapsed(year, today)
    if not planned or planned <= 0 or completed is None:
        return ProjectProgress("no_data" if expected > 0 else "not_yet_due", None, expected, None)
    share = completed / planned
    if share >= 1:
        return ProjectProgress("achieved", share, expected, None)
    if expected <= 0:
        return ProjectProgress("not_yet_due", share, expected, None)
    ratio = share / expected
    status: Status = (
        "on_track"
        if ratio >= settings.green
        else "at_risk"
        if ratio >= settings.yellow
        else "off_track"
    )
    return ProjectProgress(status, share, expected, ratio)
