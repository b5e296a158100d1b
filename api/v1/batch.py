"""Many cases in one call: each item is validated and assessed on its own.

The envelope (an object with 1 to 1000 objects under ``items``) is checked as a whole;
each item is then validated by itself, so a malformed item gets its own problem, with
pointers under ``/items/<i>``, and every other item is still assessed. There is exactly
one result per item, in the request's order. A fault found in the body's text inside an
item (a repeated key, a lone surrogate escape) fails that item only, with its pointer.
Every item's problem is in the language negotiated for the call.

Each assessed item's answer is encoded as soon as it is made and kept as its JSON
(``orjson.Fragment``), which the response's one encoding copies as it is: the same bytes,
but a 1,000-item batch no longer holds a thousand answers' dicts until the end. Measured
with ``python -m bench.paired --old <the tree before issue 12> --only batch --http`` (the
bench/http.py batch served by uvicorn, which runs it in the thread pool), 121 rounds: the
batch over HTTP went from 0.95 to 1.00 of the old tree's speed. The copy costs about 2 %
where the batch runs in a process's main thread with no server (``--only batch_body``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

from api.encoding import dumps
from api.problems import Language, invalid_facts_problem, validation_problem
from api.v1 import mapping, schemas
from calculator import InvalidFacts

__all__ = ["assess_items"]

_REQUEST = TypeAdapter(schemas.AssessmentRequest)


def _result(
    index: int,
    item: dict[str, Any],
    language: Language,
    faults: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    prefix = f"/items/{index}"
    if faults:
        problem = validation_problem(faults, prefix, language=language)
        return {"index": index, "status": 422, "problem": problem}
    try:
        request = _REQUEST.validate_python(item)
    except ValidationError as exc:
        problem = validation_problem(exc.errors(), prefix, language=language)
        return {"index": index, "status": 422, "problem": problem}
    try:
        answer = mapping.assessment_for(request)
    except InvalidFacts as exc:
        problem = invalid_facts_problem(exc, prefix, language=language)
        return {"index": index, "status": 422, "problem": problem}
    return {"index": index, "status": 200, "assessment": orjson.Fragment(dumps(answer))}


def assess_items(
    items: Sequence[dict[str, Any]],
    *,
    language: Language = "en",
    faults: Mapping[int, Sequence[Mapping[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The ``BatchResponse``: one result per item, in order; ``faults`` by item index."""
    found = faults or {}
    return {
        "results": [_result(i, item, language, found.get(i, ())) for i, item in enumerate(items)]
    }
