"""Streamlit helpers shared by the pages. Only pages and app.py import this package."""
