"""The law's parameters as its data file holds them: ``calculator/law/parameters.toml``.

Each parameter set's table of that file, as it is, nested as written: dates become
``YYYY-MM-DD`` strings; nothing else is renamed, computed or flattened.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["ruleset_tables"]

JSON = dict[str, Any]


@cache
def _data() -> dict[str, Any]:
    text = files("calculator.law").joinpath("parameters.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


def ruleset_tables() -> list[JSON]:
    """Every ``[[ruleset]]`` table of the data file, as JSON, in the file's order."""
    tables: list[JSON] = _json(_data()["ruleset"])
    return tables
