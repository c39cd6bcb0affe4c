"""Questions in the cockpit: `GET /api/ask`, the `/ask` page with its citations as links (escaped),
the overview's question box, both languages."""

from __future__ import annotations

import html
from typing import Any

from fastapi.testclient import TestClient


def test_api_answers_with_figures_and_citations(client: TestClient, ids: dict[str, int]) -> None:
    r = client.get("/api/ask", params={"q": "示范区每千人拥有托位数的目标是多少？"})
    assert r.status_code == 200
    data: dict[str, Any] = r.json()
    assert data["found"] and [f["value"] for f in data["figures"]] == [4.5]
    cite = data["citations"][0]
    assert cite["document_id"] == ids["doc"] and cite["url"].startswith(
        f"/documents/{ids['doc']}#r"
    )
    assert "托位数达到4.5个" in cite["quote"] and cite["end"] > cite["start"]
    assert data["intent"]["kind"] == "target_value"


def test_api_not_found_and_empty(client: TestClient) -> None:
    data = client.get("/api/ask", params={"q": "2030年地区生产总值目标是多少？"}).json()
    assert (data["found"], data["figures"]) == (False, [])
    assert data["suggestions"] and "2030" in data["answer_zh"]
    empty = client.get("/api/ask").json()
    assert (empty["found"], empty["figures"]) == (False, [])
    assert client.get("/api/ask", params={"q": "问" * 500}).status_code == 422
    assert "/api/ask" in client.get("/openapi.json").json()["paths"]


def test_page_shows_the_answer_with_links_escaped(client: TestClient, ids: dict[str, int]) -> None:
    r = client.get("/ask", params={"q": "示范区每千人拥有托位数的目标是多少？"})
    assert r.status_code == 200
    page = r.text
    assert 'id="ask-answer"' in page and f'href="/indicators/{ids["care"]}"' in page
    assert f'href="/documents/{ids["doc"]}#r' in page
    # the document's title holds <script>: shown as text
    assert (
        "<script>alert(1)</script>" not in page and html.escape("<script>alert(1)</script>") in page
    )


def test_a_question_with_markup_is_text(client: TestClient) -> None:
    r = client.get("/ask", params={"q": "<img src=x onerror=alert(1)>地区生产总值目标"})
    assert r.status_code == 200 and "<img src=x" not in r.text and "&lt;img src=x" in r.text


def test_english_page(client: TestClient) -> None:
    page = client.get("/ask", params={"q": "What is the 2025 target for GDP?", "lang": "en"}).text
    assert "target" in page and "2600" in page and "Closest matches" not in page


def test_the_overview_has_the_question_box(client: TestClient) -> None:
    page = client.get("/").text
    assert 'id="ask-box"' in page and 'action="/ask"' in page and 'name="q"' in page
