"""Persistence: the only package that talks SQL. It hands out plain models."""
