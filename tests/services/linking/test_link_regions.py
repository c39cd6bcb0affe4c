"""Linking one document touches only its own regions: it loads no other region's indicators
(so its cost does not grow with the districts stored), and a district plan's group labels
(经济质效 …) never file another district's indicators."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Document, Indicator
from plancockpit.services.linking.link import link_document
from plancockpit.services.linking.rows import References
from tests.services.linkcase import rec

TEXT = "表1 | 经济质效 | 1 | 单位地区生产总值能耗降低 | % | 14 | 预期性 |\n全区万元地区生产总值能耗下降3%。\n"


def _document(session: object, region: str, domain: str | None) -> Document:
    doc = Document(
        name=f"{region}.txt",
        content_hash=region.encode().hex().ljust(64, "0")[:64],
        format="txt",
        text=TEXT,
        kind="plan",
        region=region,
        doc_date=date(2022, 1, 1),
        period_start=2021,
        period_end=2025,
        title=f"{region}十四五规划纲要",
    )
    doc.records = [
        rec(
            TEXT,
            "能耗降低 | % | 14",
            "14",
            metric="单位地区生产总值能耗降低",
            value=14,
            unit="%",
            year=2025,
            domain=domain,
        ),
        rec(
            TEXT, "能耗下降3%", "3", metric="单位地区生产总值能耗降低", value=3, unit="%", year=2025
        ),
    ]
    session.add(doc)  # type: ignore[attr-defined]
    session.flush()  # type: ignore[attr-defined]
    return doc


def test_a_document_loads_only_its_regions_and_keeps_its_labels(db_engine: Engine) -> None:
    with transaction(db_engine) as s:
        plain = _document(s, "甲区", None)
        link_document(s, plain.id)
        plan = _document(s, "乙区", "美丽乙区")
        refs = References(s, everything=False)
        link_document(s, plan.id, refs=refs)
        regions = {i.region_id for i in refs.indicators.values()}
        by_region = {(i.region_id, i.domain) for i in s.scalars(select(Indicator))}
    assert len(regions) == 1  # 乙区's only
    assert len(by_region) == 2 and {d for _, d in by_region} == {"美丽乙区", "生态环境"}
