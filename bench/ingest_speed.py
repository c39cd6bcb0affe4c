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
import uuid
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import text

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/xiaoshan"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default=None)
    ap.add_argument(
        "--json",
        type=Path,
        help="also write the results here (docs/results/ingest_speed_<database>.json)",
    )
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS}")
    from plancockpit.db.engine import make_engine
    from plancockpit.db.migrate import open_database
    from plancockpit.services.ingest.run import example_paths, ingest_file

    url = args.db or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    schema = ""
    if url.startswith("postgresql"):
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        with make_engine(url).begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url += ("&" if "?" in url else "?") + "options=" + quote(f"-csearch_path={schema}")
    engine = open_database(url)
    files = [*sorted(CORPUS.glob("*.txt")), *example_paths()]
    passes: list[dict[str, object]] = []
    for label in ("first pass", "second pass (unchanged)"):
        total = time.perf_counter()
        print(f"{label} on {engine.dialect.name}:")
        for path in files:
            t0 = time.perf_counter()
            o = ingest_file(engine, path)
            print(
                f"  {o.status:9} {path.name:32} {o.sections:5} sections {o.records:4} records"
                f" {time.perf_counter() - t0:6.2f} s {o.message}"
            )
        seconds = time.perf_counter() - total
        print(f"  total {seconds:.2f} s for {len(files)} files")
        passes.append({"pass": label, "files": len(files), "seconds": round(seconds, 2)})
    database = engine.dialect.name
    engine.dispose()
    if schema:
        with make_engine(args.db).begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    if args.json:
        from bench.results import write

        write(args.json, "ingest_speed", {"database": database}, {"passes": passes})


if __name__ == "__main__":
    main()
