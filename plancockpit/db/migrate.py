"""Bring a database's schema to the newest Alembic revision; every command calls this on start.

The Alembic configuration is built here rather than read from an ini file, so the installed
package can migrate any database it is pointed at (`alembic.ini` at the repo root is only for
writing new revisions: `alembic revision --autogenerate -m "..."`).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from plancockpit.db.engine import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Every module that declares tables on `Base`: imported before comparing or generating, so the
# metadata is whole whatever the caller imported first. Add yours here.
MODEL_MODULES = ("plancockpit.db.models", "plancockpit.services.cockpit.facts")


def load_models() -> None:
    """Import every module of MODEL_MODULES (their tables join `Base.metadata`)."""
    for name in MODEL_MODULES:
        importlib.import_module(name)


def alembic_config() -> Config:
    """An Alembic config pointing at the packaged migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revisions() -> set[str]:
    """The newest revisions the package knows (one, unless two branches await a merge)."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    """The revisions the database is at (empty for an empty database)."""
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to head; a no-op when it is already there."""
    if current_revisions(engine) == head_revisions():
        return
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")


def open_database(url: str | None = None, connections: int | None = None) -> Engine:
    """The engine for `url` (or $PLANCOCKPIT_DB, or the default file), schema upgraded;
    `connections`: the pool's size (`make_engine`)."""
    engine = make_engine(url, connections)
    upgrade(engine)
    return engine
