"""Many cases in one call: each item is validated and assessed on its own.

The envelope (an object with 1 to 1000 objects under ``items``) is checked as a whole;
each item is then validated by itself, so a malformed item gets its own problem, with
pointers under ``/items/<i>``, and every other item is still assessed. There is exactly
one result per item, in the request's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from api.problems import invalid_facts_problem, validation_problem
from api.v1 import mapping, schemas
from calculator import InvalidFacts

__all__ = ["assess_items"]

_REQUEST = TypeAdapter(schemas.AssessmentRequest)


def _result(index: int, item: dict[str, Any]) -> dict[str, Any]:
    prefix = f"/items/{index}"
    try:
        request = _REQUEST.validate_python(item)
    except ValidationError as exc:
        return {"index": index, "status": 422, "problem": validation_problem(exc.errors(), prefix)}
    try:
        answer = mapping.assessment_for(request)
    except InvalidFacts as exc:
        return {"index": index, "status": 422, "problem": invalid_facts_problem(exc, prefix)}
    return {"index": index, "status": 200, "assessment": answer}


def assess_items(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The ``BatchResponse``: one result per item, in order."""
    return {"results": [_result(i, item) for i, item in enumerate(items)]}
