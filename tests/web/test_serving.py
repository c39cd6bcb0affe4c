"""A process prepared to serve: its templates compiled before the first request, and the
collector at its pace (`tests/test_collector.py` shows what that pace does)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from plancockpit import collector
from plancockpit.web import serving
from plancockpit.web.app import app_from_env, create_app
from plancockpit.web.settings import Settings


def test_a_prepared_process_serves_at_the_collector_pace(
    restored_collector: None, tmp_path: Path
) -> None:
    gc.set_threshold(700, 10, 10)  # CPython's default
    serving.prepare(create_app(Settings(db_url=f"sqlite:///{tmp_path / 'p.sqlite'}")))
    assert gc.get_threshold() == (collector.YOUNG, collector.MIDDLE, collector.OLD)
    assert gc.get_freeze_count() > 0


def test_each_worker_of_serve_is_prepared_before_its_first_request(
    restored_collector: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANCOCKPIT_DB", f"sqlite:///{tmp_path / 'w.sqlite'}")
    gc.set_threshold(700, 10, 10)
    app = app_from_env()
    assert gc.get_threshold()[0] == collector.YOUNG
    env = app.state.templates.env
    names = env.list_templates(extensions=["html"])
    assert "document.html" in names and len(names) >= 20

    def unread(*_: object) -> None:
        raise AssertionError("a template read after the process was prepared")

    monkeypatch.setattr(env.loader, "get_source", unread)
    for name in names:
        env.get_template(name)  # every one compiled already
