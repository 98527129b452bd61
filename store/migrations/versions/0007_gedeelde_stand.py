"""disclosure settings per regio, publications of the regional picture, partners' first views, a
bijeenkomst's own new rounds

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gedeelde_stand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regio_id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(length=250), nullable=False),
        sa.Column("picture", sa.Text(), nullable=False),
        sa.Column("contributions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["regio_id"], ["regio.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("gedeelde_stand", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gedeelde_stand_regio_id"), ["regio_id"], unique=False)
    with op.batch_alter_table("regio", schema=None) as batch_op:
        batch_op.add_column(sa.Column("counting_rule", sa.String(length=20), nullable=False, server_default="volledig"))
        batch_op.add_column(sa.Column("group_rule", sa.String(length=20), nullable=False, server_default="woorden"))
        batch_op.add_column(sa.Column("dominance", sa.Integer(), nullable=False, server_default="75"))
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_done_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("partner_antwoord", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_value", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("first_toelichting", sa.Text(), nullable=True))
    with op.batch_alter_table("verbeterplan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("publication_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_verbeterplan_publication", "gedeelde_stand", ["publication_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("bijeenkomst_groep", schema=None) as batch_op:
        batch_op.add_column(sa.Column("new_round", sa.Boolean(), nullable=False, server_default=sa.false()))
    # Partners who already handed in: what they hold now is the best first view there is.
    op.execute("UPDATE partner SET first_done_at = done_at WHERE done_at IS NOT NULL")
    op.execute(
        "UPDATE partner_antwoord SET first_value = value, first_toelichting = toelichting "
        "WHERE partner_id IN (SELECT id FROM partner WHERE first_done_at IS NOT NULL)"
    )


def downgrade() -> None:
    with op.batch_alter_table("bijeenkomst_groep", schema=None) as batch_op:
        batch_op.drop_column("new_round")
    with op.batch_alter_table("verbeterplan", schema=None) as batch_op:
        batch_op.drop_constraint("fk_verbeterplan_publication", type_="foreignkey")
        batch_op.drop_column("publication_id")
    with op.batch_alter_table("partner_antwoord", schema=None) as batch_op:
        batch_op.drop_column("first_toelichting")
        batch_op.drop_column("first_value")
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_column("first_done_at")
    with op.batch_alter_table("regio", schema=None) as batch_op:
        batch_op.drop_column("dominance")
        batch_op.drop_column("group_rule")
        batch_op.drop_column("counting_rule")
    with op.batch_alter_table("gedeelde_stand", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gedeelde_stand_regio_id"))
    op.drop_table("gedeelde_stand")
