"""The documentation's figure blocks (scripts/docs_figures.py): every block is known and placed,
the benchmark blocks show what the committed results in docs/results say (the accuracy blocks
are checked where the suite measures them: tests/extract/test_gold_scores.py,
tests/services/linking/test_real_chain.py, tests/ask/test_question_set.py), and the check notices a
figure edited by hand."""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

from tests.repo_scripts import load

FIGURES = load("docs_figures")
RENDER = load("figures_render")
REPO = Path(__file__).resolve().parents[1]
BENCH_BLOCKS = sorted(n for n, (source, _) in RENDER.BLOCKS.items() if source.startswith("bench:"))


def _placed() -> list[str]:
    return [n for p in FIGURES.documents() for n in FIGURES.block_names(p.read_text("utf-8"))]


def test_every_block_is_known_and_placed_once() -> None:
    placed = _placed()
    assert sorted(placed) == sorted(set(placed)), "a block appears twice"
    assert sorted(placed) == sorted(RENDER.BLOCKS)


def test_every_benchmark_block_has_a_committed_result() -> None:
    results = FIGURES.bench_results()
    assert sorted(RENDER.BLOCKS[n][0] for n in BENCH_BLOCKS) == sorted(results)
    for result in results.values():
        assert {"date", "commit", "machine", "load", "settings", "results"} <= set(result)


def test_benchmark_blocks_are_rendered_from_the_committed_results() -> None:
    assert FIGURES.main(["--check", "--only", *BENCH_BLOCKS]) == 0


def test_a_figure_edited_by_hand_is_found_and_refilled(tmp_path: Path) -> None:
    shutil.copy(REPO / "README.md", tmp_path / "README.md")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    rendered = FIGURES.render(FIGURES.bench_results(tmp_path))
    assert FIGURES.differences(rendered, tmp_path) == []
    page = tmp_path / "docs" / "benchmarks.md"
    text = page.read_text("utf-8")
    block = next(m for m in FIGURES.BLOCK.finditer(text) if m["name"] == "bench-extract-speed")
    edited = (
        text[: block.start("body")]
        + block["body"].replace(" ms", " ms (fast)", 1)
        + text[block.end("body") :]
    )
    assert edited != text
    page.write_text(edited, "utf-8")
    assert FIGURES.differences(rendered, tmp_path) == ["docs/benchmarks.md: bench-extract-speed"]
    assert FIGURES.fill(edited, rendered) == text


def test_docstring_examples() -> None:
    result = doctest.testmod(FIGURES)
    assert result.attempted > 0 and result.failed == 0
