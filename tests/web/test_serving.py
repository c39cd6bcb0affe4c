"""A process prepared to serve: its templates compiled before the first request, and objects that
live across a few requests bringing no full collections (each holds the GIL of the worker for
~100 ms at cockpit scale)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from plancockpit.web import serving
from plancockpit.web.app import app_from_env, create_app
from plancockpit.web.settings import Settings


@pytest.fixture
def restored_collector() -> Iterator[None]:
    """`prepare` sets the collector for the whole process: the suite's own pace comes back."""
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


def _full_collections_while_serving(requests: int = 60, objects: int = 20_000) -> int:
    """Full collections while requests, each building `objects` containers, overlap in time
    (four alive at once, as in a worker's threads)."""
    before = gc.get_stats()[2]["collections"]
    in_flight: list[list[list[int]]] = []
    for _ in range(requests):
        in_flight.append([[i] for i in range(objects)])  # lists: always tracked
        if len(in_flight) > 4:
            in_flight.pop(0)
    return int(gc.get_stats()[2]["collections"] - before)


def test_overlapping_requests_bring_no_full_collection_at_the_serving_pace(
    restored_collector: None, tmp_path: Path
) -> None:
    gc.set_threshold(700, 10, 10)  # CPython's default
    at_default = _full_collections_while_serving()
    serving.prepare(create_app(Settings(db_url=f"sqlite:///{tmp_path / 'p.sqlite'}")))
    assert gc.get_threshold() == (serving.YOUNG, serving.MIDDLE, serving.OLD)
    assert gc.get_freeze_count() > 0  # what existed before serving is never scanned again
    tuned = _full_collections_while_serving()
    assert at_default >= 3
    assert tuned <= 1


def test_each_worker_of_serve_is_prepared_before_its_first_request(
    restored_collector: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCOCKPIT_DB", f"sqlite:///{tmp_path / 'w.sqlite'}")
    gc.set_threshold(700, 10, 10)
    app = app_from_env()
    assert gc.get_threshold()[0] == serving.YOUNG
    env = app.state.templates.env
    names = env.list_templates(extensions=["html"])
    assert "document.html" in names and len(names) >= 20

    def unread(*_: object) -> None:
        raise AssertionError("a template read after the process was prepared")

    monkeypatch.setattr(env.loader, "get_source", unread)
    for name in names:
        env.get_template(name)  # every one compiled already
