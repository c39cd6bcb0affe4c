"""A lead unit downloads its own template from the Import page; planners choose any unit's."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Unit
from plancockpit.services.access.users import add_user, set_ties
from tests.web.conftest import PASSWORD


def test_templates_from_the_cockpit(
    client: TestClient, seeded: dict[str, Any], sign_in: Callable[..., str]
) -> None:
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        s.add(Unit(name="区人社局"))
        s.flush()
        add_user(s, name="hr", role="reporter", password=PASSWORD)
        set_ties(s, "hr", unit="区人社局")
    engine.dispose()
    assert client.get("/import/template.xlsx", follow_redirects=False).status_code == 303  # sign in
    token = sign_in(client, "hr")
    page = client.get("/import")
    assert 'id="template-download"' in page.text and "plancockpit template" not in page.text
    own = client.get("/import/template.xlsx")
    assert own.status_code == 200
    rows = list(load_workbook(io.BytesIO(own.content))["填报 actuals"].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:] if r[0]] == ["城镇新增就业"]
    assert client.get("/import/template.xlsx", params={"unit": "区发改局"}).status_code == 403
    client.post("/api/logout", headers={"X-CSRF-Token": token})
    sign_in(client, "planner")
    other = client.get("/import/template.xlsx", params={"unit": "区发改局"})
    assert other.status_code == 200
    assert "%E5%8C%BA%E5%8F%91%E6%94%B9%E5%B1%80.xlsx" in other.headers["content-disposition"]
    assert client.get("/import/template.xlsx", params={"unit": "区教育局"}).status_code == 404
    assert 'id="unit-template"' in client.get("/units/区发改局").text
