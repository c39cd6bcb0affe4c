"""An indicator's desired direction is inferred from evidence, never an unstated "up"."""

from __future__ import annotations

import pytest

from plancockpit.errors import RuleFileError
from plancockpit.evaluate.direction import TargetCue, cues, infer_direction, parse_cues


@pytest.mark.parametrize(
    "name, targets, direction, source",
    [
        ("PM2.5平均浓度", [], "down", "name"),
        ("单位地区生产总值能耗", [], "down", "name"),
        ("二氧化碳排放总量", [], "down", "name"),
        ("城镇调查失业率", [TargetCue("~")], "down", "name"),
        ("孕产妇死亡率", [], "down", "name"),
        ("生产安全事故发生率", [], "down", "name"),
        ("城乡居民收入倍差", [TargetCue("<=")], "down", "name"),
        ("空气质量优良天数比例", [], "up", "name"),
        ("主要污染物减排量", [], "up", "name"),  # 减排 (a reduction achieved) outweighs 排放
        ("地表水达标率", [], "up", "name"),
        ("政府债务规模", [TargetCue("<="), TargetCue("=")], "down", "comparator"),
        ("研发人员数", [TargetCue(">=")], "up", "comparator"),
        ("某项指标", [TargetCue("=", "某项指标降至")], "down", "clause"),
        ("某项指标", [TargetCue("=", "某项指标控制在")], "down", "clause"),
        ("某项指标", [TargetCue("~", "某项指标提高到")], "up", "clause"),
        ("某项指标", [TargetCue("=", "", 33, 28)], "down", "movement"),
        ("某项指标", [TargetCue("=", "", 2.1, 4.5)], "up", "movement"),
        ("某项指标", [], "up", "assumed"),
        ("某项指标", [TargetCue(">="), TargetCue("<=")], "up", "assumed"),  # a tie decides nothing
    ],
)
def test_inferred_direction(
    name: str, targets: list[TargetCue], direction: str, source: str
) -> None:
    found = infer_direction(name, targets)
    assert (found.direction, found.source) == (direction, source)
    assert found.reason


def test_overrides_come_first() -> None:
    assert infer_direction("PM2.5平均浓度", planner="up").source == "planner"
    assert infer_direction("PM2.5平均浓度", planner="up").direction == "up"
    assert infer_direction("单位GDP能耗降幅", lexicon="down").source == "lexicon"
    assert infer_direction("某项指标", planner=None, lexicon=None).source == "assumed"


def test_the_cue_file_loads_and_bad_files_are_refused() -> None:
    table = cues()
    assert table.name["浓度"] == "down" and table.comparators["<="] == "down"
    with pytest.raises(RuleFileError, match="direction_cues.yaml"):
        parse_cues(
            {"name": {"浓度": "lower"}, "clause": {"降至": "down"}, "comparators": {"<": "down"}}
        )
    with pytest.raises(RuleFileError, match="direction_cues.yaml"):
        parse_cues({"name": {"浓度": "down"}, "clause": {}, "comparators": {"<": "down"}})
    with pytest.raises(RuleFileError, match="direction_cues.yaml"):
        parse_cues(
            {
                "name": {"浓度": "down"},
                "clause": {"降至": "down"},
                "comparators": {"<": "down"},
                "extra": {},
            }
        )
