"""`plancockpit user add|set|list` with ties, and `import-actuals --by` held to the user's reach."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from plancockpit.cli import app
from plancockpit.db.engine import transaction
from plancockpit.db.models import Unit

runner = CliRunner()
_spec = importlib.util.spec_from_file_location(
    "cockpit_seed", Path(__file__).resolve().parents[1] / "web" / "cockpit_seed.py"
)
assert _spec and _spec.loader
seed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed)


def test_users_ties_and_a_scoped_import(db_engine: Engine, db_url: str, tmp_path: Path) -> None:
    ids = seed.seed(db_engine)
    with transaction(db_engine) as s:
        s.add(Unit(name="区人社局"))
    added = runner.invoke(
        app,
        [
            "user",
            "add",
            "hr",
            "--role",
            "reporter",
            "--password",
            "long-enough",
            "--unit",
            "区人社局",
            "--db",
            db_url,
        ],
    )
    assert added.exit_code == 0, added.output
    bad = runner.invoke(app, ["user", "set", "hr", "--region", "火星镇", "--db", db_url])
    assert bad.exit_code == 1 and "no region named '火星镇'" in bad.output
    moved = runner.invoke(app, ["user", "set", "hr", "--region", "东镇", "--db", db_url])
    assert moved.exit_code == 0 and moved.output.strip() == "hr\treporter\t区人社局\t东镇"
    listed = runner.invoke(app, ["user", "list", "--db", db_url])
    assert "hr\treporter\t区人社局\t东镇" in listed.output
    rows = tmp_path / "values.csv"
    rows.write_text(
        f"indicator_id,year,value\n{ids['jobs']},2019,2.2\n{ids['gdp']},2019,1700\n",
        encoding="utf-8",
    )
    imported = runner.invoke(
        app, ["import-actuals", str(rows), "--by", "hr", "--format", "json", "--db", db_url]
    )
    assert '"accepted"' in imported.output and "只能填报" in imported.output
