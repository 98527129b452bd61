"""Use cases the pages call: one function per thing a person does."""

from __future__ import annotations


class ServiceError(Exception):
    """Something the person asked cannot be done; the message is plain Dutch for them."""


def fitting(text: str, limit: int) -> str:
    """The text itself when it fits; refused with a plain Dutch message when it does not. Never cut off."""
    from domain.text import too_long

    problem = too_long(text, limit)
    if problem:
        raise ServiceError(problem)
    return text
