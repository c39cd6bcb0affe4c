"""Which indicators' facts are out of date, kept in the database so every worker process sees it.

A change (a review, an entered value, an import) marks its indicators stale in its own
transaction (`mark`) and returns; a refresher — any worker process, any thread — `claim`s stale
rows, recomputes their facts, then `finish`es: the rows it claimed are deleted unless they were
marked again meanwhile (their `seq` grew), which leaves them for the next round. Claims expire
after a lease, so a refresher that died leaves its rows to the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from plancockpit.db.models import Document, Observation, Record, Target
from plancockpit.services.cockpit.facts import ALL, FactsState, StaleIndicator

LEASE = timedelta(minutes=10)  # a claim older than this is taken to be a dead refresher's


@dataclass
class Claim:
    """Stale rows taken by one refresher: indicator id → its `seq` when claimed."""

    seqs: dict[int, int] = field(default_factory=dict)

    @property
    def everything(self) -> bool:
        return ALL in self.seqs

    @property
    def indicator_ids(self) -> set[int]:
        return set(self.seqs) - {ALL}


def _now() -> datetime:
    return datetime.now(UTC)


def mark(session: Session, indicator_ids: set[int] | list[int]) -> None:
    """Mark the facts of these indicators stale, in the caller's transaction (which commits it
    together with the change)."""
    ids = sorted({int(i) for i in indicator_ids})
    if not ids:
        return
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = _now()
    stmt = make(StaleIndicator).values(
        [{"indicator_id": i, "seq": 1, "marked_at": now} for i in ids]
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["indicator_id"], set_={"seq": StaleIndicator.seq + 1, "marked_at": now}
    )
    session.execute(stmt)


def mark_all(session: Session) -> None:
    """Mark every fact stale (new data from outside the app, a new day)."""
    mark(session, [ALL])


def pending(session: Session) -> bool:
    """True while some facts are stale (claimed or not)."""
    return bool(session.scalar(select(exists().where(StaleIndicator.indicator_id.is_not(None)))))


def claim(session: Session, worker: str, limit: int = 500) -> Claim:
    """Take up to `limit` stale indicators no live refresher holds (all of them when every fact
    is stale), in the caller's write transaction. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two
    refreshers never take the same row; SQLite: the single writer already serialises this."""
    now = _now()
    free = or_(StaleIndicator.claimed_at.is_(None), StaleIndicator.claimed_at < now - LEASE)
    q = select(StaleIndicator.indicator_id, StaleIndicator.seq).where(free)
    if session.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    everything = session.execute(q.where(StaleIndicator.indicator_id == ALL)).first()
    rows = session.execute(
        q.order_by(StaleIndicator.indicator_id).limit(None if everything else limit)
    ).all()
    taken = Claim({int(i): int(s) for i, s in rows})
    if taken.seqs:
        session.execute(
            update(StaleIndicator)
            .where(StaleIndicator.indicator_id.in_(list(taken.seqs)))
            .values(claimed_by=worker[:100], claimed_at=now)
        )
    return taken


def release(session: Session, taken: Claim) -> None:
    """Give claimed rows back (the refresh failed): another round takes them again."""
    if taken.seqs:
        session.execute(
            update(StaleIndicator)
            .where(StaleIndicator.indicator_id.in_(list(taken.seqs)))
            .values(claimed_by=None, claimed_at=None)
        )


def finish(session: Session, taken: Claim, on: date) -> int:
    """After the facts of `taken` were rewritten (same transaction): delete the rows not marked
    again, bump the facts' version, and — when nothing is stale any more — remember what data
    and day the facts now stand for. Returns the new version."""
    for i, seq in taken.seqs.items():
        session.execute(
            delete(StaleIndicator).where(
                and_(StaleIndicator.indicator_id == i, StaleIndicator.seq == seq)
            )
        )
    session.execute(
        update(StaleIndicator)
        .where(StaleIndicator.indicator_id.in_(list(taken.seqs)))
        .values(claimed_by=None, claimed_at=None)
    )  # marked again: free for the next round
    state = _state(session)
    bump_version(session)
    if taken.everything:
        state.statuses_on = on
    if not pending(session):
        state.fingerprint = stamp(session)
    return state.version


def bump_version(session: Session) -> int:
    """Move the facts' version (in the caller's transaction, with the facts it rewrote): every
    worker process drops its caches derived from the facts when it sees it move."""
    return _bump(session, FactsState.version)


def bump_published(session: Session) -> int:
    """Move the version of what is published (in the caller's transaction, with the change): the
    public view's caches are keyed by it (`services.opendata.publishing.version`)."""
    return _bump(session, FactsState.published_version)


def _bump(session: Session, column: Any) -> int:
    """Add one to a counter of the state row in SQL: two transactions at once (two workers'
    refresh rounds on PostgreSQL) each add theirs; read in Python and written back, both wrote
    the same number and a worker that had seen it missed the second change."""
    _state(session)
    stmt = (
        update(FactsState)
        .where(FactsState.id == 1)
        .values({column: column + 1})
        .returning(column)
        .execution_options(synchronize_session="fetch")
    )
    return int(session.execute(stmt).scalar_one())


def fingerprint(session: Session) -> tuple[Any, ...]:
    """Cheap summary that changes whenever a fact would: counts, max ids and review times."""
    return (
        session.scalar(select(func.count(Target.id))),
        session.scalar(select(func.max(Target.id))),
        session.scalar(select(func.count(Observation.id))),
        session.scalar(select(func.max(Observation.id))),
        session.scalar(select(func.max(Record.reviewed_at))),
        session.scalar(select(func.count(Document.id))),
    )


def stamp(session: Session) -> str:
    return json.dumps(fingerprint(session), default=str)


def _state(session: Session) -> FactsState:
    row = session.get(FactsState, 1)
    if row is None:
        row = FactsState(id=1, fingerprint="", statuses_on=date.min, version=0)
        session.add(row)
        session.flush()
    return row


def check(session: Session, today: date) -> bool:
    """Mark every fact stale if the day changed since they were computed, or if the data changed
    with nothing marked stale (a writer outside the app, a bulk load); in the caller's write
    transaction. True if it marked."""
    state = _state(session)
    if session.get(StaleIndicator, ALL) is not None:
        return False
    if state.statuses_on != today or (not pending(session) and state.fingerprint != stamp(session)):
        mark_all(session)
        return True
    return False


def version(session: Session) -> tuple[int, bool]:
    """The facts' version and whether some are stale: what each worker process polls."""
    v = session.scalar(select(FactsState.version).where(FactsState.id == 1))
    return int(v or 0), pending(session)


def summary(session: Session) -> dict[str, Any]:
    """What is stale now (for `plancockpit status`-like checks and tests)."""
    rows = session.execute(select(StaleIndicator.indicator_id, StaleIndicator.claimed_by)).all()
    return {
        "stale": len(rows),
        "everything": any(i == ALL for i, _ in rows),
        "claimed": sum(1 for _, c in rows if c),
    }
