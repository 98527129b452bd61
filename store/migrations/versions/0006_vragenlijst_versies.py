"""questionnaire versions, a regio's version, regional extra questions

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vragenlijst_versie",
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.String(length=250), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "regio_vragenlijst",
        sa.Column("regio_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("regio_id"),
    )
    op.create_table(
        "extra_vraag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regio_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("help", sa.Text(), nullable=False),
        sa.Column("standard", sa.Integer(), nullable=False),
        sa.Column("block", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("extra_vraag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_extra_vraag_regio_id"), ["regio_id"], unique=False)
    op.create_table(
        "extra_antwoord",
        sa.Column("ronde_id", sa.Integer(), nullable=False),
        sa.Column("extra_vraag_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=20), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=250), nullable=False),
        sa.ForeignKeyConstraint(["extra_vraag_id"], ["extra_vraag.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["ronde_id"], ["ronde.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("ronde_id", "extra_vraag_id"),
    )


def downgrade() -> None:
    op.drop_table("extra_antwoord")
    with op.batch_alter_table("extra_vraag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_extra_vraag_regio_id"))
    op.drop_table("extra_vraag")
    op.drop_table("regio_vragenlijst")
    op.drop_table("vragenlijst_versie")
