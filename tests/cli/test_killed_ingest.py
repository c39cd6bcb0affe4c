"""`plancockpit ingest` killed with SIGKILL half-way through a folder leaves no half-stored
document: each stored document has every record its analysis gives, and running the ingest
again stores the rest (the stored ones come back `unchanged`). With `--jobs 2` the kill takes
the workers too: on PostgreSQL writers with documents stored and waiting for their turn to
link them, on SQLite a worker analysing ahead."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from plancockpit.db.engine import make_engine, transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Document, Record
from plancockpit.pipeline import analyse_file

REAL = Path(__file__).resolve().parents[2] / "../shared/corpus/real"


def _stored(url: str) -> dict[str, int]:
    engine = make_engine(url)  # no migration check: this polls while the ingest runs
    try:
        with transaction(engine) as session:
            rows = session.execute(
                select(Document.name, func.count(Record.id))
                .outerjoin(Record, Record.document_id == Document.id)
                .group_by(Document.name)
            )
            return {name: count for name, count in rows}
    finally:
        engine.dispose()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_during_a_folder_ingest_leaves_whole_documents(
    db_url: str, corpus_dir: Path, tmp_path: Path, jobs: str
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in [*sorted(corpus_dir.glob("*.txt")), *sorted(REAL.glob("*.txt"))[:20]]:
        shutil.copy(path, folder / path.name)
    command = [
        str(Path(sys.executable).with_name("plancockpit")),
        "ingest",
        str(folder),
        "--db",
        db_url,
        "--jobs",
        jobs,
    ]
    open_database(db_url).dispose()  # schema made before the race begins
    # its own process group, so that the kill takes its analysis workers too
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while not _stored(db_url) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    stored = _stored(db_url)
    assert 1 <= len(stored) < len(list(folder.iterdir()))
    for name, count in stored.items():
        assert count == len(analyse_file(folder / name).records), name
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert set(_stored(db_url)) == {p.name for p in folder.iterdir()}
    assert again.stdout.count("unchanged") >= len(stored)
