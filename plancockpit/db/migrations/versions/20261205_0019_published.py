"""published flags on documents and indicators (what an anonymous visitor sees in public mode)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("documents", "indicators"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("published", sa.Boolean(), nullable=False, server_default=sa.false())
            )
            batch.create_index(f"ix_{table}_published", ["published"])


def downgrade() -> None:
    for table in ("documents", "indicators"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_published")
            batch.drop_column("published")
