#!/usr/bin/env python3
"""Score the extractor on gold sets (overall and per document) and list the records added,
removed or changed since the last snapshot of the same mode.

usage: python scripts/regress.py [--real | --heldout | --heldout2 | --heldout3 | --heldout4]
                                 [--rules] [--no-save] [--errors N]

Modes: the Xiaoshan corpus (default; ../shared/corpus/xiaoshan, gold in ../shared/gold); `--real`:
every real document of ../shared/corpus/real (gold for some in ../shared/gold-real/records)
together with the Xiaoshan corpus, so a rule's effect is seen on all of them before it lands;
the held-out sets tests/extract/heldout{,2,3,4}/{docs,gold} (fictional documents written here,
kept as regression tests of layouts and traps, not as the measure of generalisation).
`--rules` prints how often each named rule decided a field, per document.
Each document is extracted with `prepare` + `extract`; its reader text is written beside the
predictions as `<stem>.txt`, so `score.py` can place gold quotes in .html/.docx/.pdf too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

Row = dict[str, Any]  # one extracted record, as the CLI prints it

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / "../shared"
SCORER = SHARED / "eval/score.py"
HELDOUT = ROOT / "tests/extract"
# name → (documents, gold)
FOLDERS = {
    "corpus": (SHARED / "corpus/xiaoshan", SHARED / "gold"),
    "real": (SHARED / "corpus/real", SHARED / "gold-real/records"),
    **{
        h: (HELDOUT / h / "docs", HELDOUT / h / "gold")
        for h in ("heldout", "heldout2", "heldout3", "heldout4")
    },
}
# mode → the folders it runs (one snapshot over all their documents)
MODES = {"corpus": ("corpus",), "real": ("real", "corpus")}
HELP = {
    "real": "every real document and the corpus",
    "heldout": "the first held-out set",
    "heldout2": "the second held-out set",
    "heldout3": "the third (layout) held-out set",
    "heldout4": "the fourth (genres side by side) held-out set",
}


def snapshot_of(mode: str) -> Path:
    name = "last_records" if mode == "corpus" else f"last_{mode}_records"
    return ROOT / "bench/results" / f"{name}.jsonl"


SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}
KEY_FIELDS = (
    "metric",
    "kind",
    "value",
    "value_max",
    "unit",
    "comparator",
    "basis",
    "year",
    "lead_units",
)


def extract_folder(docs: Path, texts_out: Path) -> list[Row]:
    """Records of every document in `docs`; reader texts are written to `texts_out/<stem>.txt`."""
    sys.path.insert(0, str(ROOT))
    from plancockpit.extract import extract
    from plancockpit.pipeline import prepare

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
    cmd = [
        sys.executable,
        str(SCORER),
        "--gold",
        str(gold),
        "--docs",
        str(docs),
        "--pred",
        str(pred),
    ]
    if errors:
        cmd += ["--errors", str(errors)]
    if as_json:
        cmd.append("--json")
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def diff(old: list[Row], new: list[Row]) -> None:

    def key(r: Row) -> tuple[str, int, int]:
        return (r["doc"], r["start"], r["end"])

    before = {key(r): r for r in old}
    after = {key(r): r for r in new}
    for k in sorted(set(before) | set(after)):
        a, b = before.get(k), after.get(k)
        if a is None and b is not None:
            print(
                "+",
                json.dumps({f: b[f] for f in ("doc", "number", *KEY_FIELDS)}, ensure_ascii=False),
            )
        elif b is None and a is not None:
            print(
                "-",
                json.dumps({f: a[f] for f in ("doc", "number", *KEY_FIELDS)}, ensure_ascii=False),
            )
        elif a is not None and b is not None:
            changed = {f: [a.get(f), b.get(f)] for f in KEY_FIELDS if a.get(f) != b.get(f)}
            if changed:
                print("~", b["doc"], b["number"], json.dumps(changed, ensure_ascii=False))


def score_sets(
    sets: list[tuple[Path, Path]], rows: list[Row], texts: Path, tmp: Path, errors: int
) -> None:
    """Print the score of every gold set, over all its documents and per document."""
    for n, (_, gold) in enumerate(sets):
        print(f"== all documents of {gold}")
        print(score_rows(rows, gold, texts, tmp / f"pred{n}.jsonl", errors))
        for stem in sorted({g.name.split(".")[0] for g in gold.glob("*.jsonl")}):
            one = tmp / f"gold{n}_{stem}"
            one.mkdir()
            for g in gold.glob(f"{stem}*.jsonl"):
                (one / g.name).write_text(g.read_text("utf-8"), "utf-8")
            print(f"== {stem}")
            print(score_rows(rows, one, texts, tmp / f"pred{n}.jsonl", errors))


def score_rows(rows: list[Row], gold: Path, texts: Path, pred: Path, errors: int) -> str:
    if not pred.exists():
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return score(pred, gold, texts, errors)


def rule_counts(rows: list[Row]) -> None:
    """How often each named rule decided a field, per document: a rule that fires on one document
    only is a rule written for that document."""
    per_rule: dict[str, Counter[str]] = {}
    for r in rows:
        for name in filter(None, r.get("rule", "").split(";")):
            per_rule.setdefault(name, Counter())[r["doc"]] += 1
    print("== rules: records decided, documents (a rule seen in one document only is marked !)")
    for name, docs in sorted(per_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        mark = " !" if len(docs) == 1 else ""
        print(f"{sum(docs.values()):6d} {len(docs):4d}  {name}{mark}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    which = ap.add_mutually_exclusive_group()
    for set_name, what in HELP.items():
        which.add_argument(
            f"--{set_name}", action="store_true", help=f"score {what} instead of the corpus"
        )
    ap.add_argument("--no-save", action="store_true", help="do not replace the snapshot")
    ap.add_argument(
        "--rules", action="store_true", help="print how often each rule fires per document"
    )
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    name = next((n for n in HELP if getattr(args, n)), "corpus")
    sets = [FOLDERS[f] for f in MODES.get(name, (name,))]
    snapshot = snapshot_of(name)
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts"
        texts.mkdir()
        rows = [r for docs, _ in sets for r in extract_folder(docs, texts)]
        score_sets(sets, rows, texts, Path(tmp), args.errors)
    if args.rules:
        rule_counts(rows)
    if snapshot.exists():
        print("== changes since the last snapshot")
        old = [json.loads(line) for line in snapshot.read_text("utf-8").splitlines() if line]
        diff(old, rows)
    if not args.no_save:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8"
        )


if __name__ == "__main__":
    main()
