"""Answer fields the core emits whose documentation models (``api/v1/schemas.py``) are not written yet.

The additive fields of issue 12 (a ground's and a next-tier option's ``standard`` and
citations, an option's route, the proportional sum as a multiple) are built by
``api/v1/mapping.py``; their pydantic documentation lives in ``schemas.py``, which is
written separately. Until a field is documented there, the tests check it against the
JSON Schema below: ``with_pending`` adds it to the document schemathesis checks the
answers against, ``without_pending`` takes it out before a documented model validates
an answer. A field the documentation models already declare is left to them, so this
module becomes empty, and can be deleted, once ``schemas.py`` has caught up.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

from api.v1 import schemas

__all__ = ["PENDING", "with_pending", "without_pending"]

_STANDARD: dict[str, Any] = {
    "anyOf": [
        {
            "type": "object",
            "properties": {
                "kind": {"enum": ["records", "proportional_sum", "yuan"]},
                "item": {"type": "string"},
                "value": {"type": ["integer", "string"]},
                "base": {"type": ["integer", "string"]},
                "multiple": {"type": "string"},
                "halved": {"type": "boolean"},
                "tenfold": {"type": "boolean"},
            },
            "required": ["kind", "item", "value", "base", "multiple", "halved", "tenfold"],
            "additionalProperties": False,
        },
        {"type": "null"},
    ]
}
_CITES: dict[str, Any] = {"cite_zh": {"type": "string"}, "cite_en": {"type": "string"}}
_ROUTE: dict[str, Any] = {
    "basis": {"enum": ["single_category", "proportional_sum", "gains", "caller_finding"]},
    "contested": {"type": "boolean"},
    "open_question": {"type": ["string", "null"]},
    "standard": _STANDARD,
    **_CITES,
}
_MULTIPLE: dict[str, Any] = {
    "type": "object",
    "properties": {"value": {"type": "string"}, "exact": {"type": "boolean"}},
    "required": ["value", "exact"],
    "additionalProperties": False,
}

PENDING: dict[type[BaseModel], dict[str, Any]] = {
    schemas.Ground: {"standard": _STANDARD, **_CITES},
    schemas.RecordsAddition: _ROUTE,
    schemas.GainsAddition: _ROUTE,
    schemas.Quantity: {
        "proportional_sum_multiple": _MULTIPLE,
        "insider_proportional_sum_multiple": _MULTIPLE,
    },
}
"""Per documentation model, the answer fields it does not declare yet, with their JSON Schema."""


def _undocumented(model: type[BaseModel]) -> dict[str, Any]:
    return {k: v for k, v in PENDING[model].items() if k not in model.model_fields}


def with_pending(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with every undocumented answer field added to its component."""
    out = copy.deepcopy(document)
    components = out["components"]["schemas"]
    for model in PENDING:
        fields = _undocumented(model)
        component = components[model.__name__]
        component["properties"].update(fields)
        component["required"] = [*component.get("required", []), *fields]
    return out


def _strip(value: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    fields = _undocumented(model)
    return {k: v for k, v in value.items() if k not in fields}


def without_pending(answer: dict[str, Any]) -> dict[str, Any]:
    """An ``Assessment`` answer without the fields the documentation models do not declare yet."""
    out = dict(answer)
    out["grounds"] = [_strip(g, schemas.Ground) for g in answer["grounds"]]
    out["quantity"] = _strip(answer["quantity"], schemas.Quantity)
    if answer["next_tier"] is not None:
        out["next_tier"] = {
            **answer["next_tier"],
            "options": [
                _strip(o, schemas.RecordsAddition if "category" in o else schemas.GainsAddition)
                for o in answer["next_tier"]["options"]
            ],
        }
    return out
