"""Named examples for the docs: requests read from ``example_requests/``, answers computed.

Each file holds ``id``, ``summary_zh``, ``summary_en``, ``request`` and ``expect`` (what the
core must answer, checked by ``tests/api/test_examples.py``), so the examples a lawyer
picks in the Swagger dropdown show what their summaries say. Two more requests show the
two kinds of 422 (a request outside the contract, facts the law cannot take).

The responses shown beside them are the service's real answers, computed from the
calculator when the app starts (``response_examples``), by the same validation, mapping
and problem builders the handlers use, and encoded by the same encoder: the document can
never show a stale answer, a change in the law's results shows up in the committed
OpenAPI snapshot as a reviewed diff, and ``tests/api/test_examples.py`` posts every
example request to the app and checks the answer equals the example shown.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

from api.encoding import dumps
from api.problems import Language, invalid_facts_problem, validation_problem
from api.v1 import batch, mapping, schemas
from calculator import InvalidFacts

__all__ = [
    "BAD_REQUESTS",
    "BATCH_EXAMPLE",
    "EXAMPLES_DIR",
    "answer",
    "batch_examples",
    "load_examples",
    "openapi_examples",
    "response_examples",
]

EXAMPLES_DIR = Path(__file__).resolve().parent / "example_requests"

BAD_REQUESTS: dict[str, dict[str, Any]] = {
    "invalid_request": {
        "summary": "错误示例：请求不符合约定（422）/ Bad example: outside the contract (422)",
        "description": "金额写成 JSON 数字、未知类别、负数条数：每处错误各有 JSON Pointer。\n\n"
        "Money as a JSON number, an unknown category, a negative count: one error per "
        "place, each with its JSON Pointer.",
        "value": {
            "conduct_date": "2023-04-10",
            "records": [{"category": "secrets", "count": -1}],
            "illegal_gains_cny": 5000,
        },
    },
    "invalid_facts": {
        "summary": "错误示例：行为早于刑法第二百五十三条之一（422）/ Bad example: conduct "
        "before CL253-1 (422)",
        "description": "2009-02-28 之前的行为不构成本条之罪（D22）。\n\nConduct before "
        "2009-02-28 is not an offence under this article (D22).",
        "value": {
            "conduct_date": "2009-02-27",
            "records": [{"category": "whereabouts", "count": 50, "recipients": 1}],
        },
    },
}
"""Requests whose answer is a 422, shown in the request and the 422 examples."""

BATCH_EXAMPLE: dict[str, Any] = {
    "items": [
        {
            "conduct_date": "2023-04-10",
            "records": [{"category": "whereabouts", "count": 50, "recipients": 1}],
            "illegal_gains_cny": "800",
        },
        {"records": [{"category": "general", "count": 6000}]},
        {"records": [{"category": "secrets", "count": 1}], "illegal_gains_cny": 5000},
    ]
}
"""A batch of two cases and one malformed item (which gets its own problem)."""

_REQUEST = TypeAdapter(schemas.AssessmentRequest)


@cache
def load_examples() -> tuple[dict[str, Any], ...]:
    """Every example file, in file-name order."""
    return tuple(
        json.loads(path.read_text(encoding="utf-8")) for path in sorted(EXAMPLES_DIR.glob("*.json"))
    )


def _plain(body: Any) -> Any:
    """The body exactly as the service sends it, read back as plain JSON values."""
    return orjson.loads(dumps(body))


def answer(request: Any, language: Language = "en") -> tuple[int, dict[str, Any]]:
    """The status and body ``POST /v1/assessments`` gives for a request (a JSON value)."""
    try:
        validated = _REQUEST.validate_python(request)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        return 422, _plain(validation_problem(errors, language=language))
    try:
        body = mapping.assessment_for(validated)
    except InvalidFacts as exc:
        return 422, _plain(invalid_facts_problem(exc, language=language))
    return 200, _plain(body)


def openapi_examples() -> dict[str, dict[str, Any]]:
    """The request examples: one per statutory path, then the two kinds of 422."""
    examples = {
        e["id"]: {
            "summary": f"{e['summary_zh']} / {e['summary_en']}",
            "description": f"{e['summary_zh']}\n\n{e['summary_en']}",
            "value": e["request"],
        }
        for e in load_examples()
    }
    return {**examples, **BAD_REQUESTS}


def response_examples() -> dict[int, dict[str, dict[str, Any]]]:
    """The answer to every request example, by status, under the request example's name.

    The 422 examples are the English answers, and the first once more as a client asking
    for Chinese (``Accept-Language: zh-CN``) gets it (``<name>_zh``).
    """
    out: dict[int, dict[str, dict[str, Any]]] = {200: {}, 422: {}}
    for name, example in openapi_examples().items():
        status, body = answer(example["value"])
        out[status][name] = {"summary": example["summary"], "value": body}
    first = next(iter(BAD_REQUESTS))
    out[422][f"{first}_zh"] = {
        "summary": f"{BAD_REQUESTS[first]['summary']}（Accept-Language: zh-CN）",
        "value": answer(BAD_REQUESTS[first]["value"], "zh")[1],
    }
    return out


def batch_examples() -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """The batch request examples and their real answers by status: 200 (one problem inside), 422."""
    whole: dict[str, Any] = {"items": []}
    try:
        schemas.BatchRequest.model_validate(whole)
    except ValidationError as exc:
        refused = _plain(validation_problem(exc.errors(include_url=False, include_input=False)))
    else:  # pragma: no cover - the contract refuses an empty batch
        raise ValueError("an empty batch must be refused")
    requests = {
        "two_cases_and_a_bad_item": {
            "summary": "两个案件和一个格式错误的项目 / Two cases and a malformed item",
            "value": BATCH_EXAMPLE,
        },
        "empty": {
            "summary": "错误示例：空批次（422）/ Bad example: no items (422)",
            "value": whole,
        },
    }
    return requests, {
        200: {
            "two_cases_and_a_bad_item": {
                "summary": "逐项结果，index 为 2 的项目为 422 / One result per item; index 2 is a 422",
                "value": _plain(batch.assess_items(BATCH_EXAMPLE["items"])),
            }
        },
        422: {"empty": {"summary": "空批次 / No items", "value": refused}},
    }
