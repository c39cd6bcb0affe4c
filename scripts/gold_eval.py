"""The accuracy figures of the shared gold sets, measured once and shared by the test suite
(tests/extract/test_gold_scores.py, tests/services/linking/test_real_chain.py) and the documentation
(`scripts/docs_figures.py`), so the figures the docs show are the ones the suite asserts.

- records: every document of a folder (the Xiaoshan corpus, the real reports, the held-out sets)
  extracted once (`prepare` + `extract`), scored with
  `../shared/eval/score.py` against a gold set, overall and per gold document;
- metadata: the same pass's inferred metadata, as `plancockpit docs --format json` lists it,
  scored with `../shared/eval/score_meta.py`;
- the links chain: a district's consecutive reports ingested, every target's status as
  `plancockpit status --format json` prints it, scored with `../shared/eval/score_links.py`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / "../shared").resolve()
EVAL = SHARED / "eval"
XIAOSHAN = (SHARED / "corpus/xiaoshan", SHARED / "gold")
REAL = (SHARED / "corpus/real", SHARED / "gold-real/records")
REAL_META = SHARED / "gold-real/metadata.jsonl"
CHAIN_GOLD = SHARED / "gold-real/links_hailar.jsonl"
CHAIN_GLOB = "hailar_201[789]_gov_work_report.txt"
HELDOUT = ROOT / "tests/extract"
HELDOUT_SETS = ("heldout", "heldout2", "heldout3", "heldout4")
SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}


@dataclass
class Extraction:
    """A folder's records (scorer rows) and document listing, its reader texts in `texts`."""

    texts: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)


def available() -> bool:
    """Whether ../shared (corpora, gold and scorers) is beside the repository."""
    return all(p.exists() for p in (XIAOSHAN[0], REAL[0], EVAL / "score.py", CHAIN_GOLD))


def extract_folder(docs: Path, tmp: Path) -> Extraction:
    """Extract every document of `docs` once; reader texts go to `tmp/texts/<stem>.txt`, where the
    scorer finds .html/.docx/.pdf documents by their text."""
    from plancockpit.extract import extract
    from plancockpit.pipeline import prepare
    from plancockpit.services.records.documents import period_label

    out = Extraction(tmp / "texts")
    out.texts.mkdir(parents=True, exist_ok=True)
    for path in sorted(p for p in docs.iterdir() if p.suffix.lower() in SUFFIXES):
        source, layout, outline, meta = prepare(path)
        name = path.stem + ".txt"
        (out.texts / name).write_text(source.text, "utf-8", newline="")
        out.rows.extend(
            {**r.to_json(), "doc": name} for r in extract(source, layout, outline, meta)
        )
        out.documents.append(
            {
                "name": path.name,
                "title": meta.title,
                "kind": meta.kind,
                "region": meta.region,
                "period": period_label(meta.period_start, meta.period_end),
            }
        )
    return out


def _run_scorer(script: str, *args: str | Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(EVAL / script), *map(str, args), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.splitlines()[0])  # type: ignore[no-any-return]


def score_records(ex: Extraction, gold: Path, tmp: Path) -> dict[str, Any]:
    """score.py's summary of `ex`'s records against `gold` (a folder or one file)."""
    pred = tmp / "pred.jsonl"
    if not pred.exists():
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ex.rows), "utf-8")
    return _run_scorer("score.py", "--gold", gold, "--docs", ex.texts, "--pred", pred)


def gold_documents(gold: Path) -> dict[str, list[Path]]:
    """A gold folder's files by document (`DOC.jsonl`, `DOC.partN.jsonl`)."""
    by_doc: dict[str, list[Path]] = {}
    for f in sorted(gold.glob("*.jsonl")):
        by_doc.setdefault(re.sub(r"(\.part\d+)?\.jsonl$", "", f.name), []).append(f)
    return by_doc


def score_per_document(ex: Extraction, gold: Path, tmp: Path) -> dict[str, dict[str, Any]]:
    """score.py's summary for each document of the gold folder alone."""
    scores = {}
    for doc, files in gold_documents(gold).items():
        one = tmp / "gold_by_doc" / doc
        one.mkdir(parents=True, exist_ok=True)
        for f in files:
            (one / f.name).write_text(f.read_text("utf-8"), "utf-8")
        scores[doc] = score_records(ex, one, tmp)
    return scores


def score_metadata(ex: Extraction, gold: Path, tmp: Path) -> dict[str, Any]:
    """score_meta.py's summary of the documents' inferred metadata."""
    pred = tmp / "documents.json"
    pred.write_text(json.dumps(ex.documents, ensure_ascii=False), "utf-8")
    return _run_scorer("score_meta.py", "--gold", gold, "--pred", pred)


def measure_gold(tmp: Path) -> dict[str, Any]:
    """Records and metadata figures of the Xiaoshan gold and the real gold, each folder extracted
    once: {"xiaoshan": summary, "real": summary, "real_docs": {doc: summary}, "metadata": summary}."""
    (tmp / "xiaoshan").mkdir(parents=True, exist_ok=True)
    (tmp / "real").mkdir(parents=True, exist_ok=True)
    xiaoshan = extract_folder(XIAOSHAN[0], tmp / "xiaoshan")
    real = extract_folder(REAL[0], tmp / "real")
    return {
        "xiaoshan": score_records(xiaoshan, XIAOSHAN[1], tmp / "xiaoshan"),
        "real": score_records(real, REAL[1], tmp / "real"),
        "real_docs": score_per_document(real, REAL[1], tmp / "real"),
        "metadata": score_metadata(real, REAL_META, tmp / "real"),
    }


def measure_heldout(tmp: Path) -> dict[str, dict[str, Any]]:
    """Each held-out set (tests/extract/heldout*/{docs,gold}, fictional, written here) scored overall
    and per document: {set: {"all": summary, "docs": {doc: summary}}}."""
    out = {}
    for name in HELDOUT_SETS:
        work = tmp / name
        work.mkdir(parents=True, exist_ok=True)
        ex = extract_folder(HELDOUT / name / "docs", work)
        gold = HELDOUT / name / "gold"
        out[name] = {
            "all": score_records(ex, gold, work),
            "docs": score_per_document(ex, gold, work),
        }
    return out


def measure_chain(tmp: Path, on: date | None = None) -> dict[str, Any]:
    """score_links.py's summary of the district's 2017→2018→2019 reports ingested together and
    their targets' statuses on `on` (today by default)."""
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.services.ingest.run import ingest_paths
    from plancockpit.services.progress.status import target_statuses

    reports = sorted(REAL[0].glob(CHAIN_GLOB))
    engine = open_database(f"sqlite:///{tmp / 'chain.sqlite'}")
    try:
        outcomes = ingest_paths(engine, reports)
        failed = [o.message for o in outcomes if o.status != "ingested"]
        if failed:
            raise RuntimeError(f"chain reports not ingested: {failed}")
        with transaction(engine) as s:
            statuses = [t.to_json() for t in target_statuses(s, on or date.today())]
    finally:
        engine.dispose()
    pred = tmp / "status.json"
    pred.write_text(json.dumps(statuses, ensure_ascii=False, default=str), encoding="utf-8")
    result = _run_scorer("score_links.py", "--gold", CHAIN_GOLD, "--docs", REAL[0], "--pred", pred)
    result["reports"] = len(reports)
    return result
