"""Whose values a user may enter: the rule as a table, and the lookups on the seeded cockpit."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import Engine

from plancockpit.db.engine import transaction
from plancockpit.db.models import Unit
from plancockpit.errors import Forbidden, NotFound
from plancockpit.services.access.scope import WriteScope, allows, check_value, scope_of
from plancockpit.services.access.users import add_user, set_ties

_spec = importlib.util.spec_from_file_location(
    "cockpit_seed", Path(__file__).resolve().parents[2] / "web" / "cockpit_seed.py"
)
assert _spec and _spec.loader
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)

UNIT = WriteScope("r", frozenset({"区发改局", "区发展和改革局"}), frozenset(), "区发改局")
TOWN = WriteScope("r", frozenset(), frozenset({2, 4}), "东镇")


@pytest.mark.parametrize(
    "scope, lead_units, region_id, expected",
    [
        (UNIT, ["区发改局"], 1, True),  # its unit leads the indicator
        (UNIT, ["区发展和改革局"], 1, True),  # … under the unit's full name
        (UNIT, ["区人社局"], 1, False),  # another unit's
        (UNIT, [], 1, False),  # led by nobody
        (TOWN, ["区人社局"], 2, True),  # a value of its town, whoever leads
        (TOWN, [], 4, True),  # … or of a village under it
        (TOWN, [], 1, False),  # the district's own value
        (TOWN, [], None, False),
    ],
)
def test_allows(
    scope: WriteScope, lead_units: list[str], region_id: int | None, expected: bool
) -> None:
    assert allows(scope, lead_units, region_id) is expected


def test_reporters_are_held_to_their_ties(db_engine: Engine) -> None:
    ids = seed.seed(db_engine)
    with transaction(db_engine) as s:
        s.add(Unit(name="区人社局"))
        for name in ("unit_reporter", "town_reporter", "untied", "boss"):
            add_user(
                s, name=name, role="admin" if name == "boss" else "reporter", password="long-enough"
            )
        set_ties(s, "unit_reporter", unit="区人社局")
        set_ties(s, "town_reporter", region="东镇")
        with pytest.raises(NotFound, match="no lead unit named '区教育局'"):
            set_ties(s, "untied", unit="区教育局")
    with transaction(db_engine) as s:
        assert scope_of(s, "boss") is None and scope_of(s, "not a user") is None
        unit_scope, town = scope_of(s, "unit_reporter"), scope_of(s, "town_reporter")
        check_value(s, unit_scope, ids["jobs"], None)  # 区人社局 leads 城镇新增就业
        with pytest.raises(
            Forbidden, match="enters values for 区人社局 only; 地区生产总值 is led by 区发改局"
        ):
            check_value(s, unit_scope, ids["gdp"], None)
        check_value(s, town, ids["care"], None)  # the town's own indicator
        check_value(s, town, ids["gdp"], ids["village"])  # a village of the town
        with pytest.raises(Forbidden):
            check_value(s, town, ids["gdp"], None)
        with pytest.raises(Forbidden, match="tied to no lead unit or region"):
            check_value(s, scope_of(s, "untied"), ids["jobs"], None)
