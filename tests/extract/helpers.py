"""Build the stage inputs for a short text without files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from plancockpit.extract import extract
from plancockpit.extract.record import QuantityRecord
from plancockpit.layout import clean
from plancockpit.meta.fields import DocumentMeta
from plancockpit.outline import build_outline
from plancockpit.pipeline import analyse_file, prepare
from plancockpit.read.source import SourceDocument

SCORER = Path(__file__).resolve().parents[2] / "../shared/eval/score.py"


def run(
    text: str, kind: str = "annual_report", year: int = 2026, one_year: bool = False
) -> list[QuantityRecord]:
    """Records of `text` read as a document of `kind` for `year` (a plan ends in `year`; a
    `one_year` plan, such as a year's 民生实事 list, has no first year)."""
    source = SourceDocument(name="t.txt", text=text, format="txt")
    layout = clean(text)
    start = None if one_year else year - 4 if kind == "plan" else year
    meta = DocumentMeta(kind=kind, period_start=start, period_end=year)  # type: ignore[arg-type]
    return extract(source, layout, build_outline(source, layout), meta)


def assert_variant_matches(
    path: Path, txt: Path, numbers: Callable[[list[QuantityRecord]], object]
) -> None:
    """`path` (the .txt `txt` rebuilt as a .docx or .pdf) gives records whose offsets point at their
    numbers in its own text, and the same numbers as `txt` (`numbers` says what counts as same)."""
    records = analyse_file(path).records
    text = prepare(path)[0].text
    for r in records:
        assert text[r.start : r.end] == r.number, r
    assert numbers(records) == numbers(analyse_file(txt).records)
