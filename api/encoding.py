"""JSON out: one encoder for every body the service builds itself, and the canonical form.

Bodies are plain dicts, lists, strings, integers, booleans and ``None`` made directly
from the core's results, so they are encoded once, with no second validation pass.
orjson writes compact UTF-8 with non-ASCII text (the statute's Chinese) unescaped.
"""

from __future__ import annotations

from typing import Any

import orjson

__all__ = ["canonical", "dumps"]


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON."""
    return orjson.dumps(value)


def canonical(value: Any) -> bytes:
    """Canonical JSON: sorted keys, compact separators, UTF-8 with non-ASCII unescaped.

    Dates are written ``YYYY-MM-DD`` and enums as their values.
    """
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
