"""Many users at once: `plancockpit serve --workers W` on the corpus, C concurrent clients for
S seconds, each mostly reading (overview, indicator list and pages, documents) and sometimes
writing (confirming or correcting a record, entering a value), over loopback.

usage: python -m bench.mixed_load [--db URL] [--workers 2] [--clients 50] [--seconds 20]
[--think 1.0]
(default database: a temporary SQLite file; give $PLANCOCKPIT_TEST_PG's URL for PostgreSQL — a
schema of its own is made and dropped). Prints p50/p95/max of reads and of writes, p50/p95 of
each route, and every error (a 5xx, a refused connection, "database is locked").

`--think SECONDS`: each client pauses between its requests for an exponentially distributed
time of this mean, as load tools do (locust's `between`/`constant_pacing`, JMeter's timers).
The default, 1 s, models people at pages: a person reads a page or fills a form for seconds,
so 50 people at 1 s are about 50 requests/s at most — still a heavy office, and latency then
measures the app. `--think 0` is the closed loop: 50 clients that never pause keep 50 requests
in flight, and on 2 cores a 40 ms read waits behind the others (~1 s): that measures the queue.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import select, text

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/xiaoshan"
PASSWORD = "bench-password-123"


Ids = tuple[list[int], list[tuple[int, float]], list[int]]  # indicators, (record, value), documents


def _prepare(url: str) -> Ids:
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.db.models import Indicator, Record
    from plancockpit.services.access.users import add_user
    from plancockpit.services.ingest.run import ingest_paths

    engine = open_database(url)
    ingest_paths(engine, [CORPUS])
    with transaction(engine) as s:
        add_user(s, name="planner", role="planner", password=PASSWORD)
        indicators = list(s.scalars(select(Indicator.id).limit(200)))
        records = [
            (rid, value) for rid, value in s.execute(select(Record.id, Record.value).limit(400))
        ]
        documents = sorted({d for d in s.scalars(select(Record.document_id))})
    engine.dispose()
    return indicators, records, documents


def _route(method: str, path: str) -> str:
    """A path with its ids and query left out, to group timings by route."""
    parts = ["{id}" if p.isdigit() else p for p in path.split("?")[0].split("/")]
    return f"{method} {'/'.join(parts)}"


def _client(
    base: str,
    start: threading.Barrier,
    seconds: float,
    ids: Ids,
    think: float,
    timings: list[tuple[str, float]],
    errors: list[str],
) -> None:
    """One person: signs in, waits until all have (the clock starts then), then reads and
    writes until the time is up."""
    indicators, records, documents = ids
    rng = random.Random()
    with httpx.Client(base_url=base, timeout=30) as http:
        token = ""
        try:  # a sign-in refused or dropped under load is an error a user sees too
            login = http.post("/api/login", json={"name": "planner", "password": PASSWORD})
            if login.status_code == 200:
                token = login.json()["csrf_token"]
            else:
                errors.append(f"POST /api/login: {login.status_code} {login.text[:120]}")
        except httpx.HTTPError as exc:
            errors.append(f"POST /api/login: {type(exc).__name__} {exc}")
        start.wait()
        if not token:
            return
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            if think:
                time.sleep(min(rng.expovariate(1 / think), max(0.0, stop - time.monotonic())))
                if time.monotonic() >= stop:
                    break
            roll = rng.random()
            body: dict[str, object] | None
            if roll < 0.05:  # a review: mostly confirmed as extracted, some corrected
                record, value = rng.choice(records)
                method, path = "POST", f"/api/records/{record}/review"
                body = {"action": "confirm"}
                if roll < 0.02:
                    body = {"action": "edit", "changes": {"value": value * rng.choice([1, 1.1])}}
            elif roll < 0.10:
                method, path = "POST", "/api/observations"
                body = {
                    "indicator_id": rng.choice(indicators),
                    "year": 2024,
                    "value": rng.uniform(1, 100),
                }
            else:
                method, body = "GET", None
                path = rng.choice(
                    [
                        "/",
                        "/api/overview",
                        "/indicators",
                        f"/indicators/{rng.choice(indicators)}",
                        f"/api/indicators?limit=50&offset={rng.randrange(0, 200)}",
                        f"/documents/{rng.choice(documents)}",
                        "/regions",
                        "/units",
                    ]
                )
            t = time.perf_counter()
            try:
                r = http.request(method, path, json=body, headers={"X-CSRF-Token": token})
                if r.status_code >= 500 or "database is locked" in r.text:
                    errors.append(f"{method} {path}: {r.status_code} {r.text[:120]}")
            except httpx.HTTPError as exc:
                errors.append(f"{method} {path}: {type(exc).__name__} {exc}")
                continue
            timings.append((_route(method, path), time.perf_counter() - t))


def _quantile_ms(xs: list[float]) -> dict[str, float] | None:
    """n, p50, p95 and max in ms (the printed line and the JSON results)."""
    if not xs:
        return None
    xs = sorted(xs)
    return {
        "n": len(xs),
        "p50": round(statistics.median(xs) * 1000),
        "p95": round(xs[max(0, int(len(xs) * 0.95) - 1)] * 1000),
        "max": round(xs[-1] * 1000),
    }


def _quantiles(xs: list[float]) -> str:
    """`_quantile_ms` as the printed line."""
    q = _quantile_ms(xs)
    if q is None:
        return "none"
    return f"n={q['n']} p50 {q['p50']} ms, p95 {q['p95']} ms, max {q['max']} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean pause between a client's requests, s (0: never pause)",
    )
    ap.add_argument(
        "--json",
        type=Path,
        help="also write the results here (docs/results/mixed_load_<database>.json)",
    )
    args = ap.parse_args()
    url, schema = args.db or f"sqlite:///{tempfile.mkdtemp()}/load.sqlite", ""
    if url.startswith("postgresql"):
        from plancockpit.db.engine import make_engine

        schema = f"load_{uuid.uuid4().hex[:8]}"
        with make_engine(url).begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url += ("&" if "?" in url else "?") + "options=" + quote(f"-csearch_path={schema}")
    ids = _prepare(url)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = [
        str(Path(sys.executable).with_name("plancockpit")),
        "serve",
        "--db",
        url,
        "--port",
        str(port),
        "--workers",
        str(args.workers),
    ]
    log = Path(tempfile.mkdtemp()) / "serve.log"
    proc = subprocess.Popen(
        serve, start_new_session=True, stdout=subprocess.DEVNULL, stderr=log.open("w")
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/overview").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        timings: list[tuple[str, float]] = []
        errors: list[str] = []
        start = threading.Barrier(args.clients)
        threads = [
            threading.Thread(
                target=_client, args=(base, start, args.seconds, ids, args.think, timings, errors)
            )
            for _ in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker still busy: the figures are kept all the same
            print("the server did not stop within 30 s; killed")
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        if schema and args.db:
            from plancockpit.db.engine import make_engine

            with make_engine(args.db).begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    name = "PostgreSQL" if schema else "SQLite"
    print(
        f"{name}, {args.workers} workers, {args.clients} clients, {args.seconds:.0f} s, "
        f"think {args.think:g} s, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"  reads  {_quantiles([t for r, t in timings if r.startswith('GET')])}")
    print(f"  writes {_quantiles([t for r, t in timings if r.startswith('POST')])}")
    for route in sorted({r for r, _ in timings}):
        print(f"    {route:32} {_quantiles([t for r, t in timings if r == route])}")
    print(f"  errors {len(errors)}")
    if errors:
        print(f"  server log: {log}")
    for e in errors[:10]:
        print(f"    {e}")
    if args.json:
        from bench.results import write

        settings = {"database": name, "workers": args.workers, "clients": args.clients}
        settings |= {"seconds": args.seconds, "think": args.think}
        write(
            args.json,
            "mixed_load",
            settings,
            {
                "reads": _quantile_ms([t for r, t in timings if r.startswith("GET")]),
                "writes": _quantile_ms([t for r, t in timings if r.startswith("POST")]),
                "routes": {
                    route: _quantile_ms([t for r, t in timings if r == route])
                    for route in sorted({r for r, _ in timings})
                },
                "errors": len(errors),
            },
        )


if __name__ == "__main__":
    main()
