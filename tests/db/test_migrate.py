"""The packaged migrations build exactly the schema the models describe, on both backends —
from an empty database, as the other tests' template is built."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from plancockpit.db.migrate import (
    current_revisions,
    head_revisions,
    load_models,
    open_database,
    upgrade,
)
from plancockpit.db.models import Base, managed_name

load_models()  # the whole metadata, whatever other tests imported


@pytest.fixture
def migrated(empty_db_url: str) -> Iterator[Engine]:
    engine = open_database(empty_db_url)
    yield engine
    engine.dispose()


def test_upgrade_creates_every_table_at_head(migrated: Engine) -> None:
    tables = set(inspect(migrated).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables
    assert current_revisions(migrated) == head_revisions()


def test_migrated_schema_matches_the_models(migrated: Engine) -> None:
    # A model change without a migration shows up here as a difference.
    with migrated.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_name": managed_name}), Base.metadata
        )
    assert diff == []


def test_upgrade_twice_is_a_no_op(empty_db_url: str) -> None:
    engine = open_database(empty_db_url)
    before = current_revisions(engine)
    upgrade(engine)
    assert current_revisions(engine) == before == head_revisions()
    engine.dispose()


def test_single_head() -> None:
    # Two helpers adding migrations in parallel must chain them (or add a merge revision).
    assert len(head_revisions()) == 1
