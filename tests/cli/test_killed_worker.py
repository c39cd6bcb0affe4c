"""`plancockpit worker` killed with SIGKILL midway through a job of many documents leaves nothing
half-written: every stored document has all its records and its line in the job, no line lacks
its document; once the dead worker's heartbeat is stale, a second worker takes the job again and
finishes the files left (both databases)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from plancockpit.db.engine import make_engine, transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Document, Job, JobFile, Record
from plancockpit.pipeline import analyse_file
from plancockpit.services.jobs import queue as jobs
from plancockpit.services.jobs.queue import Upload

REAL = Path(__file__).resolve().parents[2] / "../shared/corpus/real"
ENV = {"PLANCOCKPIT_JOB_HEARTBEAT_SECONDS": "0.5", "PLANCOCKPIT_JOB_TIMEOUT_SECONDS": "2"}


def _state(url: str, job_id: int) -> tuple[Job, dict[str, int], int]:
    """The job, records per stored document, and the job's files not yet handled."""
    engine = make_engine(url)  # no migration check: this polls while the worker runs
    try:
        with transaction(engine, write=False) as session:
            job = session.get(Job, job_id)
            assert job is not None
            rows = session.execute(
                select(Document.name, func.count(Record.id))
                .outerjoin(Record, Record.document_id == Document.id)
                .group_by(Document.name)
            )
            left = session.scalar(
                select(func.count()).select_from(JobFile).where(JobFile.job_id == job_id)
            )
            return job, {name: count for name, count in rows}, int(left or 0)
    finally:
        engine.dispose()


def _worker(url: str) -> list[str]:
    return [str(Path(sys.executable).with_name("plancockpit")), "worker", "--once", "--db", url]


def test_sigkill_of_a_worker_midway_leaves_whole_documents_and_the_job_is_finished(
    db_url: str, corpus_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in [*sorted(corpus_dir.glob("*.txt")), *sorted(REAL.glob("*.txt"))[:12]]:
        shutil.copy(path, folder / path.name)
    names = sorted(p.name for p in folder.iterdir())
    engine = open_database(db_url)
    with transaction(engine) as session:
        job_id = jobs.enqueue(
            session,
            kind="ingest",
            created_by="planner",
            files=[Upload(n, (folder / n).read_bytes()) for n in names],
        ).id
    engine.dispose()
    env = {**os.environ, **ENV}
    proc = subprocess.Popen(
        _worker(db_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not _state(db_url, job_id)[1] and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the worker ended before it could be killed"
    job, stored, left = _state(db_url, job_id)
    assert job.state == "running" and job.attempts == 1  # killed: nobody said it ended
    lines = (job.result or {})["items"]
    assert 1 <= len(stored) < len(names)
    assert {x["file"] for x in lines} == set(stored)  # a document with its line, or neither
    assert job.progress_done == len(lines) and left == len(names) - len(lines)
    for name, count in stored.items():
        assert count == len(analyse_file(folder / name).records), name
    time.sleep(2.5)  # the dead worker's heartbeat goes stale
    again = subprocess.run(_worker(db_url), capture_output=True, text=True, timeout=600, env=env)
    assert again.returncode == 0, again.stderr
    assert f"job {job_id} (ingest): done" in again.stdout
    job, stored, left = _state(db_url, job_id)
    assert job.state == "done" and job.attempts == 2 and left == 0
    assert set(stored) == set(names) and job.progress_done == len(names)
    assert [x["file"] for x in (job.result or {})["items"]] == names  # in order, each once
    assert {x["status"] for x in (job.result or {})["items"]} == {"ingested"}
