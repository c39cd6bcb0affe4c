"""Linking constructed records: the named indicators found and linked, near names kept apart,
lineage classified, per-year targets expanded, merge and split."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from plancockpit.db.engine import transaction
from plancockpit.db.models import Document, Indicator, Observation, Record, Target
from plancockpit.services.indicators.edits import merge_indicators, split_indicator
from plancockpit.services.linking.link import link_all, link_document
from tests.services.linkcase import store


def _by_name(session: Session) -> dict[str, Indicator]:
    return {i.name: i for i in session.scalars(select(Indicator))}


@pytest.fixture
def linked(db_engine: Engine) -> Engine:
    with transaction(db_engine) as session:
        store(session)
        link_all(session)
    return db_engine


def test_indicators_found_and_near_names_apart(linked: Engine) -> None:
    with transaction(linked) as session:
        names = _by_name(session)
        assert {
            "地区生产总值",
            "社会消费品零售总额",
            "实际利用外资",
            "城镇新增就业",
            "人均地区生产总值",
        } <= set(names)
        gdp = names["地区生产总值"]
        assert gdp.unit == "亿元" and gdp.domain == "经济质效"
        assert names["城镇新增就业"].domain == "社会民生"
        obs = session.scalars(select(Observation).where(Observation.indicator_id == gdp.id)).all()
        assert len(obs) == 2 and not any(o.conflict for o in obs)  # table and prose agree
        per_capita = names["人均地区生产总值"]
        assert per_capita.id != gdp.id and per_capita.unit == "万元"


def test_targets_across_documents_and_lineage(linked: Engine) -> None:
    with transaction(linked) as session:
        names = _by_name(session)
        retail = session.scalars(
            select(Target)
            .where(Target.indicator_id == names["社会消费品零售总额"].id)
            .order_by(Target.id)
        ).all()
        # 920 in the table and 超920 in prose are one target; 5% a/yr and 3.5% in 2026 apart.
        assert sorted((t.basis, t.value, t.deadline_year) for t in retail) == [
            ("growth", 3.5, 2026),
            ("growth", 5.0, 2025),
            ("level", 920.0, 2025),
        ]
        level = next(t for t in retail if t.basis == "level")
        assert level.baseline_year == 2020 and "also record" in level.link_reason
        g26 = next(t for t in retail if t.value == 3.5)
        # A new period's annual target revises nothing of the plan's (issue: lineage).
        assert g26.revision == "new" and g26.baseline_year == 2025
        fdi = session.scalars(
            select(Target)
            .where(Target.indicator_id == names["实际利用外资"].id)
            .order_by(Target.deadline_year)
        ).all()
        assert [(t.value, t.revision) for t in fdi] == [(10.7, "new"), (7.0, "new")]
        assert fdi[1].revises_id is None and fdi[1].aspiration


def test_per_year_targets_units_and_lead_units(linked: Engine) -> None:
    with transaction(linked) as session:
        jobs = _by_name(session)["城镇新增就业"]
        targets = session.scalars(
            select(Target)
            .where(Target.indicator_id == jobs.id)
            .order_by(Target.deadline_year, Target.value)
        ).all()
        annual = [t for t in targets if t.value == 2.0]
        assert [t.deadline_year for t in annual] == [2021, 2022, 2023, 2024, 2025]
        total = next(t for t in targets if t.value == 10.0)
        assert total.unit == "万人" and total.lead_units == ["区人力社保局"]
        assert (total.baseline_year, total.deadline_year) == (2020, 2025)
        latest = targets[-1]
        assert latest.value == 2.5 and latest.revision == "new"


def test_relinking_is_idempotent_and_follows_review(linked: Engine) -> None:
    with transaction(linked) as session:
        before = (
            session.query(Target).count(),
            session.query(Observation).count(),
            session.query(Indicator).count(),
        )
        link_all(session)
        after = (
            session.query(Target).count(),
            session.query(Observation).count(),
            session.query(Indicator).count(),
        )
        assert before == after
        rec = session.scalars(select(Record).where(Record.number == "7")).one()
        rec.review_state = "rejected"
        link_document(session, rec.document_id)
        assert session.query(Target).count() == before[0] - 1


def test_merge_and_split(linked: Engine) -> None:
    with transaction(linked) as session:
        names = _by_name(session)
        keep, other = names["地区生产总值"], names["人均地区生产总值"]
        rid = session.scalars(select(Record.id).where(Record.number == "15.23")).one()
        merge_indicators(session, keep.id, [other.id])
        assert other.merged_into_id == keep.id
        link_all(session)  # the merge survives relinking
        moved = session.scalars(select(Observation).where(Observation.record_id == rid)).one()
        assert moved.indicator_id == keep.id
        assert moved.value == pytest.approx(15.23e4 / 1e8)  # 万元 in the survivor's 亿元
        with pytest.raises(ValueError):
            split_indicator(session, keep.id, [rid], "  ", by="t")
        with pytest.raises(ValueError):
            split_indicator(session, keep.id, [rid], "GDP", by="t")  # the survivor's own name
        new = split_indicator(session, keep.id, [rid], "人均地区生产总值", by="t")
        assert new.id != keep.id
        again = session.scalars(select(Observation).where(Observation.record_id == rid)).one()
        assert again.indicator_id == new.id and again.value == pytest.approx(15.23)
        assert session.get(Record, rid).review_state == "edited"  # type: ignore[union-attr]


def test_dropped_plan_targets(db_engine: Engine) -> None:
    from datetime import date

    from plancockpit.services.linking.lineage import dropped_targets
    from tests.services.linkcase import rec

    with transaction(db_engine) as session:
        store(session)
        text = "地区生产总值增长6%。\n"
        mid = Document(
            name="r2023.txt",
            content_hash="m" * 64,
            format="txt",
            text=text,
            kind="annual_report",
            doc_date=date(2023, 2, 1),
            period_start=2023,
            period_end=2023,
        )
        mid.records = [
            rec(
                text,
                "增长6%",
                "6",
                metric="地区生产总值",
                value=6,
                unit="%",
                basis="growth",
                year=2023,
            )
        ]
        session.add(mid)
        session.flush()
        for r in session.scalars(select(Record).where(Record.number == "3.5")):
            r.review_state = "rejected"  # the 2026 report no longer mentions 社零
        link_all(session)
        dropped = set(dropped_targets(session))
        names = {
            session.get(Indicator, session.get(Target, t).indicator_id).name  # type: ignore[union-attr]
            for t in dropped
        }
        assert "社会消费品零售总额" in names and "地区生产总值" not in names


def test_domains_plan_groups_win_and_earlier_documents_take_plan_labels(db_engine: Engine) -> None:
    from datetime import date

    from tests.services.linkcase import rec

    with transaction(db_engine) as session:
        text = "专利授权量3000件。森林覆盖率60%。\n"
        early = Document(
            name="news.txt",
            content_hash="n" * 64,
            format="txt",
            text=text,
            kind="news",
            doc_date=date(2021, 1, 5),
        )
        early.records = [
            rec(
                text,
                "专利授权量3000",
                "3000",
                metric="专利授权量",
                kind="actual",
                value=3000,
                unit="件",
                year=2020,
            ),
            rec(
                text,
                "森林覆盖率60",
                "60",
                metric="森林覆盖率",
                kind="actual",
                value=60,
                unit="%",
                year=2020,
            ),
        ]
        session.add(early)
        manual = Indicator(name="某项人工指标", key="某项人工指标", domain="自定义")
        session.add(manual)
        session.flush()
        session.add(Target(indicator_id=manual.id, value=1, deadline_year=2025))
        link_all(session)
        names = _by_name(session)
        # Before any plan: the lexicon's own names.
        assert (names["专利授权量"].domain, names["森林覆盖率"].domain) == ("科技创新", "生态环境")
        store(session)  # a plan with the group 经济质效 (dated after the news)
        link_all(session)
        names = _by_name(session)
        assert names["专利授权量"].domain == "经济质效"  # innovation folds into the economy label
        assert names["森林覆盖率"].domain == "生态环境"  # the plan has no environment label
        assert names["社会消费品零售总额"].domain == "经济质效"  # the table's 一级指标
        assert names["某项人工指标"].domain == "自定义"  # entered by a person: kept


def test_lead_units_of_targets_become_units_with_the_lexicon_names(linked: Engine) -> None:
    from plancockpit.db.models import Unit

    with transaction(linked) as session:
        units = {u.name: u for u in session.scalars(select(Unit))}
        assert {"区商务局", "区人力社保局"} <= set(units)  # 区人力资源和社会保障局 folded
        assert units["区人力社保局"].full_name == "区人力资源和社会保障局"
        assert "区人社局" in units["区人力社保局"].aliases
        link_all(session)  # relinking adds no second row
        assert session.scalars(select(Unit.name)).all().count("区商务局") == 1


def test_relinking_is_one_transaction_readers_see_old_or_new(linked: Engine) -> None:
    """A reader (the cockpit) counting targets while `plancockpit link` runs sees the old set
    until the relink commits, then the new one; never an emptied or half-rebuilt table."""
    from sqlalchemy import func

    def count() -> int:
        with linked.connect() as conn:
            return int(conn.execute(select(func.count(Target.id))).scalar_one())

    before = count()
    assert before > 0
    from plancockpit.services.linking.link import unlink_records

    with transaction(linked) as session:
        unlink_records(session, list(session.scalars(select(Record.id))))
        session.flush()
        assert session.scalar(select(func.count(Target.id))) == 0  # the writer's own view
        assert count() == before  # the reader still sees every old target
        link_all(session)
        session.flush()
        new_ids = set(session.scalars(select(Target.id)))
        assert count() == before
    assert count() == len(new_ids) == before
