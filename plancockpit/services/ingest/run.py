"""Ingest files into the database: each document in its own transaction, idempotent by hash.

A file whose bytes (sha256) are already stored is "unchanged" and nothing is written. A changed
version of a file already ingested is simply a new document (its hash differs); the old one
stays until deleted. The document, its outline, its records and their links to indicators
(`services.linking.link.link_document`) are written in one transaction: any failure in reading,
analysing, storing or linking one document rolls back that document only and is reported in
one line; the other files of the run go on.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from importlib import resources
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from plancockpit.db.audit import act_as
from plancockpit.db.engine import transaction
from plancockpit.db.models import Document
from plancockpit.read.errors import ReadError
from plancockpit.services.ingest import files as ingest_files
from plancockpit.services.ingest.files import Rejected
from plancockpit.services.ingest.turns import Turns
from plancockpit.services.opendata import search

if TYPE_CHECKING:
    from plancockpit.pipeline import Analysis
    from plancockpit.services.ingest.store import Rows

Status = Literal["ingested", "unchanged", "skipped", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one file."""

    path: Path
    status: Status
    message: str = ""
    document_id: int | None = None
    sections: int = 0
    records: int = 0


Listener = Callable[[Outcome], None]
Stored = Callable[[Session, Outcome], None]


def example_paths() -> list[Path]:
    """The bundled fictional example documents (what `plancockpit demo` ingests)."""
    folder = Path(str(resources.files("plancockpit") / "examples"))
    suffixes = ingest_files.supported_suffixes()
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in suffixes)


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    overrides: dict[str, Any] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_done: Listener | None = None,
    on_file: Callable[[Path], None] | None = None,
    jobs: int = 1,
) -> list[Outcome]:
    """Ingest files and folders; `on_start(total)`, `on_file(path)` (before each file) and
    `on_done(outcome)` report progress. With `jobs` > 1 on SQLite (one writer at a time), this
    process stores and links the documents and `jobs` - 1 worker processes read and analyse
    them ahead (this one is busier: a worker per core beside it only competed with it for the
    cores); on PostgreSQL `jobs` workers do it all, each document in its own transaction and
    linked in the files' order (`turns.Turns`)."""
    found = ingest_files.collect(paths)
    if on_start:
        on_start(len(found))
    outcomes: list[Outcome] = []
    if jobs > 1 and engine.dialect.name == "postgresql":
        pairs: Iterator[tuple[ingest_files.Found, Ahead]] = _written(engine, found, overrides, jobs)
    else:
        pairs = _ahead(engine, found, overrides, jobs)
    for item, ahead in pairs:
        if on_file:
            on_file(item.path)
        if isinstance(ahead, Outcome):
            outcome = ahead
        elif item.error:
            outcome = Outcome(item.path, "failed", item.error)
        elif item.skipped:
            outcome = Outcome(item.path, "skipped", item.skipped)
        else:
            outcome = ingest_file(engine, item.path, overrides, _ready(ahead))
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return outcomes


Ahead = Union["Future[Analysed]", Outcome, None]


def _ready(ahead: Future[Analysed] | None) -> Future[Analysed] | None:
    """A worker's analysis when it is done; else None, and this process analyses the file
    itself rather than wait: while the workers start (~0.6 s each to import and warm up, about
    the time of 6 documents stored) or when they fall behind. Their result, if it comes, is
    dropped."""
    if ahead is not None and not ahead.done():
        ahead.cancel()
        return None
    return ahead


@dataclass(frozen=True)
class Analysed:
    """A file read and analysed (in a worker process), ready to store."""

    digest: str
    size: int
    analysis: Analysis
    rows: Rows


def analyse_bytes(name: str, data: bytes, overrides: dict[str, Any] | None) -> Analysed:
    """Read and analyse one file's bytes, and make its section and record rows: the part of an
    ingest that needs no database (with `--jobs`, done in the workers, not the storing process)."""
    from plancockpit.pipeline import analyse
    from plancockpit.read import read_bytes
    from plancockpit.services.ingest import store

    source = read_bytes(name, data)
    ingest_files.check_text(source.text)
    analysis = analyse(source, overrides)
    return Analysed(hashlib.sha256(data).hexdigest(), len(data), analysis, store.rows_of(analysis))


def _ahead(
    engine: Engine, found: list[ingest_files.Found], overrides: dict[str, Any] | None, jobs: int
) -> Iterator[tuple[ingest_files.Found, Ahead]]:
    """The files in order, each with its analysis under way in one of `jobs` - 1 workers (a
    bounded window of 2 × jobs ahead, so memory stays flat), its outcome when it cannot be
    ingested or is already stored, or None where it is ingested here (one job)."""
    if jobs <= 1:
        yield from ((item, None) for item in found)
        return
    window: deque[tuple[ingest_files.Found, Ahead]] = deque()
    with ProcessPoolExecutor(jobs - 1, mp_context=get_context("spawn")) as pool:
        for item in found:
            ahead: Ahead = None
            if not item.error and not item.skipped:
                ahead = _submit(engine, pool, item.path, overrides)
            window.append((item, ahead))
            if len(window) > 2 * jobs:
                yield window.popleft()
        while window:
            yield window.popleft()


def _written(
    engine: Engine, found: list[ingest_files.Found], overrides: dict[str, Any] | None, jobs: int
) -> Iterator[tuple[ingest_files.Found, Outcome | None]]:
    """The files in order, each with its outcome, written by `jobs` writer processes (a bounded
    window of 2 × jobs ahead). A file of the same bytes as an earlier one of the run is not
    written again (its insert would wait for the earlier document's commit, which may wait for
    its turn behind it); None for a file `ingest_paths` reports itself."""
    context = get_context("spawn")
    turns = Turns.new(context)
    url = engine.url.render_as_string(hide_password=False)
    window: deque[tuple[ingest_files.Found, Callable[[], Outcome | None]]] = deque()
    first: dict[str, Future[Outcome]] = {}
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_writer, initargs=(url, turns.shared)
    ) as pool:
        for item in found:
            window.append((item, _dispatch(engine, pool, item, overrides, first)))
            if len(window) > 2 * jobs:
                item, outcome = window.popleft()
                yield item, outcome()
        while window:
            item, outcome = window.popleft()
            yield item, outcome()


def _dispatch(
    engine: Engine,
    pool: ProcessPoolExecutor,
    item: ingest_files.Found,
    overrides: dict[str, Any] | None,
    first: dict[str, Future[Outcome]],
) -> Callable[[], Outcome | None]:
    """Send one file to a writer; what gives its outcome (when its turn in the output comes).
    `first`: the run's files sent so far, by digest."""
    if item.error or item.skipped:
        return lambda: None
    read = _read_new(engine, item.path)
    if isinstance(read, Outcome):
        return lambda: read
    digest = read[1]
    if digest in first:
        earlier = first[digest]
        return lambda: _same_as(item.path, earlier.result())
    k = len(first)
    first[digest] = future = pool.submit(_write, item.path, overrides, k)
    return future.result


def _same_as(path: Path, earlier: Outcome) -> Outcome:
    if earlier.status in ("ingested", "unchanged"):
        note = f"already stored as document {earlier.document_id} / 已入库"
        return Outcome(path, "unchanged", note, earlier.document_id)
    return Outcome(path, "failed", f"same bytes as {earlier.path.name}: {earlier.message}")


_writer: dict[str, Any] = {}  # in a writer process: its engine and the shared turns


def _start_writer(url: str, shared: tuple[Any, Any]) -> None:
    from plancockpit.db.engine import make_engine

    _writer["engine"] = make_engine(url, 2)
    _writer["turns"] = Turns(*shared)


def _write(path: Path, overrides: dict[str, Any] | None, k: int) -> Outcome:
    """In a writer process: ingest the run's k-th new file, linking it in turn k."""
    turns: Turns = _writer["turns"]
    try:
        return ingest_file(_writer["engine"], path, overrides, turn=lambda: turns.reached(k))
    finally:
        turns.pass_on(k)


def _submit(
    engine: Engine, pool: ProcessPoolExecutor, path: Path, overrides: dict[str, Any] | None
) -> Ahead:
    read = _read_new(engine, path)
    if isinstance(read, Outcome):
        return read
    return pool.submit(analyse_bytes, path.name, read[0], overrides)


def _read_new(engine: Engine, path: Path) -> Outcome | tuple[bytes, str]:
    """A file's bytes and digest; its outcome instead when it cannot be read or is stored."""
    try:
        data = ingest_files.read_checked(path)
    except ReadError as exc:
        return Outcome(path, "failed", str(exc))
    digest = hashlib.sha256(data).hexdigest()
    known = _known(engine, digest)
    if known is not None:
        return Outcome(path, "unchanged", f"already stored as document {known} / 已入库", known)
    return data, digest


def ingest_file(
    engine: Engine,
    path: Path,
    overrides: dict[str, Any] | None = None,
    ahead: Future[Analysed] | None = None,
    on_stored: Stored | None = None,
    actor: str = "",
    turn: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> Outcome:
    """Ingest one file (its analysis `ahead` when a worker made it); never raises for a bad
    file, returns a failed Outcome instead. `turn()` is held while it is linked (a writer among
    several waits there for the documents before it). `on_stored(session, outcome)` runs inside
    the document's transaction once it is stored (a background job notes its progress there, so
    the document and the note are committed together or not at all). `actor`: who uploaded it,
    named in the audit trail for the targets it makes (else `system`)."""
    try:
        return _ingest(engine, path, overrides, ahead, on_stored, actor, turn)
    except Rejected as exc:
        return Outcome(path, "failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        return Outcome(path, "failed", one_line(exc))


def _ingest(
    engine: Engine,
    path: Path,
    overrides: dict[str, Any] | None,
    ahead: Future[Analysed] | None,
    on_stored: Stored | None = None,
    actor: str = "",
    turn: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> Outcome:
    from plancockpit.services.ingest.store import store

    if ahead is not None:
        done = ahead.result()
    else:
        data = ingest_files.read_checked(path)
        known = _known(engine, hashlib.sha256(data).hexdigest())
        if known is not None:
            return Outcome(path, "unchanged", f"already stored as document {known} / 已入库", known)
        done = analyse_bytes(path.name, data, overrides)
    digest = done.digest
    try:
        with transaction(engine) as session:
            if actor:
                act_as(session, actor)
            stored = store(session, done.analysis, path, digest, done.size, done.rows)
            search.rebuild_document(session, stored.document_id)  # the search index, per document
            with turn():
                _link(session, stored.document_id)
                outcome = Outcome(
                    path, "ingested", "", stored.document_id, stored.sections, stored.records
                )
                if on_stored:
                    on_stored(session, outcome)
    except IntegrityError:
        # Another run stored the same bytes meanwhile.
        known = _known(engine, digest)
        if known is None:
            raise
        return Outcome(path, "unchanged", f"already stored as document {known} / 已入库", known)
    return outcome


def _link(session: Session, document_id: int) -> None:
    """Link the new records into indicators, targets and observations in the same transaction,
    so a document is stored linked or not at all."""
    from plancockpit.services.linking.link import link_document

    last_before = search.last_indicator_id(session)
    link_document(session, document_id, new=True)
    search.index_linked(session, document_id, last_before)  # what linking it added or renamed


def _known(engine: Engine, digest: str) -> int | None:
    # a read: on SQLite, BEGIN IMMEDIATE would wait for (and block) a writer for nothing
    with transaction(engine, write=False) as session:
        return session.scalar(select(Document.id).where(Document.content_hash == digest))


def one_line(exc: BaseException, limit: int = 200) -> str:
    """An exception as one short line; errors other than ReadError say their type."""
    message = " ".join(str(exc).split())
    if not isinstance(exc, ReadError):
        message = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return message if len(message) <= limit else message[: limit - 1] + "…"
