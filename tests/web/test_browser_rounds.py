"""The reporting-round journey in headless Chromium (Playwright): a planner opens a round, a town's
reporter fills its value on 我的待办, the indicator's lead unit approves it, and the round's board
shows the value approved and the town's target's status changes. The app runs in a uvicorn thread against a small SQLite district
(`tests/services/roundcase.py`); Chromium is Debian's, never downloaded."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from tests.services.roundcase import PASSWORD
from tests.web.live_server import need_chromium, open_page, serving, sign_in, sign_out

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.web.app import create_app
    from plancockpit.web.settings import Settings
    from tests.services.roundcase import build

    need_chromium()
    url = f"sqlite:///{tmp_path_factory.mktemp('rounds') / 'rounds.sqlite'}"
    engine = open_database(url)
    with transaction(engine) as s:
        build(s)
    engine.dispose()
    app = create_app(
        Settings(db_url=url, secret_key="browser-rounds-0123456789", background_refresh=True)
    )  # as `serve` runs: a refresher thread
    with serving(app) as base:
        yield base


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    with open_page(browser, base_url) as pg:
        yield pg


def _sign_in(page: Any, name: str) -> None:
    sign_in(page, name, PASSWORD)


def test_open_fill_approve_journey(page: Any) -> None:
    _sign_in(page, "planner")
    page.click("header nav a[href='/rounds']")
    page.fill("#open-round-form input[name=title]", "2025年度数据填报")
    page.select_option("#open-round-form select[name=period_kind]", "year")
    page.fill("#open-round-form input[name=year]", "2025")
    page.fill(
        "#open-round-form input[name=due_date]", (date.today() + timedelta(days=7)).isoformat()
    )
    page.click("#open-round-form button[type=submit]")
    page.wait_for_selector("#board")
    board_url = page.url
    assert re.search(r"/rounds/\d+$", board_url)
    assert page.locator("#round-state").inner_text() == "进行中"
    town = page.locator("#board tr", has_text="东镇")
    assert town.locator("td").nth(2).inner_text() == "1"  # owed
    assert town.locator("td").nth(4).inner_text() == "0"  # approved
    indicator = (
        page.locator("#round-items tr", has_text="东镇").locator("a").first.get_attribute("href")
    )
    town_target = _town_target(page, indicator)
    before = page.request.get(f"/api/assessments/{town_target}").json()
    sign_out(page)

    _sign_in(page, "east")
    assert page.locator("#unread-count").inner_text() == "1"  # told the round opened
    page.click("header nav a[href='/todo']")
    row = page.locator("#owed tr", has_text="地区生产总值")
    assert "260" in row.inner_text()  # last year's value of the town
    row.locator("input[name^=v]").fill("280")
    page.click("#owed form.fill-form button[type=submit]")
    page.wait_for_selector("#owed .state-filled")
    assert "待审核" in page.locator("#owed .state-filled").inner_text()
    sign_out(page)

    _sign_in(page, "fgj")
    page.goto("/todo")
    approval = page.locator("#approvals tr", has_text="东镇")
    assert "280" in approval.inner_text()
    approval.locator("button.approve").click()
    page.wait_for_selector("#nothing-to-approve")
    page.goto(board_url)
    town = page.locator("#board tr", has_text="东镇")
    assert town.locator("td").nth(4).inner_text() == "1"  # approved
    assert "已审核" in page.locator("#round-items tr", has_text="东镇").inner_text()
    page.goto("/inbox")
    assert "报送了“地区生产总值”" in page.locator("#notifications").inner_text()
    # … and the town's target's status changes: the approved 2025 value now counts
    # (recomputed by the app's background refresher, not on the request: wait as a user would)
    deadline = time.monotonic() + 30
    after = page.request.get(f"/api/assessments/{town_target}").json()
    while after["numbers"]["actual"] != 280 and time.monotonic() < deadline:
        page.wait_for_timeout(250)
        after = page.request.get(f"/api/assessments/{town_target}").json()
    assert (before["numbers"]["actual"], after["numbers"]["actual"]) == (260, 280)
    assert before["status"] != after["status"], (before["status"], after["status"])


def _town_target(page: Any, indicator_href: str | None) -> int:
    """The id of the GDP target of 东镇 (≥ 300 亿元), through the API."""
    assert indicator_href and indicator_href.startswith("/indicators/")
    rows = page.request.get(f"/api/targets?indicator_id={indicator_href.rsplit('/', 1)[1]}").json()[
        "items"
    ]
    return int(next(t["id"] for t in rows if t["value"] == 300))
