"""observation start_year

Revision ID: 0003
Revises: 0002

A total over several years (a five-year 〔48〕) keeps its first year, so it is never added to
the yearly figures of the same years (docs/methodology.md, "Period totals").
Create Date: 2026-11-22 15:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_year", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("start_year")
