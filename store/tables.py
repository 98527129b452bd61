"""Database rows (SQLAlchemy). Nothing outside store/ sees these classes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

# The other tables live in modules of their own on the same Base; importing them here puts them in Base.metadata
# wherever the tables are used (migrations, backup).
from store import audit_tables, indicator_tables, national_tables, sso_tables, version_tables  # noqa: F401
from store.base import Base


class RegioRow(Base):
    __tablename__ = "regio"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    gemeente_sees_average: Mapped[bool] = mapped_column(Boolean, default=False)
    min_gemeenten: Mapped[int] = mapped_column(Integer, default=3)
    counting_rule: Mapped[str] = mapped_column(String(20), default="volledig")
    """Which round of a gemeente counts (analysis.picture.CountingRule)."""
    group_rule: Mapped[str] = mapped_column(String(20), default="woorden")
    """What happens to "0 van y" and "y van y" outside the regio team (analysis.disclosure.GroupRule)."""
    dominance: Mapped[int] = mapped_column(Integer, default=75)
    """A sum of which one gemeente supplies more than this percentage is withheld outside the regio team."""
    words_kept: Mapped[str] = mapped_column(Text, default="")
    """Words the de-identification of shared text leaves standing for this regio, one per line."""
    words_removed: Mapped[str] = mapped_column(Text, default="")
    """Words the regio leaves out of shared text besides what is found, one per line."""


class GemeenteRow(Base):
    __tablename__ = "gemeente"
    __table_args__ = (UniqueConstraint("regio_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))


class RondeRow(Base):
    __tablename__ = "ronde"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(String(40))
    questionnaire_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    """SHA-256 of the workbook a round was read from, so the same file is never read in twice."""


class DeelnemerRow(Base):
    __tablename__ = "deelnemer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(100))


class AntwoordRow(Base):
    __tablename__ = "antwoord"

    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), primary_key=True)
    question_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[str | None] = mapped_column(String(20), nullable=True)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(250), default="")
    version: Mapped[int] = mapped_column(Integer, default=0)


class WijzigingRow(Base):
    """The audit trail: one row per change of an answer value or a toelichting."""

    __tablename__ = "antwoord_wijziging"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), index=True)
    question_number: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(20))  # "value" or "toelichting"
    old: Mapped[str | None] = mapped_column(Text, nullable=True)
    new: Mapped[str | None] = mapped_column(Text, nullable=True)
    actor: Mapped[str] = mapped_column(String(250))
    code_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ToegangscodeRow(Base):
    """An access code, stored only as a salted scrypt hash of its secret part."""

    __tablename__ = "toegangscode"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(8), unique=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    secret_hash: Mapped[bytes] = mapped_column(LargeBinary)
    role: Mapped[str] = mapped_column(String(20))
    regio_id: Mapped[int | None] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), nullable=True)
    gemeente_id: Mapped[int | None] = mapped_column(ForeignKey("gemeente.id", ondelete="CASCADE"), nullable=True)
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    demo_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    ronde_id: Mapped[int | None] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), nullable=True)
    """Set for a participant's code of a bijeenkomst: it gives access to this one round only."""


class SessieRow(Base):
    """A login. The cookie carries the signed session id; only its hash is stored."""

    __tablename__ = "sessie"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("toegangscode.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    handoff_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    handoff_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    person: Mapped[str | None] = mapped_column(String(250), nullable=True)  # who, for a login with an account


class MisluktePogingRow(Base):
    """A failed login attempt, for the rate limit per client and per code."""

    __tablename__ = "mislukte_poging"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_key: Mapped[str] = mapped_column(String(100), index=True)
    public_id: Mapped[str | None] = mapped_column(String(8), index=True, nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class InstellingRow(Base):
    """Installation-wide values shared by every replica, such as the cookie signing key."""

    __tablename__ = "instelling"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class VerbeterplanRow(Base):
    """A verbeterplan of one gemeente (gemeente_id set) or of the regio as a whole."""

    __tablename__ = "verbeterplan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), index=True)
    gemeente_id: Mapped[int | None] = mapped_column(
        ForeignKey("gemeente.id", ondelete="CASCADE"), nullable=True, index=True
    )
    clusters: Mapped[str] = mapped_column(String(10))
    layout: Mapped[str] = mapped_column(String(20))
    min_share: Mapped[float | None] = mapped_column(Float, nullable=True)
    title: Mapped[str] = mapped_column(Text, default="")
    period: Mapped[str] = mapped_column(Text, default="")
    introduction: Mapped[str] = mapped_column(Text, default="")
    context: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    costs: Mapped[str] = mapped_column(Text, default="")
    monitoring: Mapped[str] = mapped_column(Text, default="")
    securing: Mapped[str] = mapped_column(Text, default="")
    commissioner: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    presented_to: Mapped[str] = mapped_column(Text, default="")
    adoption: Mapped[str] = mapped_column(Text, default="")
    repeat_scan: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(250), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(250), default="")
    publication_id: Mapped[int | None] = mapped_column(
        ForeignKey("gedeelde_stand.id", ondelete="SET NULL"), nullable=True
    )
    """A regional plan's figures: the publication it was drafted from."""


class GedeeldeStandRow(Base):
    """A publication: the regional picture as it left the regio team, kept so that every later output can be
    checked against it (differencing) and rendered again exactly as it was."""

    __tablename__ = "gedeelde_stand"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), index=True)
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    made_by: Mapped[str] = mapped_column(String(250))
    picture: Mapped[str] = mapped_column(Text)  # analysis.picture.SharedPicture as JSON
    contributions: Mapped[dict] = mapped_column(JSON, default=dict)  # family -> ids of what its figures rest on


class PlanRondeRow(Base):
    """The rounds a plan was drafted from: one for a gemeente's plan, one per gemeente for the regio's."""

    __tablename__ = "verbeterplan_ronde"

    plan_id: Mapped[int] = mapped_column(ForeignKey("verbeterplan.id", ondelete="CASCADE"), primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), primary_key=True)


class VerbeteractieRow(Base):
    """One row of a plan table. Removed rows are kept (removed_at) so they can be put back."""

    __tablename__ = "verbeteractie"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("verbeterplan.id", ondelete="CASCADE"), index=True)
    standard: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    question_numbers: Mapped[list[int]] = mapped_column(JSON, default=list)
    measure: Mapped[str] = mapped_column(Text, default="")
    current_state: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    intended_result: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    planning: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    start_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(250), default="")


class PlanNotitieRow(Base):
    """Per standard: how it is kept op orde, or other notes on the standard in this plan."""

    __tablename__ = "verbeterplan_notitie"

    plan_id: Mapped[int] = mapped_column(ForeignKey("verbeterplan.id", ondelete="CASCADE"), primary_key=True)
    standard: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class BijeenkomstRow(Base):
    """A live bijeenkomst of a regio, run by a facilitator."""

    __tablename__ = "bijeenkomst"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regio_id: Mapped[int] = mapped_column(ForeignKey("regio.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    open_block: Mapped[int | None] = mapped_column(Integer, nullable=True)
    results_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    names_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    programme: Mapped[list] = mapped_column(JSON, default=list)
    spun_reflectie_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spun_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BijeenkomstGroepRow(Base):
    """One gemeente's table at a bijeenkomst: its short join code and its round."""

    __tablename__ = "bijeenkomst_groep"
    __table_args__ = (UniqueConstraint("bijeenkomst_id", "gemeente_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bijeenkomst_id: Mapped[int] = mapped_column(ForeignKey("bijeenkomst.id", ondelete="CASCADE"), index=True)
    gemeente_id: Mapped[int] = mapped_column(ForeignKey("gemeente.id", ondelete="CASCADE"))
    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), unique=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("toegangscode.id", ondelete="CASCADE"))
    join_code: Mapped[str] = mapped_column(String(12), index=True)
    new_round: Mapped[bool] = mapped_column(Boolean, default=False)
    """The round was made for this bijeenkomst: removed again when the bijeenkomst ends and it is still empty."""


class BijeenkomstFaqRow(Base):
    __tablename__ = "bijeenkomst_faq"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bijeenkomst_id: Mapped[int] = mapped_column(ForeignKey("bijeenkomst.id", ondelete="CASCADE"), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BijeenkomstReflectieRow(Base):
    """A reflection question for the wheel of fortune; asked_at is set once the wheel picked it."""

    __tablename__ = "bijeenkomst_reflectie"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bijeenkomst_id: Mapped[int] = mapped_column(ForeignKey("bijeenkomst.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class BijeenkomstBreakoutRow(Base):
    """A mixed break-out group of a follow-up, with its theme and its notes."""

    __tablename__ = "bijeenkomst_breakout"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bijeenkomst_id: Mapped[int] = mapped_column(ForeignKey("bijeenkomst.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    theme: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class ApartFaseRow(Base):
    """A round filled in "eerst ieder apart, dan samen": when the partners' own phase opened and closed."""

    __tablename__ = "apart_fase"

    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), primary_key=True)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opened_by: Mapped[str] = mapped_column(String(250))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_by: Mapped[str] = mapped_column(String(250), default="")


class PartnerRow(Base):
    """One partner invited to answer a round alone first, with a personal code (role partner)."""

    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200), default="")
    code_id: Mapped[int | None] = mapped_column(
        ForeignKey("toegangscode.id", ondelete="SET NULL"), nullable=True, unique=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    first_done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    """When the partner first handed in: the answers then are its first view, kept whatever it changes later."""


class PartnerAntwoordRow(Base):
    """A partner's own answer to one question; it never replaces the round's agreed answer."""

    __tablename__ = "partner_antwoord"

    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True)
    question_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[str | None] = mapped_column(String(20), nullable=True)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    first_value: Mapped[str | None] = mapped_column(String(20), nullable=True)
    first_toelichting: Mapped[str | None] = mapped_column(Text, nullable=True)
    """The answer as the partner first handed it in (see PartnerRow.first_done_at)."""


class SamenBesluitRow(Base):
    """Who set a round's agreed answer, from which views (a line such as "2 × op orde, 1 × niet op orde")."""

    __tablename__ = "samen_besluit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ronde_id: Mapped[int] = mapped_column(ForeignKey("ronde.id", ondelete="CASCADE"), index=True)
    question_number: Mapped[int] = mapped_column(Integer)
    value: Mapped[str | None] = mapped_column(String(20), nullable=True)
    views: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(250))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
