"""A planner gives an indicator without a lead unit its unit, in the page or the API: its targets
count under that unit, the units page stops listing it, and a relink keeps the choice."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Target
from plancockpit.services.cockpit.refresh import refresh_facts
from plancockpit.services.indicators.edits import set_lead_units
from plancockpit.services.linking.link import link_all, link_document
from tests.services.linkcase import store


def test_lead_units_set_in_the_page_and_the_api(
    client: TestClient, seeded: dict[str, Any], ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        s.execute(update(Target).where(Target.indicator_id == ids["care"]).values(lead_units=[]))
        refresh_facts(s, on=date.today())
    engine.dispose()
    assert re.search(r'id="unassigned".*每千人拥有托位数', client.get("/units").text, re.S)
    token = sign_in(client, "viewer")
    assert (
        client.post(
            f"/api/indicators/{ids['care']}/lead-units",
            json={"units": ["区统计局"]},
            headers={"X-CSRF-Token": token},
        ).status_code
        == 403
    )
    client.post("/api/logout", headers={"X-CSRF-Token": token})
    token = sign_in(client, "planner")
    page = client.get(f"/indicators/{ids['care']}")
    assert 'id="lead-units-form"' in page.text and "尚未指定牵头单位" in page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    saved = client.post(
        f"/indicators/{ids['care']}/lead-units",
        follow_redirects=False,
        data={"csrf_token": csrf.group(1), "units": "区卫健局、区民政局"},
    )
    assert saved.status_code == 303
    units = {u["name"]: u["total"] for u in client.get("/api/units").json()["items"]}
    assert units.get("区民政局") == 1
    assert not re.search(r'id="unassigned".*每千人拥有托位数', client.get("/units").text, re.S)
    bad = client.post(
        f"/api/indicators/{ids['care']}/lead-units",
        headers={"X-CSRF-Token": token},
        json={"units": ["单位"] * 6},
    )
    assert bad.status_code == 422


def test_a_relink_keeps_the_planner_s_lead_units(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        plan_id, _ = store(s)
        link_all(s)
        target = next(t for t in s.scalars(select(Target)) if not t.lead_units)
        set_lead_units(s, target.indicator_id, ["区统计局"])
        link_document(s, plan_id)
        again = s.get(Target, target.id)
        assert again is not None and again.lead_units == ["区统计局"]
