"""Ingest speed: the corpus and the examples into a fresh database, per backend.

usage: python -m bench.ingest_speed [--db URL]   (default: a temporary SQLite file; give
$PLANCOCKPIT_TEST_PG's URL to measure PostgreSQL — its tables are emptied first!)
Prints per file: status, sections, records, seconds; then the total and a second (unchanged) pass.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import delete

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/xiaoshan"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS}")
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.db.models import Base
    from plancockpit.services.ingest import example_paths, ingest_file

    url = args.db or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    engine = open_database(url)
    with transaction(engine) as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))
    files = [*sorted(CORPUS.glob("*.txt")), *example_paths()]
    for label in ("first pass", "second pass (unchanged)"):
        total = time.perf_counter()
        print(f"{label} on {engine.dialect.name}:")
        for path in files:
            t0 = time.perf_counter()
            o = ingest_file(engine, path)
            print(f"  {o.status:9} {path.name:32} {o.sections:5} sections {o.records:4} records"
                  f" {time.perf_counter() - t0:6.2f} s {o.message}")
        print(f"  total {time.perf_counter() - total:.2f} s for {len(files)} files")
    engine.dispose()


if __name__ == "__main__":
    main()
