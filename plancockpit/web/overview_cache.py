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
    period = known_period(period)
    tallies = _tallies(state, db, period, public)
    return overview.overview_data(db, period=period, public=public, tallies=tallies)


def warm(state: Any) -> None:
    """Count the tallies of the overview most asked for (the current targets, in the view an
    anonymous visitor gets) ahead of any request: the refresher thread calls this after the
    facts moved, so the first visitor after a refresh does not wait for the counting."""
    with state.sessions() as db:
        _tallies(state, db, "current", bool(state.settings.published_only))


def _tallies(state: Any, db: Session, period: str, public: bool) -> dict[str, Any]:
    cache = facts_cache(state)  # before `db` reads: see facts_cache
    published = publishing.version(db) if public else None
    key = f"overview:{period}:{public}:{published}"
    tallies = cache.get(key)
    if tallies is None:
        tallies = cache[key] = overview.fact_tallies(db, period=period, public=public)
    return tallies
