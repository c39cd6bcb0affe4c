"""supervision items (督办): items on targets, every change of their state, and the files units
send with their answers

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "supervision_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("lead_units", sa.JSON(), nullable=False),
        sa.Column("ask", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("proposed", sa.Boolean(), nullable=False),
        sa.Column("opened_by", sa.String(length=100), nullable=False),
        sa.Column("target_status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["target_id"], ["targets.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("supervision_items", schema=None) as batch_op:
        batch_op.create_index("ix_supervision_items_state_due", ["state", "due_date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_supervision_items_target_id"), ["target_id"], unique=False
        )

    op.create_table(
        "supervision_transitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(length=10), nullable=True),
        sa.Column("to_state", sa.String(length=10), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("expected_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["supervision_items.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("supervision_transitions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supervision_transitions_item_id"), ["item_id"], unique=False
        )

    op.create_table(
        "supervision_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("transition_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["supervision_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["transition_id"], ["supervision_transitions.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("supervision_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supervision_attachments_item_id"), ["item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_supervision_attachments_transition_id"), ["transition_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("supervision_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_attachments_transition_id"))
        batch_op.drop_index(batch_op.f("ix_supervision_attachments_item_id"))

    op.drop_table("supervision_attachments")
    with op.batch_alter_table("supervision_transitions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_transitions_item_id"))

    op.drop_table("supervision_transitions")
    with op.batch_alter_table("supervision_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supervision_items_target_id"))
        batch_op.drop_index("ix_supervision_items_state_due")

    op.drop_table("supervision_items")
