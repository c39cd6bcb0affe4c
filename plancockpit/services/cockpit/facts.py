"""A denormalised table of target facts, so cockpit pages filter and count in one query.

One row per target: its indicator, domain, region, document, lead units and current status.
Rebuilt from the model by `refresh_facts` (after an ingest, a review or an import, and when the
app starts); pages never compute statuses on the request path, which keeps a province-sized
database (50,000 targets, 500,000 observations) under the latency target.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from plancockpit.db.models import Base


class TargetFact(Base):
    __tablename__ = "cockpit_target_facts"
    # Covering indexes for the overview's and region pages' GROUP BYs and the list's sorts.
    __table_args__ = (
        Index("ix_cockpit_facts_domain_status", "domain", "status"),
        Index("ix_cockpit_facts_region_status", "region_id", "status"),
        Index("ix_cockpit_facts_status_progress", "status", "progress"),
        Index("ix_cockpit_facts_name", "indicator_name", "target_id"),
        Index("ix_cockpit_facts_progress", "progress", "target_id"),
        Index("ix_cockpit_facts_attribute", "attribute"),
        Index("ix_cockpit_facts_basis", "basis"),
        Index("ix_cockpit_facts_revision", "revision"),
        # The indicators no lead unit is named for (the units page): a few rows, not a scan.
        Index(
            "ix_cockpit_facts_unassigned",
            "indicator_id",
            sqlite_where=text("lead_units = ''"),
            postgresql_where=text("lead_units = ''"),
        ),
    )

    target_id: Mapped[int] = mapped_column(
        ForeignKey("targets.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    indicator_id: Mapped[int] = mapped_column(Integer, index=True)
    indicator_name: Mapped[str] = mapped_column(String(300), default="")
    domain: Mapped[str] = mapped_column(String(50), default="")
    region_id: Mapped[int | None] = mapped_column(Integer)
    region_name: Mapped[str] = mapped_column(String(100), default="")
    document_id: Mapped[int | None] = mapped_column(Integer, index=True)
    document_title: Mapped[str] = mapped_column(String(500), default="")
    record_id: Mapped[int | None] = mapped_column(Integer)
    attribute: Mapped[str] = mapped_column(String(10), default="")
    aspiration: Mapped[bool] = mapped_column(Boolean, default=False)
    basis: Mapped[str] = mapped_column(String(10), default="level")
    comparator: Mapped[str] = mapped_column(String(2), default="=")
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    deadline_year: Mapped[int | None] = mapped_column(Integer, index=True)
    lead_units: Mapped[str] = mapped_column(Text, default="")  # "|a|b|" for LIKE '%|a|%'
    revision: Mapped[str] = mapped_column(String(20), default="")
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)  # revised later: history only
    status: Mapped[str] = mapped_column(String(20), default="no_data")
    light: Mapped[str] = mapped_column(String(10), default="grey")
    progress: Mapped[float | None] = mapped_column(Float)  # actual / expected progress ratio
    latest_value: Mapped[float | None] = mapped_column(Float)
    latest_year: Mapped[int | None] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text, default="")  # name, aliases, source sentence
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class TargetUnitFact(Base):
    """Target × lead unit (with the target's status), for counting by unit without parsing JSON."""

    __tablename__ = "cockpit_target_units"
    __table_args__ = (Index("ix_cockpit_units_unit_status", "unit", "status"),)

    target_id: Mapped[int] = mapped_column(
        ForeignKey("cockpit_target_facts.target_id", ondelete="CASCADE"), primary_key=True
    )
    unit: Mapped[str] = mapped_column(String(100), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="no_data")


# Targets a later one revised, and targets of an ended plan period once a later one has begun
# (`details.history`), are history: shown on the indicator page and with the list's history
# filter, not counted. Their `status` is SUPERSEDED (the assessed one stays in `details`), so
# status-keyed indexes serve every count without a second condition.
SUPERSEDED = "superseded"
CURRENT = TargetFact.status != SUPERSEDED


class FactsState(Base):
    """When the facts were last brought up to date, and from what: the data's fingerprint and the
    date the statuses are for. An app that starts on unchanged data on the same day uses the
    stored facts instead of recomputing every status. `version` grows with every refresh: each
    worker process drops its caches (filter drop-downs) when it sees a new one;
    `published_version` with every publish or withdrawal (the public view's caches)."""

    __tablename__ = "cockpit_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    fingerprint: Mapped[str] = mapped_column(Text, default="")
    statuses_on: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    published_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class StaleIndicator(Base):
    """An indicator whose facts are out of date, written in the transaction of the change that
    made them so (a review, an entered value, an import); `indicator_id` ALL (0) stands for every
    indicator (new data from outside the app, a new day). A background refresher claims rows
    (`claimed_at`, `seq` as it was) and deletes them when the facts are rewritten — unless the
    row was marked again meanwhile (`seq` grew): then it stays for the next round."""

    __tablename__ = "cockpit_stale"

    indicator_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer, default=1)
    marked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


ALL = 0  # a StaleIndicator row that stands for every indicator

FACT_TABLES: list[Table] = [
    cast(Table, model.__table__)
    for model in (TargetFact, TargetUnitFact, FactsState, StaleIndicator)
]
