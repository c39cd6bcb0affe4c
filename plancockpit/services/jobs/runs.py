"""Running background jobs: take one, do it with the existing services, and a worker loop that
does so until told to stop (the app's thread, or `plancockpit worker`).

An ingest job stores each document in its own transaction (`services.ingest.run`), and its line in
the job, its progress and the removal of its bytes go into that same transaction: a worker
killed midway leaves each document stored with its line or not at all, and the job, queued
again, goes on with the files left (a document stored by a take that died before its line was
written comes back `unchanged`, by its content hash). An import job is one transaction: the
rows and the job's result, together. A file that cannot be read fails its own line; a workbook
that cannot be imported at all fails the job with the reason; anything unexpected (the database
gone) puts the job back in the queue, up to the allowed attempts.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from plancockpit.db.audit import act_as
from plancockpit.db.engine import transaction
from plancockpit.errors import PlancockpitError
from plancockpit.services.ingest.run import Outcome, ingest_file, one_line
from plancockpit.services.jobs import queue as jobs
from plancockpit.services.jobs.queue import Claim, JobSettings, LeaseLost

log = logging.getLogger(__name__)
AfterJob = Callable[[Claim, str], None]


class _Stopped(Exception):
    """The worker was asked to stop between two files; the job goes back to the queue."""


def take(engine: Engine, settings: JobSettings, worker: str) -> Claim | None:
    """Queue again what dead workers left, then take the oldest queued job (or None). An idle
    look is a plain read: the writing transaction is opened only when there is work."""
    with transaction(engine, write=False) as session:
        if not jobs.pending(session, settings):
            return None
    with transaction(engine) as session:
        jobs.requeue_stale(session, settings)
        return jobs.claim_next(session, worker)


def run(
    engine: Engine, claim: Claim, settings: JobSettings, stop: threading.Event | None = None
) -> str:
    """Do a claimed job while beating its heart; the state it ends in (`done`, `failed`,
    `queued` when stopped or to be tried again, `lost` when another worker holds it now)."""
    stop = stop or threading.Event()
    beating = threading.Event()
    pulse = threading.Thread(
        target=_beat,
        args=(engine, claim, settings.heartbeat_seconds, beating),
        daemon=True,
        name=f"plancockpit-job-{claim.job_id}-heartbeat",
    )
    pulse.start()
    try:
        RUNNERS[claim.kind](engine, claim, stop)
        return "done"
    except _Stopped:
        with transaction(engine) as session:
            jobs.release(session, claim)
        return "queued"
    except LeaseLost:
        log.warning("job %s was taken by another worker; this one lets it go", claim.job_id)
        return "lost"
    except PlancockpitError as exc:
        with transaction(engine) as session:
            jobs.fail(session, claim, str(exc))
        return "failed"
    except Exception as exc:  # noqa: BLE001 - an unexpected error: try again later
        log.exception("job %s failed unexpectedly", claim.job_id)
        return _retry_or_fail(engine, claim, settings, one_line(exc))
    finally:
        beating.set()
        pulse.join(timeout=settings.heartbeat_seconds + 5)


def _retry_or_fail(engine: Engine, claim: Claim, settings: JobSettings, error: str) -> str:
    try:
        with transaction(engine) as session:
            if claim.attempt >= settings.max_attempts:
                jobs.fail(session, claim, error)
                return "failed"
            jobs.release(session, claim, error)
            return "queued"
    except Exception:  # noqa: BLE001 - the database is gone too: the timeout will requeue it
        log.exception("job %s could not be given back", claim.job_id)
        return "lost"


def _beat(engine: Engine, claim: Claim, every: float, done: threading.Event) -> None:
    while not done.wait(every):
        try:
            with transaction(engine) as session:
                if not jobs.heartbeat(session, claim):
                    return
        except Exception:  # noqa: BLE001 - a busy database: the next beat tries again
            log.warning("heartbeat of job %s failed", claim.job_id, exc_info=True)


def _ingest(engine: Engine, claim: Claim, stop: threading.Event) -> None:
    with transaction(engine, write=False) as session:
        left = jobs.remaining_files(session, claim.job_id)
    with tempfile.TemporaryDirectory(prefix="plancockpit-job-") as tmp:
        for position, name in left:
            if stop.is_set():
                raise _Stopped
            path = _saved(engine, claim, position, name, Path(tmp))

            def noted(session: Session, outcome: Outcome, at: int = position) -> None:
                jobs.note_file(session, claim, at, _line(outcome))

            outcome = ingest_file(
                engine,
                path,
                claim.options.get("overrides"),
                on_stored=noted,
                actor=claim.created_by,
            )
            if outcome.status != "ingested":  # nothing was stored with it: note it alone
                with transaction(engine) as session:
                    jobs.note_file(session, claim, position, _line(outcome))
    with transaction(engine) as session:
        jobs.finish(session, claim)


def _the_file(engine: Engine, claim: Claim) -> tuple[int, str]:
    """The position and name of a one-file job's file (a workbook, a ledger)."""
    with transaction(engine, write=False) as session:
        left = jobs.remaining_files(session, claim.job_id)
    if not left:
        raise PlancockpitError("the job's file is gone / 任务文件缺失")
    return left[0]


def _import(engine: Engine, claim: Claim, stop: threading.Event) -> None:
    from plancockpit.services.actuals.imports import import_file

    position, name = _the_file(engine, claim)
    with tempfile.TemporaryDirectory(prefix="plancockpit-job-") as tmp:
        path = _saved(engine, claim, position, name, Path(tmp))
        try:
            with transaction(engine) as session:
                by = claim.options.get("entered_by") or claim.created_by
                act_as(session, by)
                report = import_file(session, path, entered_by=by).to_json()
                jobs.finish(session, claim, report)
        except ValueError as exc:  # the project's Invalid, or a bad cell the reader did not catch
            reason = str(exc)  # the service may name the file itself: say it once
            raise PlancockpitError(
                reason if reason.startswith(name) else f"{name}: {reason}"
            ) from None


def _projects(engine: Engine, claim: Claim, stop: threading.Event) -> None:
    """A major-projects ledger (`services/projects/items.py`): one transaction, all or nothing; a
    ledger with refused rows ends the job done with those rows and nothing written."""
    from plancockpit.services.projects.items import import_ledger

    position, name = _the_file(engine, claim)
    with tempfile.TemporaryDirectory(prefix="plancockpit-job-") as tmp:
        path = _saved(engine, claim, position, name, Path(tmp))
        try:
            with transaction(engine) as session:
                act_as(session, claim.created_by)
                report = import_ledger(session, path, by=claim.created_by).to_json()
                jobs.finish(session, claim, report)
        except ValueError as exc:
            reason = str(exc)
            raise PlancockpitError(
                reason if reason.startswith(name) else f"{name}: {reason}"
            ) from None


def _saved(engine: Engine, claim: Claim, position: int, name: str, folder: Path) -> Path:
    """The file's bytes written to a folder of its own (two files of a job may share a name)."""
    with transaction(engine, write=False) as session:
        data = jobs.file_bytes(session, claim.job_id, position)
    (folder / str(position)).mkdir()
    path = folder / str(position) / name
    path.write_bytes(data)
    return path


def _line(outcome: Outcome) -> dict[str, Any]:
    """One file's line, as the import page has always shown it."""
    return {
        "file": outcome.path.name,
        "status": outcome.status,
        "message": outcome.message,
        "document_id": outcome.document_id,
        "sections": outcome.sections,
        "records": outcome.records,
    }


RUNNERS: dict[str, Callable[[Engine, Claim, threading.Event], None]] = {
    "ingest": _ingest,
    "import": _import,
    "projects": _projects,
}


def run_until_idle(
    engine: Engine,
    settings: JobSettings | None = None,
    worker: str | None = None,
    stop: threading.Event | None = None,
    after: AfterJob | None = None,
) -> int:
    """Take and run jobs until none is queued (or `stop` is set); how many were run."""
    settings = settings or JobSettings()
    name = worker or jobs.worker_name()
    count = 0
    while not (stop and stop.is_set()):
        claim = take(engine, settings, name)
        if claim is None:
            break
        state = run(engine, claim, settings, stop)
        count += 1
        if after:
            after(claim, state)
    return count


def work(
    engine: Engine,
    settings: JobSettings,
    stop: threading.Event,
    wake: threading.Event | None = None,
    poll_seconds: float = 1.0,
    after: AfterJob | None = None,
    periodic: Callable[[], object] | None = None,
) -> None:
    """The worker loop: run what is queued, then wait for `wake` or the next poll, until `stop`;
    `periodic` (the overdue sweep, which keeps its own pace) is called at each turn."""
    wake = wake or threading.Event()
    while not stop.is_set():
        if periodic is not None:
            periodic()
        try:
            run_until_idle(engine, settings, stop=stop, after=after)
        except Exception:  # noqa: BLE001 - the database away for a moment: poll again
            log.exception("the job worker could not reach the database")
        wake.wait(poll_seconds)
        wake.clear()


class Worker:
    """The in-process worker: a thread running `work` from `start()` until `stop()` (which lets
    the file at hand finish, then gives its job back to the queue)."""

    def __init__(
        self,
        engine: Engine,
        settings: JobSettings,
        after: AfterJob | None = None,
        poll_seconds: float = 1.0,
        periodic: Callable[[], object] | None = None,
    ) -> None:
        self.engine, self.settings, self.after, self.poll = engine, settings, after, poll_seconds
        self.periodic = periodic
        self.stopping, self.wake = threading.Event(), threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(
            target=work,
            daemon=True,
            name="plancockpit-jobs",
            args=(
                self.engine,
                self.settings,
                self.stopping,
                self.wake,
                self.poll,
                self.after,
                self.periodic,
            ),
        )
        self.thread.start()

    def notify(self) -> None:
        """A job was queued: look now rather than at the next poll."""
        self.wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self.stopping.set()
        self.wake.set()
        if self.thread is not None:
            self.thread.join(timeout)
