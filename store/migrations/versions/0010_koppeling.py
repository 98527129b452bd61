"""account mappings for single sign-on, and who logged in with an account

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "koppeling",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=100), nullable=False),
        sa.Column("claim", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["code_id"], ["toegangscode.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_id"),
    )
    with op.batch_alter_table("koppeling", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_koppeling_provider"), ["provider"], unique=False)
    with op.batch_alter_table("sessie", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person", sa.String(length=250), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessie", schema=None) as batch_op:
        batch_op.drop_column("person")
    op.drop_table("koppeling")
