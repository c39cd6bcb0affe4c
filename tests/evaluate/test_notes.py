"""Assessment notes: every code has zh and en with the same placeholders; params are shown per language."""

from __future__ import annotations

import re
from datetime import date

import pytest

from plancockpit.evaluate import TargetSpec, assess
from plancockpit.evaluate.notes import Note, note, render, table


def test_every_note_has_both_languages_and_renders() -> None:
    notes, _ = table()
    for code, texts in notes.items():
        names = set(re.findall(r"\{(\w+)\}", texts["en"]))
        item = note(code, **{n: 2021 for n in names})
        assert re.search(r"[\u4e00-\u9fff]", render(item, "zh")), code
        assert "{" not in render(item, "en") and "{" not in render(item, "zh"), code


@pytest.mark.parametrize(
    ("item", "zh", "en"),
    [
        (
            note("anticipated_by", how="linear trend"),
            "期末预计值按线性趋势推算",
            "anticipated value by linear trend",
        ),
        (
            note("rolled_up", years=[2021, 2022]),
            "2021、2022年数值由下级区域汇总（上卷）",
            "values for 2021, 2022 summed from the sub-regions (rolled up)",
        ),
        (
            note("total_replaces_yearly", start=2021, end=2023, value=6.0),
            "2021–2023年合计（6）替代这些年份的逐年数据",
            "the total for 2021–2023 (6) replaces the yearly figures of those years",
        ),
    ],
)
def test_params_are_shown_in_the_language(item: Note, zh: str, en: str) -> None:
    assert render(item, "zh") == zh and render(item, "en") == en


def test_unknown_code_is_refused() -> None:
    with pytest.raises(KeyError, match="unknown assessment note"):
        note("no_such_note")


def test_an_assessment_carries_notes_in_both_languages() -> None:
    spec = TargetSpec(value=100.0, deadline_year=2025, baseline_value=50.0, baseline_year=2020)
    a = assess(spec, [], date(2023, 6, 30))
    assert a.status == "no_data"
    assert a.notes == ("no observation since the baseline",) and a.notes_zh == (
        "基期以来暂无观测值",
    )
    assert a.to_json()["notes_zh"] == ["基期以来暂无观测值"]
