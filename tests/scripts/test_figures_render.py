"""The renderers of the four benchmarks that write JSON since issue 11: each shows what the
result says (the document count of ingest_scale comes from the result, not from the page) and
fails loudly when a field it shows is missing, rather than rendering a hole."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.repo_scripts import load

RENDER = load("figures_render")

STAMP = {
    "date": "2026-12-04 20:00 UTC",
    "commit": "abc1234",
    "machine": "2 cores, Linux x86_64, Python 3.11.7",
    "load": [1.0, 1.5, 2.0],
}
QUANTILES = {"n": 1200, "p50": 41, "p95": 180, "max": 900}
RESULTS: dict[str, dict[str, Any]] = {
    "ingest_speed": STAMP
    | {
        "settings": {"database": "postgresql"},
        "results": {
            "passes": [
                {"pass": "first pass", "files": 7, "seconds": 4.02},
                {"pass": "second pass (unchanged)", "files": 7, "seconds": 0.01},
            ]
        },
    },
    "status_speed": STAMP
    | {
        "settings": {"repeat": 3, "sizes": [1000, 4000], "database": "sqlite"},
        "results": {
            "corpus": {
                "documents": 5,
                "targets": 300,
                "observations": 120,
                "link_all_ms": 80,
                "status_report_ms": 95,
                "statuses": {"on_track": 10, "unknown": 290},
            },
            "synthetic": [
                {"targets": 1000, "observations": 10000, "shape": "spread", "ms": 200},
                {"targets": 4000, "observations": 40000, "shape": "spread", "ms": 900},
            ],
        },
    },
    "mixed_load": STAMP
    | {
        "settings": {
            "database": "SQLite",
            "workers": 2,
            "clients": 50,
            "seconds": 15.0,
            "think": 1.0,
        },
        "results": {
            "reads": QUANTILES,
            "writes": None,
            "routes": {"GET /api/overview": QUANTILES},
            "errors": 3,
        },
    },
    "ingest_scale": STAMP
    | {
        "settings": {"docs": 100, "jobs": 2, "database": "sqlite"},
        "results": {
            "documents": 100,
            "chars": 1_700_000,
            "runs": [
                {
                    "jobs": 1,
                    "seconds": 30.0,
                    "chars_per_s": 56667,
                    "first_tenth_s": 0.2,
                    "last_tenth_s": 0.3,
                }
            ],
        },
    },
}


def _render(bench: str, result: dict[str, Any]) -> str:
    return "\n".join(getattr(RENDER, bench)(result))


def test_each_renders_its_stamp_and_figures() -> None:
    assert "| second pass (unchanged) | 7 | 0.01 s |" in _render(
        "ingest_speed", RESULTS["ingest_speed"]
    )
    status = _render("status_speed", RESULTS["status_speed"])
    assert "| 4,000 | 40,000 | spread | 900 | 4.5× |" in status
    assert "`link_all` 80 ms" in status
    load_ = _render("mixed_load", RESULTS["mixed_load"])
    assert "| **reads** | 1,200 | 41 | 180 | 900 |" in load_
    assert "| **writes** | — | — | — | — |" in load_
    assert "3 errors" in load_
    for bench in RESULTS:
        assert "at commit `abc1234`" in _render(bench, RESULTS[bench])


def test_ingest_scale_shows_the_document_count_of_its_result() -> None:
    result = copy.deepcopy(RESULTS["ingest_scale"])
    assert "| 100 (1,700,000 chars) | 1 | 30.0 s | 56,667 chars/s | 0.200 → 0.300 s (×1.50) |" in (
        _render("ingest_scale", result)
    )
    result["results"]["documents"] = 1000
    text = _render("ingest_scale", result)
    assert "| 1,000 (" in text
    assert "--docs 1000" in text
    assert "--json docs/results/ingest_scale.json" in text and "--db" not in text
    result["settings"]["database"] = "postgresql"
    assert "--db URL --json docs/results/ingest_scale_postgresql.json" in _render(
        "ingest_scale", result
    )
    result["settings"]["database"] = "sqlite"
    assert "--json docs/results/ingest_real.json" in _render("ingest_real", result)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path of a result (list items by index), down to the leaves."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in [path + (k,), *_paths(v, path + (k,))]]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [p for i, v in enumerate(value) for p in _paths(v, path + (i,))]
    return []


# what a renderer need not show: the database of the two that run on SQLite only, the sizes and
# document count (in the rows), and the names inside a mapping (statuses, routes) it lists as given
NOT_SHOWN: dict[str, list[tuple[str, ...]]] = {
    "status_speed": [
        ("settings", "database"),
        ("results", "corpus", "statuses"),
    ],
    "ingest_scale": [("settings", "database"), ("settings", "docs")],
    "mixed_load": [("results", "routes")],
}


def _shown(bench: str, path: tuple[Any, ...]) -> bool:
    return not any(path[: len(p)] == p for p in NOT_SHOWN.get(bench, []))


@pytest.mark.parametrize(
    ("bench", "path"),
    [
        (bench, path)
        for bench, result in RESULTS.items()
        for path in _paths(result)
        if _shown(bench, path)
    ],
)
def test_a_missing_field_fails(bench: str, path: tuple[Any, ...]) -> None:
    result = copy.deepcopy(RESULTS[bench])
    parent = result
    for key in path[:-1]:
        parent = parent[key]
    del parent[path[-1]]
    with pytest.raises((KeyError, IndexError, TypeError)):
        _render(bench, result)
