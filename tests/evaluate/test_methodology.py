"""The worked examples of docs/methodology.md, recomputed: the document cannot drift."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from plancockpit.evaluate import Obs, TargetSpec, assess

DOC = Path(__file__).resolve().parents[2] / "docs" / "methodology.md"
GDP = TargetSpec(value=2600, deadline_year=2025, baseline_value=1828.47, baseline_year=2020)


def test_gdp_examples() -> None:
    text = DOC.read_text(encoding="utf-8")
    a = assess(GDP, [Obs(2021, 1990), Obs(2022, 2150)], 2023.5)
    assert (round(a.expected, 2), round(a.progress, 2), a.words) == (2104.95, 1.16, "快于预期")  # type: ignore[arg-type]
    b = assess(GDP, [Obs(2021, 1990), Obs(2022, 2100), Obs(2023, 2180)], 2024.5)
    assert (round(b.progress, 2), round(b.anticipated, 2), round(b.gap, 2)) == (0.82, 2449.95, 0.19)  # type: ignore[arg-type]
    for figure in ("2104.95", "1.16", "2449.95", "G = 0.19", "7.29%"):
        assert figure in text


def test_other_examples() -> None:
    retail = assess(
        TargetSpec(
            value=5, basis="growth", deadline_year=2025, baseline_value=719.97, baseline_year=2020
        ),
        [Obs(2022, 780)],
        2023.5,
    )
    assert round(retail.actual, 2) == 4.09 and retail.status == "at_risk"  # type: ignore[arg-type]
    annual = assess(
        TargetSpec(value=3.5, basis="growth", deadline_year=2026, baseline_year=2025),
        [Obs(2026, 2.8, month=6, basis="growth")],
        date(2026, 7, 15),
    )
    assert annual.progress == pytest.approx(0.8) and annual.status == "at_risk"
    jobs = assess(
        TargetSpec(
            value=10,
            basis="increase",
            comparator=">=",
            deadline_year=2025,
            baseline_year=2020,
            steps=tuple((y, 2.0) for y in range(2021, 2026)),
        ),
        [
            Obs(2021, 2.2, basis="increase"),
            Obs(2022, 2.1, basis="increase"),
            Obs(2023, 1.6, basis="increase"),
        ],
        2024.5,
    )
    assert round(jobs.progress, 2) == 0.98 and round(jobs.anticipated, 2) == 9.83  # type: ignore[arg-type]
    assert jobs.status == "at_risk"
    urban = assess(
        TargetSpec(
            value=78,
            comparator="~",
            deadline_year=2025,
            baseline_value=74.6,
            baseline_year=2020,
            bounded=True,
        ),
        [Obs(2022, 75.5)],
        2023.5,
    )
    assert (round(urban.expected, 2), round(urban.progress, 2)) == (75.96, 0.66)  # type: ignore[arg-type]
    safe = TargetSpec(
        value=96, value_max=97, deadline_year=2025, baseline_value=97.2, baseline_year=2020
    )
    assert round(assess(safe, [Obs(2022, 97.1)], 2023.5).progress, 2) == 1.25  # type: ignore[arg-type]
    assert assess(safe, [Obs(2022, 96.5)], 2023.5).status == "achieved"
