"""partners answer alone first, then agree

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 18:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "apart_fase",
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(length=250), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=250), nullable=False),
        sa.ForeignKeyConstraint(["ronde_id"], ["ronde.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("ronde_id"),
    )
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["code_id"], ["toegangscode.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["ronde_id"], ["ronde.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_id"),
    )
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_ronde_id"), ["ronde_id"], unique=False)
    op.create_table(
        "partner_antwoord",
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("question_number", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=20), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("partner_id", "question_number"),
    )
    op.create_table(
        "samen_besluit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("question_number", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=20), nullable=True),
        sa.Column("views", sa.Text(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=250), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ronde_id"], ["ronde.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("samen_besluit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_samen_besluit_ronde_id"), ["ronde_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("samen_besluit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_samen_besluit_ronde_id"))
    op.drop_table("samen_besluit")
    op.drop_table("partner_antwoord")
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_ronde_id"))
    op.drop_table("partner")
    op.drop_table("apart_fase")
