"""a version of what is published, moved by every publish or withdrawal: the public view's
caches were keyed by a count and a sum of ids, which did not move when one item was published
and another withdrawn with the same sum

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-09 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cockpit_state") as batch:
        batch.add_column(
            sa.Column("published_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("cockpit_state") as batch:
        batch.drop_column("published_version")
