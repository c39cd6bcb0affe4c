"""Background jobs kept in the database: an upload's ingest or import, queued by the web and
taken by any worker process that reaches the database.

A job is `queued`, then `running` (taken by one worker, which beats its heart every few
seconds), then `done` or `failed`. Taking one is a transaction that writes: on PostgreSQL
`SELECT … FOR UPDATE SKIP LOCKED`, so any number of workers on any machine each take a
different job without waiting for one another; on SQLite the same statement inside the
single-writer transaction (`BEGIN IMMEDIATE`, `db.engine.writer`), one taker at a time. A
worker killed midway stops beating: after `timeout_seconds` its job is queued again (up to
`max_attempts` takes, then failed). Every write a worker makes to its job names the take it
holds (`attempts`), so a worker that lost its job (taken again after a long stall) can no
longer write to it. Running a job is `services.jobs.runs`.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from plancockpit.db.models import Job, JobFile, utcnow
from plancockpit.errors import Forbidden, Invalid, NotFound, PlancockpitError
from plancockpit.services.access.users import UserInfo

KINDS = ("ingest", "import", "projects")  # projects: a major-projects ledger
STATES = ("queued", "running", "done", "failed")
SEE_ALL = frozenset({"admin", "planner"})  # roles that may see anyone's job
LIST_ALL = frozenset({"admin"})  # roles whose job list holds everyone's


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    try:
        return float(raw) if raw is not None else default
    except ValueError:
        raise ValueError(f"${name} must be a number, not {raw!r} / 须为数字") from None


@dataclass(frozen=True)
class JobSettings:
    """How workers keep and give up jobs. Environment (all optional):

    PLANCOCKPIT_JOB_HEARTBEAT_SECONDS  how often a worker says it is still at its job (default 5)
    PLANCOCKPIT_JOB_TIMEOUT_SECONDS    a running job silent this long is taken as abandoned and
                                       queued again (default 60)
    PLANCOCKPIT_JOB_ATTEMPTS           takes of one job before it is failed (default 3)
    PLANCOCKPIT_SWEEP_MINUTES          a worker (and the app when it starts) notifies overdue
                                       items and rounds at most this often (default 60; 0: never,
                                       `plancockpit supervise sweep` from cron instead)
    """

    heartbeat_seconds: float = 5.0
    timeout_seconds: float = 60.0
    max_attempts: int = 3
    sweep_minutes: float = 60.0

    def __post_init__(self) -> None:
        if self.heartbeat_seconds <= 0 or self.timeout_seconds < 2 * self.heartbeat_seconds:
            raise ValueError(
                "the job timeout must be at least twice the heartbeat, both positive / "
                "任务超时须至少为心跳间隔的两倍"
            )
        if self.max_attempts < 1:
            raise ValueError("a job needs at least one attempt / 任务至少尝试一次")
        if not 0 <= self.sweep_minutes <= 7 * 24 * 60:
            raise ValueError(
                "the sweep interval is 0 (off) to a week of minutes / 逾期检查间隔应为0到一周"
            )

    @classmethod
    def from_env(cls) -> JobSettings:
        return cls(
            heartbeat_seconds=_env_number("PLANCOCKPIT_JOB_HEARTBEAT_SECONDS", 5.0),
            timeout_seconds=_env_number("PLANCOCKPIT_JOB_TIMEOUT_SECONDS", 60.0),
            max_attempts=int(_env_number("PLANCOCKPIT_JOB_ATTEMPTS", 3)),
            sweep_minutes=_env_number("PLANCOCKPIT_SWEEP_MINUTES", 60.0),
        )


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its (checked) name and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Claim:
    """A job as one worker holds it: `attempt` is the take it owns."""

    job_id: int
    attempt: int
    kind: str
    created_by: str
    options: dict[str, Any]


class LeaseLost(PlancockpitError):
    """The job was taken again by another worker (or finished) while this one held it."""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def enqueue(
    session: Session,
    *,
    kind: str,
    files: list[Upload],
    created_by: str,
    options: dict[str, Any] | None = None,
) -> Job:
    """Queue a job with its files (in the caller's transaction: the job exists with all its
    files or not at all)."""
    if kind not in KINDS:
        raise Invalid(f"unknown job kind {kind!r} / 未知任务类型")
    if not files:
        raise Invalid("a job needs at least one file / 没有文件")
    job = Job(
        kind=kind,
        state="queued",
        created_by=created_by[:100],
        created_at=utcnow(),
        progress_total=len(files),
        options=options or {},
        result={"items": []},
        worker="",
        attempts=0,
        progress_done=0,
    )
    session.add(job)
    session.flush()
    session.add_all(
        JobFile(job_id=job.id, position=i, name=f.name, data=f.data) for i, f in enumerate(files)
    )
    session.flush()
    return job


def pending(session: Session, settings: JobSettings, now: datetime | None = None) -> bool:
    """Is any job queued, or running with a silent worker?"""
    cutoff = (now or utcnow()) - timedelta(seconds=settings.timeout_seconds)
    waiting = (Job.state == "queued") | ((Job.state == "running") & (Job.heartbeat_at < cutoff))
    return session.scalar(select(Job.id).where(waiting).limit(1)) is not None


def requeue_stale(session: Session, settings: JobSettings, now: datetime | None = None) -> int:
    """Queue again every running job whose worker has been silent past the timeout (killed,
    or its machine gone); one taken `max_attempts` times is failed instead. Returns how many."""
    now = now or utcnow()
    cutoff = now - timedelta(seconds=settings.timeout_seconds)
    stale = list(
        session.scalars(
            select(Job)
            .where(Job.state == "running", Job.heartbeat_at < cutoff)
            .order_by(Job.id)
            .with_for_update(skip_locked=True)
        )
    )
    for job in stale:
        if job.attempts >= settings.max_attempts:
            job.state, job.finished_at = "failed", now
            job.error = (
                f"stopped {job.attempts} times without finishing / 任务{job.attempts}次中断，"
                "未能完成"
            )
            session.execute(delete(JobFile).where(JobFile.job_id == job.id))
        else:
            job.state, job.worker = "queued", ""
    session.flush()
    return len(stale)


def claim_next(session: Session, worker: str, now: datetime | None = None) -> Claim | None:
    """Take the oldest queued job for `worker` (in a transaction that writes: see the module's
    docstring), or None when there is none."""
    now = now or utcnow()
    job = session.scalars(
        select(Job)
        .where(Job.state == "queued")
        .order_by(Job.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()
    if job is None:
        return None
    job.state, job.worker, job.attempts = "running", worker[:100], job.attempts + 1
    job.started_at = job.started_at or now
    job.heartbeat_at = now
    session.flush()
    return Claim(job.id, job.attempts, job.kind, job.created_by, dict(job.options or {}))


def _mine(claim: Claim) -> Any:
    return (Job.id == claim.job_id) & (Job.state == "running") & (Job.attempts == claim.attempt)


def heartbeat(session: Session, claim: Claim) -> bool:
    """Say the worker is still at its job; False when the job is no longer its own."""
    done = session.execute(update(Job).where(_mine(claim)).values(heartbeat_at=utcnow()))
    return bool(getattr(done, "rowcount", 0))


def held(session: Session, claim: Claim) -> Job:
    """The claimed job, locked for this transaction; LeaseLost when it is no longer the worker's."""
    job = session.scalars(select(Job).where(_mine(claim)).with_for_update()).first()
    if job is None:
        raise LeaseLost(f"job {claim.job_id} is no longer held by this worker")
    return job


def note_file(session: Session, claim: Claim, position: int, line: dict[str, Any]) -> None:
    """One file handled: its line joins the result, the progress moves on and its bytes go (in
    the transaction that stored what the file brought, when it brought anything)."""
    job = held(session, claim)
    items = [*(job.result or {}).get("items", []), {"position": position, **line}]
    job.result = {**(job.result or {}), "items": items}
    job.progress_done = len(items)
    job.heartbeat_at = utcnow()
    session.execute(delete(JobFile).where(JobFile.job_id == job.id, JobFile.position == position))
    session.flush()


def finish(session: Session, claim: Claim, result: dict[str, Any] | None = None) -> None:
    """The job is done: its result stays, its files go."""
    job = held(session, claim)
    job.state, job.finished_at = "done", utcnow()
    job.progress_done = job.progress_total
    if result is not None:
        job.result = result
    session.execute(delete(JobFile).where(JobFile.job_id == job.id))
    session.flush()


def fail(session: Session, claim: Claim, error: str) -> None:
    """The job cannot be done (a file that cannot be imported at all): failed with the reason."""
    job = held(session, claim)
    job.state, job.finished_at, job.error = "failed", utcnow(), error[:2000]
    session.execute(delete(JobFile).where(JobFile.job_id == job.id))
    session.flush()


def release(session: Session, claim: Claim, error: str | None = None) -> None:
    """Give the job back to the queue: at a clean stop (the take is not counted) or after an
    unexpected error (counted; a job taken `max_attempts` times is failed by the caller)."""
    job = held(session, claim)
    job.state, job.worker = "queued", ""
    if error is None:
        job.attempts -= 1
    else:
        job.error = error[:2000]
    session.flush()


def remaining_files(session: Session, job_id: int) -> list[tuple[int, str]]:
    """(position, name) of the files not yet handled, in order."""
    rows = session.execute(
        select(JobFile.position, JobFile.name)
        .where(JobFile.job_id == job_id)
        .order_by(JobFile.position)
    )
    return [(p, n) for p, n in rows]


def file_bytes(session: Session, job_id: int, position: int) -> bytes:
    data = session.scalar(
        select(JobFile.data).where(JobFile.job_id == job_id, JobFile.position == position)
    )
    if data is None:
        raise NotFound(f"job {job_id} has no file {position} / 任务文件不存在")
    return bytes(data)


def may_see(user: UserInfo | None, job: Job) -> bool:
    return user is not None and (user.role in SEE_ALL or user.name == job.created_by)


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def view(job: Job, names: list[str] | None = None) -> dict[str, Any]:
    """A job as the API and the page show it."""
    return {
        "id": job.id,
        "kind": job.kind,
        "state": job.state,
        "created_by": job.created_by,
        "created_at": _iso(job.created_at),
        "started_at": _iso(job.started_at),
        "finished_at": _iso(job.finished_at),
        "attempts": job.attempts,
        "progress": {"done": job.progress_done, "total": job.progress_total},
        "files": names or [],
        "result": job.result,
        "error": job.error,
        "url": f"/api/jobs/{job.id}",
        "page": f"/jobs/{job.id}",
    }


def job_detail(session: Session, job_id: int, user: UserInfo | None) -> dict[str, Any]:
    """One job for a user who may see it (its creator, a planner or an admin)."""
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"job {job_id} not found / 任务不存在")
    if not may_see(user, job):
        raise Forbidden(
            "only the job's creator, a planner or an admin may see it / 只有任务创建者、"
            "规划人员或管理员可以查看"
        )
    names = [line.get("file", "") for line in (job.result or {}).get("items", [])]
    names += [name for _, name in remaining_files(session, job.id)]
    return view(job, names)


def job_list(session: Session, user: UserInfo, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """The user's jobs, newest first (an admin's: everyone's); without their results, which
    `job_detail` gives."""
    query = select(Job)
    if user.role not in LIST_ALL:
        query = query.where(Job.created_by == user.name)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    jobs = session.scalars(query.order_by(Job.id.desc()).limit(limit).offset(offset))
    return {
        "items": [{**view(j), "result": None} for j in jobs],
        "total": total,
        "limit": limit,
        "offset": offset,
    }
