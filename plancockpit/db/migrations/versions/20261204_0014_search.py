"""full-text search: searchable texts and their index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 02:15:00
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)


def upgrade() -> None:
    op.create_table(
        "search_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("anchor", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_search_entries_kind_ref", "search_entries", ["kind", "ref_id"])
    op.create_index(op.f("ix_search_entries_document_id"), "search_entries", ["document_id"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_fts(bind)
    elif bind.dialect.name == "postgresql":
        _pg_trgm(bind)


def _sqlite_fts(bind: sa.Connection) -> None:
    """An external-content FTS5 table with the trigram tokenizer (SQLite ≥ 3.34), kept in step by
    triggers. Without the tokenizer, search falls back to LIKE on `search_entries`."""
    try:
        with bind.begin_nested():
            bind.exec_driver_sql(
                "CREATE VIRTUAL TABLE search_fts USING fts5(text, content='search_entries', "
                "content_rowid='id', tokenize='trigram')"
            )
    except sa.exc.OperationalError as exc:
        log.warning("no FTS5 trigram tokenizer (%s): search uses LIKE", exc)
        return
    bind.exec_driver_sql(
        "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_entries BEGIN "
        "INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    bind.exec_driver_sql(
        "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_entries BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
    )
    bind.exec_driver_sql(
        "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_entries BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); "
        "INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END"
    )


def _pg_trgm(bind: sa.Connection) -> None:
    """A GIN trigram index for ILIKE '%…%'. pg_trgm is a trusted extension (PG ≥ 13): a user who may
    create in the database may add it; if not, search still works, as a sequential scan."""
    # In `public` where allowed: an extension made in a schema goes when the schema is dropped
    # (with the indexes of every other schema that use it).
    for statement in (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    ):
        try:
            with bind.begin_nested():
                bind.exec_driver_sql(statement)
            break
        except sa.exc.DBAPIError as exc:
            reason = exc
    else:
        log.warning("cannot create extension pg_trgm (%s): search scans without an index", reason)
        return
    schema = bind.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    ).scalar_one()
    opclass = f'"{schema}".gin_trgm_ops'
    bind.exec_driver_sql(
        f"CREATE INDEX ix_search_entries_text_trgm ON search_entries USING gin (text {opclass})"
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("search_fts_ai", "search_fts_ad", "search_fts_au"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
    elif bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_search_entries_text_trgm")
    op.drop_index(op.f("ix_search_entries_document_id"), table_name="search_entries")
    op.drop_index("ix_search_entries_kind_ref", table_name="search_entries")
    op.drop_table("search_entries")
