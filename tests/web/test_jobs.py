"""Uploads as background jobs on the web: 202 with the job at once, its progress through the API
and its page, who may see it, and a job that outlives the app that queued it."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.services.access.users import add_user
from tests.web.conftest import PASSWORD

DOC = "到2025年，全区生产总值达到100亿元。".encode()


def _upload(client: TestClient, token: str, *files: tuple[str, bytes]) -> Any:
    return client.post(
        "/api/import/documents",
        headers={"X-CSRF-Token": token},
        files=[("files", f) for f in files],
    )


def test_an_upload_answers_at_once_and_its_job_shows_its_progress(
    client: TestClient, sign_in: Callable[..., str], run_jobs: Callable[..., None]
) -> None:
    token = sign_in(client)
    before = client.get("/api/documents").json()["total"]
    r = _upload(client, token, ("a.txt", DOC), ("junk.txt", b"\x00\x01\x02" * 100))
    assert r.status_code == 202 and r.headers["location"] == r.json()["url"]
    job = r.json()
    assert (job["state"], job["progress"], job["files"]) == (
        "queued",
        {"done": 0, "total": 2},
        ["a.txt", "junk.txt"],
    )
    assert client.get("/api/documents").json()["total"] == before  # nothing ingested on the request
    page = client.get(job["page"])
    assert page.status_code == 200 and 'id="job-bar"' in page.text and "排队中" in page.text
    assert "/static/jobs.js" in page.text  # the page follows the job while it runs
    run_jobs(client)
    done = client.get(job["url"]).json()
    assert done["state"] == "done" and done["progress"] == {"done": 2, "total": 2}
    assert [(x["file"], x["status"]) for x in done["result"]["items"]] == [
        ("a.txt", "ingested"),
        ("junk.txt", "failed"),
    ]
    assert client.get("/api/documents").json()["total"] == before + 1
    english = client.get(job["page"] + "?lang=en").text
    assert "Done" in english and 'id="job-files"' in english and "Not ingested" in english
    assert "/static/jobs.js" not in english
    listed = client.get("/import").text
    assert f'href="/jobs/{job["id"]}"' in listed and 'id="recent-jobs"' in listed


def test_the_page_form_sends_the_uploader_to_the_jobs_page(
    client: TestClient, sign_in: Callable[..., str]
) -> None:
    sign_in(client)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/import").text)
    assert token
    r = client.post(
        "/import/documents",
        data={"csrf_token": token.group(1)},
        files=[("files", ("a.txt", DOC))],
        follow_redirects=False,
    )
    assert r.status_code == 303 and re.fullmatch(r"/jobs/\d+", r.headers["location"])
    refused = client.post(
        "/import/documents",
        data={"csrf_token": "wrong"},
        files=[("files", ("a.txt", DOC))],
        follow_redirects=False,
    )
    assert refused.status_code == 403  # CSRF as before


def test_only_the_creator_planners_and_admins_see_a_job(
    seeded: dict[str, Any], client: TestClient, sign_in: Callable[..., str]
) -> None:
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        add_user(s, name="admin", role="admin", password=PASSWORD)
        add_user(s, name="hr", role="reporter", password=PASSWORD)
        add_user(s, name="town", role="reporter", password=PASSWORD)
    engine.dispose()
    token = sign_in(client, "hr")
    queued = client.post(
        "/api/import/actuals",
        headers={"X-CSRF-Token": token},
        files={"file": ("hr.csv", b"indicator_id,year,value\n1,2024,1\n")},
    )
    assert queued.status_code == 202
    url, page = queued.json()["url"], queued.json()["page"]
    assert client.get(url).status_code == 200 and client.get(page).status_code == 200
    assert [j["id"] for j in client.get("/api/jobs").json()["items"]] == [queued.json()["id"]]
    refused = client.post(
        "/api/import/documents", headers={"X-CSRF-Token": token}, files=[("files", ("a.txt", DOC))]
    )
    assert refused.status_code == 403  # a reporter uploads no documents, as before
    for name, status in (("town", 403), ("viewer", 403), ("planner", 200), ("admin", 200)):
        client.post("/api/logout", headers={"X-CSRF-Token": token})
        token = sign_in(client, name)
        assert client.get(url).status_code == status, name
        assert client.get(page).status_code == status, name
    assert client.get("/api/jobs").json()["total"] == 1  # the admin's list holds everyone's
    client.post("/api/logout", headers={"X-CSRF-Token": token})
    assert client.get(url).status_code == 401 and client.get("/api/jobs").status_code == 401
    assert client.get(page, follow_redirects=False).headers["location"].startswith("/login")
    token = sign_in(client, "planner")
    assert client.get("/api/jobs").json()["total"] == 0  # a planner's list: its own
    assert client.get("/api/jobs/999999").status_code == 404
    assert client.get(f"/api/jobs/{2**70}").status_code == 422


def test_a_queued_job_outlives_the_app_that_queued_it(
    seeded: dict[str, Any], make_client: Callable[..., TestClient], sign_in: Callable[..., str]
) -> None:
    with make_client(seeded["url"]) as first:  # no worker: the job stays queued when it stops
        token = sign_in(first)
        queued = _upload(
            first, token, ("a.txt", DOC), ("b.txt", "到2025年，新增就业2万人。".encode())
        )
        assert queued.status_code == 202
    with make_client(seeded["url"], job_worker=True) as second:  # a restart, with its worker
        sign_in(second)
        job: dict[str, Any] = queued.json()
        deadline = time.monotonic() + 60
        while job["state"] in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.1)
            job = second.get(queued.json()["url"]).json()
        assert job["state"] == "done", job
        assert [x["status"] for x in job["result"]["items"]] == ["ingested", "ingested"]
        # the worker recomputed the statuses after the job: the new target is counted
        assert second.get("/api/overview").status_code == 200
