"""Build the stage inputs for a short text without files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plancockpit.extract import extract
from plancockpit.extract.record import QuantityRecord
from plancockpit.layout import clean
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline import build_outline
from plancockpit.pipeline import analyse_file, prepare
from plancockpit.read.source import SourceDocument

SCORER = Path(__file__).resolve().parents[2] / "../shared/eval/score.py"
SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}


def score_folder(tmp: Path, docs: Path, gold: Path) -> dict[str, Any]:
    """Extract every document of `docs` and score the records against `gold` with the shared
    scorer (its JSON summary); reader texts go to `tmp/texts` as `<stem>.txt` for the scorer."""
    texts = tmp / "texts"
    texts.mkdir(exist_ok=True)
    rows = []
    for path in sorted(p for p in docs.iterdir() if p.suffix.lower() in SUFFIXES):
        source, layout, outline, meta = prepare(path)
        name = path.stem + ".txt"  # the scorer finds documents as .txt; .html is scored on its text
        (texts / name).write_text(source.text, "utf-8", newline="")
        rows.extend({**rec.to_json(), "doc": name} for rec in extract(source, layout, outline, meta))
    pred = tmp / f"pred_{gold.name}.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    cmd = [sys.executable, str(SCORER), "--gold", str(gold), "--docs", str(texts), "--pred",
           str(pred), "--json"]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)  # type: ignore[no-any-return]


def run(text: str, kind: str = "annual_report", year: int = 2026, one_year: bool = False) -> list[QuantityRecord]:
    """Records of `text` read as a document of `kind` for `year` (a plan ends in `year`; a
    `one_year` plan, such as a year's 民生实事 list, has no first year)."""
    source = SourceDocument(name="t.txt", text=text, format="txt")
    layout = clean(text)
    start = None if one_year else year - 4 if kind == "plan" else year
    meta = DocumentMeta(kind=kind, period_start=start, period_end=year)  # type: ignore[arg-type]
    return extract(source, layout, build_outline(source, layout), meta)


def assert_variant_matches(path: Path, txt: Path, numbers: Callable[[list[QuantityRecord]], object]) -> None:
    """`path` (the .txt `txt` rebuilt as a .docx or .pdf) gives records whose offsets point at their
    numbers in its own text, and the same numbers as `txt` (`numbers` says what counts as same)."""
    records = analyse_file(path).records
    text = prepare(path)[0].text
    for r in records:
        assert text[r.start: r.end] == r.number, r
    assert numbers(records) == numbers(analyse_file(txt).records)
