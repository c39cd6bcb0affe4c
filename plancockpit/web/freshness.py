"""Keeping the cockpit's facts current, off the request path.

The facts (statuses of every target) are stored. A change made through the app marks its
indicators stale in its own transaction (`changed`) and returns; a refresher recomputes only the
stale indicators and clears them (`services.cockpit.stale`). With `Settings.background_refresh`
(what `plancockpit serve` uses) each worker process runs a refresher thread: it polls the stale
table (a write in the same process wakes it at once), claims rows through the database —
`FOR UPDATE SKIP LOCKED` on PostgreSQL, so processes never refresh the same indicator twice —
and once a day, or when the data changed from outside the app (a command-line ingest), marks
every fact stale. Without it (tests, one-off scripts) nothing runs by itself: `drain` runs the
refresher in the caller's thread until nothing is stale. At start the stored facts are used as
they are; if they are out of date the app still starts at once and pages show "updating".

Caches derived from the facts (filter drop-downs) are kept per process and dropped when the
facts' version in the database changes, so every worker sees every refresh.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import date
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from plancockpit.db.transient import gave_way, give_way
from plancockpit.services.cockpit import stale
from plancockpit.services.cockpit.refresh import (
    fact_rows,
    hold_targets,
    vacuum_facts,
    write_facts,
)

log = logging.getLogger(__name__)
POLL_SECONDS = 1.0  # how often a worker looks for stale facts and a new facts version
# The shortest time from one refresh round of a worker to its next: a write after a quiet spell
# is refreshed at once, while a stream of writes (several a second under bench.mixed_load) is
# taken a second's worth per round instead of one round per write. Each round drops every
# worker's caches, so a round per write kept the caches of both workers cold.
ROUND_SECONDS = 1.0
BATCH = 500  # indicators per refresh round


def _worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def start(state: Any) -> None:
    """At app start: note whether the stored facts are current (else mark them stale); never
    recompute here, so the app answers at once. The refresher thread starts with the serving
    process (`start_refresher`, from the app's lifespan); without background refresh the
    facts are brought up to date here (tests, scripts)."""
    state.facts_version, state.updating = -1, False
    state.version_checked_at = float("-inf")
    state.refresh_wake = threading.Event()
    state.refresh_stop = threading.Event()
    state.refresher = None
    try:
        with state.write_sessions() as session, session.begin():
            stale.check(session, date.today())
    except SQLAlchemyError:  # another process holds the write lock long: its refresher checks
        log.warning("could not check the facts at start; the refresher will", exc_info=True)
    if not state.settings.background_refresh:
        ensure_search_index(state)
        drain(state)


def start_refresher(state: Any) -> None:
    """Start this process's refresher thread (with `Settings.background_refresh`), once."""
    if not state.settings.background_refresh or getattr(state, "refresher", None) is not None:
        return
    state.refresh_stop.clear()
    state.refresher = threading.Thread(
        target=_loop, args=(state,), daemon=True, name="plancockpit-refresh"
    )
    state.refresher.start()


def ensure_search_index(state: Any) -> None:
    """Index a database filled before the search index existed, or by a bulk load that bypassed
    ingest (once; at province scale ~30 s, so the refresher does it, not the start)."""
    from plancockpit.services.opendata.search import ensure_index

    with state.write_sessions() as session, session.begin():
        ensure_index(session)


def stop(state: Any, timeout: float = 30.0) -> None:
    """Stop the refresher thread (app shutdown); a round in progress finishes first."""
    state.refresh_stop.set()
    state.refresh_wake.set()
    thread, state.refresher = getattr(state, "refresher", None), None
    if thread is not None:
        thread.join(timeout)


def changed(state: Any, session: Session, indicator_ids: set[int]) -> None:
    """Mark these indicators' facts stale in `session`'s transaction (the caller commits it with
    its change); this process's refresher wakes when it commits."""
    stale.mark(session, indicator_ids)
    event.listen(session, "after_commit", lambda _s: wake(state), once=True)


def changed_everything(state: Any) -> None:
    """Mark every fact stale (after an upload job: its documents may touch any indicator)."""
    with state.write_sessions() as session, session.begin():
        stale.mark_all(session)
    wake(state)


def wake(state: Any) -> None:
    event = getattr(state, "refresh_wake", None)
    if event is not None:
        event.set()


def refresh_once(state: Any, worker: str | None = None) -> int:
    """One round: claim stale indicators, recompute their facts (reading, no write lock held),
    write them and clear what was claimed. Returns how many rows were claimed (0: nothing to
    do, or the round gave way to a request writing the same targets on PostgreSQL and runs
    again when woken or polled). A failure gives the claimed rows back and is raised."""
    worker = worker or _worker()
    with state.write_sessions() as session, session.begin():
        taken = stale.claim(session, worker, BATCH)
    if not taken.seqs:
        return 0
    on = date.today()
    told: list[int] = []
    try:
        with state.sessions() as session, session.begin():
            rows = fact_rows(
                session, on=on, indicator_ids=None if taken.everything else taken.indicator_ids
            )
        with state.write_sessions() as session, session.begin():
            give_way(session)
            write_facts(session, hold_targets(session, rows))
            told = _propose(session, state)
            state.facts_version = stale.finish(session, taken, on)
    except Exception as exc:
        with state.write_sessions() as session, session.begin():
            stale.release(session, taken)
        if gave_way(exc):  # a request held the rows: it goes first, this round runs again
            log.info("the refresh gave way to another writer: %s", type(exc.__cause__).__name__)
            return 0
        raise
    state.cache = {}
    if rows.only is None:
        vacuum_facts(state.engine)
    _mail(state, told)
    return len(taken.seqs)


def drain(state: Any, rounds: int = 1000) -> None:
    """Run the refresher here until nothing is stale (tests, commands, an app without the
    background thread). A day change or data changed from outside is noticed first."""
    with state.write_sessions() as session, session.begin():
        stale.check(session, date.today())
    for _ in range(rounds):
        if not refresh_once(state):
            break
    state.cache = {}
    state.updating = False
    state.version_checked_at = float("-inf")


def sync_cache(state: Any) -> None:
    """Drop this process's caches when the facts' version in the database moved (another worker
    refreshed); looked at most every `POLL_SECONDS`."""
    now = time.monotonic()
    if now - getattr(state, "version_checked_at", float("-inf")) < POLL_SECONDS:
        return
    state.version_checked_at = now
    try:
        with state.sessions() as session:
            version, state.updating = stale.version(session)
    except SQLAlchemyError:
        return
    if version != getattr(state, "facts_version", -1):
        state.facts_version, state.cache = version, {}


def _loop(state: Any) -> None:
    """The refresher thread: refresh while something is stale, else wait to be woken or poll.
    Errors are logged and retried on the next round: the old facts stay meanwhile."""
    worker = _worker()
    checked = next_round = float("-inf")
    try:
        ensure_search_index(state)
    except Exception:  # noqa: BLE001 - search stays as it was; the statuses still refresh
        log.exception("building the search index failed")
    while not state.refresh_stop.is_set():
        try:
            if time.monotonic() - checked >= state.settings.refresh_seconds:
                checked = time.monotonic()
                with state.write_sessions() as session, session.begin():
                    stale.check(session, date.today())
            while not state.refresh_stop.is_set():
                state.refresh_stop.wait(max(0.0, next_round - time.monotonic()))
                claimed = refresh_once(state, worker)
                if not claimed:
                    break
                # a full batch: more are waiting, at once; else what was written since waits
                next_round = time.monotonic() + (0.0 if claimed >= BATCH else ROUND_SECONDS)
            state.version_checked_at = float("-inf")
            sync_cache(state)
            if not state.cache:  # the facts moved: count what pages ask first, here
                for warm in getattr(state, "warmers", ()):
                    warm(state)
        except Exception:  # noqa: BLE001 - logged; the next round tries again
            log.exception("refreshing the cockpit's facts failed")
        state.refresh_wake.wait(POLL_SECONDS)
        state.refresh_wake.clear()


def _propose(session: Session, state: Any) -> list[int]:
    """With `Settings.auto_propose`: propose supervision items for the targets the fresh
    statuses show need one (and reopen closed items whose target turned red again). Returns
    the notifications made, to e-mail once committed."""
    if not state.settings.auto_propose:
        return []
    from plancockpit.db.audit import act_as
    from plancockpit.services.followup import supervision
    from plancockpit.services.followup.mail import take_pending

    act_as(session, supervision.SYSTEM)
    supervision.propose(session, supervision.states_from_facts(session))
    return take_pending(session)


def _mail(state: Any, ids: list[int]) -> None:
    if ids:
        from plancockpit.services.followup.mail import send

        send(state.engine, state.settings.mail, ids)
