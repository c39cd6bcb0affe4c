"""The supervision journey in headless Chromium (Playwright): a target turns red → the system
proposes an item → a planner confirms it → the lead unit's reporter answers with a file → the
planner closes it (销号); the item's page shows every step with who and when; the planner
reopens it with a reason and the unit finds it in its inbox.

The app runs in a uvicorn thread on the small seeded database (`cockpit_seed.py`) with the
proposal rule on (`auto_propose`). Chromium is Debian's (`$PLANCOCKPIT_CHROMIUM`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from tests.web.live_server import need_chromium, open_page, serving, sign_in, sign_out

pytestmark = pytest.mark.browser
PASSWORD = "browser-pass-1"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.db.models import Unit
    from plancockpit.services.access.users import add_user, set_ties
    from plancockpit.web.app import create_app
    from plancockpit.web.settings import Settings
    from tests.web.conftest import SEED

    need_chromium()
    tmp = tmp_path_factory.mktemp("supervision")
    url = f"sqlite:///{tmp / 'cockpit.sqlite'}"
    engine = open_database(url)
    ids = SEED.seed(engine)
    with transaction(engine) as s:
        s.add(Unit(name="区卫健局"))
        s.flush()
        add_user(s, name="chief", role="planner", password=PASSWORD)
        add_user(s, name="health", role="reporter", password=PASSWORD)
        set_ties(s, "health", unit="区卫健局")
    engine.dispose()
    app = create_app(
        Settings(
            db_url=url,
            secret_key="browser-secret-0123456789",
            auto_propose=True,
            background_refresh=True,
        )
    )  # as `serve` runs: a refresher thread
    with serving(app) as base:
        yield {"base": base, "ids": ids, "tmp": tmp}


@pytest.fixture
def page(browser: Any, server: dict[str, Any]) -> Iterator[Any]:
    with open_page(browser, server["base"]) as pg:
        yield pg


def _sign_in(page: Any, name: str) -> None:
    sign_in(page, name, PASSWORD)


def _item_row(page: Any, indicator: str) -> Any:
    return page.locator("#sv-items tbody tr", has_text=indicator)


def test_red_target_proposed_answered_and_closed(page: Any, server: dict[str, Any]) -> None:
    ids = server["ids"]
    _sign_in(page, "chief")
    page.goto("/supervision")
    assert _item_row(page, "每千人拥有托位数").count() == 0  # no data yet: nothing to supervise

    # The target turns red: the town's 2023 value is far below the path to 4.5 by 2025.
    token = page.evaluate("window.CSRF_TOKEN")
    r = page.request.post(
        "/api/observations",
        headers={"X-CSRF-Token": token},
        data={
            "indicator_id": ids["care"],
            "region_id": ids["town"],
            "year": 2023,
            "value": 2.1,
            "unit": "个",
        },
    )
    assert r.status == 201, r.text()

    # … and the background refresh proposed an item for it (a moment later), which the planner confirms.
    deadline = time.monotonic() + 20
    while True:
        page.goto("/supervision")
        row = _item_row(page, "每千人拥有托位数")
        if row.count() or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert row.count() == 1 and "待确认" in row.inner_text() and "区卫健局" in row.inner_text()
    row.locator("a").first.click()
    page.wait_for_selector("#sv-confirm")
    item_url = page.url
    assert page.get_attribute("#sv-state", "data-state") == "proposed"
    due = (date.today() + timedelta(days=14)).isoformat()
    page.fill("#sv-confirm input[name=due_date]", due)
    page.click("#sv-confirm-button")
    page.wait_for_selector("#sv-state[data-state=open]")
    assert page.inner_text("#sv-due") == due
    sign_out(page)

    # The unit's reporter answers with its explanation, measures and a PDF.
    _sign_in(page, "health")
    page.goto(item_url)
    page.fill("#sv-answer textarea[name=explanation]", "托育机构建设进度滞后")
    page.fill("#sv-answer textarea[name=measures]", "新建三处普惠托育点")
    page.fill(
        "#sv-answer input[name=expected_date]", (date.today() + timedelta(days=90)).isoformat()
    )
    page.set_input_files(
        "#sv-answer input[type=file]",
        files=[
            {"name": "整改方案.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% plan\n"}
        ],
    )
    page.click("#sv-answer-button")
    page.wait_for_selector("#sv-state[data-state=answered]")
    assert page.locator("#sv-decide").count() == 0  # a reporter does not close
    assert page.locator(".sv-file a", has_text="整改方案.pdf").count() == 1
    sign_out(page)

    # The planner closes it (销号); the history shows every step with who.
    _sign_in(page, "chief")
    page.goto(item_url)
    page.fill("#sv-decide input[name=reason]", "整改措施可行")
    page.click("#sv-close-button")
    page.wait_for_selector("#sv-state[data-state=closed]")
    steps = page.locator("#sv-transitions tbody tr")
    assert [steps.nth(i).get_attribute("data-to") for i in range(steps.count())] == [
        "proposed",
        "open",
        "answered",
        "closed",
    ]
    text = page.inner_text("#sv-transitions")
    assert (
        "health" in text
        and "chief" in text
        and "托育机构建设进度滞后" in text
        and "整改措施可行" in text
    )
    assert page.locator("#sv-events tbody tr").count() >= 4  # the audit events, before → after
    with page.expect_download() as got:
        page.click(".sv-file a")
    assert got.value.suggested_filename == "整改方案.pdf"

    # The ranking shows the unit, its numbers linking to what they count.
    page.goto("/ranking")
    unit_row = page.locator("#ranking tbody tr", has_text="区卫健局")
    assert unit_row.locator(".open-items").inner_text() == "0"
    assert "无填报轮次" in unit_row.inner_text()
    unit_row.locator("td.share a").first.click()
    page.wait_for_url("**/indicators?unit=*")
    assert "每千人拥有托位数" in page.inner_text("table.grid")

    # The planner reopens the closed item with a reason; the unit is told.
    page.goto(item_url)
    page.fill("#sv-reopen input[name=reason]", "整改未到位，请补充措施")
    page.click("#sv-reopen-button")
    page.wait_for_selector("#sv-state[data-state=open]")
    assert "整改未到位，请补充措施" in page.inner_text("#sv-transitions")
    sign_out(page)
    _sign_in(page, "health")
    page.goto("/inbox")
    assert "重新打开" in page.locator("#notifications").inner_text()
