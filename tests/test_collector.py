"""The collector's pace for long-lived work: objects alive across a few units of work (a
request among a worker's threads, a document being stored) bring no full collections, each of
which scans everything alive with the GIL held; `serve`, `ingest` and `worker` set it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plancockpit import collector
from plancockpit.cli import app
from plancockpit.services.ingest.run import example_paths


def full_collections_while_working(units: int = 60, objects: int = 20_000) -> int:
    """Full collections while units of work, each building `objects` containers, overlap in
    time (four alive at once, as in a worker's threads or an ingest's window)."""
    before = gc.get_stats()[2]["collections"]
    in_flight: list[list[list[int]]] = []
    for _ in range(units):
        in_flight.append([[i] for i in range(objects)])  # lists: always tracked
        if len(in_flight) > 4:
            in_flight.pop(0)
    return int(gc.get_stats()[2]["collections"] - before)


def test_overlapping_work_brings_no_full_collection_at_the_pace(restored_collector: None) -> None:
    gc.set_threshold(700, 10, 10)  # CPython's default
    at_default = full_collections_while_working()
    collector.pace()
    assert gc.get_threshold() == (collector.YOUNG, collector.MIDDLE, collector.OLD)
    assert gc.get_freeze_count() > 0  # what existed before is never scanned again
    paced = full_collections_while_working()
    assert at_default >= 3
    assert paced <= 1


@pytest.mark.parametrize(
    "command", [["ingest", str(example_paths()[0])], ["worker", "--once"]], ids=["ingest", "worker"]
)
def test_ingest_and_the_job_worker_set_the_pace(
    restored_collector: None, tmp_path: Path, command: list[str]
) -> None:
    gc.set_threshold(700, 10, 10)
    result = CliRunner().invoke(app, [*command, "--db", f"sqlite:///{tmp_path / 'p.sqlite'}"])
    assert result.exit_code == 0, result.output
    assert gc.get_threshold()[0] == collector.YOUNG
