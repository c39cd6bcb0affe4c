#!/usr/bin/env python3
"""Extract the Xiaoshan corpus, print the gold scores (overall and per document), and list the
records added, removed or changed since the last snapshot (bench/results/last_records.jsonl).

usage: python scripts/regress.py [--no-save] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / "../shared"
CORPUS = SHARED / "corpus/xiaoshan"
GOLD = SHARED / "gold"
SCORER = SHARED / "eval/score.py"
SNAPSHOT = ROOT / "bench/results/last_records.jsonl"
KEY_FIELDS = ("metric", "kind", "value", "value_max", "unit", "comparator", "basis", "year", "lead_units")


def extract_corpus() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from plancockpit.extract import extract_file

    rows = []
    for path in sorted(CORPUS.glob("*.txt")):
        rows.extend(r.to_json() for r in extract_file(path))
    return rows


def score(pred: Path, gold: Path, errors: int = 0) -> str:
    cmd = [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred)]
    if errors:
        cmd += ["--errors", str(errors)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def diff(old: list[dict], new: list[dict]) -> None:
    key = lambda r: (r["doc"], r["start"], r["end"])  # noqa: E731
    before = {key(r): r for r in old}
    after = {key(r): r for r in new}
    for k in sorted(set(before) | set(after)):
        a, b = before.get(k), after.get(k)
        if a is None and b is not None:
            print("+", json.dumps({f: b[f] for f in ("doc", "number", *KEY_FIELDS)}, ensure_ascii=False))
        elif b is None and a is not None:
            print("-", json.dumps({f: a[f] for f in ("doc", "number", *KEY_FIELDS)}, ensure_ascii=False))
        elif a is not None and b is not None:
            changed = {f: [a.get(f), b.get(f)] for f in KEY_FIELDS if a.get(f) != b.get(f)}
            if changed:
                print("~", b["doc"], b["number"], json.dumps(changed, ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-save", action="store_true", help="do not replace the snapshot")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    rows = extract_corpus()
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        print("== all documents")
        print(score(pred, GOLD, args.errors))
        docs = sorted({g.name.split(".")[0] for g in GOLD.glob("*.jsonl")})
        for doc in docs:
            one = Path(tmp) / doc
            one.mkdir()
            for g in GOLD.glob(f"{doc}*.jsonl"):
                (one / g.name).write_text(g.read_text("utf-8"), "utf-8")
            print(f"== {doc}")
            print(score(pred, one))
    if SNAPSHOT.exists():
        print("== changes since the last snapshot")
        old = [json.loads(line) for line in SNAPSHOT.read_text("utf-8").splitlines() if line]
        diff(old, rows)
    if not args.no_save:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


if __name__ == "__main__":
    main()
