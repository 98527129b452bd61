"""Dutch number and date formatting, server-side, so every page and export agrees."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from domain.calendar import AMSTERDAM


def half_up(value: float, digits: int = 0) -> float:
    """Round half away from zero, as readers and Excel do (62.5 -> 63), not half to even.

    The value is first taken to 9 decimals so 0.625 * 100 = 62.50000000000001 and 62.4999999
    from a division both land where a person expects."""
    exact = Decimal(repr(value)).quantize(Decimal("1e-9"))
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def percent_number(share: float, digits: int = 0) -> float:
    """A share 0..1 as a percentage rounded half up: 0.625 -> 63.0."""
    return half_up(share * 100, digits)


def percent(share: float | None, digits: int = 0) -> str:
    """0.6667 -> '67%', 0.625 -> '63%'; None -> 'geen score'. The one way a share is written."""
    if share is None:
        return "geen score"
    number = percent_number(share, digits)
    return f"{format_decimal(number, format='0' if digits == 0 else '0.' + '0' * digits, locale='nl_NL')}%"


def count_of(n: int, one: str, many: str) -> str:
    """'1 probleem', '3 problemen'."""
    return f"{n} {one if n == 1 else many}"


def long_date(value: date) -> str:
    return format_date(value, "long", locale="nl_NL")


def clock_time(value: datetime | None = None) -> str:
    """The time of day in Amsterdam with seconds, e.g. '14:03:27' (now when no moment is given)."""
    value = value or datetime.now(ZoneInfo("UTC"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    local = value.astimezone(AMSTERDAM)
    return local.strftime("%H:%M:%S")


def moment(value: datetime | None) -> str:
    """A stored moment shown in Amsterdam time, e.g. '5 maart 2026 om 14:03'."""
    if value is None:
        return "nog niet"
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    local = value.astimezone(AMSTERDAM)
    return f"{format_date(local, 'long', locale='nl_NL')} om {format_datetime(local, 'HH:mm', locale='nl_NL')}"
