"""The stored model (DESIGN.md, "The model"). SQLAlchemy 2 declarative, portable SQLite/PostgreSQL.

Schema changes go through Alembic migrations in `plancockpit/db/migrations`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Document(Base):
    """An ingested file: its original text verbatim and what we inferred about it."""

    __tablename__ = "documents"
    # Linking reads the documents of a region (their plans' group labels); migration 0024.
    __table_args__ = (Index("ix_documents_region", "region"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500), index=True)  # file name
    path: Mapped[str] = mapped_column(String(2000), default="")
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the bytes
    format: Mapped[str] = mapped_column(String(10))
    encoding: Mapped[str | None] = mapped_column(String(40))
    # Loaded when read, not with the row: a plan's text is ~0.5 MB, and lists of documents (the
    # overview's latest five on every request) showed none of it.
    text: Mapped[str] = mapped_column(Text, deferred=True)
    title: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(
        String(20), default="other"
    )  # plan|annual_report|meeting|interview|news|other
    region: Mapped[str] = mapped_column(String(100), default="")
    doc_date: Mapped[date | None] = mapped_column(Date)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    base_year: Mapped[int | None] = mapped_column(Integer)
    meta_evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)  # field -> evidence text
    size: Mapped[int | None] = mapped_column(Integer)  # bytes of the file as ingested
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # An admin's choice: shown to anonymous visitors when public reading is `published`.
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    sections: Mapped[list[Section]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Section.position"
    )
    records: Mapped[list[Record]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Record.start"
    )


class Section(Base):
    """A node of a document's outline (flattened: parent by id, order by position)."""

    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    depth: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    lead_units: Mapped[list[Any]] = mapped_column(default=list)
    table: Mapped[dict[str, Any] | None] = mapped_column(
        JSON, nullable=True
    )  # cell grid, if a table

    document: Mapped[Document] = relationship(back_populates="sections")
    parent: Mapped[Section | None] = relationship(remote_side=[id])


class Record(Base):
    """An extracted quantity (spec fields) with its review state.

    `extracted` holds the extractor's values as produced; the top-level fields are the current
    values (a person's edit changes them and sets `review_state` to `edited`). Re-extraction
    never overwrites a record whose state is confirmed, edited or rejected.
    """

    __tablename__ = "records"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(Text, default="")
    metric: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(100), default="")
    comparator: Mapped[str] = mapped_column(String(2), default="=")
    basis: Mapped[str] = mapped_column(String(10), default="level")
    year: Mapped[int | None] = mapped_column(Integer)
    lead_units: Mapped[list[Any]] = mapped_column(default=list)
    section_path: Mapped[list[Any]] = mapped_column(default=list)
    sentence_start: Mapped[int] = mapped_column(Integer, default=0)
    sentence_end: Mapped[int] = mapped_column(Integer, default=0)
    cell_row: Mapped[int | None] = mapped_column(Integer)
    cell_col: Mapped[int | None] = mapped_column(Integer)
    attribute: Mapped[str | None] = mapped_column(String(10))
    aspiration: Mapped[bool] = mapped_column(Boolean, default=False)
    domain: Mapped[str | None] = mapped_column(String(200))
    rule: Mapped[str] = mapped_column(String(200), default="")
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    review_state: Mapped[str] = mapped_column(String(10), default="extracted", index=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    extracted: Mapped[dict[str, Any]] = mapped_column(default=dict)

    document: Mapped[Document] = relationship(back_populates="records")


class Region(Base):
    """区 → 镇/街道 → 村/社区."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    level: Mapped[str] = mapped_column(String(10))  # district|town|village
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))


class Unit(Base):
    """A department answerable for targets (牵头单位), with its aliases."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)  # canonical short name: 区发改局
    full_name: Mapped[str] = mapped_column(String(200), default="")
    aliases: Mapped[list[Any]] = mapped_column(default=list)


class Indicator(Base):
    """What is measured, for a region, in a unit family."""

    __tablename__ = "indicators"
    # Linking one document reads its regions' indicators and the domains in use; without these
    # (migration 0024) each read scanned every indicator, a cost growing with the database.
    __table_args__ = (
        Index("ix_indicators_region_id", "region_id"),
        Index("ix_indicators_domain_id", "domain", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    key: Mapped[str] = mapped_column(String(300), index=True)  # normalised name used for matching
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    unit: Mapped[str] = mapped_column(String(40), default="")  # display unit
    unit_family: Mapped[str] = mapped_column(String(20), default="")
    domain: Mapped[str] = mapped_column(String(50), default="")
    direction: Mapped[str] = mapped_column(String(10), default="up")  # up|down: which way is better
    # A planner's choice of direction (up|down), above any inference; None: inferred.
    direction_override: Mapped[str | None] = mapped_column(String(10))
    # What decided `direction` (evaluate/direction.py), shown on the indicator page.
    direction_reason: Mapped[str] = mapped_column(String(200), default="")
    bounded: Mapped[bool] = mapped_column(Boolean, default=False)  # a share bounded at 0/100
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    # lead units a planner set, for the targets whose document names none
    lead_units: Mapped[list[Any]] = mapped_column(default=list)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id"), index=True)
    # An admin's choice: shown to anonymous visitors when public reading is `published`.
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    targets: Mapped[list[Target]] = relationship(back_populates="indicator")
    observations: Mapped[list[Observation]] = relationship(back_populates="indicator")


class Target(Base):
    """A commitment on an indicator, from a record (or entered by a person)."""

    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    # Indexed: relinking looks targets up by record, parent and revised target.
    record_id: Mapped[int | None] = mapped_column(
        ForeignKey("records.id", ondelete="SET NULL"), index=True
    )
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    parent_target_id: Mapped[int | None] = mapped_column(
        ForeignKey("targets.id"), index=True
    )  # broken down from
    revises_id: Mapped[int | None] = mapped_column(
        ForeignKey("targets.id"), index=True
    )  # an earlier target
    revision: Mapped[str | None] = mapped_column(
        String(20)
    )  # raised|kept|lowered|deadline_moved|attribute_changed|new
    comparator: Mapped[str] = mapped_column(String(2), default="=")
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")
    basis: Mapped[str] = mapped_column(String(10), default="level")
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    start_year: Mapped[int | None] = mapped_column(Integer)
    deadline_year: Mapped[int | None] = mapped_column(Integer)
    attribute: Mapped[str | None] = mapped_column(String(10))
    aspiration: Mapped[bool] = mapped_column(Boolean, default=False)
    lead_units: Mapped[list[Any]] = mapped_column(default=list)
    link_reason: Mapped[str] = mapped_column(String(200), default="")
    link_confidence: Mapped[float] = mapped_column(Float, default=1.0)

    indicator: Mapped[Indicator] = relationship(back_populates="targets")


class Observation(Base):
    """An actual value of an indicator for a region and period, with its provenance."""

    __tablename__ = "observations"
    # "数据截至" on every page header reads the latest year and month through it (migration 0024).
    __table_args__ = (Index("ix_observations_year_month", "year", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)  # for year-to-date values
    # For a total over several years (〔48〕 added in 2016–2020): its first year; `year` is the last.
    start_year: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")
    basis: Mapped[str] = mapped_column(String(10), default="level")
    record_id: Mapped[int | None] = mapped_column(
        ForeignKey("records.id", ondelete="SET NULL"), index=True
    )
    source_file: Mapped[str | None] = mapped_column(String(500))
    source_row: Mapped[int | None] = mapped_column(Integer)
    entered_by: Mapped[str | None] = mapped_column(String(100))
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    indicator: Mapped[Indicator] = relationship(back_populates="observations")


class User(Base):
    """A person who may sign in; password hashed with argon2."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))  # admin|planner|reporter|viewer
    password_hash: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))  # a reporter's unit
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))  # … or town
    email: Mapped[str | None] = mapped_column(String(200))  # for notifications by e-mail (optional)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WebSession(Base):
    """A signed-in browser or API client: revoked by signing out, gone with its user. The cookie
    holds the token; only its sha256 is stored."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Event(Base):
    """One change made by a person or a command, appended and never edited (the audit trail):
    who, when, what, and each changed field's value before and after."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(10))  # create | update | delete
    entity: Mapped[str] = mapped_column(String(20))  # record | observation | user | indicator
    entity_id: Mapped[int] = mapped_column(Integer)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field → [before, after]


class SupervisionItem(Base):
    """A supervision item (督办事项) on a target: what a lead unit is asked, by when, and where it
    stands (proposed → open → answered → closed, or returned, or dismissed). Every change of state
    is a `SupervisionTransition`; `target_status` is the target's status the last time the
    proposal rule looked (a closed item reopens when its target turns red again)."""

    __tablename__ = "supervision_items"
    __table_args__ = (Index("ix_supervision_items_state_due", "state", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    lead_units: Mapped[list[Any]] = mapped_column(default=list)
    ask: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(
        String(10), default="open"
    )  # proposed|open|answered|returned|closed|dismissed
    proposed: Mapped[bool] = mapped_column(Boolean, default=False)  # made by the proposal rule
    opened_by: Mapped[str] = mapped_column(String(100), default="")
    target_status: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the due date whose passing was notified (`services/followup/overdue.py`): told once per due date
    overdue_notified_for: Mapped[date | None] = mapped_column(Date)

    transitions: Mapped[list[SupervisionTransition]] = relationship(
        back_populates="item",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SupervisionTransition.id",
    )


class SupervisionTransition(Base):
    """One change of an item's state, with who made it and when, and what they wrote: a reason
    (return, dismiss, close, reopen) or the unit's answer (原因分析, 整改措施, expected date)."""

    __tablename__ = "supervision_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_items.id", ondelete="CASCADE"), index=True
    )
    from_state: Mapped[str | None] = mapped_column(String(10))
    to_state: Mapped[str] = mapped_column(String(10))
    actor: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")  # 原因分析
    measures: Mapped[str] = mapped_column(Text, default="")  # 整改措施
    expected_date: Mapped[date | None] = mapped_column(Date)

    item: Mapped[SupervisionItem] = relationship(back_populates="transitions")


class SupervisionAttachment(Base):
    """A file a unit sent with its answer (PDF, Word, Excel, an image), stored in the database."""

    __tablename__ = "supervision_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_items.id", ondelete="CASCADE"), index=True
    )
    transition_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_transitions.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Round(Base):
    """A reporting round (填报): the values of a period owed by the units (and towns) answerable
    for a set of indicators, by a due date (`services/followup/rounds.py`)."""

    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    period_kind: Mapped[str] = mapped_column(String(10))  # month|quarter|year
    period_year: Mapped[int] = mapped_column(Integer)
    period_number: Mapped[int | None] = mapped_column(Integer)  # month 1–12, quarter 1–4, None
    period_label: Mapped[str] = mapped_column(String(40), default="")  # 2026年第1季度
    due_date: Mapped[date] = mapped_column(Date)
    selection: Mapped[str] = mapped_column(String(10), default="all")  # all|domain|document
    selection_value: Mapped[str] = mapped_column(String(200), default="")  # the domain, document id
    selection_text: Mapped[str] = mapped_column(String(500), default="")  # in words, for people
    state: Mapped[str] = mapped_column(String(10), default="open", index=True)  # open|closed
    opened_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    overdue_notified_for: Mapped[date | None] = mapped_column(Date)  # as on supervision items

    items: Mapped[list[RoundItem]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="RoundItem.id"
    )


class RoundItem(Base):
    """One value a round asks for: an indicator, from a lead unit (`unit`, region the indicator's
    own) or from a town (`region_id`, approved by `unit`, the indicator's lead unit)."""

    __tablename__ = "round_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    unit: Mapped[str] = mapped_column(String(100), default="")  # the lead unit: fills or approves
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))  # a town that owes it
    basis: Mapped[str] = mapped_column(String(10), default="level")
    state: Mapped[str] = mapped_column(
        String(10), default="owed", index=True
    )  # owed|filled|approved|returned
    value: Mapped[float | None] = mapped_column(Float)  # as filled (a town's: counts once approved)
    value_unit: Mapped[str] = mapped_column(String(40), default="")
    observation_id: Mapped[int | None] = mapped_column(
        ForeignKey("observations.id", ondelete="SET NULL")
    )
    filled_by: Mapped[str | None] = mapped_column(String(100))
    filled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str | None] = mapped_column(String(100))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    return_reason: Mapped[str | None] = mapped_column(Text)

    round: Mapped[Round] = relationship(back_populates="items")


class Notification(Base):
    """A message in a user's in-app inbox: a kind with its parameters (the words are made in the
    reader's language from `data/notifications.yaml`), a link, and when it was read."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))  # round_opened|value_submitted|value_returned|…
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SearchEntry(Base):
    """One searchable text (a document's sentence, a record, an indicator with its aliases, a
    unit), rebuilt from the model per document (derived data). The full-text index over `text` is
    made by migration 0014 outside the metadata: an FTS5 trigram table `search_fts` on SQLite, a
    pg_trgm GIN index on PostgreSQL (`SEARCH_INDEX_NAMES`)."""

    __tablename__ = "search_entries"
    __table_args__ = (Index("ix_search_entries_kind_ref", "kind", "ref_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # sentence | record | indicator | unit
    ref_id: Mapped[int] = mapped_column(Integer)  # the document, record, indicator or unit
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int | None] = mapped_column(Integer)  # offsets in the document text
    end: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(
        String(500), default=""
    )  # indicator/unit name, record metric, title
    anchor: Mapped[str] = mapped_column(String(300), default="")  # the page (and place) to open
    text: Mapped[str] = mapped_column(Text)


# The search index's objects that migration 0014 makes by hand (not in the metadata): autogenerate
# and the schema-drift test leave them alone.
SEARCH_INDEX_NAMES = ("search_fts", "ix_search_entries_text_trgm")


def managed_name(name: str | None, type_: str, parent_names: Any = None) -> bool:
    """Alembic `include_name`: False for the search index's hand-made objects."""
    return not (name and name.startswith(SEARCH_INDEX_NAMES))


class Job(Base):
    """Work handed to a background worker (an upload's ingest or import): queued, running, done
    or failed, with its progress and the per-file (or per-row) result the page shows."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_state_id", "state", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # ingest | import
    state: Mapped[str] = mapped_column(
        String(10), default="queued"
    )  # queued | running | done | failed
    created_by: Mapped[str] = mapped_column(String(100), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    worker: Mapped[str] = mapped_column(String(100), default="")  # host:pid of the taker
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # times taken; the taker's token
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what the kind needs
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # the lines the page shows
    error: Mapped[str | None] = mapped_column(Text)


class JobFile(Base):
    """An uploaded file waiting for its job, kept in the database so that any worker on any
    machine can take the job and a restart loses nothing; deleted once it has been handled."""

    __tablename__ = "job_files"

    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Project(Base):
    """A major project (重大项目) tracked next to targets, or a project group of a plan's 专栏
    (kind "group": a count of projects and the investment planned over the period). It came from
    a document (`document_id` and the offsets of its sentence) or a ledger file (file and row).
    Investments are in 亿元; `investment_text` keeps the figure as written."""

    __tablename__ = "projects"
    __table_args__ = (Index("ix_projects_name_region", "name", "region"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default="project")  # project | group
    name: Mapped[str] = mapped_column(String(300))
    region: Mapped[str] = mapped_column(String(100), default="")
    lead_unit: Mapped[str] = mapped_column(String(200), default="", index=True)
    stage: Mapped[str | None] = mapped_column(String(10))  # vocabulary.PROJECT_STAGES
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    total_investment: Mapped[float | None] = mapped_column(Float)  # 亿元
    investment_text: Mapped[str] = mapped_column(String(60), default="")  # as written, with unit
    project_count: Mapped[int | None] = mapped_column(Integer)  # a group's number of projects
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int | None] = mapped_column(Integer)  # the sentence's offsets in the document
    end: Mapped[int | None] = mapped_column(Integer)
    source_file: Mapped[str | None] = mapped_column(String(500))
    source_row: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    investments: Mapped[list[ProjectInvestment]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectInvestment.year"
    )


class ProjectInvestment(Base):
    """A project's investment in one year: planned (年度计划投资) and completed (完成投资), 亿元,
    with who entered it last and from which file row."""

    __tablename__ = "project_investments"
    __table_args__ = (UniqueConstraint("project_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    planned: Mapped[float | None] = mapped_column(Float)
    completed: Mapped[float | None] = mapped_column(Float)
    source_file: Mapped[str | None] = mapped_column(String(500))
    source_row: Mapped[int | None] = mapped_column(Integer)
    entered_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    project: Mapped[Project] = relationship(back_populates="investments")
