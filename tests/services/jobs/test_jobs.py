"""Background jobs: queued with their files, taken by one worker at a time, each file's line
stored with its document, abandoned jobs taken again, and nothing half-written (both databases)."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import sessionmaker

from plancockpit.db.engine import transaction, writer
from plancockpit.db.models import Document, Job, JobFile, Observation, utcnow
from plancockpit.services.jobs import queue as jobs
from plancockpit.services.jobs import runs as job_runs
from plancockpit.services.jobs.queue import JobSettings, LeaseLost, Upload
from tests.web.conftest import SEED

GOOD = "到2025年，全区生产总值达到100亿元。".encode()
OTHER = "到2025年，新增就业达到2万人。".encode()
FAST = JobSettings(heartbeat_seconds=0.2, timeout_seconds=1.0, max_attempts=2)


def _queue(
    engine: Engine,
    files: list[Upload],
    kind: str = "ingest",
    by: str = "planner",
    options: dict[str, Any] | None = None,
) -> int:
    with transaction(engine) as session:
        return jobs.enqueue(session, kind=kind, files=files, created_by=by, options=options).id


def _job(engine: Engine, job_id: int) -> Job:
    with transaction(engine, write=False) as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def _count(engine: Engine, model: Any) -> int:
    with transaction(engine, write=False) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_job_runs_each_file_and_a_bad_file_fails_only_its_line(db_engine: Engine) -> None:
    job_id = _queue(
        db_engine, [Upload("a.txt", GOOD), Upload("empty.txt", b""), Upload("b.txt", OTHER)]
    )
    assert _job(db_engine, job_id).state == "queued" and _count(db_engine, JobFile) == 3
    assert job_runs.run_until_idle(db_engine, FAST) == 1
    job = _job(db_engine, job_id)
    assert job.state == "done" and job.attempts == 1 and job.finished_at is not None
    assert (job.progress_done, job.progress_total) == (3, 3)
    lines = (job.result or {})["items"]
    assert [(x["file"], x["status"]) for x in lines] == [
        ("a.txt", "ingested"),
        ("empty.txt", "failed"),
        ("b.txt", "ingested"),
    ]
    assert "empty" in lines[1]["message"] and lines[0]["records"] >= 1 and lines[0]["document_id"]
    assert _count(db_engine, JobFile) == 0  # the bytes go once handled
    assert _count(db_engine, Document) == 2
    again = _queue(db_engine, [Upload("a-again.txt", GOOD)])  # the same bytes: unchanged
    job_runs.run_until_idle(db_engine, FAST)
    assert (_job(db_engine, again).result or {})["items"][0]["status"] == "unchanged"


def test_claims_are_taken_one_by_one_and_nothing_twice(db_engine: Engine) -> None:
    ids = [_queue(db_engine, [Upload(f"{i}.txt", GOOD)]) for i in range(6)]
    taken: list[int] = []
    lock = threading.Lock()

    def taker(n: int) -> None:
        while (claim := job_runs.take(db_engine, FAST, f"worker-{n}")) is not None:
            with lock:
                taken.append(claim.job_id)

    threads = [threading.Thread(target=taker, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(taken) == ids  # every job once, none twice
    assert {_job(db_engine, i).state for i in ids} == {"running"}


def test_two_postgresql_connections_skip_each_others_job(db_url: str, db_engine: Engine) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite has one writer at a time")
    first, second = (
        _queue(db_engine, [Upload("a.txt", GOOD)]),
        _queue(db_engine, [Upload("b.txt", GOOD)]),
    )
    make = sessionmaker(writer(db_engine))
    with make() as a, a.begin(), make() as b, b.begin():
        mine = jobs.claim_next(a, "a")  # the row stays locked until a commits
        theirs = jobs.claim_next(b, "b")  # … so b skips it at once instead of waiting
        assert mine is not None and theirs is not None
        assert (mine.job_id, theirs.job_id) == (first, second)
        with make() as c, c.begin():
            assert jobs.claim_next(c, "c") is None  # both locked: nothing, and no wait


def test_an_abandoned_job_is_taken_again_and_the_old_taker_cannot_write(db_engine: Engine) -> None:
    job_id = _queue(db_engine, [Upload("a.txt", GOOD), Upload("b.txt", OTHER)])
    dead = job_runs.take(db_engine, FAST, "dead")  # taken, then its worker never beats again
    assert dead is not None and job_runs.take(db_engine, FAST, "other") is None
    later = utcnow() + timedelta(seconds=FAST.timeout_seconds + 1)
    with transaction(db_engine) as session:
        assert jobs.requeue_stale(session, FAST, now=later) == 1
    job = _job(db_engine, job_id)
    assert job.state == "queued" and job.attempts == 1
    assert job_runs.run_until_idle(db_engine, FAST, worker="alive") == 1
    job = _job(db_engine, job_id)
    assert job.state == "done" and job.attempts == 2 and job.progress_done == 2
    with pytest.raises(LeaseLost), transaction(db_engine) as session:
        jobs.note_file(session, dead, 0, {"file": "a.txt", "status": "ingested"})
    assert len((_job(db_engine, job_id).result or {})["items"]) == 2


def test_a_job_abandoned_too_often_fails_and_drops_its_files(db_engine: Engine) -> None:
    job_id = _queue(db_engine, [Upload("a.txt", GOOD)])
    for _ in range(FAST.max_attempts):
        assert job_runs.take(db_engine, FAST, "dying") is not None
        with transaction(db_engine) as session:
            jobs.requeue_stale(session, FAST, now=utcnow() + timedelta(seconds=5))
    job = _job(db_engine, job_id)
    assert job.state == "failed" and "2" in (job.error or "") and "中断" in (job.error or "")
    assert _count(db_engine, JobFile) == 0 and _count(db_engine, Document) == 0


def test_a_stopped_worker_gives_the_job_back_after_the_file_at_hand(db_engine: Engine) -> None:
    job_id = _queue(db_engine, [Upload("a.txt", GOOD), Upload("b.txt", OTHER)])
    stop = threading.Event()
    claim = job_runs.take(db_engine, FAST, "stopping")
    assert claim is not None
    real = job_runs.ingest_file

    def then_stop(*args: Any, **kwargs: Any) -> Any:
        outcome = real(*args, **kwargs)
        stop.set()  # asked to stop while the first file was being ingested
        return outcome

    job_runs.ingest_file = then_stop  # type: ignore[assignment]
    try:
        assert job_runs.run(db_engine, claim, FAST, stop) == "queued"
    finally:
        job_runs.ingest_file = real  # type: ignore[assignment]
    job = _job(db_engine, job_id)
    assert (
        job.state == "queued" and job.progress_done == 1 and job.attempts == 0
    )  # a clean stop is no attempt
    assert _count(db_engine, JobFile) == 1 and _count(db_engine, Document) == 1
    job_runs.run_until_idle(db_engine, FAST)
    job = _job(db_engine, job_id)
    assert (
        job.state == "done"
        and [x["status"] for x in (job.result or {})["items"]] == ["ingested"] * 2
    )


def test_an_unexpected_error_is_tried_again_then_fails(
    db_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    job_id = _queue(db_engine, [Upload("a.txt", GOOD)])
    calls: list[int] = []

    def broken(engine: Engine, claim: jobs.Claim, stop: threading.Event) -> None:
        calls.append(claim.attempt)
        raise ConnectionError("database went away")

    monkeypatch.setitem(job_runs.RUNNERS, "ingest", broken)
    job_runs.run_until_idle(db_engine, FAST)
    job = _job(db_engine, job_id)
    assert calls == [1, 2] and job.state == "failed" and "database went away" in (job.error or "")
    assert _count(db_engine, JobFile) == 0


def test_an_import_is_one_transaction_with_its_result(db_engine: Engine) -> None:
    ids = SEED.seed(db_engine)
    before = _count(db_engine, Observation)
    rows = f"indicator_id,year,value\n{ids['gdp']},2024,2700\n999999,2024,1\n".encode()
    good = _queue(
        db_engine, [Upload("a.csv", rows)], kind="import", options={"entered_by": "planner"}
    )
    bad = _queue(db_engine, [Upload("bad.xlsx", b"PK\x03\x04 not a workbook")], kind="import")
    job_runs.run_until_idle(db_engine, FAST)
    report = _job(db_engine, good).result or {}
    assert _job(db_engine, good).state == "done" and (report["accepted"], report["refused"]) == (
        1,
        1,
    )
    assert [r["status"] for r in report["rows"]] == ["accepted", "refused"]
    failed = _job(db_engine, bad)
    assert failed.state == "failed" and (failed.error or "").count("bad.xlsx") == 1
    assert failed.attempts == 1  # a file that cannot be imported is not tried again
    assert _count(db_engine, Observation) == before + 1 and _count(db_engine, JobFile) == 0


def test_a_job_is_seen_by_its_creator_planners_and_admins(db_engine: Engine) -> None:
    from plancockpit.errors import Forbidden, NotFound
    from plancockpit.services.access.users import UserInfo

    job_id = _queue(db_engine, [Upload("a.csv", b"x")], kind="import", by="hr")
    other = _queue(db_engine, [Upload("b.txt", GOOD)], by="planner")
    hr, town = UserInfo(1, "hr", "reporter"), UserInfo(2, "town", "reporter")
    with transaction(db_engine, write=False) as session:
        assert jobs.job_detail(session, job_id, hr)["files"] == ["a.csv"]
        for role in ("planner", "admin"):
            assert jobs.job_detail(session, job_id, UserInfo(3, "x", role))["state"] == "queued"
        with pytest.raises(Forbidden):
            jobs.job_detail(session, job_id, town)
        with pytest.raises(NotFound):
            jobs.job_detail(session, 999999, hr)
        assert [j["id"] for j in jobs.job_list(session, hr)["items"]] == [job_id]
        assert [j["id"] for j in jobs.job_list(session, UserInfo(4, "boss", "admin"))["items"]] == [
            other,
            job_id,
        ]
    with transaction(db_engine) as session, pytest.raises(Exception, match="at least one file"):
        jobs.enqueue(session, kind="ingest", files=[], created_by="hr")


def test_job_settings_refuse_a_timeout_within_two_heartbeats() -> None:
    with pytest.raises(ValueError, match="twice the heartbeat"):
        JobSettings(heartbeat_seconds=5, timeout_seconds=8)
