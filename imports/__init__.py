"""File formats read in: one module per format, bytes → parsed data, no database."""
