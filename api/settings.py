"""Service settings, read from the environment once, on first use.

``PI_SEVERITY_CORS_ORIGINS``: comma-separated origins allowed to call the API from a
browser; empty by default, so no CORS headers are sent at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

__all__ = ["MAX_BODY_BYTES", "Settings", "get_settings"]

MAX_BODY_BYTES = 2 * 1024 * 1024
"""The largest request body accepted (API.md: 2 MiB); a larger one is a 413 problem."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Settings:
    """What an operator can change without touching the code."""

    max_body_bytes: int = MAX_BODY_BYTES
    cors_origins: tuple[str, ...] = ()


@cache
def get_settings() -> Settings:
    """The settings from the environment."""
    origins = os.environ.get("PI_SEVERITY_CORS_ORIGINS", "")
    return Settings(cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()))
