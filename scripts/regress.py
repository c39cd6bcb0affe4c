#!/usr/bin/env python3
"""Score the extractor on the shared gold set (overall and per document) or on the held-out
development set, and list the records added, removed or changed since the last snapshot.

usage: python scripts/regress.py [--heldout | --heldout2 | --heldout3 | --heldout4] [--no-save] [--errors N]

The corpus is /work/shared/corpus/xiaoshan with gold in /work/shared/gold; the held-out sets are
tests/extract/heldout{,2,3,4}/{docs,gold} (fictional documents of other places, years, genres
and layouts, annotated by hand from the spec).
Each document is extracted with `extract_file`; its reader text is written beside the
predictions as `<stem>.txt`, so `score.py` can place gold quotes in .html/.docx/.pdf too.
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
SCORER = SHARED / "eval/score.py"
SETS = {
    "corpus": (SHARED / "corpus/xiaoshan", SHARED / "gold", ROOT / "bench/results/last_records.jsonl"),
    "heldout": (ROOT / "tests/extract/heldout/docs", ROOT / "tests/extract/heldout/gold",
                ROOT / "bench/results/last_heldout_records.jsonl"),
    "heldout2": (ROOT / "tests/extract/heldout2/docs", ROOT / "tests/extract/heldout2/gold",
                 ROOT / "bench/results/last_heldout2_records.jsonl"),
    "heldout3": (ROOT / "tests/extract/heldout3/docs", ROOT / "tests/extract/heldout3/gold",
                 ROOT / "bench/results/last_heldout3_records.jsonl"),
    "heldout4": (ROOT / "tests/extract/heldout4/docs", ROOT / "tests/extract/heldout4/gold",
                 ROOT / "bench/results/last_heldout4_records.jsonl"),
}
HELP = {
    "heldout": "the first held-out set",
    "heldout2": "the second held-out set",
    "heldout3": "the third (layout) held-out set",
    "heldout4": "the fourth (genres side by side) held-out set",
}
SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}
KEY_FIELDS = ("metric", "kind", "value", "value_max", "unit", "comparator", "basis", "year", "lead_units")


def extract_folder(docs: Path, texts_out: Path) -> list[dict]:
    """Records of every document in `docs`; reader texts are written to `texts_out/<stem>.txt`."""
    sys.path.insert(0, str(ROOT))
    from plancockpit.extract import extract, prepare

    rows = []
    for path in sorted(p for p in docs.iterdir() if p.suffix.lower() in SUFFIXES):
        source, layout, outline, meta = prepare(path)
        name = path.stem + ".txt"
        (texts_out / name).write_text(source.text, "utf-8", newline="")
        for rec in extract(source, layout, outline, meta):
            row = rec.to_json()
            row["doc"] = name
            rows.append(row)
    return rows


def score(pred: Path, gold: Path, docs: Path, errors: int = 0, as_json: bool = False) -> str:
    """The scorer's report (or its JSON summary) for `pred` against `gold`."""
    cmd = [sys.executable, str(SCORER), "--gold", str(gold), "--docs", str(docs), "--pred", str(pred)]
    if errors:
        cmd += ["--errors", str(errors)]
    if as_json:
        cmd.append("--json")
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
    which = ap.add_mutually_exclusive_group()
    for set_name, what in HELP.items():
        which.add_argument(f"--{set_name}", action="store_true", help=f"score {what} instead of the corpus")
    ap.add_argument("--no-save", action="store_true", help="do not replace the snapshot")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    name = next((n for n in HELP if getattr(args, n)), "corpus")
    docs, gold, snapshot = SETS[name]
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts"
        texts.mkdir()
        rows = extract_folder(docs, texts)
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        print("== all documents")
        print(score(pred, gold, texts, args.errors))
        for stem in sorted({g.name.split(".")[0] for g in gold.glob("*.jsonl")}):
            one = Path(tmp) / stem
            one.mkdir()
            for g in gold.glob(f"{stem}*.jsonl"):
                (one / g.name).write_text(g.read_text("utf-8"), "utf-8")
            print(f"== {stem}")
            print(score(pred, one, texts, args.errors))
    if snapshot.exists():
        print("== changes since the last snapshot")
        old = [json.loads(line) for line in snapshot.read_text("utf-8").splitlines() if line]
        diff(old, rows)
    if not args.no_save:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


if __name__ == "__main__":
    main()
