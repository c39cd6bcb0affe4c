"""Linking's storage helpers: the domains in use, read by a skip scan of the (domain, id) index,
come in the order of their first indicator, as GROUP BY domain ORDER BY min(id) gives them."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from plancockpit.db.engine import transaction
from plancockpit.db.models import Indicator
from plancockpit.services.linking.rows import References


def test_domains_in_use_in_the_order_first_used(db_engine: Engine) -> None:
    with transaction(db_engine) as session:
        assert References(session, everything=False).domains() == []
        for n, domain in enumerate(["社会民生", "", "经济发展", "社会民生", "", "生态环境"]):
            session.add(Indicator(name=f"指标{n}", key=f"指标{n}", domain=domain))
        session.flush()
        first = session.scalars(select(Indicator).where(Indicator.domain == "社会民生")).first()
        assert first is not None
        first.domain = "开放合作"  # 社会民生 is now first used by a later indicator
        session.flush()
        grouped = list(
            session.scalars(
                select(Indicator.domain)
                .where(Indicator.domain != "")
                .group_by(Indicator.domain)
                .order_by(func.min(Indicator.id))
            )
        )
        found = References(session, everything=False).domains()
    assert found == grouped == ["开放合作", "经济发展", "社会民生", "生态环境"]
