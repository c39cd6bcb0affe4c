"""Linking and status speed on the corpus: relink everything, then assess every target.

usage: python -m bench.status_speed [--repeat N]
Ingests the corpus into a temporary SQLite file once, then times `link_all` and
`status_report` (median of N runs) and prints targets, observations and statuses counted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/xiaoshan"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS}")
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.services.indicators import link_all
    from plancockpit.services.ingest import ingest_paths
    from plancockpit.services.status import status_report

    engine = open_database(f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite")
    ingest_paths(engine, [CORPUS])
    link_times, status_times = [], []
    for _ in range(args.repeat):
        with transaction(engine) as session:
            t0 = time.perf_counter()
            report = link_all(session)
            link_times.append(time.perf_counter() - t0)
        with transaction(engine) as session:
            t0 = time.perf_counter()
            statuses = status_report(session, date(2026, 6, 30), "domain")
            status_times.append(time.perf_counter() - t0)
    counts = Counter(s.assessment.status for s in statuses.targets)
    print(f"documents {report.documents}, targets {report.targets}, "
          f"observations {report.observations}")
    print(f"link_all      median {statistics.median(link_times) * 1000:.0f} ms")
    print(f"status_report median {statistics.median(status_times) * 1000:.0f} ms "
          f"({len(statuses.targets)} targets)")
    print("statuses on 2026-06-30:", dict(counts))


if __name__ == "__main__":
    main()
