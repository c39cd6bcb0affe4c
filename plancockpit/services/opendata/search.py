"""Full-text search in Chinese over documents' sentences, records, indicators (names and aliases),
units and major projects.

The texts live in `search_entries` (rebuilt per document after an ingest; indicators and units
after each linking). Substring matching, as Chinese has no spaces: on SQLite an FTS5 table with
the trigram tokenizer, written with the entries (`insert_entries`; `MATCH` for queries of 3+
characters, shorter ones by `LIKE`), on PostgreSQL `ILIKE` served by a pg_trgm GIN index
(migration 0014). Ranking is the same on both:
an exact name or text first, then a text that starts with the query, then indicators, units,
records and sentences in that order, then the shorter (denser) text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from markupsafe import Markup, escape
from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    delete,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import Session

from plancockpit.db.bulk import insert_rows, table_of
from plancockpit.db.models import (
    Document,
    Indicator,
    Observation,
    Project,
    Record,
    SearchEntry,
    Section,
    Target,
    Unit,
)

KINDS = ("indicator", "unit", "project", "record", "sentence")
MAX_QUERY = 100
TOTAL_CAP = 1000  # counted up to this many hits
SENTENCE_MAX = 300  # a sentence longer than this is cut into pieces
_SENTENCE_END = re.compile(r"[^。！？；!?;\n]*[。！？；!?;\n]?")


@dataclass(frozen=True)
class Query:
    q: str
    kind: str = ""
    limit: int = 20
    offset: int = 0


def sentences(textbody: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: up to 。！？；, a line break or SENTENCE_MAX characters,
    leading and trailing spaces left out."""
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE_END.finditer(textbody):
        start, end = m.start(), m.end()
        while start < end and textbody[start].isspace():
            start += 1
        while end > start and textbody[end - 1].isspace():
            end -= 1
        for s in range(start, end, SENTENCE_MAX):
            spans.append((s, min(end, s + SENTENCE_MAX)))
    return spans


def section_anchors(sections: list[tuple[int, int, int, int]], starts: list[int]) -> list[str]:
    """For each offset in `starts`, `#s{id}` of the deepest of `sections` (id, depth, start, end)
    holding it — the later one in `sections` among equals — or "" (the document page's anchors).
    One sweep over the sections sorted by start, not a scan of all of them per sentence (it was
    ~0.04 s a document)."""
    order = sorted(range(len(sections)), key=lambda i: sections[i][2])
    anchors = [""] * len(starts)
    active: list[int] = []
    k = 0
    for pos in sorted(range(len(starts)), key=starts.__getitem__):
        start = starts[pos]
        while k < len(order) and sections[order[k]][2] <= start:
            active.append(order[k])
            k += 1
        active = [i for i in active if sections[i][3] > start]
        if active:  # deepest wins, the later one in `sections` among equals
            anchors[pos] = f"#s{sections[max(active, key=lambda i: (sections[i][1], i))][0]}"
    return anchors


def insert_entries(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add entries to the index. On SQLite their FTS5 rows follow in one statement: a trigger
    per entry (migration 0014; dropped by 0027) cost twice as much, as FTS5 writes out its
    pending terms at every statement of an executemany."""
    if not rows:
        return
    fts5 = _fts5(session)  # SQLite numbers the new rows above the highest id
    last = (session.scalar(select(func.max(SearchEntry.id))) or 0) if fts5 else 0
    insert_rows(session, table_of(SearchEntry), rows)
    if fts5:
        session.execute(
            text(
                "INSERT INTO search_fts(rowid, text) "
                "SELECT id, text FROM search_entries WHERE id > :last"
            ).bindparams(last=last)
        )


def rebuild_document(session: Session, document_id: int) -> int:
    """Replace the document's sentences and records in the index; returns the entries written."""
    session.execute(delete(SearchEntry).where(SearchEntry.document_id == document_id))
    doc = session.get(Document, document_id)
    if doc is None:
        return 0
    title = (doc.title or doc.name)[:500]
    secs = [
        (s.id, s.depth, s.start, s.end)
        for s in session.execute(
            select(Section.id, Section.depth, Section.start, Section.end).where(
                Section.document_id == document_id
            )
        )
    ]
    rows: list[dict[str, Any]] = []
    spans = sentences(doc.text)
    anchors = section_anchors(secs, [start for start, _ in spans])
    for (start, end), anchor in zip(spans, anchors, strict=True):
        rows.append(
            {
                "kind": "sentence",
                "ref_id": doc.id,
                "document_id": doc.id,
                "start": start,
                "end": end,
                "name": title,
                "anchor": f"/documents/{doc.id}{anchor}",
                "text": doc.text[start:end],
            }
        )
    rows.extend(  # the columns an entry needs, not Record objects (their JSON decoded)
        _record_row(rec)
        for rec in session.execute(
            select(*RECORD_ENTRY_COLUMNS)
            .where(Record.document_id == document_id)
            .order_by(Record.id)  # as SQLite read them; PostgreSQL's heap order may differ
        )
    )
    insert_entries(session, rows)  # ≈ 1,000 rows a document
    return len(rows)


class RecordLike(Protocol):
    """A Record, or a row of RECORD_ENTRY_COLUMNS: what a record's index entry is made from."""

    @property
    def id(self) -> int: ...
    @property
    def document_id(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def metric(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def unit(self) -> str: ...


RECORD_ENTRY_COLUMNS = (
    Record.id,
    Record.document_id,
    Record.start,
    Record.end,
    Record.metric,
    Record.number,
    Record.unit,
)


def _record_row(rec: RecordLike) -> dict[str, Any]:
    label = f"{rec.metric} {rec.number}{rec.unit}".strip()
    return {
        "kind": "record",
        "ref_id": rec.id,
        "document_id": rec.document_id,
        "start": rec.start,
        "end": rec.end,
        "name": rec.metric[:500],
        "anchor": f"/documents/{rec.document_id}#r{rec.id}",
        "text": label,
    }


def reindex_records(session: Session, records: list[Record]) -> int:
    """Replace the index entries of these records only (after a review: the document's text and
    sentences did not change, so rebuilding its whole index — ~0.65 s for a corpus plan — is not
    needed)."""
    ids = [rec.id for rec in records]
    if not ids:
        return 0
    session.execute(
        delete(SearchEntry).where(SearchEntry.kind == "record", SearchEntry.ref_id.in_(ids))
    )
    insert_entries(session, [_record_row(rec) for rec in records])
    return len(ids)


def rebuild_named(session: Session) -> int:
    """Replace the indicators (name and aliases; merged ones left out) and units in the index."""
    session.execute(delete(SearchEntry).where(SearchEntry.kind.in_(("indicator", "unit"))))
    rows = [
        _indicator_row(ind)
        for ind in session.scalars(
            select(Indicator).where(Indicator.merged_into_id.is_(None)).order_by(Indicator.id)
        )
    ]
    rows.extend(_unit_row(unit) for unit in session.scalars(select(Unit).order_by(Unit.id)))
    insert_entries(session, rows)
    return len(rows) + rebuild_projects(session)


class IndicatorLike(Protocol):
    """An Indicator, or a row of its id, name and aliases."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> list[Any]: ...


def _indicator_row(ind: IndicatorLike) -> dict[str, Any]:
    names = [ind.name, *[a for a in (ind.aliases or []) if a and a != ind.name]]
    return {
        "kind": "indicator",
        "ref_id": ind.id,
        "document_id": None,
        "start": None,
        "end": None,
        "name": ind.name[:500],
        "anchor": f"/indicators/{ind.id}",
        "text": "｜".join(names),
    }


def _unit_row(unit: Unit) -> dict[str, Any]:
    names = [
        unit.name,
        *[n for n in [unit.full_name, *(unit.aliases or [])] if n and n != unit.name],
    ]
    return {
        "kind": "unit",
        "ref_id": unit.id,
        "document_id": None,
        "start": None,
        "end": None,
        "name": unit.name,
        "anchor": f"/units/{quote(unit.name)}",
        "text": "｜".join(names),
    }


def last_indicator_id(session: Session) -> int:
    """The highest indicator id now: what a linking run creates comes after it."""
    return session.scalar(select(func.max(Indicator.id))) or 0


def index_linked(session: Session, document_id: int, last_before: int) -> int:
    """After one document is stored and linked: index what it can have added or changed — its
    projects, the indicators created since `last_before` (`last_indicator_id` before linking;
    also those no target or value holds) or linked to its records (an alias added), and units
    not indexed yet — instead of every name (`rebuild_named`), whose cost grew with the
    database (2 s of a 2.5 s ingest at 80 stored documents)."""
    records = select(Record.id).where(Record.document_id == document_id)
    linked = (
        set(session.scalars(select(Target.indicator_id).where(Target.record_id.in_(records))))
        | set(
            session.scalars(
                select(Observation.indicator_id).where(Observation.record_id.in_(records))
            )
        )
        | set(session.scalars(select(Indicator.id).where(Indicator.id > last_before)))
    )
    projects = list(session.scalars(select(Project.id).where(Project.document_id == document_id)))
    return (
        reindex_indicators(session, linked)
        + index_new_units(session)
        + reindex_projects(session, projects)
    )


def reindex_indicators(session: Session, ids: Iterable[int]) -> int:
    """Replace the index entries of these indicators (a merged one's are only removed)."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    session.execute(
        delete(SearchEntry).where(SearchEntry.kind == "indicator", SearchEntry.ref_id.in_(ids))
    )
    rows = [  # the columns an entry needs, not Indicator objects
        _indicator_row(ind)
        for ind in session.execute(
            select(Indicator.id, Indicator.name, Indicator.aliases)
            .where(Indicator.id.in_(ids), Indicator.merged_into_id.is_(None))
            .order_by(Indicator.id)
        )
    ]
    insert_entries(session, rows)
    return len(rows)


def index_new_units(session: Session) -> int:
    """Index the units that are not in the index yet (a stored unit changes only by an edit)."""
    indexed = select(SearchEntry.ref_id).where(SearchEntry.kind == "unit")
    rows = [
        _unit_row(u)
        for u in session.scalars(select(Unit).where(Unit.id.not_in(indexed)).order_by(Unit.id))
    ]
    insert_entries(session, rows)
    return len(rows)


def reindex_projects(session: Session, ids: list[int]) -> int:
    """Replace the index entries of these projects."""
    if not ids:
        return 0
    session.execute(
        delete(SearchEntry).where(SearchEntry.kind == "project", SearchEntry.ref_id.in_(ids))
    )
    rows = [
        _project_row(p)
        for p in session.scalars(select(Project).where(Project.id.in_(ids)).order_by(Project.id))
    ]
    insert_entries(session, rows)
    return len(rows)


def rebuild_projects(session: Session) -> int:
    """Replace the major projects in the index: name, lead unit, town, stage and investment."""
    session.execute(delete(SearchEntry).where(SearchEntry.kind == "project"))
    rows = [_project_row(p) for p in session.scalars(select(Project).order_by(Project.id))]
    insert_entries(session, rows)
    return len(rows)


def _project_row(p: Project) -> dict[str, Any]:
    return {
        "kind": "project",
        "ref_id": p.id,
        "document_id": p.document_id,
        "start": p.start,
        "end": p.end,
        "name": p.name[:500],
        "anchor": f"/projects/{p.id}",
        "text": "｜".join(
            t
            for t in (
                p.name,
                p.lead_unit,
                p.region,
                p.stage or "",
                f"总投资{p.investment_text}" if p.investment_text else "",
            )
            if t
        ),
    }


def rebuild_all(session: Session) -> int:
    session.execute(delete(SearchEntry))
    n = sum(rebuild_document(session, d) for d in session.scalars(select(Document.id)))
    return n + rebuild_named(session)


def ensure_index(session: Session) -> bool:
    """Build the index if it is empty while documents exist (a database ingested before 0014);
    returns whether it was built."""
    if session.scalar(select(SearchEntry.id).limit(1)) is not None:
        return False
    if (
        session.scalar(select(Document.id).limit(1)) is None
        and session.scalar(select(Indicator.id).limit(1)) is None
    ):
        return False
    rebuild_all(session)
    return True


def _fts5(session: Session) -> bool:
    # on the session's own connection: another one would wait for this one's write lock
    return session.get_bind().dialect.name == "sqlite" and inspect(session.connection()).has_table(
        "search_fts"
    )


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _where(session: Session, q: str) -> ColumnElement[bool]:
    if session.get_bind().dialect.name == "postgresql":
        return SearchEntry.text.ilike(_like(q), escape="\\")
    if len(q) >= 3 and _fts5(session):
        phrase = '"' + q.replace('"', '""') + '"'
        return SearchEntry.id.in_(
            text("SELECT rowid FROM search_fts WHERE search_fts MATCH :phrase").bindparams(
                phrase=phrase
            )
        )
    return SearchEntry.text.like(_like(q), escape="\\")


def _rank(q: str) -> list[Any]:
    named = SearchEntry.kind.in_(("indicator", "unit", "project"))
    exact = case(
        (and_(named, SearchEntry.name == q), 0),
        (SearchEntry.text == q, 0),
        (SearchEntry.text.like(_like(q)[1:], escape="\\"), 1),
        else_=2,
    )
    kind = case({k: i for i, k in enumerate(KINDS)}, value=SearchEntry.kind, else_=len(KINDS))
    # then by what an entry stands for, so the order does not hang on when it was (re)indexed
    return [exact, kind, func.length(SearchEntry.text), SearchEntry.ref_id, SearchEntry.id]


def highlight(body: str, q: str, width: int = 120) -> Markup:
    """`body` escaped, cut to about `width` characters around the first hit, every hit in <mark>."""
    pattern = re.compile(re.escape(q), re.IGNORECASE)
    first = pattern.search(body)
    prefix = suffix = ""
    if len(body) > width and first is not None:
        start = max(0, min(first.start() - width // 3, len(body) - width))
        end = start + width
        prefix, suffix = ("…" if start else ""), ("…" if end < len(body) else "")
        body = body[start:end]
    out: list[str] = [prefix]
    pos = 0
    for m in pattern.finditer(body):
        out.append(str(escape(body[pos : m.start()])))
        out.append(f"<mark>{escape(m.group())}</mark>")
        pos = m.end()
    out.append(str(escape(body[pos:])))
    out.append(suffix)
    return Markup("".join(out))


def search(session: Session, query: Query) -> dict[str, Any]:
    """Ranked hits: `{"items": [...], "total", "total_capped", "limit", "offset", "q"}`; each item
    has kind, id, name, the text with the hit marked (escaped HTML), offsets and a link."""
    # control characters (a NUL breaks both databases' matching) read as spaces
    q = " ".join("".join(c if c.isprintable() else " " for c in query.q).split())[:MAX_QUERY]
    if not q:
        return {
            "q": q,
            "items": [],
            "total": 0,
            "total_capped": False,
            "limit": query.limit,
            "offset": query.offset,
        }
    cond = _where(session, q)
    stmt: Select[Any] = select(SearchEntry).where(cond)
    if query.kind:
        stmt = stmt.where(SearchEntry.kind == query.kind)
    counted = (
        session.scalar(
            select(func.count()).select_from(
                stmt.with_only_columns(SearchEntry.id).limit(TOTAL_CAP + 1).subquery()
            )
        )
        or 0
    )
    page = session.scalars(stmt.order_by(*_rank(q)).limit(query.limit).offset(query.offset))
    items = [
        {
            "kind": e.kind,
            "id": e.ref_id,
            "name": e.name,
            "document_id": e.document_id,
            "start": e.start,
            "end": e.end,
            "url": e.anchor,
            "text": e.text,
            "highlight": str(highlight(e.text, q)),
        }
        for e in page
    ]
    return {
        "q": q,
        "items": items,
        "total": min(counted, TOTAL_CAP),
        "total_capped": counted > TOTAL_CAP,
        "limit": query.limit,
        "offset": query.offset,
    }
