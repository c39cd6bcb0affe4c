"""The public view in headless Chromium: WCAG 2.1 A/AA checks by axe-core and the keyboard.

The app runs in public mode (`published_only`) on the bundled fictional examples, with the plan
and the indicators of its targets published and the work report not. axe-core is the npm
package put into tests/web/vendor by `scripts/vendor-assets.sh` (`make test` runs it), injected
into each page; the browser is Debian's Chromium. Nothing is downloaded at test time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.live_server import need_chromium, open_page, serving

pytestmark = pytest.mark.browser

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
EXAMPLES = Path(__file__).resolve().parents[2] / "plancockpit" / "examples"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's best-practice rules for landmarks and headings (not tagged WCAG, checked as well)
STRUCTURE_RULES = [
    "landmark-one-main",
    "landmark-unique",
    "region",
    "page-has-heading-one",
    "heading-order",
]


@pytest.fixture(scope="module")
def public_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from plancockpit.db.engine import transaction
    from plancockpit.db.migrate import open_database
    from plancockpit.services.ingest.run import ingest_paths
    from plancockpit.services.opendata.publishing import publish_document_targets
    from plancockpit.web.app import create_app
    from plancockpit.web.settings import Settings

    need_chromium()
    if not AXE.is_file():
        pytest.fail(f"axe-core missing at {AXE}: run scripts/vendor-assets.sh (make test does)")
    url = f"sqlite:///{tmp_path_factory.mktemp('public') / 'public.sqlite'}"
    engine = open_database(url)
    outcomes = ingest_paths(engine, sorted(EXAMPLES.iterdir()))
    plan = next(o.document_id for o in outcomes if o.path.name.startswith("qinghe_plan"))
    report = next(o.document_id for o in outcomes if "report" in o.path.name)
    with transaction(engine) as s:
        indicators = publish_document_targets(s, plan)["indicators"]
    engine.dispose()
    app = create_app(
        Settings(db_url=url, secret_key="public-secret-0123456789", published_only=True)
    )
    with serving(app) as base:
        yield {"base": base, "plan": plan, "report": report, "indicators": indicators}


@pytest.fixture
def page(browser: Any, public_server: dict[str, Any]) -> Iterator[Any]:
    # The app's Content-Security-Policy allows only its own scripts; the test's axe-core is
    # injected past it (the policy itself is tested elsewhere).
    with open_page(browser, public_server["base"], bypass_csp=True) as pg:
        yield pg


def _violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of the open page, one line each (rule: targets)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    structure = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", STRUCTURE_RULES
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            " ".join(n["target"]) + (f" [{n['any'][0]['message']}]" if n.get("any") else "")
            for n in v["nodes"][:6]
        )
        for v in result["violations"] + structure["violations"]
    ]


def _public_paths(server: dict[str, Any]) -> list[str]:
    return [
        "/",
        "/indicators",
        f"/indicators/{server['indicators'][0]}",
        f"/documents/{server['plan']}",
        "/documents",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_public_pages_have_no_wcag_violations(
    page: Any, public_server: dict[str, Any], lang: str
) -> None:
    found: dict[str, list[str]] = {}
    for path in _public_paths(public_server):
        response = page.goto(f"{path}?lang={lang}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == ("zh-CN" if lang == "zh" else "en")
        found[path] = _violations(page)
    assert len(found) == 5
    assert {p: v for p, v in found.items() if v} == {}


def test_an_unpublished_document_is_not_found(page: Any, public_server: dict[str, Any]) -> None:
    response = page.goto(f"/documents/{public_server['report']}")
    assert response.status == 404
    assert "/documents/" + str(public_server["report"]) not in page.goto("/documents").text()


def test_public_pages_have_no_write_controls(page: Any, public_server: dict[str, Any]) -> None:
    for path in _public_paths(public_server):
        page.goto(path)
        assert page.locator("form[method=post]").count() == 0, path
        assert (
            page.locator("a[href='/import'], a[href='/regions'], a[href='/search']").count() == 0
        ), path
        assert page.locator("#sign-in").count() == 1  # staff can still sign in


def _tab_to(page: Any, selector: str, limit: int = 60) -> dict[str, Any]:
    """Press Tab until the focused element matches `selector`; its outline when focused."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(
            """sel => { const el = document.activeElement;
                 if (!el || !el.matches(sel)) return null;
                 const s = getComputedStyle(el);
                 return {text: el.textContent.trim(), outline: s.outlineStyle, width: s.outlineWidth}; }""",
            selector,
        )
        if found:
            return dict(found)
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_reaches_navigation_language_and_table_links(
    page: Any, public_server: dict[str, Any]
) -> None:
    page.goto("/indicators?lang=zh")
    nav = _tab_to(page, "header nav a")
    assert nav["text"] == "驾驶舱首页"
    lang = _tab_to(page, "header a.lang")
    assert lang["text"] == "English"
    row = _tab_to(page, "main table a[href^='/indicators/']")
    assert row["text"]
    for focused in (nav, lang, row):  # a focus style anyone can see
        assert focused["outline"] not in ("none", "") and focused["width"] not in ("0px", "")
    page.keyboard.press("Enter")
    page.wait_for_url("**/indicators/*")
    assert page.locator("h1").count() == 1


def test_overview_chart_data_is_also_a_table(page: Any, public_server: dict[str, Any]) -> None:
    page.goto("/?lang=en")
    table = page.locator("#table-domain")
    assert table.locator("summary").inner_text() == "The chart's data as a table"
    table.locator("summary").click()
    rows = table.locator("tbody tr")
    assert rows.count() >= 1
    totals = [int(t) for t in table.locator("tbody tr td:last-child").all_inner_texts()]
    assert sum(totals) == int(page.locator(".tile .big").first.inner_text())
