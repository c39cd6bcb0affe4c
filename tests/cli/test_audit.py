"""`plancockpit events`: a review made from the CLI is in the trail with the CLI's actor."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import Record
from plancockpit.services.linking.link import link_all
from tests.services.linkcase import store

runner = CliRunner()


def test_events_lists_and_exports_a_cli_edit(
    db_engine: Engine, db_url: str, tmp_path: Path
) -> None:
    with transaction(db_engine) as session:
        store(session)
        link_all(session)
        record_id = session.scalars(select(Record.id)).first()
    edited = runner.invoke(app, ["review", "edit", str(record_id), "value=123", "--db", db_url])
    assert edited.exit_code == 0, edited.output
    listed = runner.invoke(app, ["events", "--entity", "record", "--db", db_url])
    assert listed.exit_code == 0, listed.output
    assert f"update\trecord {record_id}" in listed.output
    assert "(cli)" in listed.output and "123" in listed.output
    assert "1 of 1 events" in listed.output
    out = tmp_path / "trail.csv"
    exported = runner.invoke(app, ["events", "--csv", str(out), "--db", db_url])
    assert exported.exit_code == 0, exported.output
    assert out.read_text(encoding="utf-8").startswith("\ufeffid,at,actor,action")
    targets = runner.invoke(app, ["events", "--entity", "target", "--db", db_url])
    assert targets.exit_code == 0 and "system\tcreate\ttarget" in targets.output  # linked
    bad = runner.invoke(app, ["events", "--entity", "town", "--db", db_url])
    assert bad.exit_code != 0 and "--entity" in bad.output
