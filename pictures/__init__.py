"""Pictures of the figures: the charts on the pages (plotly), each with the table that says the same in words.

A floor above analysis/ (which computes figures and draws nothing) and below ui/ and pages/.
"""
