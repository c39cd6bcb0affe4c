"""`plancockpit publish document|indicator ID [--off] [--targets]` and its audit events."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Document, Event, Indicator, Record, Target

runner = CliRunner()


def _seed(db_url: str) -> dict[str, int]:
    engine = open_database(db_url)
    with transaction(engine) as s:
        doc = Document(
            name="p.txt", content_hash="p" * 64, format="txt", text="到2025年达到100亿元。"
        )
        other = Document(name="q.txt", content_hash="q" * 64, format="txt", text="无关。")
        s.add_all([doc, other])
        s.flush()
        rec = Record(document_id=doc.id, start=7, end=13, metric="产值", kind="target", value=100.0)
        s.add(rec)
        ind, lone = Indicator(name="产值", key="产值"), Indicator(name="其他", key="其他")
        s.add_all([ind, lone])
        s.flush()
        s.add(Target(indicator_id=ind.id, record_id=rec.id, value=100.0, deadline_year=2025))
        ids = {"doc": doc.id, "other": other.id, "ind": ind.id, "lone": lone.id}
    engine.dispose()
    return ids


def _state(db_url: str) -> dict[str, Any]:
    engine = open_database(db_url)
    with transaction(engine) as s:
        out = {
            "docs": {d.id: d.published for d in s.query(Document)},
            "inds": {i.id: i.published for i in s.query(Indicator)},
            "events": [
                (e.entity, e.entity_id, e.changes, e.actor)
                for e in s.query(Event).order_by(Event.id)
            ],
        }
    engine.dispose()
    return out


def test_publish_and_withdraw(db_url: str) -> None:
    ids = _seed(db_url)
    res = runner.invoke(app, ["publish", "indicator", str(ids["ind"]), "--db", db_url])
    assert res.exit_code == 0, res.output
    assert "published" in res.output
    res = runner.invoke(app, ["publish", "document", str(ids["doc"]), "--db", db_url])
    assert res.exit_code == 0, res.output
    state = _state(db_url)
    assert state["docs"] == {ids["doc"]: True, ids["other"]: False}
    assert state["inds"] == {ids["ind"]: True, ids["lone"]: False}
    res = runner.invoke(app, ["publish", "indicator", str(ids["ind"]), "--off", "--db", db_url])
    assert res.exit_code == 0 and "withdrawn" in res.output
    events = _state(db_url)["events"]
    assert [(e[0], e[1], e[2]) for e in events] == [
        ("indicator", ids["ind"], {"published": [False, True]}),
        ("document", ids["doc"], {"published": [False, True]}),
        ("indicator", ids["ind"], {"published": [True, False]}),
    ]
    assert all(e[3].endswith("(cli)") for e in events)


def test_publish_a_document_with_its_targets(db_url: str) -> None:
    ids = _seed(db_url)
    res = runner.invoke(app, ["publish", "document", str(ids["doc"]), "--targets", "--db", db_url])
    assert res.exit_code == 0, res.output
    assert "1 indicator(s)" in res.output
    state = _state(db_url)
    assert state["docs"][ids["doc"]] is True
    assert state["inds"] == {ids["ind"]: True, ids["lone"]: False}


def test_unknown_ids_fail_and_change_nothing(db_url: str) -> None:
    ids = _seed(db_url)
    for kind in ("document", "indicator"):
        res = runner.invoke(app, ["publish", kind, "999999", "--db", db_url])
        assert res.exit_code == 1
        assert f"error: {kind} 999999 not found" in res.output
    state = _state(db_url)
    assert (
        not any(state["docs"].values())
        and not any(state["inds"].values())
        and state["events"] == []
    )
    assert runner.invoke(app, ["publish", "report", str(ids["doc"]), "--db", db_url]).exit_code == 2
