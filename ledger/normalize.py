"""Decision a: full-width characters to ASCII, then trimming, as plain data for SQL and Python.

「全角」 forms U+FF01–U+FF5E become ASCII U+0021–U+007E and the ideographic space U+3000 a
space; then ASCII whitespace and U+3000 are trimmed from both ends. This applies to
id_number, phone, person_key and recipient names. Category labels are trimmed only.
The SQL of ``ledger.rules`` uses ``FULL_WIDTH`` / ``HALF_WIDTH`` with ``translate`` and
``TRIMMED`` with ``trim``; ``normalize_text`` is the same rule in Python, for the few
names the mapping itself holds (recipient aliases).
"""

from __future__ import annotations

__all__ = ["FULL_WIDTH", "HALF_WIDTH", "TRIMMED", "normalize_text", "trim_label"]

FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000"
"""The characters decision a replaces: U+FF01–U+FF5E and U+3000."""

HALF_WIDTH = "".join(chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)) + " "
"""What each character of ``FULL_WIDTH`` becomes, position for position."""

TRIMMED = " \t\n\r\x0b\x0c\u3000"
"""ASCII whitespace and U+3000, trimmed from both ends."""

_TABLE = str.maketrans(FULL_WIDTH, HALF_WIDTH)


def normalize_text(value: str) -> str:
    """Decision a: full-width → ASCII, U+3000 → space, then trim ASCII whitespace and U+3000."""
    return value.translate(_TABLE).strip(TRIMMED)


def trim_label(value: str) -> str:
    """Decision a for category labels: trimmed only (ASCII whitespace and U+3000)."""
    return value.strip(TRIMMED)
