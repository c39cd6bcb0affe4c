"""overdue notices: the due date whose passing an item's unit or a round's owers were told of

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("supervision_items", "rounds"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("overdue_notified_for", sa.Date(), nullable=True))


def downgrade() -> None:
    for table in ("supervision_items", "rounds"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("overdue_notified_for")
