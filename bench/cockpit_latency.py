"""Cockpit latency on a province-sized synthetic load.

100 districts × 500 targets (one indicator each), 10 years of observations per indicator
(500,000 rows), one plan document per district with a source sentence per target; inserted in
bulk. Then the app runs in-process (FastAPI TestClient, the full ASGI stack) and each route is
requested repeatedly: p50/p95 in milliseconds. SQLite always; PostgreSQL with --pg URL or
$PLANCOCKPIT_TEST_PG. Target: p95 < 200 ms.

    python -m bench.cockpit_latency [--districts 100] [--targets 500] [--runs 30] [--pg URL]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text

from plancockpit.db.migrate import open_database
from plancockpit.db.models import Document, Indicator, Observation, Record, Region, Target, Unit

DOMAINS = ["经济质效", "美丽家园", "城市治理", "社会民生", "科技创新", "开放合作"]
METRICS = [
    "地区生产总值",
    "社会消费品零售总额",
    "城镇新增就业",
    "实际利用外资",
    "研发投入强度",
    "空气优良天数比例",
    "每千人拥有托位数",
    "人均公园绿地面积",
    "单位GDP能耗降低",
    "居民人均可支配收入",
]
UNITS = [
    f"区{x}局"
    for x in "发改 经信 财政 人社 商务 科技 生态环境 卫健 教育 住建 交通 农业农村 文旅 应急 市场监管 统计".split()
]
CHUNK = 10_000


def _bulk(engine: Engine, model: Any, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as conn:
        for i in range(0, len(rows), CHUNK):
            conn.execute(insert(model), rows[i : i + CHUNK])


def fill(engine: Engine, districts: int, targets: int, years: int, seed: int = 7) -> dict[str, Any]:
    """Insert the synthetic province; returns a few ids and words the requests use."""
    rnd = random.Random(seed)
    _bulk(engine, Region, [{"id": 1, "code": "P", "name": "示范省", "level": "province"}])
    _bulk(
        engine,
        Region,
        [
            {"id": 1 + d, "code": f"P.{d}", "name": f"第{d}区", "level": "district", "parent_id": 1}
            for d in range(1, districts + 1)
        ],
    )
    _bulk(
        engine,
        Unit,
        [{"id": i + 1, "name": u, "full_name": u, "aliases": []} for i, u in enumerate(UNITS)],
    )
    docs, records, indicators, target_rows, obs = [], [], [], [], []
    rid = tid = oid = 0
    for d in range(1, districts + 1):
        sentences, pos = [], 0
        for k in range(targets):
            ind_id = (d - 1) * targets + k + 1
            metric = f"{METRICS[k % len(METRICS)]}{k // len(METRICS)}"
            base = rnd.uniform(10, 1000)
            goal = base * rnd.uniform(1.1, 1.6)
            sentence = f"到2025年,{metric}达到{goal:.1f}亿元。"
            number = f"{goal:.1f}亿元"
            start = pos + sentence.index(number)
            rid += 1
            records.append(
                {
                    "id": rid,
                    "document_id": d,
                    "start": start,
                    "end": start + len(number),
                    "number": number,
                    "metric": metric,
                    "kind": "target",
                    "value": round(goal, 1),
                    "unit": "亿元",
                    "year": 2025,
                    "sentence_start": pos,
                    "sentence_end": pos + len(sentence),
                    "lead_units": [],
                    "section_path": [],
                    "extracted": {},
                }
            )
            sentences.append(sentence)
            pos += len(sentence)
            indicators.append(
                {
                    "id": ind_id,
                    "name": metric,
                    "key": metric,
                    "region_id": 1 + d,
                    "unit": "亿元",
                    "domain": DOMAINS[k % len(DOMAINS)],
                    "aliases": [],
                    "direction": "up",
                }
            )
            tid += 1
            lead = [UNITS[k % len(UNITS)]] + ([UNITS[(k * 7) % len(UNITS)]] if k % 3 == 0 else [])
            target_rows.append(
                {
                    "id": tid,
                    "indicator_id": ind_id,
                    "record_id": rid,
                    "region_id": 1 + d,
                    "comparator": ">=",
                    "value": round(goal, 1),
                    "unit": "亿元",
                    "basis": "level",
                    "baseline_value": round(base, 1),
                    "baseline_year": 2020,
                    "deadline_year": 2025,
                    "attribute": "约束性" if k % 10 == 0 else "预期性",
                    "lead_units": lead,
                    "revision": "raised" if k % 50 == 0 else None,
                }
            )
            pace = rnd.uniform(0.3, 1.3)
            for y in range(2016, 2016 + years):
                oid += 1
                f = (y - 2020) / 5
                obs.append(
                    {
                        "id": oid,
                        "indicator_id": ind_id,
                        "region_id": 1 + d,
                        "year": y,
                        "unit": "亿元",
                        "value": round(base * (goal / base) ** (f * pace), 2),
                        "basis": "level",
                        "conflict": False,
                    }
                )
        docs.append(
            {
                "id": d,
                "name": f"district{d}.txt",
                "content_hash": f"{d:064d}",
                "format": "txt",
                "text": "".join(sentences),
                "title": f"第{d}区国民经济和社会发展第十四个五年规划纲要",
                "kind": "plan",
                "region": f"第{d}区",
                "meta_evidence": {},
            }
        )
    t0 = time.perf_counter()
    for model, rows in [
        (Document, docs),
        (Record, records),
        (Indicator, indicators),
        (Target, target_rows),
        (Observation, obs),
    ]:
        _bulk(engine, model, rows)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in (
                "regions",
                "units",
                "documents",
                "records",
                "indicators",
                "targets",
                "observations",
            ):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))
    print(
        f"  inserted {len(target_rows):,} targets, {len(obs):,} observations in {time.perf_counter() - t0:.1f} s"
    )
    return {"indicator": targets + 3, "region": 2, "document": 1}


ROUTES = [
    ("overview page", "/"),
    ("overview API", "/api/overview"),
    ("overview page, first after a refresh", "/"),
    ("overview API, first after a refresh", "/api/overview"),
    ("indicator list", "/indicators"),
    ("indicator list filtered", "/indicators?domain=社会民生&status=off_track&unit=区发改局"),
    ("indicator list searched", "/indicators?q=生产总值1"),
    ("indicator list sorted by progress", "/indicators?sort=progress&desc=true&offset=500"),
    ("API indicators filtered", "/api/indicators?attribute=约束性&year=2025&limit=100"),
    ("API indicators searched", "/api/indicators?q=就业&region_id={region}"),
    ("indicator page", "/indicators/{indicator}"),
    ("API indicator", "/api/indicators/{indicator}"),
    ("region page (district)", "/regions/{region}"),
    ("API regions (top)", "/api/regions"),
    ("API documents", "/api/documents"),
    ("API records of a document", "/api/records?document_id={document}&limit=100"),
    ("API targets", "/api/targets?limit=100&offset=20000"),
    ("API observations", "/api/observations?indicator_id={indicator}"),
    ("API assessments", "/api/assessments?status=at_risk&limit=100"),
    ("API units", "/api/units"),
    ("search 2 chars (就业)", "/api/search?q=就业"),
    ("search 4 chars (研发投入)", "/api/search?q=研发投入"),
    ("search an indicator name", "/api/search?q=地区生产总值12"),
    ("search sentences only", "/api/search?q=研发投入强度3&kind=sentence"),
    ("search page", "/search?q=生产总值"),
]
SEARCH_TARGET_MS = 100  # p95 of a search (issue 10); other routes: 200 ms
# Measured with the process's caches dropped before each request, as a refresh of the facts
# drops them: what the first visitor after a change waits.
AFTER_REFRESH = ("overview page, first after a refresh", "overview API, first after a refresh")


def measure(
    url: str, districts: int, targets: int, years: int, runs: int, only: str = ""
) -> list[tuple[str, float, float]]:
    from fastapi.testclient import TestClient

    from plancockpit.web import freshness
    from plancockpit.web.app import create_app
    from plancockpit.web.settings import Settings

    engine = open_database(url)
    ids = fill(engine, districts, targets, years)
    engine.dispose()
    settings = Settings(db_url=url, secret_key="bench-secret-0123456789", background_refresh=True)
    t0 = time.perf_counter()
    app = create_app(settings)
    print(
        f"  app start on new data (statuses computed in the background): {time.perf_counter() - t0:.1f} s"
    )
    freshness.start_refresher(app.state)  # as serving it would (the app's lifespan)
    print(
        f"  statuses of every target computed, in the background: {_drained(app, t0):.1f} s after start"
    )
    freshness.stop(app.state)
    t0 = time.perf_counter()
    again = create_app(settings)
    print(
        f"  restart on the same data the same day (stored statuses): {time.perf_counter() - t0:.1f} s"
    )
    freshness.stop(again.state)
    again.state.engine.dispose()
    results = []
    with TestClient(app) as client:
        for name, route in ROUTES:
            if only and only not in name:
                continue
            path = route.format(**ids)
            for _ in range(2):
                assert client.get(path).status_code == 200, path
            times = []
            for _ in range(runs):
                if name in AFTER_REFRESH:
                    app.state.cache = {}
                t = time.perf_counter()
                r = client.get(path)
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
            results.append((name, statistics.median(times), p95))
    app.state.engine.dispose()
    return results


def _drained(app: Any, t0: float) -> float:
    """Seconds from `t0` until the app's refresher has left nothing stale."""
    from plancockpit.services.cockpit import stale

    while True:
        with app.state.sessions() as session:
            if not stale.pending(session):
                return time.perf_counter() - t0
        time.sleep(0.2)


def report(label: str, results: list[tuple[str, float, float]]) -> None:
    print(f"\n{label}\n{'route':36} {'p50 ms':>8} {'p95 ms':>8}")
    for name, p50, p95 in results:
        limit = SEARCH_TARGET_MS if name.startswith("search") else 200
        flag = "" if p95 < limit else f"  > {limit} ms"
        print(f"{name:36} {p50:8.1f} {p95:8.1f}{flag}")
    worst = max(p95 for _, _, p95 in results)
    missed = [
        n for n, _, p95 in results if p95 >= (SEARCH_TARGET_MS if n.startswith("search") else 200)
    ]
    verdict = (
        f"misses its target: {', '.join(missed)}"
        if missed
        else "meets the targets (200 ms; search 100 ms)"
    )
    print(f"worst p95: {worst:.1f} ms; {verdict}")


def _pg_fresh(url: str) -> tuple[str, Any]:
    """A fresh schema on the PostgreSQL server, dropped by the returned callback."""
    import uuid
    from urllib.parse import quote

    from sqlalchemy import create_engine

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}", drop


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--districts", type=int, default=100)
    ap.add_argument("--targets", type=int, default=500)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--pg", default=os.environ.get("PLANCOCKPIT_TEST_PG"))
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument(
        "--only", default="", help="only the routes whose name contains this (e.g. search)"
    )
    ap.add_argument(
        "--json", type=Path, help="also write the results here (docs/results/cockpit_latency.json)"
    )
    args = ap.parse_args()
    measured: dict[str, list[tuple[str, float, float]]] = {}
    size = f"{args.districts} districts × {args.targets} targets × {args.years} years"
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"SQLite, {size}")
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
            report(
                "SQLite",
                measured.setdefault(
                    "SQLite",
                    measure(url, args.districts, args.targets, args.years, args.runs, args.only),
                ),
            )
    if args.pg:
        print(f"\nPostgreSQL, {size}")
        url, drop = _pg_fresh(args.pg)
        try:
            report(
                "PostgreSQL",
                measured.setdefault(
                    "PostgreSQL",
                    measure(url, args.districts, args.targets, args.years, args.runs, args.only),
                ),
            )
        finally:
            drop()
    if args.json:
        from bench.results import write

        settings = {k: v for k, v in vars(args).items() if k not in ("pg", "json")}
        write(
            args.json,
            "cockpit_latency",
            settings,
            {
                db: [
                    {"route": n, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
                    for n, p50, p95 in rows
                ]
                for db, rows in measured.items()
            },
        )


if __name__ == "__main__":
    main()
