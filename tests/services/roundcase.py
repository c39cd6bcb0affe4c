"""A small district for the reporting-round tests: two towns, two lead units, an indicator broken
down to a town, one without a lead unit, and a reporter for each unit and town."""

from __future__ import annotations

from sqlalchemy.orm import Session

from plancockpit.db.models import Indicator, Observation, Region, Target, Unit
from plancockpit.services.access.users import add_user, set_ties

PASSWORD = "round-pass-123"


def build(s: Session) -> dict[str, int]:
    """Insert the rows; the ids the tests use."""
    district = Region(code="D", name="示范区", level="district")
    s.add(district)
    s.flush()
    t1 = Region(code="D1", name="东镇", level="town", parent_id=district.id)
    t2 = Region(code="D2", name="西街道", level="town", parent_id=district.id)
    s.add_all([t1, t2, Unit(name="区发改局", aliases=["区发展和改革局"]), Unit(name="区卫健局")])
    s.flush()
    gdp = Indicator(
        name="地区生产总值", key="gdp", region_id=district.id, unit="亿元", domain="经济质效"
    )
    care = Indicator(
        name="每千人拥有托位数", key="care", region_id=district.id, unit="个", domain="社会民生"
    )
    orphan = Indicator(
        name="无主指标", key="orphan", region_id=district.id, unit="个", domain="社会民生"
    )
    s.add_all([gdp, care, orphan])
    s.flush()
    s.add_all(
        [
            Target(
                indicator_id=gdp.id,
                region_id=district.id,
                comparator=">=",
                value=2600,
                unit="亿元",
                baseline_value=1800,
                baseline_year=2020,
                deadline_year=2025,
                lead_units=["区发展和改革局"],
            ),
            Target(
                indicator_id=gdp.id,
                region_id=t1.id,
                comparator=">=",
                value=300,
                unit="亿元",
                baseline_value=200,
                baseline_year=2020,
                deadline_year=2025,
                lead_units=["区发展和改革局"],
            ),
            Target(
                indicator_id=care.id,
                region_id=district.id,
                comparator=">=",
                value=4.5,
                unit="个",
                baseline_value=2,
                baseline_year=2020,
                deadline_year=2025,
                lead_units=["区卫健局"],
            ),
            Target(
                indicator_id=orphan.id,
                region_id=district.id,
                comparator=">=",
                value=1,
                unit="个",
                deadline_year=2025,
            ),
            Observation(
                indicator_id=gdp.id, region_id=district.id, year=2024, value=2300, unit="亿元"
            ),
            Observation(indicator_id=gdp.id, region_id=t1.id, year=2024, value=260, unit="亿元"),
        ]
    )
    add_user(s, name="planner", role="planner", password=PASSWORD)
    for name, unit, region in [
        ("fgj", "区发改局", None),
        ("wjj", "区卫健局", None),
        ("east", None, "东镇"),
        ("west", None, "西街道"),
    ]:
        add_user(s, name=name, role="reporter", password=PASSWORD)
        set_ties(s, name, unit=unit, region=region)
    s.flush()
    return {
        "district": district.id,
        "t1": t1.id,
        "t2": t2.id,
        "gdp": gdp.id,
        "care": care.id,
        "orphan": orphan.id,
    }
