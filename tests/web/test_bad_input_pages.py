"""Bad input through the pages' forms (the API's refusals are in test_supervision.py and
test_rounds.py): an answer to a closed item, a value for another unit's town, an oversized or
mistyped attachment, a round with no indicators, a due date in the past — each an error page
with a clear message, in both languages, and nothing stored (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import (
    Event,
    Observation,
    Round,
    RoundItem,
    SupervisionAttachment,
    SupervisionItem,
    SupervisionTransition,
    Target,
)
from plancockpit.services.followup import supervision as sv
from tests.services.roundcase import PASSWORD, build

LATER = (date.today() + timedelta(days=20)).isoformat()
PAST = (date.today() - timedelta(days=1)).isoformat()
PDF = b"%PDF-1.4\n% ok\n"


@pytest.fixture
def world(db_url: str, make_client: Callable[..., TestClient]) -> Iterator[dict[str, Any]]:
    engine = open_database(db_url)
    with transaction(engine) as s:
        ids = build(s)
        gdp = s.scalar(
            select(Target.id).where(
                Target.indicator_id == ids["gdp"], Target.region_id == ids["district"]
            )
        )
        assert gdp is not None
        ids["open_item"] = sv.open_item(
            s, target_id=gdp, ask="请说明", due_date=date.today(), by="planner"
        ).id
        care = s.scalar(select(Target.id).where(Target.indicator_id == ids["care"]))
        assert care is not None
        closed = sv.open_item(
            s, target_id=care, ask="请说明", due_date=date.today(), by="planner"
        ).id
        sv.answer(s, closed, by="wjj", explanation="a", measures="b")
        sv.close(s, closed, by="planner")
        ids["closed_item"] = closed
    with make_client(db_url, attachment_max_bytes=4096) as c:
        yield {"client": c, "ids": ids, "engine": engine}
    engine.dispose()


def _as(c: TestClient, name: str) -> str:
    """Sign in (signing out whoever was); the CSRF token the pages' forms carry."""
    c.post("/api/logout", headers={"X-CSRF-Token": c.get("/api/me").json()["csrf_token"]})
    assert c.post("/api/login", json={"name": name, "password": PASSWORD}).status_code == 200
    found = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/todo").text)
    assert found
    return found.group(1)


def _state(engine: Any) -> tuple[int, ...]:
    with transaction(engine) as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (
                SupervisionItem,
                SupervisionTransition,
                SupervisionAttachment,
                Round,
                RoundItem,
                Observation,
                Event,
            )
        )


def test_an_answer_to_a_closed_item_or_with_a_bad_file(world: dict[str, Any]) -> None:
    c, ids, engine = world["client"], world["ids"], world["engine"]
    token = _as(c, "wjj")
    before = _state(engine)
    closed = c.post(
        f"/supervision/{ids['closed_item']}/answer",
        data={"csrf_token": token, "explanation": "a", "measures": "b"},
    )
    assert (
        closed.status_code == 422
        and "已销号" in closed.text
        and "cannot be answered" in closed.text
    )
    token = _as(c, "fgj")
    url = f"/supervision/{ids['open_item']}/answer"
    answer = {"csrf_token": token, "explanation": "a", "measures": "b"}
    big = c.post(
        url, data=answer, files=[("files", ("big.pdf", b"%PDF-" + b"x" * 5000, "application/pdf"))]
    )
    assert big.status_code == 413 and "4 KB" in big.text and "上限" in big.text
    exe = c.post(
        url, data=answer, files=[("files", ("说明.pdf", b"MZ\x90\x00 an exe", "application/pdf"))]
    )
    assert exe.status_code == 422 and "不符" in exe.text
    odd = c.post(url, data=answer, files=[("files", ("run.sh", b"#!/bin/sh\n", "text/plain"))])
    assert odd.status_code == 422 and "PDF" in odd.text
    late = c.post(url, data=answer | {"expected_date": PAST})
    assert late.status_code == 422 and "预计完成时间不能早于今天" in late.text
    assert _state(engine) == before
    ok = c.post(
        url,
        data=answer,
        files=[("files", ("ok.pdf", PDF, "application/pdf"))],
        follow_redirects=False,
    )
    assert ok.status_code == 303  # the same answer, well formed, goes through


def test_a_value_for_another_unit_s_town_changes_nothing(world: dict[str, Any]) -> None:
    c, ids, engine = world["client"], world["ids"], world["engine"]
    token = _as(c, "planner")
    opened = c.post(
        "/rounds",
        follow_redirects=False,
        data={
            "csrf_token": token,
            "title": "2025年度",
            "period_kind": "year",
            "year": "2025",
            "due_date": LATER,
            "selection": "all",
        },
    )
    assert opened.status_code == 303
    rid = int(opened.headers["location"].rsplit("/", 1)[1])
    with transaction(engine) as s:
        east_item = s.scalar(
            select(RoundItem.id).where(RoundItem.round_id == rid, RoundItem.region_id == ids["t1"])
        )
    token = _as(c, "west")  # 西街道's reporter, filling 东镇's value
    before = _state(engine)
    r = c.post(f"/rounds/{rid}/values", data={"csrf_token": token, f"v{east_item}": "280"})
    assert r.status_code == 403 and "东镇" in r.text
    r = c.post(f"/rounds/{rid}/values", data={"csrf_token": token, "v999999": "1"})
    assert r.status_code == 422 and "不在本轮填报范围内" in r.text
    assert _state(engine) == before


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"selection": "domain", "selection_value": "无此领域"}, "所选范围没有需要填报的指标"),
        ({"selection": "document", "selection_value": "999"}, "文件不存在"),
        ({"due_date": PAST}, "截止日期不能早于今天"),
    ],
)
def test_a_round_with_no_indicators_or_a_past_due_date(
    world: dict[str, Any], form: dict[str, str], words: str
) -> None:
    c, engine = world["client"], world["engine"]
    token = _as(c, "planner")
    before = _state(engine)
    r = c.post(
        "/rounds",
        data={
            "csrf_token": token,
            "title": "x",
            "period_kind": "year",
            "year": "2025",
            "due_date": LATER,
            "selection": "all",
        }
        | form,
    )
    assert r.status_code in (404, 422) and words in r.text
    assert _state(engine) == before


def test_a_supervision_item_due_in_the_past(world: dict[str, Any]) -> None:
    c, ids, engine = world["client"], world["ids"], world["engine"]
    token = _as(c, "planner")
    with transaction(engine) as s:
        orphan = s.scalar(select(Target.id).where(Target.indicator_id == ids["orphan"]))
    before = _state(engine)
    r = c.post(
        "/supervision",
        data={
            "csrf_token": token,
            "target_id": str(orphan),
            "ask": "说明",
            "due_date": PAST,
            "lead_units": "区卫健局",
        },
    )
    assert r.status_code == 422 and "办结期限不能早于今天" in r.text and "in the past" in r.text
    r = c.post(
        f"/supervision/{ids['closed_item']}/reopen",
        data={"csrf_token": token, "reason": "再办", "due_date": PAST},
    )
    assert r.status_code == 422 and "办结期限不能早于今天" in r.text
    assert _state(engine) == before
