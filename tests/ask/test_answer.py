"""Answers on the cockpit's small hand-made database (tests/web/cockpit_seed.py), on SQLite and
PostgreSQL: the figures the seed stores, cited where the seed says they were written, and an
honest "not found" (no figure) for what it does not hold."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from plancockpit.ask.answer import ask
from plancockpit.db.engine import transaction
from plancockpit.services.opendata.search import rebuild_all

ON = date(2024, 6, 30)


def _seed_module() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "web" / "cockpit_seed.py"
    spec = importlib.util.spec_from_file_location("cockpit_seed_for_ask", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEED = _seed_module()


@pytest.fixture
def seeded(db_engine: Engine) -> Iterator[tuple[Session, dict[str, int]]]:
    ids = SEED.seed(db_engine)
    with transaction(db_engine) as s:
        rebuild_all(s)
    with Session(db_engine) as session:
        yield session, ids


def _values(a: Any, kind: str | None = None) -> list[float]:
    return [f.value for f in a.figures if kind is None or f.kind == kind]


def test_target_value_the_revision_wins(seeded: tuple[Session, dict[str, int]]) -> None:
    s, ids = seeded
    a = ask(s, "2025年地区生产总值目标是多少？", on=ON)
    # the plan's 2500 was raised to 2600 (t_gdp2 revises t_gdp): the current target is 2600
    assert a.found and _values(a) == [2600]
    assert a.items[0].url == f"/indicators/{ids['gdp']}"
    en = ask(s, "What is the 2025 target for GDP?", on=ON)
    assert en.intent.lang == "en" and _values(en) == [2600] and "2600" in en.text_en


def test_a_cited_target_points_into_the_sentence(seeded: tuple[Session, dict[str, int]]) -> None:
    s, ids = seeded
    a = ask(
        s, "示范区每千人拥有托位数的目标是多少？", on=ON
    )  # a town's indicator, asked of the district
    assert _values(a) == [4.5]
    c = a.citations[0]
    assert (c.document_id, c.doc) == (ids["doc"], "plan<b>.txt")
    assert SEED.TEXT[c.start : c.end] == "2023年城镇新增就业2.1万人。每千人拥有托位数达到4.5个。"
    assert c.quote == SEED.TEXT[c.start : c.end] and c.url.startswith(f"/documents/{ids['doc']}#r")


def test_latest_and_history(seeded: tuple[Session, dict[str, int]]) -> None:
    s, ids = seeded
    latest = ask(s, "地区生产总值最新数据是多少？", on=ON)
    assert latest.intent.kind == "latest_status"
    assert _values(latest, "actual") == [2000] and latest.items[0].figures[0].year == 2023
    assert _values(latest, "target") == [2600]
    hist = ask(s, "地区生产总值这几年怎么变化？", on=ON)
    assert _values(hist) == [1800, 1900, 1950, 2000]
    jobs = ask(s, "城镇新增就业历年情况", on=ON)
    assert _values(jobs) == [2.1, 2.1, 2.1]
    cited = [c for c in jobs.citations if c.document_id]  # only 2023's was read from a document
    assert [c.url for c in cited] == [f"/documents/{ids['doc']}#r{ids['record_actual']}"]


def test_a_units_targets(seeded: tuple[Session, dict[str, int]]) -> None:
    s, _ = seeded
    for q in ("区发改局牵头的目标进展如何？", "区发展和改革局牵头的目标有哪些滞后？"):
        a = ask(s, q, on=ON)
        assert a.intent.kind == "lagging_list" and a.intent.unit == "区发改局"
        assert _values(a) == [2600]  # the superseded 2500 is history, not a current target
    binding = ask(s, "示范区哪些约束性目标滞后？", on=ON)
    assert [i.name for i in binding.items] == ["城镇新增就业"]


def test_commitments_and_revisions(seeded: tuple[Session, dict[str, int]]) -> None:
    s, ids = seeded
    a = ask(s, "关于托位，规划提出了哪些目标？", on=ON)
    assert a.intent.kind == "document_commitments" and _values(a) == [4.5]
    assert a.citations[0].document_id == ids["doc"]
    r = ask(s, "地区生产总值目标前后有什么调整？", on=ON)
    assert r.intent.kind == "revisions" and sorted(_values(r)) == [2500, 2600]
    assert "调高" in r.text_zh and "raised" in r.text_en


NOT_FOUND = [
    "房价收入比的目标是多少？",  # no such indicator
    "2030年地区生产总值目标是多少？",  # no target for that year
    "上海市地区生产总值目标是多少？",  # a place the database does not hold
    "关于火星基地，规划提出了哪些目标？",  # a topic no document speaks of
    "区气象局牵头的目标进展如何？",  # a unit nobody leads with
    "出生率这几年怎么变化？",  # no such series
]


def test_not_found_never_gives_a_figure(seeded: tuple[Session, dict[str, int]]) -> None:
    s, _ = seeded
    for question in NOT_FOUND:
        a = ask(s, question, on=ON)
        assert (a.found, a.figures, a.items) == (False, [], ()), question
        assert a.text_zh and a.text_en


def test_not_found_offers_the_closest(seeded: tuple[Session, dict[str, int]]) -> None:
    s, ids = seeded
    a = ask(s, "2030年地区生产总值目标是多少？", on=ON)
    assert "2030" in a.text_zh and any(x.url == f"/indicators/{ids['gdp']}" for x in a.suggestions)
    near = ask(s, "地区生产总量的目标是多少？", on=ON)
    assert not near.found and "地区生产总值" in [x.name for x in near.suggestions]


def test_the_json_shape(seeded: tuple[Session, dict[str, int]]) -> None:
    s, _ = seeded
    data = ask(s, "2025年地区生产总值目标是多少？", on=ON).to_json()
    assert set(data) >= {
        "question",
        "intent",
        "found",
        "answer_zh",
        "answer_en",
        "figures",
        "citations",
        "items",
        "suggestions",
    }
    assert data["intent"]["kind"] == "target_value" and data["figures"][0]["value"] == 2600
