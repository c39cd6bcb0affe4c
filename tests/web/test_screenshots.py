"""Screenshots of the cockpit at 1366×768 in both languages, saved by the suite for people to look
at — overview, indicators list, an indicator, a document, a region, a unit and the import page —
into $PLANCOCKPIT_SCREENSHOTS (else the test's temp folder; never the repository). Each page is
also checked for what a screenshot would show wrong: a page wider than the screen, "None" where
a value is missing, and (in English) Chinese words in the page's own frame (headings, table
heads, buttons, labels: document text and names stay as written).
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_spec = importlib.util.spec_from_file_location(
    "browser_fixtures", Path(__file__).with_name("test_browser.py")
)
assert _spec and _spec.loader
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)
server, page = _fixtures.server, _fixtures.page

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")
FRAME = "header nav a, h2, th, button, .tile .label, .pick, .names, #period-switch"
LABELS = """() => Array.from(document.querySelectorAll('label')).map(l => Array.from(l.childNodes)
  .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim())"""
PAGES = ["overview", "indicators", "indicator", "document", "region", "unit", "import"]


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(
        os.environ.get("PLANCOCKPIT_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots")
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def addresses(browser: Any, server: dict[str, Any]) -> Iterator[dict[str, str]]:
    """Each page's address on the corpus: the plan's GDP indicator, the plan, the district, the
    lead unit with the most targets (all periods)."""
    context = browser.new_context(base_url=server["base"])
    api = context.request
    items = api.get("/api/indicators", params={"q": "地区生产总值", "period": "all"}).json()[
        "items"
    ]
    gdp = next(r["indicator_id"] for r in items if r["indicator_name"] == "地区生产总值")
    docs = api.get("/api/documents", params={"kind": "plan"}).json()["items"]
    region = next(r["id"] for r in api.get("/api/regions").json()["items"] if r["name"] == "萧山区")
    unit = max(
        api.get("/api/units", params={"period": "all"}).json()["items"], key=lambda u: u["total"]
    )
    context.close()
    yield {
        "overview": "/",
        "indicators": "/indicators",
        "indicator": f"/indicators/{gdp}",
        "document": f"/documents/{docs[0]['id']}",
        "region": f"/regions/{region}",
        "unit": f"/units/{unit['name']}?period=all",
        "import": "/import",
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(
    page: Any, shots: Path, addresses: dict[str, str], name: str, lang: str
) -> None:
    if name == "import":
        _fixtures._sign_in(page)
    address = addresses[name]
    page.goto(address + ("&" if "?" in address else "?") + f"lang={lang}")
    page.wait_for_load_state("networkidle")
    if page.locator(".chart").count():
        page.wait_for_selector(".chart canvas, .empty")
    page.wait_for_timeout(300)  # ECharts draws after its first frame
    page.screenshot(path=str(shots / f"{name}-{lang}-1366x768.png"))
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name}: the page is wider than the screen {width}"
    text = page.inner_text("body")
    assert not re.search(r"\bNone\b|\bnull\b|undefined", text), name
    if lang == "en":
        words = page.locator(FRAME).all_inner_texts() + list(page.evaluate(LABELS))
        frame = [t for t in words if CJK.search(t)]
        assert not frame, f"{name}: untranslated {frame[:5]}"
    assert page.title().endswith("规划驾驶舱" if lang == "zh" else "Plan cockpit")
