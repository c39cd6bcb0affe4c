"""The read API's response shapes, as pydantic models: what `/openapi.json` documents and what
each route's answer is checked against.

The stored kinds (documents, sections, records, targets, observations) list their columns; the
composed answers (a target's row with its status, the overview, an indicator's page) name their
parts. Every model allows more fields than it names, so a service may add one before its schema
says so without a client losing it; a named field of the wrong type fails the response.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from plancockpit.vocabulary import Basis, Comparator, Light, RecordKind, Status

T = TypeVar("T")


class Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(Shape, Generic[T]):
    """One page of a list: the items, how many there are in all, and the page's place."""

    items: list[T]
    total: int
    limit: int
    offset: int


class DocumentOut(Shape):
    id: int
    name: str
    title: str
    kind: str
    region: str
    format: str
    encoding: str | None
    content_hash: str
    doc_date: str | None
    period_start: int | None
    period_end: int | None
    base_year: int | None
    size: int | None
    ingested_at: str | None


class SectionOut(Shape):
    id: int
    document_id: int
    parent_id: int | None
    position: int
    depth: int
    kind: str
    number: str
    title: str
    start: int
    end: int
    lead_units: list[Any]


class RecordOut(Shape):
    id: int
    document_id: int
    start: int
    end: int
    number: str
    metric: str
    kind: RecordKind
    value: float
    value_max: float | None
    unit: str
    comparator: Comparator
    basis: Basis
    year: int | None
    lead_units: list[Any]
    rule: str
    confidence: float
    review_state: str


class TargetOut(Shape):
    id: int
    indicator_id: int
    record_id: int | None
    region_id: int | None
    comparator: Comparator
    value: float
    value_max: float | None
    unit: str
    basis: Basis
    baseline_value: float | None
    baseline_year: int | None
    deadline_year: int | None
    attribute: str | None
    aspiration: bool
    lead_units: list[Any]


class ObservationOut(Shape):
    id: int
    indicator_id: int
    region_id: int | None
    year: int
    month: int | None
    value: float
    unit: str
    basis: Basis
    record_id: int | None
    source_file: str | None
    source_row: int | None
    entered_by: str | None
    conflict: bool


class TargetRow(Shape):
    """A target with its indicator, region, document and current status (lists and pages)."""

    target_id: int
    indicator_id: int
    indicator_name: str
    domain: str
    region_id: int | None
    region_name: str
    document_id: int | None
    document_title: str
    basis: Basis
    comparator: Comparator
    value: float
    value_max: float | None
    unit: str
    deadline_year: int | None
    lead_units: list[Any]
    status: Status
    light: Light
    progress: float | None
    latest_value: float | None
    latest_year: int | None
    details: dict[str, Any]


class TargetDetail(TargetOut):
    assessment: TargetRow | None


class AssessmentOut(Shape):
    target_id: int
    indicator_id: int
    status: Status
    light: Light
    progress: float | None
    superseded: bool
    numbers: dict[str, Any]


class Tally(Shape):
    """Targets of a group (a domain, a unit, a region) counted by status."""

    name: str
    counts: dict[Status, int]
    total: int


class RegionOut(Shape):
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    counts: dict[Status, int]
    total: int


class RegionList(Shape):
    items: list[RegionOut]
    total: int


class RegionDetail(Shape):
    region: RegionOut
    ancestors: list[dict[str, Any]]
    children: list[RegionOut]
    targets: list[TargetRow]


class UnitOut(Shape):
    name: str
    id: int | None
    full_name: str
    counts: dict[Status, int]
    total: int


class UnitList(Shape):
    items: list[UnitOut]
    total: int
    unassigned: list[dict[str, Any]]


class UnitDetail(Shape):
    unit: dict[str, Any]
    counts: dict[Status, int]
    total: int
    targets: list[TargetRow]


class Tiles(Shape):
    total: int
    by_status: dict[Status, int]
    share_on_track: float | None
    with_data: int
    binding_not_green: int
    data_missing: int


class Overview(Shape):
    regions: list[str]
    data_as_of: dict[str, int | None] | None
    tiles: Tiles
    by_domain: list[Tally]
    by_unit: list[Tally]
    lagging: list[TargetRow]


class IndicatorList(Page[TargetRow]):
    filters: dict[str, Any]
    sort: dict[str, Any]


class IndicatorDetail(Shape):
    indicator: dict[str, Any]
    direction: dict[str, Any]
    region: dict[str, Any] | None
    targets: list[dict[str, Any]]
    observations: list[ObservationOut]


class DocumentDetail(Shape):
    document: DocumentOut
    outline: list[SectionOut]
    records: list[RecordOut]
    counts: dict[str, int]


class SearchHit(Shape):
    kind: str
    id: int
    name: str
    document_id: int | None
    start: int | None
    end: int | None
    url: str
    text: str
    highlight: str  # escaped HTML, the hit in <mark>


class SearchResult(Page[SearchHit]):
    q: str
    total_capped: bool


class EventOut(Shape):
    id: int
    at: str
    actor: str | None
    action: str
    entity: str
    entity_id: int | None
    changes: Any


class JobProgress(Shape):
    done: int
    total: int


class JobOut(Shape):
    """A background job (an upload's ingest or import): its state, progress and result lines."""

    id: int
    kind: Literal["ingest", "import", "projects"]
    state: Literal["queued", "running", "done", "failed"]
    created_by: str
    created_at: str | None
    started_at: str | None
    finished_at: str | None
    attempts: int
    progress: JobProgress
    files: list[str]
    result: dict[str, Any] | None
    error: str | None
    url: str
    page: str


class JobList(Page[JobOut]):
    pass


class Me(Shape):
    user: dict[str, str] | None
    csrf_token: str | None


class SupervisionRow(Shape):
    """A supervision item (督办) with its target's indicator and status."""

    id: int
    target_id: int
    lead_units: list[Any]
    ask: str
    due_date: str | None
    state: str
    proposed: bool
    overdue: bool
    indicator_id: int | None
    indicator_name: str


class SupervisionList(Page[SupervisionRow]):
    pass


class SupervisionDetail(SupervisionRow):
    """An item with its target, every transition (answers and their files) and its audit
    trail (`history`: null for viewers and anonymous readers)."""

    target: dict[str, Any] | None
    transitions: list[dict[str, Any]]
    history: list[dict[str, Any]] | None


class Proposals(Shape):
    """The items the proposal rule proposed and reopened."""

    proposed: list[int]
    reopened: list[int]


class RankingRow(Shape):
    unit: str
    links: dict[str, str]


class Ranking(Shape):
    on: str
    rounds: int
    order: list[str]
    items: list[RankingRow]
    total: int


class RoundRow(Shape):
    id: int
    title: str
    period_kind: str
    period_label: str
    due_date: str
    state: str
    counts: dict[str, int]


class RoundOpened(RoundRow):
    left_out: list[str]  # indicators of the selection no unit or town owes


class RoundItemOut(Shape):
    """A value a unit or town owes in a round: owed, filled, approved or returned."""

    id: int
    round_id: int
    indicator_id: int
    indicator: str
    unit: str | None
    region_id: int | None
    state: str
    value: float | None
    late: bool


class FilledValues(Shape):
    items: list[RoundItemOut]
    total: int


class RoundList(Shape):
    items: list[RoundRow]
    total: int


class RoundBoard(Shape):
    round: RoundRow
    rows: list[dict[str, Any]]
    items: list[dict[str, Any]]


class Todo(Shape):
    owed: list[dict[str, Any]]
    approvals: list[dict[str, Any]]
    tied: str


class NotificationRow(Shape):
    id: int
    kind: str
    link: str | None
    text_zh: str
    text_en: str
    created_at: str
    read_at: str | None


class Inbox(Page[NotificationRow]):
    unread: int


class AskAnswer(Shape):
    """An answer to a question about the plans, with the sentences and rows behind it."""

    question: str
    intent: dict[str, Any] | str | None
    found: bool
    answer_zh: str
    answer_en: str
    figures: list[Any]
    citations: list[dict[str, Any]]
    items: list[Any]
    suggestions: list[Any]


class ProjectYearOut(Shape):
    """A project's investment in one year (亿元) and its status (evaluate/projects.py)."""

    year: int
    planned: float | None
    completed: float | None
    share: float | None
    expected: float
    status: Status
    lagging: bool
    entered_by: str
    source_file: str | None
    source_row: int | None


class ProjectOut(Shape):
    """A major project or 专栏 project group with the year's progress; investments in 亿元."""

    id: int
    kind: str
    name: str
    region: str
    lead_unit: str
    stage: str | None
    period_start: int | None
    period_end: int | None
    total_investment: float | None
    investment_text: str
    project_count: int | None
    document_id: int | None
    start: int | None
    end: int | None
    source_file: str | None
    source_row: int | None
    progress: ProjectYearOut


class ProjectList(Shape):
    items: list[ProjectOut]
    year: int


class ProjectDetail(ProjectOut):
    years: list[ProjectYearOut]
    sentence: str
    history: list[EventOut]


# --- answers of the write routes ----------------------------------------------------------------


class UserRef(Shape):
    name: str
    role: str


class SignedIn(Shape):
    user: UserRef
    csrf_token: str  # to send as X-CSRF-Token with every write


class SignedOut(Shape):
    signed_out: bool


class UserOut(Shape):
    name: str
    role: str
    unit: str
    region: str
    email: str


class ReviewedRecord(RecordOut):
    """The record as the review left it, and the indicators whose statuses it may change."""

    affected_indicators: list[int]


class DirectionOut(Shape):
    indicator_id: int
    direction: str
    label: str
    reason: str
    override: str | None
    reason_zh: str
    reason_en: str
    assumed: bool


class LeadUnitsOut(Shape):
    indicator_id: int
    lead_units: list[str]


class ObservationAdded(Shape):
    """What became of an entered value (accepted, duplicate: not stored, conflict: stored and
    flagged) and, when stored, the observation's fields."""

    outcome: Literal["accepted", "duplicate", "conflict"]
    reason: str
    id: int | None = None
    indicator_id: int | None = None
    year: int | None = None
    value: float | None = None


class PublishedOut(Shape):
    kind: Literal["document", "indicator"]
    id: int
    published: bool
    changed: bool


class TargetsPublished(Shape):
    document_id: int
    published: bool
    indicators: list[int]
    changed: int  # indicators whose flag changed


def file_download(*media_types: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answer of a route that sends a file: its media types, as bytes (the route
    sets `response_class=Response`, so no JSON body is declared)."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    rows = {"schema": {"type": "array", "items": {"type": "object"}}}  # a JSON file of rows
    content = {t: rows if t == "application/json" else binary for t in media_types}
    return {200: {"description": "the file", "content": content}}


class DataPackage(Shape):
    """A Frictionless Data Package descriptor (datapackage.json)."""

    name: str
    title: str
    resources: list[dict[str, Any]]
