"""Ingest at scale: N realistic documents made from the real corpus (each with its region
renamed, so every copy is a district of its own) into one fresh database, with one job and with
one per core.

usage: python -m bench.ingest_scale [--docs N] [--db URL] [--jobs J]
Prints chars/s per run, the ratio of the parallel run to one job, and the median seconds per
document over the first and the last 10 % of the run (a cost that grows with the database
shows as a ratio above 1).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REAL = Path(__file__).resolve().parents[1] / "../shared/corpus/real"
DIGITS = "零一二三四五六七八九"


def make_documents(folder: Path, count: int) -> int:
    """Write `count` documents into `folder`; returns their total characters."""
    from plancockpit.pipeline import prepare

    sources = []
    for path in sorted(REAL.glob("*.txt")):
        source, _, _, meta = prepare(path)
        sources.append((path.name, source.text, meta.region))
    chars = 0
    for k in range(count):
        name, text, region = sources[k % len(sources)]
        new = "青" + "".join(DIGITS[int(c)] for c in str(k)) + "区"
        text = text.replace(region, new) if region else new + "\n" + text
        (folder / f"{k:05d}_{name}").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def run(url: str, folder: Path, jobs: int) -> tuple[float, list[float]]:
    from plancockpit.db.migrate import open_database
    from plancockpit.services.ingest.run import ingest_paths

    engine = open_database(url)
    stamps: list[float] = []
    start = time.perf_counter()
    outcomes = ingest_paths(
        engine, [folder], jobs=jobs, on_done=lambda _o: stamps.append(time.perf_counter())
    )
    total = time.perf_counter() - start
    engine.dispose()
    failed = [o for o in outcomes if o.status != "ingested"]
    if failed:
        sys.exit(
            f"{len(failed)} documents not ingested, e.g. {failed[0].path}: {failed[0].message}"
        )
    gaps = [b - a for a, b in zip([start, *stamps], stamps, strict=False)]
    return total, gaps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=320)
    ap.add_argument(
        "--db", default=None, help="a database URL template with {jobs} (default: SQLite files)"
    )
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument(
        "--json", type=Path, help="also write the results here (docs/results/ingest_scale.json)"
    )
    args = ap.parse_args()
    if not REAL.is_dir():
        sys.exit(f"corpus not found: {REAL}")
    tmp = Path(tempfile.mkdtemp())
    folder = tmp / "docs"
    folder.mkdir()
    chars = make_documents(folder, args.docs)
    print(f"{args.docs} documents, {chars:,} chars")
    from plancockpit import collector

    collector.pace()  # as `plancockpit ingest` does
    first = None
    rows: list[dict[str, float]] = []
    for jobs in dict.fromkeys([1, args.jobs]):
        url = (args.db or f"sqlite:///{tmp}/jobs{{jobs}}.sqlite").format(jobs=jobs)
        total, gaps = run(url, folder, jobs)
        tenth = max(1, len(gaps) // 10)
        early, late = statistics.median(gaps[:tenth]), statistics.median(gaps[-tenth:])
        first = first or total
        print(
            f"jobs {jobs}: {total:.1f} s, {chars / total:,.0f} chars/s, ×{first / total:.2f} of one job; "
            f"per document {early:.3f} s first 10 %, {late:.3f} s last 10 % (×{late / early:.2f})"
        )
        rows.append(
            {"jobs": jobs, "seconds": round(total, 1), "chars_per_s": round(chars / total)}
            | {"first_tenth_s": round(early, 3), "last_tenth_s": round(late, 3)}
        )
    if args.json:
        from bench.results import write

        settings = {
            "docs": args.docs,
            "jobs": args.jobs,
            "database": (args.db or "sqlite").split(":")[0].split("+")[0],
        }
        write(
            args.json,
            "ingest_scale",
            settings,
            {"documents": args.docs, "chars": chars, "runs": rows},
        )


if __name__ == "__main__":
    main()
