"""Speed of the first stages after reading (layout + outline + metadata) over the corpus.

usage: python -m bench.outline_speed [--runs N] [--json docs/results/outline_speed.json]
Files are read once; each pass cleans, outlines and describes every corpus file. Prints the
median pass time and characters per second, and the slowest file's share.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/xiaoshan"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument(
        "--json", type=Path, help="also write the results here (docs/results/outline_speed.json)"
    )
    args = ap.parse_args()
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"corpus not found: {CORPUS}")
    from plancockpit.layout import clean_source
    from plancockpit.meta import infer_metadata
    from plancockpit.outline import build_outline
    from plancockpit.read import SourceDocument, read_file

    sources = [read_file(f) for f in files]
    chars = sum(len(s.text) for s in sources)

    def one(source: SourceDocument) -> int:
        layout = clean_source(source)
        outline = build_outline(source, layout)
        infer_metadata(source, layout, outline)
        return sum(1 for _ in outline.walk())

    one(sources[0])  # warm the rule caches
    times: list[float] = []
    per_file: dict[str, list[float]] = {s.name: [] for s in sources}
    nodes = 0
    for _ in range(args.runs):
        t = time.perf_counter()
        nodes = 0
        for s in sources:
            f0 = time.perf_counter()
            nodes += one(s)
            per_file[s.name].append(time.perf_counter() - f0)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    slow = max(per_file, key=lambda n: statistics.median(per_file[n]))
    slow_t = statistics.median(per_file[slow])
    size = len(next(s.text for s in sources if s.name == slow))
    print(f"corpus   {len(files)} files, {chars:,} chars, {nodes:,} outline nodes")
    print(
        f"pass     median {med * 1000:.1f} ms of {args.runs} runs (min {min(times) * 1000:.1f} ms)"
    )
    print(f"speed    {chars / med:,.0f} chars/s (layout + outline + meta)")
    print(f"slowest  {slow}: {slow_t * 1000:.1f} ms for {size:,} chars")
    if args.json:
        from bench.results import write

        write(
            args.json,
            "outline_speed",
            {"runs": args.runs},
            {
                "files": len(files),
                "chars": chars,
                "nodes": nodes,
                "pass_ms": round(med * 1000, 1),
                "chars_per_s": round(chars / med),
                "slowest": slow,
                "slowest_ms": round(slow_t * 1000, 1),
                "slowest_chars": size,
            },
        )


if __name__ == "__main__":
    main()
