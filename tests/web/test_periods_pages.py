"""Pages of a leader's cockpit: the current period first with a visible switch to all and history
(kept by every link), the region and "数据截至" in every page's header, the file inputs labelled
in the page's language. The seed's plan (2021–2025) has a 2026 work report after it, so today the
plan's targets are history and the report's 2026 target is current."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from plancockpit.db.migrate import open_database
from tests.web.cockpit_seed import add_next_report

EVERY_PAGE = [
    "/",
    "/indicators",
    "/indicators/{gdp}",
    "/documents",
    "/documents/{doc}",
    "/regions",
    "/regions/{district}",
    "/units",
    "/units/区发改局",
    "/search",
    "/login",
    "/import",
]


@pytest.fixture
def later(seeded: dict[str, Any], make_client: Callable[..., TestClient]) -> Iterator[TestClient]:
    engine = open_database(seeded["url"])
    ids = seeded["ids"]
    ids["t_now"] = add_next_report(engine, ids, date.today().year)
    engine.dispose()
    with make_client(seeded["url"]) as c:
        yield c


def _switch(html: str) -> dict[str, str]:
    """period → its link in the page's switch; the one shown is marked."""
    nav = re.search(r'<nav class="period" id="period-switch".*?</nav>', html, re.S)
    assert nav, "no period switch"
    links = dict(
        (p, h) for h, p in re.findall(r'<a href="([^"]+)" data-period="(\w+)"', nav.group(0))
    )
    on = re.findall(r'data-period="(\w+)" class="on" aria-current="page"', nav.group(0))
    return {**links, "on": on[0] if on else ""}


@pytest.mark.parametrize("lang, words", [("zh", "数据截至 2023年"), ("en", "data as of 2023")])
def test_every_page_names_the_region_and_the_data_date(
    later: TestClient, ids: dict[str, int], sign_in: Callable[..., str], lang: str, words: str
) -> None:
    sign_in(later, "planner")
    for path in EVERY_PAGE:
        r = later.get(path.format(**ids), params={"lang": lang})
        assert r.status_code == 200, path
        header = re.search(r'<header class="top">.*?</header>', r.text, re.S)
        assert header and 'id="page-region">示范区<' in header.group(0), path
        assert words in re.sub(r"<[^>]+>", "", header.group(0)), path
    role = re.search(
        r'<span class="who"[^>]*>([^<]+)</span>', later.get("/", params={"lang": lang}).text
    )
    assert role and role.group(1) == ("planner (规划人员)" if lang == "zh" else "planner (Planner)")


def test_the_overview_shows_the_current_period_first(
    later: TestClient, ids: dict[str, int]
) -> None:
    now = later.get("/").text
    assert _switch(now)["on"] == "current"
    assert re.search(r'<div class="big">1</div>', now)  # the report's target only
    past = later.get("/?period=history")
    assert past.status_code == 200
    switch = _switch(past.text)
    assert switch["on"] == "history" and switch["current"] == "/?period=current"
    assert re.search(
        r'<div class="big">3</div>', past.text
    )  # the plan's three, not the revised one
    # every link of the page's tiles keeps the period, and the charts' clicks get it
    tiles = re.findall(r'href="(/indicators\?status=[^"]+)"', past.text)
    assert tiles and all(h.endswith("&amp;period=history") for h in tiles)
    assert '"period": "history"' in past.text
    assert later.get("/?period=sometime").status_code == 422
    assert later.get("/api/overview", params={"period": "all"}).json()["tiles"]["total"] == 4


def test_the_list_switches_period_and_links_keep_it(later: TestClient, ids: dict[str, int]) -> None:
    now = later.get("/indicators").text
    assert _switch(now)["on"] == "current"
    assert re.search(r'id="result-count">1<', now)
    found = later.get("/indicators", params={"q": "地区生产总值", "period": "history"}).text
    switch = _switch(found)
    assert switch["on"] == "history"
    assert (
        switch["all"]
        == "/indicators?q=%E5%9C%B0%E5%8C%BA%E7%94%9F%E4%BA%A7%E6%80%BB%E5%80%BC&amp;period=all"
    )
    assert (
        '<input type="hidden" name="period" value="history">' in found
    )  # the filter form keeps it
    assert re.search(r'id="result-count">2<', found)  # the plan's target and its revision
    assert "已被修订" in found and "已结束规划期" in found
    csv = re.search(r'href="(/indicators\.csv\?[^"]+)" id="download-csv"', found)
    assert csv and "period=history" in csv.group(1)  # the download is the view shown
    # a search that finds only history says where it is
    only_past = later.get("/indicators", params={"q": "托位"}).text
    assert re.search(r'id="result-count">0<', only_past) and 'id="history-hits"' in only_past
    assert "q=%E6%89%98%E4%BD%8D&amp;period=history" in only_past
    # older links (history=true) show everything
    assert re.search(r'id="result-count">5<', later.get("/indicators?history=true").text)


def test_regions_units_and_documents_switch_period(later: TestClient, ids: dict[str, int]) -> None:
    region = later.get(f"/regions/{ids['district']}", params={"period": "history"}).text
    assert _switch(region)["on"] == "history"
    assert f'href="/regions/{ids["town"]}?period=history"' in region  # the drill-down keeps it
    assert later.get("/regions?period=all").status_code == 200
    units = later.get("/units", params={"period": "history"}).text
    assert 'href="/units/%E5%8C%BA%E4%BA%BA%E7%A4%BE%E5%B1%80?period=history"' in units
    hr = later.get("/units/区人社局").text
    assert _switch(hr)["on"] == "current" and "城镇新增就业" not in hr
    hr_past = later.get("/units/区人社局", params={"period": "history"}).text
    assert "城镇新增就业" in hr_past and "已结束规划期" in hr_past
    doc = later.get(f"/documents/{ids['doc']}").text
    counts = re.search(r'<p class="meta" id="document-targets">.*?</p>', doc, re.S)
    assert counts
    text = re.sub(r"<[^>]+>", "", counts.group(0))
    assert "当前 0" in text and "历史 2" in text and "全部 2" in text
    assert f'href="/indicators?document_id={ids["doc"]}&amp;period=history"' in counts.group(0)


@pytest.mark.parametrize(
    "lang, button, empty",
    [("zh", "选择文件（可多选）", "未选择文件"), ("en", "Choose files", "No file chosen")],
)
def test_file_inputs_are_labelled_in_the_pages_language(
    client: TestClient, sign_in: Callable[..., str], lang: str, button: str, empty: str
) -> None:
    sign_in(client, "planner")
    html = client.get("/import", params={"lang": lang}).text
    pickers = re.findall(r'<label class="file-pick">(.*?)</label>', html, re.S)
    assert len(pickers) == 2  # documents and actual values
    for picker in pickers:
        assert 'type="file"' in picker and f'<span class="names" data-none="{empty}"' in picker
        assert re.search(r'<span class="pick" aria-hidden="true">[^<]+</span>', picker)
    assert f'aria-hidden="true">{button}<' in pickers[0]
