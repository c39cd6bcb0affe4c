"""The ranking of lead units (比学赶超) from the cockpit's facts and the supervision items; the
method is `plancockpit.supervise.ranking` (docs/methodology.md, "Ranking of lead units").

Reporting timeliness needs reporting rounds, which this installation does not hold yet: the
measure is computed by `supervise.ranking.timeliness` from `RoundReport`s once rounds exist
(`round_reports` is the one place to plug them in); until then it is shown as "no rounds yet".
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plancockpit.db.models import Round, RoundItem
from plancockpit.services.cockpit.facts import TargetUnitFact
from plancockpit.services.followup.supervision import counts_by_unit
from plancockpit.supervise.ranking import ON_TRACK, RoundReport, rank_units, timeliness
from plancockpit.vocabulary import STATUSES


def round_reports(session: Session, today: date | None = None) -> list[RoundReport]:
    """Each lead unit's part in each reporting round (the values it owes itself, not its towns'):
    reported on the day its last value came in once none is owed or returned; a round still
    running that the unit has not finished yet does not count against it."""
    today = today or date.today()
    parts: dict[tuple[str, int], list[RoundItem]] = {}
    dues: dict[int, date] = {}
    for item, due in session.execute(
        select(RoundItem, Round.due_date)
        .join(Round)
        .where(RoundItem.region_id.is_(None), RoundItem.unit != "")
    ):
        parts.setdefault((item.unit, item.round_id), []).append(item)
        dues[item.round_id] = due
    reports = []
    for (unit, round_id), items in sorted(parts.items()):
        done = all(i.state in ("filled", "approved") and i.filled_at for i in items)
        reported = max(i.filled_at for i in items if i.filled_at).date() if done else None
        if reported is not None or dues[round_id] < today:
            reports.append(RoundReport(unit, round_id, dues[round_id], reported))
    return reports


def _links(unit: str) -> dict[str, str]:
    def targets(**extra: str) -> str:
        return "/indicators?" + urlencode({"unit": unit, **extra})

    def items(**extra: str) -> str:
        return "/supervision?" + urlencode({"unit": unit, **extra})

    return {
        "unit": "/units/" + quote(unit, safe=""),
        "targets": targets(),
        **{status: targets(status=status) for status in STATUSES},
        "open_items": items(state="in_progress"),
        "overdue_items": items(overdue="true"),
    }


def ranking(session: Session, *, today: date | None = None) -> dict[str, Any]:
    """Every lead unit with its measures, rank and the links to the rows behind each number."""
    today = today or date.today()
    counts: dict[str, dict[str, int]] = {}
    for unit, status, n in session.execute(
        select(TargetUnitFact.unit, TargetUnitFact.status, func.count()).group_by(
            TargetUnitFact.unit, TargetUnitFact.status
        )
    ):
        counts.setdefault(unit, {})[status] = n
    opened, late = counts_by_unit(session, today)
    reports = round_reports(session, today)
    rows = rank_units(counts, opened, late, timeliness(reports))
    return {
        "on": today.isoformat(),
        "rounds": len({r.round_id for r in reports}),
        "order": [
            "share_on_track desc",
            "overdue_items asc",
            "open_items asc",
            "timeliness desc",
            "unit",
        ],
        "on_track_statuses": list(ON_TRACK),
        "items": [r.to_json() | {"links": _links(r.unit)} for r in rows],
        "total": len(rows),
    }
