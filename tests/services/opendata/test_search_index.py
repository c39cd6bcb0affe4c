"""The search index an ingest leaves equals a full rebuild, though each document now indexes
only the names it links (its cost no longer grows with the database); ties rank by what the
entries stand for, not by when they were indexed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, insert, select, text, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from plancockpit.db.engine import session_factory
from plancockpit.db.models import Indicator, Record, SearchEntry
from plancockpit.services.ingest.run import ingest_paths
from plancockpit.services.opendata import search


def _entries(session: Session) -> list[tuple[object, ...]]:
    return sorted(
        (e.kind, e.ref_id, e.document_id, e.start, e.end, e.name, e.anchor, e.text)
        for e in session.scalars(select(SearchEntry))
    )


def test_ingest_indexes_what_a_full_rebuild_does(db_engine: Engine, corpus_dir: Path) -> None:
    plans = sorted(corpus_dir.glob("*.txt"))[:3]
    assert [o.status for o in ingest_paths(db_engine, plans)] == ["ingested"] * 3
    with session_factory(db_engine)() as s:
        after_ingest = _entries(s)
        assert {k for k, *_ in after_ingest} >= {"sentence", "record", "indicator", "unit"}
        search.rebuild_all(s)
        s.flush()
        assert _entries(s) == after_ingest


def test_reindexed_indicator_keeps_its_rank_among_equals(
    db_engine: Engine, corpus_dir: Path
) -> None:
    ingest_paths(db_engine, sorted(corpus_dir.glob("*.txt"))[:3])
    with session_factory(db_engine)() as s:
        first, second = s.scalars(select(Indicator).order_by(Indicator.id).limit(2))
        for ind in (first, second):  # two equal names: only the tie-break orders them
            s.execute(
                update(Indicator)
                .where(Indicator.id == ind.id)
                .values(name="同名指标甲", aliases=[])
            )
        search.reindex_indicators(s, [first.id, second.id])
        search.reindex_indicators(s, [first.id])  # indexed again: a newer entry id
        hits = search.search(s, search.Query("同名指标甲", "indicator"))["items"]
        assert [h["id"] for h in hits] == [first.id, second.id]


def test_the_fts_index_holds_every_entry_written_through_each_path(
    db_engine: Engine, corpus_dir: Path
) -> None:
    """No trigger writes FTS5 rows since migration 0027: each way of writing entries must."""
    if db_engine.dialect.name != "sqlite":
        pytest.skip("FTS5 is SQLite's; PostgreSQL indexes the column itself (pg_trgm)")
    ingest_paths(db_engine, sorted(corpus_dir.glob("*.txt"))[:2])
    with session_factory(db_engine)() as s:
        assert search._fts5(s)
        records = list(s.scalars(select(Record).limit(5)))
        search.reindex_records(s, records)
        search.reindex_indicators(s, s.scalars(select(Indicator.id).limit(5)))
        search.rebuild_named(s)
        entry = s.scalars(select(SearchEntry).where(SearchEntry.kind == "sentence")).first()
        assert entry is not None
        s.commit()
        # FTS5 compares its index with search_entries, row by row, and fails on any difference
        s.execute(text("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)"))
        s.execute(delete(SearchEntry).where(SearchEntry.id == entry.id))  # the delete trigger
        s.execute(text("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)"))
        s.execute(
            insert(SearchEntry).values(kind="unit", ref_id=0, name="x", anchor="", text="未入索引")
        )
        with pytest.raises(DatabaseError):  # the check would see an entry written past them
            s.execute(
                text("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
            )


def _deepest(sections: list[tuple[int, int, int, int]], start: int) -> str:
    """The rule by its definition, one scan per offset: the deepest section holding `start`,
    the later one among equals."""
    best: tuple[int, int] | None = None
    for sid, depth, s, e in sections:
        if s <= start < e and (best is None or depth >= best[0]):
            best = (depth, sid)
    return f"#s{best[1]}" if best else ""


def test_section_anchors_in_one_sweep_match_one_scan_per_offset() -> None:
    """The sweep picks the same section as the per-offset scan: deepest, the later among equals."""
    from random import Random

    from plancockpit.services.opendata.search import section_anchors

    rng = Random(14)
    for _ in range(2000):
        secs = []
        for ident in range(1, rng.randint(0, 12) + 1):
            start = rng.randint(0, 100)
            secs.append((ident, rng.randint(0, 4), start, start + rng.randint(0, 60)))
        starts = [rng.randint(0, 170) for _ in range(rng.randint(0, 30))]
        assert section_anchors(secs, starts) == [_deepest(secs, s) for s in starts]
    nested = [(1, 0, 0, 100), (2, 1, 10, 50), (3, 1, 10, 50)]
    assert section_anchors(nested, [60, 20, 5, 100]) == ["#s1", "#s3", "#s1", ""]
