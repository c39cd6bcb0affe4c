"""Score `plancockpit ask` on its question set (tests/ask/questions.yaml, docs/ask.md).

Each corpus of the set is ingested into its own temporary SQLite database (the Xiaoshan corpus,
and the real reports the questions need), every question is asked as of a fixed date, and the
answer is compared with the expected one written from the documents:

- a question the data cannot answer (`found: false`) must say "not found" and give no figure;
- otherwise the answer must be found, give every expected figure (each among its figures), cite at
  least one of the expected files, and name every expected item;
- the intent read is reported too (parse accuracy), but does not decide correctness.

    .venv/bin/python scripts/ask_eval.py [--on 2026-12-01] [--corpus xiaoshan|real] [--json]

prints the accuracy per intent, per corpus and overall, and the failures with their reasons.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO / "tests" / "ask" / "questions.yaml"
SHARED = (REPO / "../shared/corpus").resolve()
ON = date(2026, 12, 1)  # the date the set is scored on (statuses depend on it; figures do not)


@dataclass(frozen=True)
class Result:
    id: str
    corpus: str
    intent: str
    ok: bool
    intent_ok: bool
    why: str
    answer: dict[str, Any]


def load_set(path: Path = QUESTIONS) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("questions"), f"{path}: no questions"
    return data


def corpus_files(spec: dict[str, Any], root: Path = SHARED) -> list[Path]:
    folder = root / spec["dir"]
    names = spec.get("files")
    if names:
        return [folder / n for n in names]
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".docx", ".pdf", ".html"))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def judge(expected: dict[str, Any], got: dict[str, Any]) -> tuple[bool, str]:
    """Whether the answer `got` (Answer.to_json) is the expected one, and why not."""
    figures = [f["value"] for f in got["figures"]] + [
        f["value_max"] for f in got["figures"] if f.get("value_max") is not None
    ]
    if not expected.get("found", True):
        if got["found"] or figures:
            return False, f"should be not found, gave {figures[:5]}"
        return True, ""
    if not got["found"]:
        return False, "not found: " + got["answer_zh"][:80]
    missing = [x for x in expected.get("figures", []) if not any(_same(v, x) for v in figures)]
    if missing:
        return False, f"figures {missing} missing (gave {figures[:8]})"
    docs = {c.get("doc") for c in got["citations"]}
    if expected.get("cite") and not docs & set(expected["cite"]):
        return False, f"cites {sorted(d for d in docs if d)[:3]}, not {expected['cite'][:2]}"
    names = [i["name"] for i in got["items"]]
    absent = [w for w in expected.get("items", []) if not any(w in n for n in names)]
    if absent:
        return False, f"items {absent} missing"
    return True, ""


def build(corpus: str, spec: dict[str, Any], folder: Path, root: Path = SHARED) -> str:
    """Ingest the corpus into a SQLite file in `folder`; returns its URL."""
    from plancockpit.db.migrate import open_database
    from plancockpit.services.ingest.run import ingest_paths

    url = f"sqlite:///{folder / (corpus + '.sqlite')}"
    engine = open_database(url)
    try:
        ingest_paths(engine, corpus_files(spec, root))
    finally:
        engine.dispose()
    return url


def ask_all(questions: list[dict[str, Any]], urls: dict[str, str], on: date = ON) -> list[Result]:
    from plancockpit.ask.answer import ask
    from plancockpit.ask.vocabulary import vocabulary
    from plancockpit.db.migrate import open_database

    results = []
    for corpus, url in urls.items():
        engine = open_database(url)
        try:
            with Session(engine) as session:
                vocab = vocabulary(session)
                for q in (q for q in questions if q["corpus"] == corpus):
                    got = ask(session, q["q"], on=on, vocab=vocab).to_json()
                    ok, why = judge(q, got)
                    results.append(
                        Result(
                            q["id"],
                            corpus,
                            q["intent"],
                            ok,
                            got["intent"]["kind"] == q["intent"],
                            why,
                            got,
                        )
                    )
        finally:
            engine.dispose()
    return results


def run(corpora: list[str] | None = None, on: date = ON, path: Path = QUESTIONS) -> list[Result]:
    data = load_set(path)
    wanted = corpora or list(data["corpora"])
    questions = [q for q in data["questions"] if q["corpus"] in wanted]
    with tempfile.TemporaryDirectory() as tmp:
        urls = {c: build(c, data["corpora"][c], Path(tmp)) for c in wanted}
        return ask_all(questions, urls, on)


def report(results: list[Result]) -> str:
    def share(rows: list[Result]) -> str:
        good = sum(r.ok for r in rows)
        return f"{good}/{len(rows)} = {good / len(rows):.1%}" if rows else "-"

    lines = ["accuracy by intent:"]
    for intent in dict.fromkeys(r.intent for r in results):
        lines.append(f"  {intent:22} {share([r for r in results if r.intent == intent])}")
    lines.append("by corpus:")
    for corpus in dict.fromkeys(r.corpus for r in results):
        lines.append(f"  {corpus:22} {share([r for r in results if r.corpus == corpus])}")
    not_found = [r for r in results if not r.answer["found"]]
    lines.append(f"not found given: {len(not_found)}")
    lines.append(f"intent read right: {sum(r.intent_ok for r in results)}/{len(results)}")
    lines.append(f"overall: {share(results)}")
    failures = [r for r in results if not r.ok]
    if failures:
        lines.append("failures:")
        lines += [
            f"  {r.id} ({r.intent}, read as {r.answer['intent']['kind']}): {r.why}"
            for r in failures
        ]
    return "\n".join(lines)


def summary(results: list[Result], questions: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of right answers, [right, asked], overall, per corpus and per intent; unanswerable
    questions answered "not found" without a figure; intents read right (docs/ask.md shows these)."""

    def count(rows: list[Result]) -> list[int]:
        return [sum(r.ok for r in rows), len(rows)]

    cannot = {q["id"] for q in questions if not q.get("found", True)}
    unanswerable = [r for r in results if r.id in cannot]
    return {
        "overall": count(results),
        "corpus": {
            c: count([r for r in results if r.corpus == c])
            for c in dict.fromkeys(r.corpus for r in results)
        },
        "intent": {
            i: count([r for r in results if r.intent == i])
            for i in dict.fromkeys(r.intent for r in results)
        },
        "intent_read": [sum(r.intent_ok for r in results), len(results)],
        "unanswerable": count(unanswerable),
    }


def accuracy(results: list[Result]) -> float:
    return sum(r.ok for r in results) / len(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--on", type=date.fromisoformat, default=ON, help="the date asked on")
    parser.add_argument("--corpus", action="append", help="only this corpus (repeatable)")
    parser.add_argument("--json", action="store_true", help="print every answer as JSON")
    args = parser.parse_args(argv)
    results = run(args.corpus, args.on)
    if args.json:
        print(json.dumps([r.__dict__ for r in results], ensure_ascii=False, indent=1, default=str))
    print(report(results))
    print(Counter(r.ok for r in results), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
