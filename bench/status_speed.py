"""Linking and status speed: on the corpus, and on synthetic loads of growing size.

usage: python -m bench.status_speed [--repeat N] [--sizes 1000,4000,16000] [--no-corpus]

Corpus: ingests it into a temporary SQLite file once, then times `link_all` and
`status_report` (median of N runs) and prints targets, observations and statuses counted.
Synthetic: the cockpit benchmark's province (`bench.cockpit_latency.fill`, 500 targets per
district, 10 years of observations each) at each size, as made (one indicator per target) and
crowded onto ten indicators; times `target_statuses` (median of N) and prints the ratio to the
previous size — linear work gives about the size ratio (4× per 4×).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/xiaoshan"
PER_DISTRICT = 500


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def corpus(repeat: int) -> dict[str, object] | None:
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.services.ingest.run import ingest_paths
    from plancockpit.services.linking.link import link_all
    from plancockpit.services.progress.status import status_report

    if not CORPUS.is_dir():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return None
    engine = open_database(f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite")
    ingest_paths(engine, [CORPUS])
    link_times, status_times = [], []
    for _ in range(repeat):
        with transaction(engine) as session:
            t0 = time.perf_counter()
            report = link_all(session)
            link_times.append(time.perf_counter() - t0)
        with transaction(engine) as session:
            t0 = time.perf_counter()
            statuses = status_report(session, date(2026, 6, 30), "domain")
            status_times.append(time.perf_counter() - t0)
    counts = Counter(s.assessment.status for s in statuses.targets)
    print(
        f"corpus: documents {report.documents}, targets {report.targets}, "
        f"observations {report.observations}"
    )
    print(f"link_all      median {statistics.median(link_times) * 1000:.0f} ms")
    print(
        f"status_report median {statistics.median(status_times) * 1000:.0f} ms "
        f"({len(statuses.targets)} targets)"
    )
    print("statuses on 2026-06-30:", dict(counts))
    engine.dispose()
    return {
        "documents": report.documents,
        "targets": report.targets,
        "observations": report.observations,
        "link_all_ms": round(statistics.median(link_times) * 1000),
        "status_report_ms": round(statistics.median(status_times) * 1000),
        "statuses": dict(counts),
    }


def _crowd(engine: Engine, indicators: int) -> None:
    """Fold the targets and observations onto a few indicators of the whole area: thousands of
    targets per indicator, the shape where comparing each target with its siblings shows."""
    from sqlalchemy import text

    with engine.begin() as conn:
        for table in ("targets", "observations"):
            conn.execute(
                text(
                    f"UPDATE {table} SET indicator_id = (indicator_id % {indicators}) + 1,"
                    " region_id = NULL"
                )
            )


def synthetic(sizes: list[int], repeat: int) -> list[dict[str, object]]:
    from bench.cockpit_latency import fill
    from plancockpit.db.engine import session_factory
    from plancockpit.db.migrate import open_database
    from plancockpit.services.progress.status import target_statuses

    print(
        f"\nsynthetic: {PER_DISTRICT} targets per district, 10 years of observations; "
        "spread: one indicator per target, crowded: ten indicators"
    )
    print(
        f"{'targets':>8} {'observations':>13} {'shape':>8} {'target_statuses ms':>19} {'ratio':>6}"
    )
    previous: dict[str, float] = {}
    rows: list[dict[str, object]] = []
    for size in sizes:
        for shape in ("spread", "crowded"):
            with tempfile.TemporaryDirectory() as tmp:
                engine = open_database(f"sqlite:///{tmp}/synthetic.sqlite")
                fill(engine, max(1, size // PER_DISTRICT), min(size, PER_DISTRICT), 10)
                if shape == "crowded":
                    _crowd(engine, 10)

                def run(engine: Engine = engine) -> None:
                    with session_factory(engine)() as session:
                        target_statuses(session, date(2024, 6, 30))

                ms = _median_ms(run, repeat)
                engine.dispose()
            ratio = f"{ms / previous[shape]:5.1f}×" if shape in previous else ""
            print(f"{size:8,} {size * 10:13,} {shape:>8} {ms:19.0f} {ratio:>6}")
            previous[shape] = ms
            rows.append(
                {"targets": size, "observations": size * 10, "shape": shape, "ms": round(ms)}
            )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--sizes",
        default="1000,4000,16000",
        help="comma-separated target counts of the synthetic loads",
    )
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument(
        "--json", type=Path, help="also write the results here (docs/results/status_speed.json)"
    )
    args = ap.parse_args()
    on_corpus = None if args.no_corpus else corpus(args.repeat)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = synthetic(sizes, args.repeat)
    if args.json:
        from bench.results import write

        write(
            args.json,
            "status_speed",
            {"repeat": args.repeat, "sizes": sizes, "database": "sqlite"},
            {"corpus": on_corpus, "synthetic": rows},
        )


if __name__ == "__main__":
    main()
