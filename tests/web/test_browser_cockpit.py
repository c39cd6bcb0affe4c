"""A leader's cockpit in headless Chromium on the Xiaoshan corpus: the current period first with a
switch to all and history that links keep, the region and "数据截至" in every page's header, the
indicator chart fitted to its data with no path against its target, and the file inputs labelled
in the page's language. The server and page fixtures are `test_browser.py`'s.
"""

from __future__ import annotations

import importlib.util
import re
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
sign_in = _fixtures._sign_in

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")


def _indicator_id(page: Any, name: str) -> int:
    found = page.request.get(
        "/api/indicators", params={"q": name, "period": "all", "limit": 50}
    ).json()
    ids = {r["indicator_id"] for r in found["items"] if r["indicator_name"] == name}
    assert len(ids) == 1, (name, found["items"])
    return ids.pop()


def test_the_current_period_first_with_a_switch_links_keep(page: Any) -> None:
    page.goto("/")
    assert page.locator("#period-switch a.on").get_attribute("data-period") == "current"
    now = int(page.locator(".tile .big").first.inner_text())
    page.click("#period-switch a[data-period=history]")
    page.wait_for_url("**/?period=history")
    assert page.locator("#period-switch a.on").get_attribute("data-period") == "history"
    past = int(page.locator(".tile .big").first.inner_text())
    assert now > 0 and past > 0 and past != now  # the 2026 report's targets vs the plan's
    assert (
        page.locator("#period-help").inner_text()
        == "已结束规划期的目标和已被修订的目标（不计入当前统计）"
    )
    # the most lagging history targets, each marked as history
    assert page.locator("#lagging table.grid").locator("tbody .tag.past").count() >= 1
    page.locator(".tile .mini a").first.click()  # a tile's count opens the same targets
    page.wait_for_url("**/indicators?status=*&period=history")
    assert page.locator("#period-switch a.on").get_attribute("data-period") == "history"
    rows = page.locator("table.grid tbody tr")
    assert rows.count() >= 1 and rows.locator(".tag.past").count() == rows.count()
    page.fill("input[name=q]", "地区生产总值")  # filtering keeps the period
    page.click("#filters button[type=submit]")
    page.wait_for_url("**q=*")
    assert "period=history" in page.url
    page.click("#period-switch a[data-period=current]")
    page.wait_for_url("**period=current*")
    assert "q=" in page.url and page.locator("table.grid tbody .tag.past").count() == 0


def test_regions_units_and_a_documents_targets_by_period(page: Any) -> None:
    page.goto("/units?period=all")
    first = page.locator("table.grid tbody td:first-child a").first
    href = first.get_attribute("href") or ""
    assert href.endswith("?period=all")
    first.click()
    page.wait_for_selector("#period-switch a.on[data-period=all]")
    assert page.locator("table.grid tbody tr").count() >= 1
    page.goto("/documents")
    page.locator("table.grid tbody a", has_text="十四个五年规划").first.click()
    counts = page.locator("#document-targets")
    assert re.search(r"当前 0 · 历史 \d+ · 全部 \d+", counts.inner_text())  # the plan ended in 2025
    counts.locator("a[data-period=history]").click()
    page.wait_for_url("**period=history")
    assert int(page.inner_text("#result-count")) > 100


@pytest.mark.parametrize("lang, words", [("zh", "数据截至"), ("en", "data as of")])
def test_every_page_names_the_region_and_the_data_date(page: Any, lang: str, words: str) -> None:
    sign_in(page)
    gdp = _indicator_id(page, "地区生产总值")
    for path in [
        "/",
        "/indicators",
        f"/indicators/{gdp}",
        "/documents",
        "/documents/3",
        "/regions",
        "/units",
        "/search",
        "/import",
    ]:
        page.goto(f"{path}?lang={lang}")
        scope = page.locator("#page-scope")
        assert scope.is_visible(), path
        assert "萧山区" in page.inner_text("#page-region") and words in scope.inner_text(), path


def test_the_indicator_chart_fits_its_data(page: Any) -> None:
    def option(indicator: int) -> dict[str, Any]:
        page.goto(f"/indicators/{indicator}")
        page.wait_for_selector("#chart-indicator canvas")
        return dict(
            page.evaluate(
                "() => { const o = echarts.getInstanceByDom(document.getElementById('chart-indicator')).getOption();"
                " return {x: o.xAxis[0], series: o.series.map(s => ({name: s.name, data: s.data}))}; }"
            )
        )

    one_year = option(_indicator_id(page, "城乡居民医疗保险覆盖率"))  # one year of data
    assert (one_year["x"]["min"], one_year["x"]["max"]) == (2019, 2021)
    fdi = option(_indicator_id(page, "实际利用外资"))
    paths = [s for s in fdi["series"] if s["name"].startswith("预期路径")]
    assert len(paths) == 2 and all("#" not in s["name"] for s in fdi["series"])  # names, not ids
    for s in paths:  # a higher-is-better indicator: no path goes down
        values = [v for _, v in s["data"]]
        assert values == sorted(values), s
    observed = [s for s in fdi["series"] if s["name"] == "实际值"][0]["data"]
    assert len(observed) == len({tuple(p) for p in observed})
    baseline = page.locator("tbody .observed-baseline").first
    assert "2020年实际" in baseline.inner_text() and baseline.get_attribute("title")


@pytest.mark.parametrize(
    "lang, button, empty",
    [("zh", "选择文件（可多选）", "未选择文件"), ("en", "Choose files", "No file chosen")],
)
def test_file_inputs_speak_the_pages_language(
    page: Any, server: dict[str, Any], lang: str, button: str, empty: str
) -> None:
    sign_in(page)
    page.goto(f"/import?lang={lang}")
    picker = page.locator("#upload-documents .file-pick")
    assert (
        picker.locator(".pick").inner_text() == button
        and picker.locator(".names").inner_text() == empty
    )
    native = picker.locator("input[type=file]")
    assert native.evaluate("e => getComputedStyle(e).opacity") == "0"  # the browser's words unseen
    one = server["tmp"] / "picked.txt"
    one.write_text("选取测试\n", encoding="utf-8")
    native.set_input_files([str(one)])
    assert picker.locator(".names").inner_text() == "picked.txt"
    many = [server["tmp"] / f"p{i}.txt" for i in range(4)]
    for f in many:
        f.write_text("x\n", encoding="utf-8")
    native.set_input_files([str(f) for f in many])
    assert picker.locator(".names").inner_text() == (
        "已选择4个文件" if lang == "zh" else "4 files chosen"
    )
    actuals = page.locator("#upload-actuals .file-pick").inner_text()
    assert (CJK.search(actuals) is None) == (lang == "en"), actuals
