"""Service behaviour a walk through the cockpit found wrong: two districts' indicators merged, blank
template rows counted as refusals. Each test states the expected behaviour."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

PLAN = "{region}国民经济和社会发展第十四个五年规划纲要\n一、主要目标\n到2025年,全区地区生产总值达到{value}亿元。\n"


def test_two_districts_keep_separate_indicators(tmp_path: Path, db_engine: Engine) -> None:
    from plancockpit.db.engine import transaction
    from plancockpit.db.models import Indicator, Region, Target
    from plancockpit.services.ingest.run import ingest_paths
    from plancockpit.services.linking.link import link_all

    for name, region, value in [("a.txt", "青山区", 1200), ("b.txt", "绿水区", 900)]:
        (tmp_path / name).write_text(PLAN.format(region=region, value=value), encoding="utf-8")
    outcomes = ingest_paths(db_engine, [tmp_path / "a.txt", tmp_path / "b.txt"])
    assert [o.status for o in outcomes] == ["ingested", "ingested"]
    link_all(db_engine)  # relinking keeps them apart too
    with transaction(db_engine) as s:
        targets = list(s.scalars(select(Target).order_by(Target.value)))
        assert len(targets) == 2
        assert targets[0].indicator_id != targets[1].indicator_id
        assert targets[0].revises_id is None and targets[1].revises_id is None
        regions = {r.id: (r.name, r.level) for r in s.scalars(select(Region))}
        assert [regions[t.region_id or -1] for t in targets] == [
            ("绿水区", "district"),
            ("青山区", "district"),
        ]
        inds = {i.id: regions[i.region_id or -1][0] for i in s.scalars(select(Indicator))}
        assert [inds[t.indicator_id] for t in targets] == ["绿水区", "青山区"]


def test_blank_template_rows_are_not_refusals(tmp_path: Path, db_engine: Engine) -> None:
    from openpyxl import load_workbook

    from plancockpit.db.engine import transaction
    from plancockpit.services.actuals.imports import import_actuals, write_templates
    from plancockpit.services.ingest.run import ingest_paths

    text = PLAN.format(region="青山区", value=1200) + "到2025年,城镇新增就业5万人。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    engine = db_engine
    ingest_paths(engine, [tmp_path / "a.txt"])
    with transaction(engine) as s:
        books = write_templates(s, tmp_path / "out", year=2023)
    wb = load_workbook(books[0])
    ws = wb["填报 actuals"]
    listed = sum(1 for r in ws.iter_rows(min_row=2, values_only=True) if r[0] is not None)
    assert listed >= 2  # at least two indicators (free rows below them are not listed)
    ws.cell(row=2, column=6, value=1000)  # the value column (数值 value) of the first row only
    wb.save(books[0])
    report = import_actuals(engine, books[0], entered_by="qa")
    assert report["accepted"] == 1
    assert report["refused"] == 0
    assert report["skipped"] == listed - 1
    assert {r["reason"] for r in report["rows"] if r["status"] == "skipped"} == {
        "skipped: blank / 跳过：未填写"
    }
