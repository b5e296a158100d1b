"""The reference data of ``/v1``: the provisions, and the parameter sets as the law data holds them."""

from __future__ import annotations

from functools import cache
from typing import Any

from api.v1 import mapping
from api.v1.parameters import ruleset_tables

__all__ = ["rulesets"]


@cache
def rulesets() -> dict[str, Any]:
    """The ``/v1/rulesets`` answer: the contract's fields of each parameter set, and its own
    table of the law data, nested as written, as ``parameters``; the statutes; the categories.

    Made once; callers only read it.
    """
    body = mapping.rulesets()
    tables = {t["id"]: t for t in ruleset_tables()}
    for r in body["rulesets"]:
        r["parameters"] = tables[r["id"]]
    return body
