"""The major-projects journey in headless Chromium (Playwright): a planner filters the list to the
lagging projects, opens one, sees its per-year chart drawn by ECharts beside the same figures in a
table, and the lead unit's reporter finds it in 我的待办 and reports the year's completion, which
the page then shows with its history. SQLite; Chromium is Debian's, never downloaded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from tests.web.live_server import need_chromium, open_page, serving, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "projects-pass-123"
YEAR = date.today().year


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.db.models import Project, ProjectInvestment, Unit
    from plancockpit.services.access.users import add_user, set_ties
    from plancockpit.web.app import create_app
    from plancockpit.web.settings import Settings

    need_chromium()
    url = f"sqlite:///{tmp_path_factory.mktemp('projects') / 'projects.sqlite'}"
    engine = open_database(url)
    with transaction(engine) as s:
        s.add(Unit(name="区交通局"))
        s.flush()
        add_user(s, name="planner", role="planner", password=PASSWORD)
        add_user(s, name="traffic", role="reporter", password=PASSWORD)
        set_ties(s, "traffic", unit="区交通局")
        slow = Project(
            name="机场快线工程",
            region="空港街道",
            lead_unit="区交通局",
            stage="在建",
            total_investment=80.0,
            investment_text="80亿元",
            source_file="项目库.xlsx",
            source_row=3,
        )
        fine = Project(name="湘湖水厂工程", region="闻堰街道", lead_unit="区水利局", stage="开工")
        s.add_all([slow, fine])
        s.flush()
        s.add_all(
            [
                ProjectInvestment(project_id=slow.id, year=YEAR - 1, planned=10.0, completed=9.6),
                ProjectInvestment(project_id=slow.id, year=YEAR, planned=20.0, completed=0.5),
                ProjectInvestment(project_id=fine.id, year=YEAR, planned=2.0, completed=2.0),
            ]
        )
    engine.dispose()
    with serving(
        create_app(Settings(db_url=url, secret_key="browser-projects-0123456789"))
    ) as base:
        yield base


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    with open_page(browser, base_url) as pg:
        yield pg


def _sign_in(page: Any, name: str) -> None:
    sign_in(page, name, PASSWORD)


def test_lagging_filter_chart_and_the_lead_unit_s_report(page: Any) -> None:
    _sign_in(page, "planner")
    page.goto("/projects")
    rows = page.locator("#projects-table tbody tr")
    assert rows.count() == 2
    page.check("input[name=lagging]")
    page.click("#project-filters button[type=submit]")
    page.wait_for_url("**lagging=true**")
    assert page.locator("#projects-table tbody tr").count() == 1
    page.click("#projects-table a:has-text('机场快线工程')")
    page.wait_for_selector("#chart-project canvas")  # ECharts drew the bars
    table = page.locator("#project-years-table tbody tr")
    assert table.count() == 2 and "0.5" in table.nth(1).inner_text()
    assert "项目库.xlsx" in page.inner_text("#project-source")
    page.click("#sign-out")

    _sign_in(page, "traffic")
    page.goto("/todo")
    page.click("#todo-projects a:has-text('机场快线工程')")
    page.fill("#project-report-form input[name=completed]", "19.5")
    page.select_option("#project-report-form select[name=stage]", "竣工")
    page.click("#project-report-form button[type=submit]")
    page.wait_for_selector("#project-history li:has-text('traffic')")
    assert page.inner_text("#project-stage") == "竣工"
    assert "19.5" in page.locator("#project-years-table tbody tr").nth(1).inner_text()
