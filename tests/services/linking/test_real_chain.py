"""Real documents linked end to end: a district's consecutive work reports scored against the
shared link gold, and every real report ingested with the Xiaoshan corpus (nothing links across
regions; the Xiaoshan statuses stay as they are alone)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.progress.status import TargetStatus, target_statuses
from tests.repo_scripts import load

SHARED = (Path(__file__).resolve().parents[3] / "../shared").resolve()
REAL = SHARED / "corpus/real"
SCORER = SHARED / "eval/score_links.py"
GOLD_EVAL = load("gold_eval")
FIGURES = load("docs_figures")
pytestmark = pytest.mark.slow


def _need_shared() -> None:
    if not REAL.is_dir() or not SCORER.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{REAL} or {SCORER} is missing (CI needs ../shared)")
        pytest.skip("../shared not found")


def _statuses(tmp_path: Path, name: str, paths: list[Path]) -> list[TargetStatus]:
    engine = open_database(f"sqlite:///{tmp_path / name}")
    try:
        outcomes = ingest_paths(engine, paths)
        assert all(o.status == "ingested" for o in outcomes), [o.message for o in outcomes]
        with transaction(engine) as s:
            return target_statuses(s, date.today())
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The district's 2017→2018→2019 reports ingested and scored (`scripts/gold_eval.py`)."""
    _need_shared()
    return GOLD_EVAL.measure_chain(tmp_path_factory.mktemp("chain"))  # type: ignore[no-any-return]


def test_a_districts_reports_link_targets_to_next_years_results(chain: dict[str, Any]) -> None:
    # reached 0.833 / 0.952 / 0.831 (58 of 65 targets found); one point under each
    assert chain["reports"] == 3
    assert chain["link_recall"] >= 0.823, chain
    assert chain["link_precision"] >= 0.942, chain
    assert chain["status_accuracy"] >= 0.821, chain


def test_the_docs_show_the_chains_figures(chain: dict[str, Any]) -> None:
    stale = FIGURES.differences(FIGURES.render({"chain": chain}))
    assert stale == [], "run scripts/docs_figures.py --only links-chain"


def test_real_reports_beside_the_reference_corpus_link_nothing_across_regions(
    tmp_path: Path, corpus_dir: Path
) -> None:
    _need_shared()
    alone = {
        (
            t.source.doc if t.source else None,
            t.source.start if t.source else t.target_id,
            t.indicator,
        ): t.assessment.status
        for t in _statuses(tmp_path, "alone.sqlite", [corpus_dir])
    }
    together = _statuses(tmp_path, "all.sqlite", [corpus_dir, REAL])

    def place(doc: str) -> str:  # real reports are named <place>_<year>_…
        return "xiaoshan" if (corpus_dir / doc).exists() else doc.split("_")[0]

    linked = [t for t in together if t.source and t.latest_source]
    assert (
        sum(t.latest_source.doc != t.source.doc for t in linked if t.latest_source and t.source)
        > 20
    )
    for t in linked:
        assert t.source and t.latest_source
        assert place(t.latest_source.doc) == place(t.source.doc), (
            t.indicator,
            t.source,
            t.latest_source,
        )
    xiaoshan = {
        (
            t.source.doc if t.source else None,
            t.source.start if t.source else t.target_id,
            t.indicator,
        ): t.assessment.status
        for t in together
        if not t.source or (corpus_dir / t.source.doc).exists()
    }
    assert xiaoshan == alone
