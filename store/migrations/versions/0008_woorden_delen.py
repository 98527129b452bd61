"""the regio's word lists for the de-identification of shared text

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("regio", schema=None) as batch_op:
        batch_op.add_column(sa.Column("words_kept", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("words_removed", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("regio", schema=None) as batch_op:
        batch_op.drop_column("words_removed")
        batch_op.drop_column("words_kept")
