"""procesindicatoren beside the zelfscan

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regio_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("thema", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("frequency", sa.String(length=50), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("standards", sa.JSON(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("template_version", sa.String(length=40), nullable=True),
        sa.Column("retrievable", sa.String(length=5), nullable=True),
        sa.Column("unambiguous", sa.String(length=8), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("regio_id", "key"),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_regio_id"), ["regio_id"], unique=False)
    op.create_table(
        "indicator_waarde",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("gemeente_id", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=250), nullable=False),
        sa.ForeignKeyConstraint(["gemeente_id"], ["gemeente.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("indicator_waarde", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_waarde_indicator_id"), ["indicator_id"], unique=False)
    op.create_table(
        "indicator_instelling",
        sa.Column("regio_id", sa.Integer(), nullable=False),
        sa.Column("min_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("regio_id"),
    )


def downgrade() -> None:
    op.drop_table("indicator_instelling")
    with op.batch_alter_table("indicator_waarde", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_waarde_indicator_id"))
    op.drop_table("indicator_waarde")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_regio_id"))
    op.drop_table("indicator")
