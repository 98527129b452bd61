"""the national picture: regions that take part, their contributions, national publications, trusted keys

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 05:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "landelijke_deelname",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regio_key", sa.String(length=120), nullable=False),
        sa.Column("regio_id", sa.Integer(), nullable=True),
        sa.Column("regio_name", sa.String(length=120), nullable=False),
        sa.Column("named", sa.Boolean(), nullable=False),
        sa.Column("by_file", sa.Boolean(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("joined_by", sa.String(length=250), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=250), nullable=True),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("regio_key"),
    )
    op.create_table(
        "landelijke_bijdrage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deelname_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("contribution", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.String(length=250), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["deelname_id"], ["landelijke_deelname.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("landelijke_bijdrage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_landelijke_bijdrage_deelname_id"), ["deelname_id"], unique=False)
    op.create_table(
        "landelijke_stand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(length=250), nullable=False),
        sa.Column("picture", sa.Text(), nullable=False),
        sa.Column("contributions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "vertrouwde_sleutel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=250), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("fingerprint"),
    )


def downgrade() -> None:
    op.drop_table("vertrouwde_sleutel")
    op.drop_table("landelijke_stand")
    op.drop_table("landelijke_bijdrage")
    op.drop_table("landelijke_deelname")
