"""Full-text search over the ingested Xiaoshan corpus, on SQLite (FTS5 trigram) and PostgreSQL
(pg_trgm): 2- and 4-character Chinese queries, ranking, highlighting, escaping, links into the
document, the index kept per document, the API, the page and the command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import Document, SearchEntry
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.opendata import search

SCRIPT_DOC = (
    "测试区规划纲要\n\n一、目标\n\n到2025年，独角兽指数达到80。<script>alert('独角兽')</script>"
    "注意<b>加粗</b>与&amp;符号。\n"
)


@pytest.fixture
def indexed(db_engine: Engine, corpus_dir: Path, tmp_path: Path) -> dict[str, Any]:
    (tmp_path / "script_test.txt").write_text(SCRIPT_DOC, encoding="utf-8")
    outcomes = ingest_paths(db_engine, [corpus_dir, tmp_path / "script_test.txt"])
    assert all(o.status == "ingested" for o in outcomes), [o.message for o in outcomes]
    script_doc = next(o.document_id for o in outcomes if o.path.name == "script_test.txt")
    return {"engine": db_engine, "script_doc": script_doc}


def _find(engine: Engine, q: str, **kw: Any) -> dict[str, Any]:
    with transaction(engine) as s:
        return search.search(s, search.Query(q, **kw))


@pytest.mark.parametrize("q", ["研发", "研发投入"])
def test_chinese_queries_find_sentences_with_their_place(indexed: dict[str, Any], q: str) -> None:
    found = _find(indexed["engine"], q, limit=100)
    assert found["total"] >= 3
    kinds = {hit["kind"] for hit in found["items"]}
    assert "sentence" in kinds
    with transaction(indexed["engine"]) as s:
        for hit in found["items"]:
            assert q in hit["text"] and f"<mark>{q}</mark>" in hit["highlight"]
            if hit["kind"] == "sentence":
                doc = s.get(Document, hit["document_id"])
                assert doc is not None and doc.text[hit["start"] : hit["end"]] == hit["text"]
                assert hit["url"].startswith(f"/documents/{doc.id}")


def test_an_exact_indicator_name_ranks_first(indexed: dict[str, Any]) -> None:
    found = _find(indexed["engine"], "地区生产总值")
    first = found["items"][0]
    assert (first["kind"], first["name"]) == ("indicator", "地区生产总值")
    assert first["url"].startswith("/indicators/")
    assert found["total"] > 1  # records and sentences follow


def test_kind_and_paging(indexed: dict[str, Any]) -> None:
    everything = _find(indexed["engine"], "研发", limit=100)["items"]
    only = _find(indexed["engine"], "研发", kind="sentence", limit=100)["items"]
    assert only and {h["kind"] for h in only} == {"sentence"}
    page2 = _find(indexed["engine"], "研发", limit=2, offset=2)["items"]
    assert [h["url"] for h in page2] == [h["url"] for h in everything[2:4]]
    assert _find(indexed["engine"], "   ")["items"] == []
    assert _find(indexed["engine"], "%_")["total"] == 0  # LIKE's wildcards are text


def test_hits_are_escaped(indexed: dict[str, Any]) -> None:
    for q in ("独角兽", "<script>", "加粗"):
        hits = _find(indexed["engine"], q)["items"]
        assert hits, q
        for hit in hits:
            assert "<script>" not in hit["highlight"] and "<b>" not in hit["highlight"]
    marked = _find(indexed["engine"], "<script>")["items"][0]["highlight"]
    assert "<mark>&lt;script&gt;</mark>" in marked


def test_the_index_follows_a_document_removed(indexed: dict[str, Any]) -> None:
    engine, doc_id = indexed["engine"], indexed["script_doc"]
    with transaction(engine) as s:
        assert s.scalar(select(func.count()).where(SearchEntry.document_id == doc_id))
        s.delete(s.get(Document, doc_id))
    with transaction(engine) as s:
        assert not s.scalar(select(func.count()).where(SearchEntry.document_id == doc_id))
    assert [h for h in _find(engine, "独角兽指数")["items"] if h["kind"] != "indicator"] == []
    with transaction(engine) as s:  # and a rebuild gives the same index
        before = s.scalar(select(func.count(SearchEntry.id)))
        search.rebuild_all(s)
        assert s.scalar(select(func.count(SearchEntry.id))) == before
    assert _find(engine, "研发投入")["total"] >= 3


def test_api_page_and_command(
    indexed: dict[str, Any], db_url: str, make_client: Callable[..., Any]
) -> None:
    with make_client(db_url) as client:
        r = client.get("/api/search", params={"q": "地区生产总值", "limit": 5})
        assert r.status_code == 200
        assert r.json()["items"][0]["name"] == "地区生产总值"
        assert client.get("/api/search", params={"kind": "nope", "q": "x"}).status_code == 422
        assert (
            client.get("/api/search", params={"q": "研\x00发"}).status_code == 200
        )  # NUL: a space
        page = client.get("/search", params={"q": "<script>"})
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
        assert "<mark>" in page.text
        assert client.get("/search", params={"q": "研发", "lang": "en"}).status_code == 200
    out = CliRunner().invoke(app, ["search", "研发投入", "--db", db_url, "--limit", "3"])
    assert out.exit_code == 0, out.output
    assert "研发投入" in out.output and "hits" in out.output


def test_a_database_indexed_at_start(
    seeded: dict[str, Any], make_client: Callable[..., Any]
) -> None:
    """The seeded database was filled without ingest: the app indexes it when it starts."""
    with make_client(seeded["url"]) as client:
        hits = client.get("/api/search", params={"q": "地区生产总值"}).json()["items"]
        assert hits and hits[0]["kind"] == "indicator"


def test_highlight_cuts_long_text_around_the_hit() -> None:
    body = "甲" * 200 + "研发投入" + "乙" * 200
    out = str(search.highlight(body, "研发投入", width=40))
    assert out.startswith("…") and out.endswith("…") and "<mark>研发投入</mark>" in out
    assert len(out) < 80
