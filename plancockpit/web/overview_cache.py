"""The overview's tallies of the facts, kept per process: the page and its API route ask here.

Counting ~50,000 facts takes a few aggregates over all of them (≈ 50–100 ms on PostgreSQL at
province scale); the answer changes only when the facts do — their version, which every worker process
polls (`freshness.sync_cache`) — or, in the public view, when what is published changes (its
summary is in the key). The rest of the overview is read per request (`overview_data`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from plancockpit.services.cockpit import overview
from plancockpit.services.cockpit.common import known_period
from plancockpit.services.opendata import publishing
from plancockpit.web.deps import facts_cache


def overview_data(state: Any, db: Session, *, period: str, public: bool) -> dict[str, Any]:
    """`overview.overview_data` with its tallies from this process's cache (a copy each time)."""
    cache = facts_cache(state)  # before `db` reads: see facts_cache
    period = known_period(period)
    published = publishing.version(db) if public else None
    key = f"overview:{period}:{public}:{published}"
    tallies = cache.get(key)
    if tallies is None:
        tallies = cache[key] = overview.fact_tallies(db, period=period, public=public)
    return overview.overview_data(db, period=period, public=public, tallies=tallies)
