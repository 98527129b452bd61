"""Scoring, aggregation and charts: pure functions, no streamlit and no SQL."""
