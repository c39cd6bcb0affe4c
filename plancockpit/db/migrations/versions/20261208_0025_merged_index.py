"""an index on indicators.merged_into_id: linking a document reads the merged indicators with
its region's (`References.ensure`), which without it scanned every indicator — 28 ms a document
at 150,000 indicators on PostgreSQL, a cost that grew with the database

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-08 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.create_index("ix_indicators_merged_into_id", ["merged_into_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.drop_index("ix_indicators_merged_into_id")
