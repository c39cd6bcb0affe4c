"""Uploads: names that are no file name refused before anything is stored, the signed-in user
as the author of imported rows, and a long ingest that leaves other requests answered."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from plancockpit.web.app import create_app
from plancockpit.web.settings import Settings
from tests.web.conftest import PASSWORD
from tests.web.live_server import serving


@pytest.mark.parametrize("name", ["..", ".", "a" * 256 + ".txt", "报告" * 43 + ".txt"])
def test_a_name_that_is_no_file_name_refuses_the_whole_upload(
    client: TestClient, sign_in: Callable[..., str], name: str
) -> None:
    token = sign_in(client)
    before = client.get("/api/documents").json()["total"]
    r = client.post(
        "/api/import/documents",
        headers={"X-CSRF-Token": token},
        files=[
            ("files", ("good.txt", "一、目标\n到2025年，全区生产总值达到100亿元。".encode())),
            ("files", (name, b"x")),
        ],
    )
    assert r.status_code == 422 and "file name" in r.json()["detail"]
    assert client.get("/api/documents").json()["total"] == before  # the good file was not kept


def test_two_uploads_of_one_name_are_both_read(
    client: TestClient, sign_in: Callable[..., str], job_of: Callable[..., dict[str, Any]]
) -> None:
    token = sign_in(client)
    r = client.post(
        "/api/import/documents",
        headers={"X-CSRF-Token": token},
        files=[
            ("files", ("a.txt", "到2025年，甲达到1亿元。".encode())),
            ("files", ("a.txt", "到2025年，乙达到2亿元。".encode())),
        ],
    )
    assert [x["status"] for x in job_of(client, r)["result"]["items"]] == ["ingested", "ingested"]


def test_the_signed_in_user_is_the_author(
    client: TestClient,
    ids: dict[str, int],
    sign_in: Callable[..., str],
    job_of: Callable[..., dict[str, Any]],
) -> None:
    token = sign_in(client)
    rows = f"indicator_id,year,value,entered_by\n{ids['gdp']},2023,2400,admin1\n".encode()
    r = client.post(
        "/api/import/actuals", headers={"X-CSRF-Token": token}, files={"file": ("a.csv", rows)}
    )
    assert job_of(client, r)["state"] == "done"
    observations = client.get("/api/observations", params={"indicator_id": ids["gdp"]}).json()
    authors = {o["entered_by"] for o in observations["items"] if o["source_file"] == "a.csv"}
    assert authors == {"planner（表中填报人：admin1）"}


def test_a_long_ingest_leaves_other_requests_answered(
    seeded: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The upload answers at once (202) while its job waits, in the app's worker thread, until a
    page has been served meanwhile; were the server busy with the ingest, that page would never
    come and the job would fail its file."""
    import plancockpit.services.jobs.runs as job_runs

    page_served = threading.Event()
    real_ingest = job_runs.ingest_file

    def slow_ingest(engine: Any, path: Path, *args: Any, **kwargs: Any) -> Any:
        assert page_served.wait(timeout=20), "no other request was answered during the ingest"
        return real_ingest(engine, path, *args, **kwargs)

    monkeypatch.setattr(job_runs, "ingest_file", slow_ingest)
    app = create_app(
        Settings(db_url=seeded["url"], secret_key="upload-test-secret-0123", job_worker=True)
    )
    with serving(app) as base:
        try:
            with httpx.Client(base_url=base, timeout=30) as uploader:
                token = uploader.post(
                    "/api/login", json={"name": "planner", "password": PASSWORD}
                ).json()["csrf_token"]
                queued = uploader.post(
                    "/api/import/documents",
                    headers={"X-CSRF-Token": token},
                    files=[("files", ("slow.txt", "到2025年，丙达到3亿元。".encode()))],
                )
                assert (
                    queued.status_code == 202 and queued.headers["location"] == queued.json()["url"]
                )
                assert queued.json()["state"] == "queued" and queued.json()["files"] == ["slow.txt"]
                reader = httpx.get(f"{base}/api/overview", timeout=10)  # while the job waits
                page_served.set()
                job = queued.json()
                deadline = time.monotonic() + 60
                while job["state"] in ("queued", "running") and time.monotonic() < deadline:
                    time.sleep(0.1)
                    job = uploader.get(queued.json()["url"]).json()
        finally:
            page_served.set()
    assert reader.status_code == 200
    assert job["state"] == "done" and job["result"]["items"][0]["status"] == "ingested"
