"""Extraction speed on the Xiaoshan corpus: chars/s (median of runs), start-up time, peak memory.

usage: python -m bench.extract_speed [--runs N] [--profile] [--json docs/results/extract_speed.json]
The full pipeline (read → clean → outline → meta → extract) runs on every pass after start-up.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/xiaoshan"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--profile", action="store_true", help="print the top functions by time")
    ap.add_argument(
        "--json", type=Path, help="also write the results here (docs/results/extract_speed.json)"
    )
    args = ap.parse_args()
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"corpus not found: {CORPUS}")
    t0 = time.perf_counter()
    from plancockpit.extract.rules import load_rules
    from plancockpit.extract.scan import _unit_regex
    from plancockpit.pipeline import analyse_file

    load_rules()
    _unit_regex()
    startup = time.perf_counter() - t0
    chars = sum(len(f.read_text("utf-8")) for f in files)
    analyse_file(files[0])  # warm caches of the other stages
    times = []
    n = 0
    for _ in range(args.runs):
        t = time.perf_counter()
        n = sum(len(analyse_file(f).records) for f in files)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    tracemalloc.start()
    for f in files:
        analyse_file(f)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"corpus      {len(files)} files, {chars} chars, {n} records")
    print(f"start-up    {startup * 1000:.0f} ms (import + rule loading)")
    print(
        f"pass        median {med * 1000:.1f} ms of {args.runs} runs (min {min(times) * 1000:.1f} ms)"
    )
    print(f"speed       {chars / med:,.0f} chars/s")
    print(f"peak memory {peak / 1e6:.1f} MB (tracemalloc, one pass)")
    cn2an_seconds = _versus_cn2an(files, med, chars)
    if args.json:
        from bench.results import write

        write(
            args.json,
            "extract_speed",
            {"runs": args.runs},
            {
                "files": len(files),
                "chars": chars,
                "records": n,
                "startup_ms": round(startup * 1000),
                "pass_ms": round(med * 1000, 1),
                "chars_per_s": round(chars / med),
                "peak_mb": round(peak / 1e6, 1),
                "cn2an_chars_per_s": round(chars / cn2an_seconds) if cn2an_seconds else None,
                "ratio_to_cn2an": round(cn2an_seconds / med, 2) if cn2an_seconds else None,
            },
        )
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for f in files:
            analyse_file(f)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(12)


def _versus_cn2an(files: list[Path], pipeline_seconds: float, chars: int) -> float | None:
    """cn2an's numeral transform (Chinese numerals → digits, no units, no structure) on the same
    texts in the same run: the reference the full pipeline is measured against (issue 14)."""
    try:
        import warnings

        import cn2an
    except ImportError:
        print("cn2an       not installed (pip install -e '.[bench]'): no reference")
        return None
    texts = [f.read_text("utf-8") for f in files]
    times = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns on every numeral it cannot read
        for _ in range(3):
            t = time.perf_counter()
            for text in texts:
                cn2an.transform(text, "cn2an")
            times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(
        f"cn2an       transform {chars / med:,.0f} chars/s (median of 3); "
        f"pipeline ÷ cn2an speed = {med / pipeline_seconds:.2f}"
    )
    return med


if __name__ == "__main__":
    main()
