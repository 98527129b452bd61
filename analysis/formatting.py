"""Dutch number and date formatting, server-side, so every page and export agrees."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def percent(share: float | None) -> str:
    """0.6667 -> '67%'; None -> 'geen score'."""
    if share is None:
        return "geen score"
    return f"{format_decimal(round(share * 100), locale='nl_NL')}%"


def long_date(value: date) -> str:
    return format_date(value, "long", locale="nl_NL")


def moment(value: datetime | None) -> str:
    """A stored moment shown in Amsterdam time, e.g. '5 maart 2026 om 14:03'."""
    if value is None:
        return "nog niet"
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    local = value.astimezone(AMSTERDAM)
    return f"{format_date(local, 'long', locale='nl_NL')} om {format_datetime(local, 'HH:mm', locale='nl_NL')}"
