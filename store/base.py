"""The declarative base every table of the store is made on (store/tables.py and the *_tables modules beside it)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
