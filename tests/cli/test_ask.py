"""`plancockpit ask`: the answer with its citations as text, or JSON; not found says so."""

from __future__ import annotations

import json

from sqlalchemy import Engine
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import Document, Indicator, Record, Region, Target

TEXT = "到2025年，地区生产总值达到2600亿元。\n"


def _seed(engine: Engine) -> None:
    with transaction(engine) as s:
        region = Region(code="R", name="测试区", level="district")
        s.add(region)
        s.flush()
        doc = Document(
            name="plan.txt",
            content_hash="a" * 64,
            format="txt",
            text=TEXT,
            title="测试区规划",
            kind="plan",
            region="测试区",
            period_start=2021,
            period_end=2025,
        )
        s.add(doc)
        s.flush()
        start = TEXT.index("2600")
        rec = Record(
            document_id=doc.id,
            start=start,
            end=start + 7,
            number="2600",
            metric="地区生产总值",
            kind="target",
            value=2600,
            unit="亿元",
            year=2025,
            sentence_start=0,
            sentence_end=len(TEXT) - 1,
        )
        ind = Indicator(name="地区生产总值", key="地区生产总值", region_id=region.id, unit="亿元")
        s.add_all([rec, ind])
        s.flush()
        s.add(
            Target(
                indicator_id=ind.id,
                record_id=rec.id,
                region_id=region.id,
                value=2600,
                unit="亿元",
                baseline_year=2020,
                deadline_year=2025,
            )
        )


def test_ask_text_and_json(db_engine: Engine, db_url: str) -> None:
    _seed(db_engine)
    runner = CliRunner()
    out = runner.invoke(
        app, ["ask", "2025年地区生产总值目标是多少？", "--db", db_url, "--on", "2024-06-30"]
    )
    assert out.exit_code == 0, out.output
    assert "2600" in out.output and "plan.txt [0–" in out.output and TEXT.strip() in out.output
    data = json.loads(
        runner.invoke(app, ["ask", "GDP 2025 target?", "--db", db_url, "--format", "json"]).output
    )
    assert data["found"] and data["figures"][0]["value"] == 2600
    missing = runner.invoke(app, ["ask", "房价收入比的目标是多少？", "--db", db_url])
    assert missing.exit_code == 0 and "没有找到" in missing.output
    bad = runner.invoke(app, ["ask", "x", "--db", db_url, "--format", "xml"])
    assert bad.exit_code != 0
