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

from plancockpit.services.cockpit.facts import TargetUnitFact
from plancockpit.services.supervision import counts_by_unit
from plancockpit.supervise.ranking import ON_TRACK, RoundReport, rank_units, timeliness
from plancockpit.vocabulary import STATUSES


def round_reports(session: Session) -> list[RoundReport]:
    """Each unit's part in each reporting round. None yet: rounds are not part of this build."""
    return []


def _links(unit: str) -> dict[str, str]:
    def targets(**extra: str) -> str:
        return "/indicators?" + urlencode({"unit": unit, **extra})

    def items(**extra: str) -> str:
        return "/supervision?" + urlencode({"unit": unit, **extra})

    return {"unit": "/units/" + quote(unit, safe=""), "targets": targets(),
            **{status: targets(status=status) for status in
               STATUSES},
            "open_items": items(state="in_progress"), "overdue_items": items(overdue="true")}


def ranking(session: Session, *, today: date | None = None) -> dict[str, Any]:
    """Every lead unit with its measures, rank and the links to the rows behind each number."""
    today = today or date.today()
    counts: dict[str, dict[str, int]] = {}
    for unit, status, n in session.execute(select(TargetUnitFact.unit, TargetUnitFact.status, func.count())
                                           .group_by(TargetUnitFact.unit, TargetUnitFact.status)):
        counts.setdefault(unit, {})[status] = n
    opened, late = counts_by_unit(session, today)
    reports = round_reports(session)
    rows = rank_units(counts, opened, late, timeliness(reports))
    return {
        "on": today.isoformat(),
        "rounds": len({r.round_id for r in reports}),
        "order": ["share_on_track desc", "overdue_items asc", "open_items asc", "timeliness desc", "unit"],
        "on_track_statuses": list(ON_TRACK),
        "items": [r.to_json() | {"links": _links(r.unit)} for r in rows],
        "total": len(rows),
    }
