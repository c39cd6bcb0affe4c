"""End to end on the reference corpus: ingest, link, import an actuals workbook made here, check
the statuses. Also the linking of the indicators the plan and the 2026 report share."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from plancockpit.db.engine import transaction
from plancockpit.db.models import Document, Indicator, Observation, Record, Target
from plancockpit.services.actuals.imports import import_file
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.progress.status import TargetStatus, status_report

pytestmark = pytest.mark.slow


@pytest.fixture
def corpus_db(db_engine: Engine, corpus_dir: Path) -> Engine:
    outcomes = ingest_paths(db_engine, [corpus_dir])
    assert all(o.status == "ingested" for o in outcomes), [o.message for o in outcomes]
    return db_engine


def _indicator(session: Session, name: str) -> Indicator:
    found = session.scalars(
        select(Indicator).where(Indicator.name == name, Indicator.merged_into_id.is_(None))
    ).all()
    assert len(found) == 1, f"{name}: {len(found)} indicators"
    return found[0]


def _targets(session: Session, ind: Indicator) -> list[tuple[str, str, float, int | None]]:
    rows = session.execute(
        select(Document.name, Target.basis, Target.value, Target.deadline_year)
        .join(Record, Target.record_id == Record.id)
        .join(Document, Record.document_id == Document.id)
        .where(Target.indicator_id == ind.id)
    ).all()
    return [(d[:3], b, v, y) for d, b, v, y in rows]


def test_corpus_indicators_linked_across_documents(corpus_db: Engine) -> None:
    with transaction(corpus_db) as session:
        gdp = _indicator(session, "地区生产总值")
        obs = session.scalars(
            select(Observation).where(
                Observation.indicator_id == gdp.id,
                Observation.year == 2020,
                Observation.basis == "level",
            )
        ).all()
        assert len(obs) >= 3 and {o.value for o in obs} == {1828.47}  # 表1, 表2 and prose
        assert ("002", "level", 2600.0, 2025) in _targets(session, gdp)
        assert gdp.domain == "经济质效"
        retail = _targets(session, _indicator(session, "社会消费品零售总额"))
        assert ("002", "level", 920.0, 2025) in retail and ("004", "growth", 3.5, 2026) in retail
        fdi_ind = _indicator(session, "实际利用外资")
        fdi = _targets(session, fdi_ind)
        assert ("002", "level", 10.7, 2025) in fdi and ("004", "level", 7.0, 2026) in fdi
        later = session.scalars(
            select(Target).where(Target.indicator_id == fdi_ind.id, Target.deadline_year == 2026)
        ).one()
        # The 2026 report's annual target starts a new period: new, not a moved deadline.
        assert later.revision == "new" and later.revises_id is None
        jobs = _targets(session, _indicator(session, "城镇新增就业"))
        per_year = sorted(y for d, b, v, y in jobs if d == "002" and v == 2.0)
        assert per_year == [2021, 2022, 2023, 2024, 2025]
        assert ("004", "increase", 2.5, 2026) in jobs and ("002", "increase", 10.0, 2025) in jobs
        # The plan's 五年新增城镇就业 of the past period is one total over 2016–2020.
        totals = session.scalars(
            select(Observation)
            .join(Indicator)
            .where(Indicator.name == "城镇新增就业", Observation.basis == "increase")
        ).all()
        assert totals and all((o.start_year, o.year) == (2016, 2020) for o in totals)
        # Most indicators get a domain (the plan's groups or the lexicon).
        inds = session.scalars(select(Indicator).where(Indicator.merged_into_id.is_(None))).all()
        assert sum(1 for i in inds if i.domain) / len(inds) >= 0.9
        assert {i.domain for i in inds} - {""} <= {"经济质效", "美丽萧山", "城市治理", "社会民生"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("人均地区生产总值", "地区生产总值"),
        ("城镇居民人均可支配收入", "农村居民人均可支配收入"),
        ("户籍人均生产总值", "地区生产总值"),
        ("社会消费品零售总额", "货物贸易进出口总额"),
    ],
)
def test_similar_words_kept_apart_on_the_corpus(corpus_db: Engine, a: str, b: str) -> None:
    with transaction(corpus_db) as session:
        assert _indicator(session, a).id != _indicator(session, b).id


def _workbook(path: Path, ids: dict[str, int]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "指标编号 indicator_id",
            "指标名称 indicator",
            "年份 year",
            "数值 value",
            "单位 unit",
            "口径 basis",
            "填报人 entered_by",
        ]
    )
    rows = [
        (ids["gdp"], None, 2021, 1990, "亿元", "level", "统计局王"),
        (ids["gdp"], None, 2022, 2150, None, None, None),
        (ids["gdp"], None, 2023, 2320, None, None, None),
        (ids["gdp"], None, 2024, 2500, None, None, None),
        (ids["gdp"], None, 2022, 2140, None, None, None),  # conflicts with row 3
        (None, "社会消费品零售总额", 2025, 9_000_000, "万元", "level", None),  # = 900 亿元
        (None, "实际使用外资", 2025, 12, "亿美元", "水平", None),  # an alias
        (ids["jobs"], None, 2021, 2.2, "万人", "increase", None),
        (ids["jobs"], None, 2022, 2.1, "万人", "新增", None),
        (ids["jobs"], None, 2023, 23000, "人", "increase", None),
        (ids["jobs"], None, 2024, 1.5, "万人", "increase", None),
        (None, "不存在的指标", 2024, 1, None, None, None),
        (ids["gdp"], None, "二〇二四", 1, None, None, None),
        (ids["gdp"], None, 2024, 5, "万人", None, None),
        (ids["gdp"], None, 2021, 1990, "亿元", "level", None),  # the same again
    ]
    for row in rows:
        sheet.append(list(row))
    book.save(path)


def _status(statuses: list[TargetStatus], name: str, value: float, deadline: int) -> TargetStatus:
    found = [
        s
        for s in statuses
        if s.indicator == name and s.value == value and s.deadline == deadline and not s.superseded
    ]
    assert found, f"no target {name} {value} {deadline}"
    return found[0]


def test_end_to_end_import_and_statuses(corpus_db: Engine, tmp_path: Path) -> None:
    with transaction(corpus_db) as session:
        ids = {
            "gdp": _indicator(session, "地区生产总值").id,
            "jobs": _indicator(session, "城镇新增就业").id,
        }
    path = tmp_path / "区统计局.xlsx"
    _workbook(path, ids)
    with transaction(corpus_db) as session:
        report = import_file(session, path, entered_by="importer").to_json()
    statuses_of_rows = {r["row"]: r["status"] for r in report["rows"]}
    assert statuses_of_rows[3] == "accepted" and statuses_of_rows[6] == "conflict"
    assert [statuses_of_rows[n] for n in (13, 14, 15)] == ["refused"] * 3
    assert statuses_of_rows[16] == "duplicate"
    assert report["accepted"] == 10 and report["refused"] == 3
    reasons = {r["row"]: r["reason"] for r in report["rows"]}
    assert "not found" in reasons[13] and "number" in reasons[14] and "unit" in reasons[15]
    with transaction(corpus_db) as session:
        first = session.scalars(select(Observation).where(Observation.source_row == 2)).one()
        # the importer is the author; the file's 填报人 is only a note beside it
        assert (first.source_file, first.entered_by) == (
            "区统计局.xlsx",
            "importer（表中填报人：统计局王）",
        )
        assert (
            session.scalars(select(Observation).where(Observation.source_row == 4)).one().entered_by
            == "importer"
        )
        both = session.scalars(
            select(Observation).where(
                Observation.indicator_id == ids["gdp"], Observation.year == 2022
            )
        ).all()
        assert len(both) == 2 and all(o.conflict for o in both)

        mid = status_report(session, date(2025, 6, 30), "domain").targets
        gdp = _status(mid, "地区生产总值", 2600.0, 2025)
        assert gdp.assessment.status == "on_track" and gdp.assessment.words == "快于预期"
        assert gdp.assessment.baseline == 1828.47 and gdp.conflicts == 2
        total = _status(mid, "城镇新增就业", 10.0, 2025)
        assert total.assessment.path == "steps" and total.assessment.actual == pytest.approx(8.1)
        assert total.assessment.status == "on_track"
        assert _status(mid, "城镇新增就业", 2.0, 2024).assessment.status == "off_track"
        assert _status(mid, "城镇新增就业", 2.0, 2023).assessment.status == "achieved"
        assert _status(mid, "城镇新增就业", 2.5, 2026).assessment.status == "not_yet_due"

        end = status_report(session, date(2026, 6, 30), "unit")
        retail = _status(end.targets, "社会消费品零售总额", 920.0, 2025).assessment
        assert retail.status == "off_track" and retail.missed and retail.actual == 900
        fdi = _status(end.targets, "实际利用外资", 10.7, 2025).assessment
        assert fdi.status == "achieved" and not fdi.early
        assert _status(end.targets, "实际利用外资", 7.0, 2026).assessment.status == "no_data"
        # Once the next plan period has begun, the ended plan's targets are history: judged,
        # but out of the roll-ups.
        assert (
            retail.status == "off_track"
            and _status(end.targets, "社会消费品零售总额", 920.0, 2025).history
        )
        assert end.overall is not None and end.overall.total == sum(
            1 for s in end.targets if not s.superseded and not s.history
        )
        groups = {r.group: r for r in status_report(session, date(2025, 12, 31), "unit").rollups}
        assert "区商务局" in groups and groups["区商务局"].total >= 1
