"""What personal data looks like in text: e-mail addresses, Dutch phone numbers and BSNs.

One home for these patterns: the upload guard (`imports/personal_data.py`) refuses a file that holds them, and
the de-identification of shared text (`analysis/deidentify.py`) replaces them.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)[\s-]?(?:\(0\))?(?:[1-9](?:[\s-]?\d){8})(?![\d])")
# Nine digits, as a BSN is written (123456782, 123.456.782, 1234.56.782, 123 456 782); never a date (8 digits).
NINE_DIGITS = re.compile(r"(?:\d\D{0,3}){9}")
BSN_LIKE = re.compile(r"(?<![\d.,-])(?:\d{9}|\d{3}[ .-]\d{3}[ .-]\d{3}|\d{4}[ .-]\d{2}[ .-]\d{3})(?![\d])")


def is_bsn(digits: str) -> bool:
    """A BSN has 9 digits and passes the eleven-check."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def bsn_spans(text: str) -> list[tuple[int, int]]:
    """Where a BSN stands in `text`, in any of the ways it is written."""
    return [m.span() for m in BSN_LIKE.finditer(text) if is_bsn(re.sub(r"\D", "", m.group()))]
