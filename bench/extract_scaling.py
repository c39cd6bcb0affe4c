"""Extraction time at n and 4n on the shapes that were once quadratic (issue 14 item 3):
many numbers on joined lines, thousands of clauses in one sentence, a heading per line.

usage: python -m bench.extract_scaling [--n N] [--runs R] [--json docs/results/extract_scaling.json]
Prints the median seconds of R runs at n and 4n and their ratio (linear ≈ 4, quadratic ≈ 16).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from plancockpit.pipeline import analyse
from plancockpit.read.source import SourceDocument

SHAPES: dict[str, Callable[[int], str]] = {
    "增长1%\\n × n": lambda n: "增长1%\n" * n,
    "达到12.5亿元， × n": lambda n: "达到12.5亿元，" * n,
    "（i）目标 + a sentence × n": lambda n: "".join(
        f"（{i}）目标\n到2025年产值达到{i}亿元。\n" for i in range(n)
    ),
}


def _median_seconds(text: str, runs: int) -> float:
    source = SourceDocument(name="shape.txt", text="一、目标\n" + text, format="txt")
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        analyse(source, time_limit=None)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--json", type=Path, help="also write the results here (docs/results/extract_scaling.json)"
    )
    args = ap.parse_args()
    rows = []
    for name, make in SHAPES.items():
        small = _median_seconds(make(args.n), args.runs)
        large = _median_seconds(make(4 * args.n), args.runs)
        print(f"{name:28} n={args.n}: {small:.2f} s  4n: {large:.2f} s  ratio {large / small:.1f}")
        rows.append(
            {
                "shape": name,
                "n_s": round(small, 3),
                "4n_s": round(large, 3),
                "ratio": round(large / small, 2),
            }
        )
    if args.json:
        from bench.results import write

        write(args.json, "extract_scaling", {"n": args.n, "runs": args.runs}, rows)


if __name__ == "__main__":
    main()
