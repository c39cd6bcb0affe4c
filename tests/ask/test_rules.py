"""The intent table and the answers' phrases are data: loaded, validated, every phrase in both
languages with the same blanks."""

from __future__ import annotations

import string

import pytest

from plancockpit.ask.rules import KINDS, parse_rules, phrases, rules, say
from plancockpit.errors import RuleFileError


def test_the_table_covers_every_kind_once() -> None:
    table = rules()
    assert sorted(r.kind for r in table.intents) == sorted(KINDS)
    assert table.default in KINDS
    # the cockpit's status names are status words (evaluate/assessment.py LABELS)
    assert "滞后" in table.status_words["off_track"] and "已实现" in table.status_words["achieved"]


@pytest.mark.parametrize(
    "broken",
    [
        [],
        {
            "intents": [{"kind": "weather", "cues": ["天气"], "needs": "nothing", "example": "x"}],
            "default": "history",
        },
        {
            "intents": [{"kind": "history", "cues": "历年", "needs": "nothing", "example": "x"}],
            "default": "history",
        },
        {"intents": [], "default": "nothing_such"},
    ],
)
def test_a_malformed_table_fails_naming_it(broken: object) -> None:
    with pytest.raises(RuleFileError, match="intents.yaml"):
        parse_rules(broken)


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(phrases()))
def test_every_phrase_has_both_languages_with_the_same_blanks(key: str) -> None:
    entry = phrases()[key]
    assert entry["zh"].strip() and entry["en"].strip()
    assert _blanks(entry["zh"]) == _blanks(entry["en"])


def test_say_fills_both() -> None:
    zh, en = say("not_found_year", name="地区生产总值", year=2030)
    assert zh == "地区生产总值没有2030年的目标。" and en == "地区生产总值 has no target for 2030."
