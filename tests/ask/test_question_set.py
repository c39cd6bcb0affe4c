"""The question set (tests/ask/questions.yaml: 91 questions over the Xiaoshan corpus and nine real
reports, expected answers written from the documents) scored by scripts/ask_eval.py.

Measured: 87/91 = 95.6% correct (docs/ask.md lists the four misses); the test holds the line at
90% — a change that loses more than five questions fails it. A question the data cannot answer
must never get a figure: those are all required."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.repo_scripts import load

FLOOR = 0.90


EVAL = load("ask_eval")
FIGURES = load("docs_figures")


@pytest.fixture(scope="module")
def results(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """Each corpus ingested once (only the real reports the questions need), every question asked."""
    data = EVAL.load_set()
    root = corpus_dir.parent
    folder = tmp_path_factory.mktemp("ask")
    urls = {c: EVAL.build(c, spec, folder, root) for c, spec in data["corpora"].items()}
    return list(EVAL.ask_all(data["questions"], urls))


def test_the_set_is_as_documented() -> None:
    data = EVAL.load_set()
    qs = data["questions"]
    assert len(qs) >= 60 and len({q["id"] for q in qs}) == len(qs)
    assert (
        sum(q["corpus"] == "xiaoshan" for q in qs) >= 40
        and sum(q["corpus"] == "real" for q in qs) >= 20
    )
    assert sum(not q.get("found", True) for q in qs) >= 10
    kinds = {q["intent"] for q in qs}
    assert kinds == {
        "target_value",
        "latest_status",
        "lagging_list",
        "history",
        "document_commitments",
        "revisions",
        "projects",
    }
    for q in qs:
        assert q.get("found", True) is False or q.get("figures"), q["id"]


def test_accuracy_holds(results: list[Any]) -> None:
    assert EVAL.accuracy(results) >= FLOOR, EVAL.report(results)


def test_never_an_invented_figure(results: list[Any]) -> None:
    data = {q["id"]: q for q in EVAL.load_set()["questions"]}
    bad = [r.id for r in results if not data[r.id].get("found", True) and not r.ok]
    assert bad == []


def test_the_docs_show_these_figures(results: list[Any]) -> None:
    summary = EVAL.summary(results, EVAL.load_set()["questions"])
    stale = FIGURES.differences(FIGURES.render({"ask": summary}))
    assert stale == [], "run scripts/docs_figures.py --only ask ask-overall"


def test_questions_are_read_as_their_intent(results: list[Any]) -> None:
    assert sum(r.intent_ok for r in results) / len(results) >= 0.95, EVAL.report(results)


def test_the_scorer_judges() -> None:
    got = {
        "found": True,
        "figures": [{"value": 2600.0, "value_max": None}],
        "answer_zh": "",
        "citations": [{"doc": "a.txt"}],
        "items": [{"name": "地区生产总值"}],
    }
    assert EVAL.judge({"figures": [2600], "cite": ["a.txt"], "items": ["生产总值"]}, got) == (
        True,
        "",
    )
    assert not EVAL.judge({"figures": [2500]}, got)[0]
    assert not EVAL.judge({"figures": [2600], "cite": ["b.txt"]}, got)[0]
    assert not EVAL.judge({"found": False}, got)[0]
    assert EVAL.judge({"found": False}, {**got, "found": False, "figures": []}) == (True, "")
