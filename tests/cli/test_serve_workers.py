"""`plancockpit serve --workers 2`: two processes on one database answer every request, and a
sign-in made through one is valid in the other (same key, sessions not held in one process)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.services.access.users import add_user

PASSWORD = "serve-test-password"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_two_workers_share_the_database_and_sessions(db_url: str, tmp_path: Path) -> None:
    engine = open_database(db_url)
    with transaction(engine) as s:
        add_user(s, name="planner", role="planner", password=PASSWORD)
    engine.dispose()
    port = _free_port()
    env: dict[str, Any] = {k: v for k, v in os.environ.items() if k != "PLANCOCKPIT_SECRET"}
    command = [
        str(Path(sys.executable).with_name("plancockpit")),
        "serve",
        "--db",
        db_url,
        "--port",
        str(port),
        "--workers",
        "2",
    ]
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/overview", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        r = httpx.post(f"{base}/api/login", json={"name": "planner", "password": PASSWORD})
        assert r.status_code == 200, r.text
        for _ in range(30):  # a new connection each time: either worker may answer
            me = httpx.get(f"{base}/api/me", cookies=r.cookies, timeout=10)
            assert me.status_code == 200 and me.json()["user"]["name"] == "planner", me.text
            assert httpx.get(f"{base}/api/overview", timeout=10).status_code == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_a_busy_worker_is_not_killed_after_uvicorns_five_seconds(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """uvicorn kills a worker that answers its health ping late (5 s by default): a worker busy
    with sign-ins on a loaded machine was killed and its clients got "server disconnected". And
    kept-alive connections outlast the clients' idle limit (else "connection reset by peer")."""
    import uvicorn

    from plancockpit.cli import serve

    given: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: given.update(kwargs))
    monkeypatch.setenv("PLANCOCKPIT_SECRET", "serve-test-secret-0123456789")
    monkeypatch.setenv("PLANCOCKPIT_DB", "")  # _run sets both for its workers; restored after
    serve._run(f"sqlite:///{tmp_path / 'serve.sqlite'}", "127.0.0.1", _free_port(), workers=2)
    assert given["workers"] == 2
    assert given["timeout_worker_healthcheck"] >= 30
    assert given["timeout_keep_alive"] > 5  # outlasts the clients' idle limit
