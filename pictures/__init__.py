"""Pictures of the figures: the charts on the pages (plotly), each with the table that says the same in words.

A floor above analysis/ (which computes figures and draws nothing) and below ui/ and pages/.

pandas is imported here, whole, before any figure is built. Plotly checks whether a value is a pandas Series by
looking pandas up in `sys.modules` without importing it (`get_module("pandas", should_load=False)`); while another
session's thread is halfway through importing pandas (Streamlit does so on its first table), that lookup finds a
half-made module and the chart fails with "partially initialized module 'pandas' has no attribute 'Series'" (seen
once on the indicator page in a full test run). An import here waits for such an import to finish.
"""

import pandas  # type: ignore[import-untyped]  # noqa: F401  # see above: complete before plotly looks for it
