"""Which supervision items and reporting rounds are newly overdue on a day — the pure rule of
the overdue sweep (`services/followup/overdue.py` reads and stores).

An item is overdue when the unit still owes its answer (open, or returned to it) and its due
date has passed; a round when it is still open and its due date has passed. Each is told once
per due date: `notified_for` is the due date already told of, so a sweep run twice tells no one
twice, and an item given a new due date (reopened, confirmed again) is told again when that
one passes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

ITEM_OWED = ("open", "returned")  # the lead unit still owes its answer
ROUND_OPEN = ("open",)


@dataclass(frozen=True)
class Dated:
    """What the rule reads of an item or a round."""

    id: int
    state: str
    due: date | None
    notified_for: date | None


def newly_overdue(rows: Iterable[Dated], today: date, live: Iterable[str]) -> list[int]:
    """The ids of the rows in a `live` state whose due date is before `today` and not yet told.

    >>> d = date(2026, 3, 1)
    >>> rows = [Dated(1, "open", d, None), Dated(2, "open", d, d), Dated(3, "closed", d, None),
    ...         Dated(4, "returned", date(2026, 3, 2), None), Dated(5, "open", None, None)]
    >>> newly_overdue(rows, date(2026, 3, 2), ITEM_OWED)
    [1]
    """
    states = set(live)
    return [
        r.id
        for r in rows
        if r.state in states and r.due is not None and r.due < today and r.notified_for != r.due
    ]
