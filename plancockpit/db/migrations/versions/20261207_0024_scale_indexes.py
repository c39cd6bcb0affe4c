"""indexes for the cockpit at province scale: observations by year and month (the header's
"数据截至" reads the latest period through it instead of scanning every observation, ≈ 100 ms of
the overview) and the target facts that name no lead unit (the units page, 85 ms → a few rows);
for ingest at scale, indicators by region and by domain and documents by region (linking one
document scanned every indicator and document, a cost that grew with the database)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

NO_UNIT = "lead_units = ''"

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.create_index("ix_indicators_region_id", ["region_id"], unique=False)
        batch.create_index("ix_indicators_domain_id", ["domain", "id"], unique=False)
    with op.batch_alter_table("documents") as batch:
        batch.create_index("ix_documents_region", ["region"], unique=False)
    with op.batch_alter_table("observations") as batch:
        batch.create_index("ix_observations_year_month", ["year", "month"], unique=False)
    with op.batch_alter_table("cockpit_target_facts") as batch:
        batch.create_index(
            "ix_cockpit_facts_unassigned",
            ["indicator_id"],
            unique=False,
            sqlite_where=sa.text(NO_UNIT),
            postgresql_where=sa.text(NO_UNIT),
        )


def downgrade() -> None:
    with op.batch_alter_table("cockpit_target_facts") as batch:
        batch.drop_index("ix_cockpit_facts_unassigned")
    with op.batch_alter_table("observations") as batch:
        batch.drop_index("ix_observations_year_month")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_region")
    with op.batch_alter_table("indicators") as batch:
        batch.drop_index("ix_indicators_domain_id")
        batch.drop_index("ix_indicators_region_id")
