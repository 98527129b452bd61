"""Use cases the pages call: one function per thing a person does."""

from __future__ import annotations


class ServiceError(Exception):
    """Something the person asked cannot be done; the message is plain Dutch for them."""
