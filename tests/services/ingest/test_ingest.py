"""Ingest end to end through the service: idempotent by hash, one transaction per document."""

from __future__ import annotations

import shutil
from concurrent.futures import Future
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Engine, func, select

from plancockpit.db.engine import session_factory
from plancockpit.db.models import Document, Record, Section
from plancockpit.services.ingest import store as ingest_store
from plancockpit.services.ingest.run import Analysed, _ready, example_paths, ingest_paths
from plancockpit.services.records.documents import get_document, list_documents, outline_tree


def counts(engine: Engine) -> tuple[int, int, int]:
    with session_factory(engine)() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Document, Section, Record)
        )


def test_examples_are_ingested_once_then_unchanged(db_engine: Engine) -> None:
    first = ingest_paths(db_engine, example_paths())
    assert [o.status for o in first] == ["ingested"] * len(example_paths())
    assert all(o.sections > 1 and o.records > 0 for o in first)
    stored = counts(db_engine)
    second = ingest_paths(db_engine, example_paths())
    assert [o.status for o in second] == ["unchanged"] * len(first)
    assert [o.document_id for o in second] == [o.document_id for o in first]
    assert counts(db_engine) == stored


def test_a_changed_file_is_a_new_document(db_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    shutil.copy(example_paths()[0], path)
    (old,) = ingest_paths(db_engine, [path])
    path.write_text(path.read_text(encoding="utf-8") + "\n第五章 附则\n", encoding="utf-8")
    (new,) = ingest_paths(db_engine, [path])
    assert (old.status, new.status) == ("ingested", "ingested")
    assert new.document_id != old.document_id
    with session_factory(db_engine)() as session:
        assert [d["name"] for d in list_documents(session)] == ["plan.txt", "plan.txt"]
        assert get_document(session, "plan.txt").id == new.document_id  # by name: the newest


def test_a_failure_while_storing_leaves_nothing(
    db_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ingest_store.record_values

    def broken(rec):  # type: ignore[no-untyped-def]
        return real(rec) | {"metric": None}  # NOT NULL: fails after document and sections

    monkeypatch.setattr(ingest_store, "record_values", broken)
    good, bad = example_paths()[0], example_paths()[1]
    outcomes = ingest_paths(db_engine, [bad])
    assert outcomes[0].status == "failed" and "\n" not in outcomes[0].message
    assert counts(db_engine) == (0, 0, 0)
    monkeypatch.setattr(ingest_store, "record_values", real)
    assert ingest_paths(db_engine, [good])[0].status == "ingested"


def test_outline_tree_nests_children_in_document_order(db_engine: Engine) -> None:
    (outcome,) = ingest_paths(db_engine, [example_paths()[0]])
    with session_factory(db_engine)() as session:
        doc = get_document(session, str(outcome.document_id))
        tree = outline_tree(session, doc)
        assert tree["kind"] == "document"
        starts = [child["start"] for child in tree["children"]]
        assert starts == sorted(starts) and len(starts) >= 1
        flat = outline_tree(session, doc, sentences=False)
        assert "sentence" not in _kinds(flat)


def _kinds(node: dict) -> set[str]:  # type: ignore[type-arg]
    return {node["kind"]} | set().union(*(_kinds(c) for c in node["children"]))


@pytest.mark.slow
def test_the_corpus_is_stored_verbatim(db_engine: Engine, corpus_dir: Path) -> None:
    outcomes = ingest_paths(db_engine, [corpus_dir])
    assert [o.status for o in outcomes] == ["ingested"] * 5, [o.message for o in outcomes]
    with session_factory(db_engine)() as session:
        for outcome in outcomes:
            doc = session.get(Document, outcome.document_id)
            assert doc is not None
            assert doc.text == outcome.path.read_bytes().decode("utf-8-sig")
            assert doc.sections[0].kind == "document" and len(doc.sections) > 1


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_text_is_stored_verbatim_whatever_the_encoding(
    db_engine: Engine, tmp_path: Path, encoding: str
) -> None:
    text = "虚构示例\r\n第一章 目标\r\n到2025年,地区生产总值达到1200亿元,年均增长7%左右。\r\n"
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    (outcome,) = ingest_paths(db_engine, [path])
    assert outcome.status == "ingested", outcome.message
    with session_factory(db_engine)() as session:
        doc = session.get(Document, outcome.document_id)
        assert doc is not None and doc.text == text  # \r\n kept: offsets count it as two
        assert all(doc.text[r.start : r.end] == r.number for r in doc.records)


def _stored_links(engine: Engine) -> list[tuple[object, ...]]:
    from plancockpit.db.models import Indicator, Observation, Target

    with session_factory(engine)() as session:
        rows = [
            (d.name, r.start, r.metric, r.kind, r.year, r.value)
            for d, r in session.execute(select(Document, Record).join(Record))
        ]
        rows += [
            (i.name, i.domain, t.value, t.deadline_year, t.revision)
            for i, t in session.execute(select(Indicator, Target).join(Target))
        ]
        rows += [
            (i.name, o.year, o.value)
            for i, o in session.execute(select(Indicator, Observation).join(Observation))
        ]
    return sorted(rows, key=repr)


def test_worker_processes_store_what_one_process_stores(tmp_path: Path, corpus_dir: Path) -> None:
    """Analysis in two worker processes, storing in order here: the same documents, records,
    indicators, targets and observations as one process; a bad file fails alone."""
    from plancockpit.db.migrate import open_database

    files = [*sorted(corpus_dir.glob("*.txt")), *example_paths()]
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    results = []
    for jobs in (1, 2):
        engine = open_database(f"sqlite:///{tmp_path}/jobs{jobs}.sqlite")
        outcomes = ingest_paths(engine, [*files, bad], jobs=jobs)
        assert [o.status for o in outcomes] == ["ingested"] * len(files) + ["failed"]
        assert "corrupt .docx" in outcomes[-1].message
        assert [o.status for o in ingest_paths(engine, files, jobs=jobs)] == ["unchanged"] * len(
            files
        )
        results.append(_stored_links(engine))
        engine.dispose()
    assert results[0] == results[1] and len(results[0]) > 500


def test_writers_on_postgresql_store_what_one_process_stores(
    tmp_path: Path, corpus_dir: Path, db_url: str
) -> None:
    """On PostgreSQL two writer processes store and link whole documents, linking them in the
    files' order: the same links as one process on SQLite; a bad file fails alone and the same
    bytes twice in one run are stored once (the second waits for nothing: no deadlock)."""
    from plancockpit.db.migrate import open_database

    if not db_url.startswith("postgresql"):
        pytest.skip("several writers at once are PostgreSQL's; SQLite has one writer")
    files = [*sorted(corpus_dir.glob("*.txt")), *example_paths()]
    twin = tmp_path / "twin.txt"
    twin.write_bytes(files[0].read_bytes())
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    reference = open_database(f"sqlite:///{tmp_path}/one.sqlite")
    ingest_paths(reference, files, jobs=1)
    engine = open_database(db_url)
    outcomes = ingest_paths(engine, [*files, twin, bad], jobs=2)
    assert [o.status for o in outcomes] == ["ingested"] * len(files) + ["unchanged", "failed"]
    assert outcomes[-2].document_id == outcomes[0].document_id
    assert "corrupt .docx" in outcomes[-1].message
    assert _stored_links(engine) == _stored_links(reference)
    assert _indicators(engine) == _indicators(reference)  # no indicator founded twice
    engine.dispose()
    reference.dispose()


def _indicators(engine: Engine) -> list[tuple[str, str]]:
    from plancockpit.db.models import Indicator, Region

    with session_factory(engine)() as session:
        rows = session.execute(select(Indicator.name, Region.name).outerjoin(Region))
        return sorted((name, region or "") for name, region in rows)


def test_a_file_whose_analysis_is_not_back_is_analysed_here_rather_than_waited_for() -> None:
    pending: Future[Analysed] = Future()
    assert _ready(pending) is None
    assert pending.cancelled()  # not sent to a worker yet: it never will be
    done: Future[Analysed] = Future()
    done.set_result(cast(Analysed, "an analysis"))
    assert _ready(done) is done
    assert _ready(None) is None


def test_on_sqlite_jobs_counts_this_process_which_stores(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two jobs on SQLite: this process stores and links, one worker analyses ahead; with a
    worker per core beside the storing process, the three competed for two cores."""
    from plancockpit.db.migrate import open_database
    from plancockpit.services.ingest import run

    sizes: list[int] = []

    class Pool(run.ProcessPoolExecutor):
        def __init__(self, workers: int, **kwargs: Any) -> None:
            sizes.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(run, "ProcessPoolExecutor", Pool)
    engine = open_database(f"sqlite:///{tmp_path}/p.sqlite")
    files = sorted(corpus_dir.glob("*.txt"))[:3]
    assert [o.status for o in ingest_paths(engine, files, jobs=2)] == ["ingested"] * 3
    assert sizes == [1]
    engine.dispose()
