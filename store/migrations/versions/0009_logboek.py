"""the audit log (logboek)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 02:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "logboek",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("object", sa.String(length=300), nullable=False),
        sa.Column("result", sa.String(length=200), nullable=False),
        sa.Column("origin", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=250), nullable=False),
        sa.Column("regio_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("logboek", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_logboek_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_logboek_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_logboek_regio_id"), ["regio_id"], unique=False)


def downgrade() -> None:
    op.drop_table("logboek")
