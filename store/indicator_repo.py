"""The regio's procesindicatoren, their availability, the figures per gemeente and period, the threshold."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from indicators.models import Figure, Indicator, RegioIndicator, Retrievable, Unambiguous
from store.indicator_tables import IndicatorInstellingRow, IndicatorRow, IndicatorWaardeRow
from store.repository import NotFound, now

DEFAULT_MIN_COUNT = 5


def _model(row: IndicatorRow) -> RegioIndicator:
    return RegioIndicator(
        id=row.id,
        position=row.position,
        template_version=row.template_version,
        retrievable=Retrievable(row.retrievable) if row.retrievable else None,
        unambiguous=Unambiguous(row.unambiguous) if row.unambiguous else None,
        indicator=Indicator(
            key=row.key,
            thema=row.thema,
            name=row.name,
            definition=row.definition,
            source=row.source,
            level=row.level,
            frequency=row.frequency,
            priority=row.priority,
            unit=row.unit,
            standards=tuple(row.standards or ()),
            questions=tuple(row.questions or ()),
        ),
    )


def _fields(indicator: Indicator) -> dict:
    return {
        "key": indicator.key,
        "thema": indicator.thema,
        "name": indicator.name,
        "definition": indicator.definition,
        "source": indicator.source,
        "level": indicator.level.value,
        "frequency": indicator.frequency,
        "priority": indicator.priority.value,
        "unit": indicator.unit.value,
        "standards": list(indicator.standards),
        "questions": list(indicator.questions),
    }


def list_indicators(session: Session, *, regio_id: int) -> list[RegioIndicator]:
    rows = session.scalars(
        select(IndicatorRow).where(IndicatorRow.regio_id == regio_id).order_by(IndicatorRow.position, IndicatorRow.id)
    )
    return [_model(r) for r in rows]


def get_indicator(session: Session, *, indicator_id: int) -> tuple[int, RegioIndicator]:
    """(regio id, indicator)."""
    row = session.get(IndicatorRow, indicator_id)
    if row is None:
        raise NotFound(f"indicator {indicator_id}")
    return row.regio_id, _model(row)


def add_indicator(session: Session, *, regio_id: int, indicator: Indicator, template_version: str | None) -> int:
    existing = session.scalars(
        select(IndicatorRow.id).where(IndicatorRow.regio_id == regio_id, IndicatorRow.key == indicator.key)
    ).first()
    if existing is not None:
        return existing
    position = session.scalar(
        select(func.coalesce(func.max(IndicatorRow.position), 0)).where(IndicatorRow.regio_id == regio_id)
    )
    row = IndicatorRow(
        regio_id=regio_id, position=(position or 0) + 1, template_version=template_version, updated_at=now(),
        **_fields(indicator),
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row.id


def update_indicator(session: Session, *, indicator_id: int, indicator: Indicator) -> None:
    row = session.get(IndicatorRow, indicator_id)
    if row is None:
        raise NotFound(f"indicator {indicator_id}")
    for field, value in _fields(indicator).items():
        setattr(row, field, value)
    row.updated_at = now()


def set_availability(
    session: Session, *, indicator_id: int, retrievable: Retrievable | None, unambiguous: Unambiguous | None
) -> None:
    row = session.get(IndicatorRow, indicator_id)
    if row is None:
        raise NotFound(f"indicator {indicator_id}")
    row.retrievable = retrievable.value if retrievable else None
    row.unambiguous = unambiguous.value if unambiguous else None
    row.updated_at = now()


def remove_indicator(session: Session, *, indicator_id: int) -> None:
    session.execute(delete(IndicatorRow).where(IndicatorRow.id == indicator_id))


def figures(session: Session, *, indicator_ids: list[int]) -> list[Figure]:
    if not indicator_ids:
        return []
    rows = session.execute(
        select(
            IndicatorWaardeRow.indicator_id, IndicatorWaardeRow.gemeente_id, IndicatorWaardeRow.period,
            IndicatorWaardeRow.value,
        ).where(IndicatorWaardeRow.indicator_id.in_(indicator_ids))
    )  # fmt: skip
    return [Figure(indicator_id=i, gemeente_id=g, period=p, value=v) for i, g, p, v in rows]


def save_figures(session: Session, *, figures_to_store: list[Figure], actor: str) -> int:
    """Store each figure, replacing the one for the same indicator, gemeente and period. Returns how many changed."""
    changed = 0
    for figure in figures_to_store:
        where = [
            IndicatorWaardeRow.indicator_id == figure.indicator_id,
            IndicatorWaardeRow.period == figure.period,
            IndicatorWaardeRow.gemeente_id.is_(None)
            if figure.gemeente_id is None
            else IndicatorWaardeRow.gemeente_id == figure.gemeente_id,
        ]
        row = session.scalars(select(IndicatorWaardeRow).where(*where).with_for_update()).first()
        if row is None:
            session.add(
                IndicatorWaardeRow(
                    indicator_id=figure.indicator_id, gemeente_id=figure.gemeente_id, period=figure.period,
                    value=figure.value, updated_at=now(), updated_by=actor,
                )
            )  # fmt: skip
            changed += 1
        elif row.value != figure.value:
            row.value, row.updated_at, row.updated_by = figure.value, now(), actor
            changed += 1
    session.flush()
    return changed


def min_count(session: Session, *, regio_id: int) -> int:
    row = session.get(IndicatorInstellingRow, regio_id)
    return row.min_count if row is not None else DEFAULT_MIN_COUNT


def set_min_count(session: Session, *, regio_id: int, value: int) -> None:
    row = session.get(IndicatorInstellingRow, regio_id)
    if row is None:
        session.add(IndicatorInstellingRow(regio_id=regio_id, min_count=value))
    else:
        row.min_count = value
