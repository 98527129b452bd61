"""The clock as people in the Netherlands read it: the app's one time zone and its one "today" (`dutch_today`).

A server often runs on UTC. From midnight in Amsterdam until midnight UTC (one hour in winter, two in summer) the
server's own `date.today()` is still yesterday: a logboek period ending "today" then hides what just happened, and a
bijeenkomst made after midnight would be dated the day before. Every page, service and file asks here instead.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def dutch_today() -> date:
    """Today's date in the Netherlands, whatever the server's zone."""
    return datetime.now(AMSTERDAM).date()
