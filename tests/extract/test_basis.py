"""Every basis rule decides its own example: the rule table's order and names are tested, so a
rule that stops firing (or is shadowed by an earlier one) is noticed."""

from __future__ import annotations

import pytest

from plancockpit.extract.basis import RULES, BasisRule
from tests.extract.helpers import run


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_basis_rule_decides_its_example(rule: BasisRule) -> None:
    records = run(rule.example)
    assert records, rule.example
    assert f"basis={rule.name}" in records[0].rule.split(";"), (rule.example, records[0].rule)


def test_rule_names_are_unique() -> None:
    assert len({r.name for r in RULES}) == len(RULES)


def test_a_record_names_the_rules_of_each_field() -> None:
    rec = run("2025年，全区新增高新技术企业超600家。")[0]
    fields = dict(part.split("=", 1) for part in rec.rule.split(";")[1:])
    assert set(fields) == {"basis", "kind", "metric", "year"}
    assert fields["basis"] == "level-verb" and rec.basis == "increase"
