"""A searched indicator list reads the matching ids in one scan and the page's rows after: the
same rows, order and total as counting and paging in SQL, at every offset."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from sqlalchemy import select

from plancockpit.db.engine import session_factory
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Target
from plancockpit.services.cockpit.common import TargetFilter, fact_dict, paginate
from plancockpit.services.cockpit.facts import TargetFact
from plancockpit.services.cockpit.indicators import _order, indicator_list
from plancockpit.services.cockpit.refresh import refresh_facts

_spec = importlib.util.spec_from_file_location(
    "cockpit_seed", Path(__file__).resolve().parents[2] / "web" / "cockpit_seed.py"
)
assert _spec and _spec.loader
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)


def test_searched_list_pages_like_sql_paging(db_url: str) -> None:
    engine = open_database(db_url)
    ids = seed.seed(engine)
    with session_factory(engine)() as s, s.begin():
        s.add_all(
            Target(indicator_id=ids["jobs"], value=10.0 + k, deadline_year=2025) for k in range(7)
        )
        s.flush()
        refresh_facts(s, on=date(2026, 6, 30))
    with session_factory(engine)() as s:
        name = s.scalar(
            select(TargetFact.indicator_name).where(TargetFact.indicator_id == ids["jobs"])
        )
        assert name
        for q, sort, desc in [
            (name, "name", False),
            (name[:2], "progress", True),
            (name, "id", True),
            ("不会出现的词", "name", False),
        ]:
            filt = TargetFilter(q=q)
            stmt = filt.apply(select(TargetFact)).order_by(*_order(filt, sort, desc))
            for offset, limit in [(0, 50), (0, 3), (3, 3), (6, 4), (100, 5)]:
                got = indicator_list(s, filt, sort=sort, desc=desc, limit=limit, offset=offset)
                paged = paginate(s, stmt, limit, offset, fact_dict)
                assert (got["items"], got["total"]) == (paged["items"], paged["total"]), (q, offset)
        assert indicator_list(s, TargetFilter(q=name), limit=3, offset=3)["total"] >= 8
    engine.dispose()
