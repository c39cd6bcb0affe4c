"""The lexicon files load, validate and hold no contradictions."""

from __future__ import annotations

from plancockpit.link.lexicon import aliases, departments, domains, unit_families
from plancockpit.link.names import normalise


def test_aliases_are_unique_across_entries() -> None:
    seen: dict[str, str] = {}
    for entry in aliases():
        for variant in (entry.name, *entry.aliases):
            key = normalise(variant)
            assert seen.setdefault(key, entry.name) == entry.name, variant


def test_domains_units_and_departments_load() -> None:
    assert {d.name for d in domains()} >= {"社会民生", "经济发展", "生态环境", "城市治理"}
    fams = unit_families()
    assert fams.families["money_cny"]["亿元"] == 1e8
    names = {d.name for d in departments()}
    assert "区发改局" in names
    owner: dict[str, str] = {}
    for d in departments():
        for written in {d.name, d.full_name, *d.aliases} - {""}:
            assert owner.setdefault(written, d.name) == d.name, written
