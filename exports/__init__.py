"""File formats: one module per format, each turning prepared figures into bytes."""

WITHHELD_TEXT = "niet getoond (minder dan {n} gemeenten)"
