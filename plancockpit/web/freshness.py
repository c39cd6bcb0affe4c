"""Keeping the cockpit's facts current without making a reader wait.

The facts (statuses of every target) are recomputed when the data changed (a cheap fingerprint:
counts, newest ids, latest review) or the day changed (statuses depend on the date). At start,
facts stored on the same day from the same data are used as they are. With
`Settings.background_refresh` (what `plancockpit serve` uses) a recomputation runs in a
background thread while pages are served from the facts as they were; without it (tests, one-off
scripts) it runs at once, so the next read sees it. Several worker processes share one
database: the stored fingerprint tells each whether another has already done the work, and on
PostgreSQL an advisory lock lets only one recompute at a time.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from plancockpit.services.cockpit.facts import FactsState
from plancockpit.services.cockpit.refresh import fingerprint, refresh_facts

log = logging.getLogger(__name__)
_lock = threading.Lock()  # one refresh at a time, in any thread
ADVISORY_KEY = 0x706C636B  # "plck": one refresh at a time across worker processes (PostgreSQL)


def _stamp(session: Session) -> str:
    return json.dumps(fingerprint(session), default=str)


def start(state: Any) -> None:
    """At app start: keep facts computed today from the data as it is, else refresh them."""
    with state.sessions() as session:
        stamp = _stamp(session)
        stored = session.get(FactsState, 1)
    if stored is not None and stored.fingerprint == stamp and stored.statuses_on == date.today():
        state.fingerprint, state.facts_on = stamp, stored.statuses_on
        state.checked_at = time.monotonic()
        return
    _refresh(state, force=True)


def on_request(state: Any) -> None:
    """At most every `refresh_seconds`: refresh if the data or the day changed."""
    if time.monotonic() - state.checked_at < state.settings.refresh_seconds:
        return
    _refresh(state)


def refresh_now(state: Any) -> None:
    """Recompute every fact now, in this thread (after an upload: its answer shows the result)."""
    _recompute(state, force=True)


def refresh_indicators(state: Any, indicator_ids: set[int], attempts: int = 3) -> None:
    """Recompute the facts of a few indicators after a change made through the app. The facts
    are derived, so a recomputation that collides with another writer's change (a target it
    read was replaced meanwhile) is simply made again."""
    told: list[int] = []
    for attempt in range(attempts):
        try:
            with _lock, state.write_sessions() as session, session.begin():
                _one_process_at_a_time(session)
                refresh_facts(session, indicator_ids=indicator_ids)
                told = _propose(session, state)
                _store_stamp(session, state)
            break
        except DBAPIError:
            if attempt == attempts - 1:
                raise
    state.cache = {}
    _mail(state, told)


def _refresh(state: Any, force: bool = False) -> None:
    if not state.settings.background_refresh:
        _recompute(state, force)
        return
    if getattr(state, "refreshing", False):
        return
    state.refreshing = True
    state.checked_at = time.monotonic()  # no second check while this one runs
    threading.Thread(target=_in_background, args=(state, force), daemon=True,
                     name="plancockpit-refresh").start()


def _in_background(state: Any, force: bool) -> None:
    try:
        _recompute(state, force)
    except Exception:  # noqa: BLE001 - the old facts stay; the next check tries again
        log.exception("refreshing the cockpit's facts failed")
    finally:
        state.refreshing = False


def _recompute(state: Any, force: bool) -> None:
    told: list[int] = []
    with _lock, state.write_sessions() as session, session.begin():
        stamp, today = _stamp(session), date.today()
        if not force and stamp == state.fingerprint and today == state.facts_on:
            state.checked_at = time.monotonic()
            return
        _one_process_at_a_time(session)  # the others wait here, then find it done
        stored = session.get(FactsState, 1)
        if force or stored is None or stored.fingerprint != stamp or stored.statuses_on != today:
            refresh_facts(session)
            told = _propose(session, state)
            _store_stamp(session, state)
        else:  # another worker process computed them from this data today
            state.fingerprint, state.facts_on = stamp, today
        state.cache = {}
    state.checked_at = time.monotonic()
    _mail(state, told)


def _propose(session: Session, state: Any) -> list[int]:
    """With `Settings.auto_propose`: propose supervision items for the targets the fresh
    statuses show need one (and reopen closed items whose target turned red again). Returns
    the notifications made, to e-mail once committed."""
    if not state.settings.auto_propose:
        return []
    from plancockpit.db.audit import act_as
    from plancockpit.services import supervision
    from plancockpit.services.mail import take_pending

    act_as(session, supervision.SYSTEM)
    supervision.propose(session, supervision.states_from_facts(session))
    return take_pending(session)


def _mail(state: Any, ids: list[int]) -> None:
    if ids:
        from plancockpit.services.mail import send

        send(state.engine, state.settings.mail, ids)


def _store_stamp(session: Session, state: Any) -> None:
    """Remember what the facts were computed from (the data now, today)."""
    stamp, today = _stamp(session), date.today()
    row = session.get(FactsState, 1) or FactsState(id=1)
    row.fingerprint, row.statuses_on = stamp, today
    session.add(row)
    state.fingerprint, state.facts_on = stamp, today


def _one_process_at_a_time(session: Session) -> None:
    """On PostgreSQL, hold a lock until this transaction ends, so that worker processes rewrite
    the facts one after the other (SQLite's write lock already does this)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_KEY})
