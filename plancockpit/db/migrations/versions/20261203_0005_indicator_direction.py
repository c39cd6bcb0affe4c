"""an indicator's direction: a planner's override and what decided it

Revision ID: 0005
Revises: 0004

The desired direction is inferred (evaluate/direction.py) and may be set by a planner on the
indicator page: `direction_override` keeps the planner's choice, `direction_reason` what decided
the stored `direction`.
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("direction_override", sa.String(length=10), nullable=True))
        batch_op.add_column(
            sa.Column("direction_reason", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_column("direction_reason")
        batch_op.drop_column("direction_override")
