"""What a planner reads: codes shown as words in both languages, hints where an action needs a sign-in."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from fastapi.testclient import TestClient


def _text(html: str) -> str:
    """The visible words of a page: tags, scripts and the embedded chart data removed."""
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    ("lang", "words", "codes"),
    [
        ("en", ["Name", "Descending", "Binding", "Expected"], [">name<", "↓", ">预期性<"]),
        ("zh", ["指标名称", "降序", "约束性", "预期性"], [">name<", ">progress<"]),
    ],
)
def test_indicator_list_sort_and_attribute_words(
    client: TestClient, lang: str, words: list[str], codes: list[str]
) -> None:
    html = client.get(f"/indicators?lang={lang}").text
    for word in words:
        assert word in _text(html), word
    for code in codes:
        assert code not in html, code


@pytest.mark.parametrize(
    ("lang", "raised", "level"), [("en", "Raised", "District"), ("zh", "上调", "区")]
)
def test_revision_and_region_level_are_words(
    client: TestClient, ids: dict[str, int], lang: str, raised: str, level: str
) -> None:
    page = _text(client.get(f"/indicators/{ids['gdp']}?lang={lang}").text)
    assert raised in page and "raised" not in page.replace(raised, "")
    assert ("time elapsed" if lang == "en" else "时间进度") in page  # the f/e/x/p legend
    region = client.get(f"/regions/{ids['district']}?lang={lang}").text
    assert f"<small>{level}</small>" in region and "<small>district</small>" not in region


def test_numbers_are_not_padded(client: TestClient) -> None:
    page = _text(client.get("/indicators?lang=en").text)
    assert "2.1万人" in page  # the latest value carries its unit and no trailing zero
    assert "2.10" not in page


def test_document_meta_line_has_words_and_no_empty_parts(
    client: TestClient, ids: dict[str, int]
) -> None:
    html = client.get(f"/documents/{ids['doc']}?lang=en").text
    meta = re.search(r'<p class="meta">(.*?)</p>', html, flags=re.S)
    assert meta
    line = _text(meta.group(1))
    assert "Plan" in line and "Period 2021–2025" in line and "2021-03-01" in line
    assert "·  ·" not in line and " plan " not in line


def test_signed_out_reviewer_is_told_to_sign_in(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    url = f"/documents/{ids['doc']}"
    html = client.get(url + "?lang=en").text
    assert 'id="review-hint"' in html and "Sign in to confirm, edit or reject" in html
    assert f'href="/login?next={url}"' in html
    sign_in(client)  # a planner sees the review forms instead of the hint
    html = client.get(url).text
    assert 'id="review-hint"' not in html and 'value="confirm"' in html


def test_viewer_is_told_review_is_not_allowed(
    client: TestClient, ids: dict[str, int], sign_in: Callable[..., str]
) -> None:
    sign_in(client, "viewer")
    html = client.get(f"/documents/{ids['doc']}?lang=en").text
    assert 'id="review-hint"' in html and "Not allowed" in html and 'value="confirm"' not in html


def test_overview_explains_the_share_and_links_to_import(client: TestClient) -> None:
    html = client.get("/?lang=en").text
    basis = re.search(r'id="share-basis"[^>]*>(.*?)</div>', html)
    assert basis and re.fullmatch(r"\d+ of \d+ targets with data", basis.group(1).strip())
    assert 'id="fill-actuals"' in html


def test_signed_out_review_post_returns_to_the_document_after_sign_in(
    client: TestClient, ids: dict[str, int]
) -> None:
    doc = f"/documents/{ids['doc']}"
    r = client.post(
        f"{doc}/records/{ids['record']}/review",
        data={"action": "confirm", "csrf_token": "x"},
        headers={"referer": f"http://testserver{doc}"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert (
        r.headers["location"] == f"/login?next=%2Fdocuments%2F{ids['doc']}&why=need_sign_in"
    )  # not the POST url
    login = client.get(r.headers["location"] + "&lang=en").text
    assert 'id="login-notice"' in login and "Please sign in first" in login
    assert f'name="next" value="{doc}"' in login
    foreign = client.post(
        f"{doc}/records/{ids['record']}/review",
        data={"action": "confirm"},
        headers={"referer": "http://evil.example/x"},
        follow_redirects=False,
    )
    assert foreign.headers["location"] == "/login?next=%2F&why=need_sign_in"


def test_a_refused_workbook_names_the_file_once(
    client: TestClient, sign_in: Callable[..., str], run_jobs: Callable[..., None]
) -> None:
    sign_in(client)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/import").text)
    assert token
    queued = client.post(
        "/import/actuals",
        data={"csrf_token": token.group(1)},
        files={"file": ("bad.xlsx", b"PK\x03\x04 not a workbook")},
    )
    run_jobs(client)
    r = client.get(queued.url)
    assert '<strong id="job-state">失败</strong>' in r.text  # the job failed, nothing imported
    error = re.search(r'<p class="error" id="job-error">(.*?)</p>', r.text)
    assert error and error.group(1).count("bad.xlsx") == 1, error


def test_exports_write_comparators_and_formula_like_text_as_literal_text() -> None:
    from openpyxl import Workbook, load_workbook

    from plancockpit.web.export import _cells, _safe, _text_cell

    row = {
        "indicator_name": "=SUM(A1)",
        "comparator": "=",
        "progress": 0.19999999999999998,
        "lead_units": ["区发改局", "区统计局"],
    }
    cells = dict(
        zip(
            ["target_id", "indicator_id", "indicator_name", "domain", "region_name", "comparator"],
            _cells(row),
            strict=False,
        )
    )
    assert cells["comparator"] == "＝" and _cells({"comparator": ">="})[5] == "≥"
    assert 0.2 in _cells(row) and "区发改局、区统计局" in _cells(row)
    assert _safe("=SUM(A1)") == "'=SUM(A1)"  # CSV: the usual apostrophe
    assert _safe("\t=1+1") == "'\t=1+1" and _safe("\r=1") == "'\r=1"  # TAB and CR too
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("x")
    ws.append([_text_cell(ws, "=SUM(A1)"), _text_cell(ws, "-5%"), _text_cell(ws, "正文")])
    buf = BytesIO()
    wb.save(buf)
    values = next(load_workbook(BytesIO(buf.getvalue())).active.iter_rows(values_only=True))
    assert values == ("=SUM(A1)", "-5%", "正文")  # literal text, no apostrophe, no formula


def _notes_lines(html: str) -> list[str]:
    """The assessment notes (the muted line under each target's numbers) of an indicator page."""
    return [
        m.strip()
        for m in re.findall(
            r'<td class="numbers">.*?<small class="muted">(.*?)</small>', html, flags=re.S
        )
    ]


def test_assessment_notes_are_in_the_page_language(client: TestClient, ids: dict[str, int]) -> None:
    en = _notes_lines(client.get(f"/indicators/{ids['gdp']}?lang=en").text)
    zh = _notes_lines(client.get(f"/indicators/{ids['gdp']}?lang=zh").text)
    assert en and len(en) == len(zh), (en, zh)
    for en_line, zh_line in zip(en, zh, strict=True):
        assert re.search(r"\b(the|value|by|target|data)\b", en_line), en_line
        assert not re.search(r"[\u4e00-\u9fff]", en_line.replace("约束性", "")), en_line
        assert re.search(r"[\u4e00-\u9fff]{4}", zh_line), zh_line
        assert not re.search(r"\b(the|by|value|anticipated)\b", zh_line), zh_line


def test_a_note_stored_before_notes_zh_existed_still_shows(
    client: TestClient, ids: dict[str, int], seeded: dict[str, Any]
) -> None:
    """Old stored details have English notes only: the Chinese page shows those rather than nothing."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from plancockpit.services.cockpit.facts import TargetFact

    engine = create_engine(seeded["url"])
    with Session(engine) as s:
        fact = s.scalars(select(TargetFact).where(TargetFact.indicator_id == ids["gdp"])).first()
        assert fact is not None
        fact.details = {k: v for k, v in fact.details.items() if k != "notes_zh"} | {
            "notes": ["old note"]
        }
        s.commit()
    assert "old note" in _notes_lines(client.get(f"/indicators/{ids['gdp']}?lang=zh").text)


@pytest.mark.parametrize(
    ("lang", "words", "blank"),
    [
        ("zh", ["已导入", "未导入"], "另有1行未填写数值，已跳过"),
        ("en", ["Ingested", "Not ingested"], "1 rows left blank were skipped"),
    ],
)
def test_import_page_row_statuses_are_words(
    client: TestClient,
    ids: dict[str, int],
    sign_in: Callable[..., str],
    run_jobs: Callable[..., None],
    lang: str,
    words: list[str],
    blank: str,
) -> None:
    """Each row names its indicator and says its status in words; blank rows fold into one line."""
    sign_in(client)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/import").text)
    assert token
    csv_bytes = (
        f"indicator_id,year,value\n{ids['gdp']},2024,2700\n{ids['gdp']},2023,\n999999,2024,1\n"
    ).encode()
    client.cookies.set("lang", lang)
    queued = client.post(
        "/import/actuals", data={"csrf_token": token.group(1)}, files={"file": ("a.csv", csv_bytes)}
    )
    run_jobs(client)
    r = client.get(queued.url)
    table = re.search(
        r'<table class="grid" id="actuals-rows">.*?<tbody>(.*?)</tbody>', r.text, flags=re.S
    )
    assert table, r.text[:500]
    rows = re.findall(r"<tr[^>]*><td>\d+</td><td>(.*?)</td><td>(.*?)</td>", table.group(1))
    assert [_text(status).strip() for _, status in rows] == words
    assert [_text(name).strip() for name, _ in rows] == ["地区生产总值", "999999"]
    assert blank in table.group(1)


def test_a_table_cell_source_shows_its_row(
    client: TestClient, ids: dict[str, int], seeded: dict[str, Any]
) -> None:
    """A record from a table cell: the row's name and the column label, the number highlighted."""
    from datetime import date

    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from plancockpit.db.models import Document, Record, Section, Target
    from plancockpit.services.cockpit.facts import TargetFact
    from plancockpit.services.cockpit.refresh import refresh_facts

    head, row = "| 指标名称 | 2015年 | 2020年 |\n", "| 地区生产总值(亿元) | 1587.8 | 1828.47 |\n"
    text = "表1 主要指标\n" + head + row
    a = text.index("1587.8")

    def cell(line: str, word: str) -> dict[str, Any]:
        start = text.index(word, text.index(line))
        return {"text": word, "start": start, "end": start + len(word)}

    grid = {
        "title": "主要指标",
        "header": [[cell(head, w) for w in ("指标名称", "2015年", "2020年")]],
        "rows": [[cell(row, w) for w in ("地区生产总值(亿元)", "1587.8", "1828.47")]],
        "group": [""],
        "notes": [],
        "lead_units": [],
    }
    engine = create_engine(seeded["url"])
    with Session(engine) as s:
        doc = Document(
            name="table.txt",
            content_hash="t" * 64,
            format="txt",
            text=text,
            title="表格文件",
            kind="plan",
        )
        s.add(doc)
        s.flush()
        s.add(
            Section(
                document_id=doc.id,
                position=0,
                depth=0,
                kind="table",
                number="表1",
                title="主要指标",
                start=text.index(head),
                end=len(text),
                table=grid,
            )
        )
        rec = Record(
            document_id=doc.id,
            start=a,
            end=a + 6,
            number="1587.8",
            metric="地区生产总值",
            kind="target",
            value=1587.8,
            unit="亿元",
            sentence_start=a,
            sentence_end=a + 6,
            cell_row=0,
            cell_col=1,
        )
        s.add(rec)
        s.flush()
        rec_id = rec.id
        target = s.get(Target, ids["t_gdp"])
        assert target is not None
        target.record_id = rec.id
        refresh_facts(s, on=date(2026, 6, 30))
        s.commit()
        fact = s.scalars(select(TargetFact).where(TargetFact.target_id == ids["t_gdp"])).one()
        assert "地区生产总值(亿元) · 2015年：1587.8" in fact.search_text
    html = client.get(f"/indicators/{ids['gdp']}").text
    quote = re.search(rf'<blockquote id="src{rec_id}"[^>]*>(.*?)<footer>', html, flags=re.S)
    assert quote, html
    assert (
        quote.group(1).strip()
        == '地区生产总值(亿元) · 2015年：<mark class="k-target">1587.8</mark>'
    )


def test_each_status_reads_as_a_sentence_with_the_numbers_one_click_away(
    client: TestClient, ids: dict[str, int]
) -> None:
    zh = client.get(f"/indicators/{ids['gdp']}?lang=zh").text
    en = client.get(f"/indicators/{ids['gdp']}?lang=en").text
    said = re.findall(r'<span class="summary">(.*?)</span>', zh)
    assert said and all("目标" in s for s in said) and any("2600亿元以上" in s for s in said), said
    assert re.search(r'<span class="summary">2023: [^<]* by 2025: off track</span>', en)
    assert '<details class="formula"><summary>计算过程</summary>' in zh


def test_regions_say_what_is_missing_and_bars_carry_their_counts(client: TestClient) -> None:
    top = client.get("/api/regions").json()["items"][0]
    children = client.get(f"/api/regions/{top['id']}").json()["children"]
    west = next(r for r in children if r["name"] == "西街道")
    page = client.get(f"/regions/{west['id']}").text
    assert 'id="no-children"' in page and "plancockpit regions load" in page
    units = client.get("/units").text
    assert re.search(r'<small class="tally"><span class="s-\w+-text">[^<]+ \d+</span>', units)
