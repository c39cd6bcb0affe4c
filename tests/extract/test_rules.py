"""The rule files load, validate, and every unit class and comparator is one the engine knows."""

from __future__ import annotations

from plancockpit.extract.rules import UNIT_CLASSES, load_rules
from plancockpit.vocabulary import COMPARATORS


def test_rules_load_and_validate() -> None:
    rules = load_rules()
    assert set(rules.units.values()) <= UNIT_CLASSES
    assert all(c in COMPARATORS for pos in rules.comparators.values() for c in pos.values())
    assert rules.units["%"] == "percent" and rules.units["个百分点"] == "points"
    assert rules.cues["level_verbs"] and rules.labels["quote_pairs"]
    assert load_rules() is rules  # loaded once
