"""One descriptions table: every documented model and field has its line, every line a field,
and the documented response fields are exactly those of the real answers."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from api.v1.descriptions import DESCRIPTIONS
from tests.api.test_mapping import REQUESTS

EXTERNAL = {"Problem", "ProblemError"}
"""Described by ``api.problems`` with the rest of the problem documents, not by the table."""
ROOTS = ("Assessment", "BatchResponse", "ProvisionList", "Provision", "RulesetList")
"""The response bodies of the ``/v1`` operations."""

Schema = dict[str, Any]


@pytest.fixture(scope="module")
def components(client: TestClient) -> dict[str, Schema]:
    found: dict[str, Schema] = client.get("/openapi.json").json()["components"]["schemas"]
    return found


def _ref_name(schema: Schema) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[1] if isinstance(ref, str) else None


def _refs(schema: Any) -> set[str]:
    if isinstance(schema, dict):
        name = _ref_name(schema)
        found = {name} if name else set()
        return found.union(*(_refs(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_refs(v) for v in schema))
    return set()


def _reachable(components: dict[str, Schema]) -> set[str]:
    seen: set[str] = set()
    todo = list(ROOTS)
    while todo:
        name = todo.pop()
        if name in seen or name in EXTERNAL:
            continue
        seen.add(name)
        todo.extend(_refs(components[name]))
    return seen


def _documented(components: dict[str, Schema], names: set[str]) -> set[str]:
    return {f"{n}.{p}" for n in names for p in components[n].get("properties", {})}


def test_every_documented_model_and_field_has_one_line_and_every_line_a_field(
    components: dict[str, Schema],
) -> None:
    """The table's keys are exactly the document's models, enums and fields (problems aside)."""
    names = set(components) - EXTERNAL
    assert set(DESCRIPTIONS) == names | _documented(components, names)


def _walk(value: Any, schema: Schema, components: dict[str, Schema], seen: set[str]) -> None:
    """Record ``Model.field`` for every field of ``value``; each object has exactly its
    model's fields."""
    name = _ref_name(schema)
    if name in EXTERNAL:
        return
    if name is not None:
        schema = components[name]
    if "anyOf" in schema:
        branches = schema["anyOf"]
        if value is None:
            return
        objects = [b for b in branches if _ref_name(b) not in (None, *EXTERNAL)]
        if isinstance(value, dict) and objects:
            fitting = [
                b
                for b in objects
                if set(components[_ref_name(b) or ""].get("properties", {})) == set(value)
            ]
            assert len(fitting) == 1, f"no single documented shape has the keys {sorted(value)}"
            _walk(value, fitting[0], components, seen)
        elif isinstance(value, dict):
            _walk(value, next(b for b in branches if _ref_name(b) in EXTERNAL), components, seen)
        return
    properties = schema.get("properties")
    if properties is not None:
        assert set(value) == set(properties), f"{name}: {sorted(set(value) ^ set(properties))}"
        for key, item in value.items():
            seen.add(f"{name}.{key}")
            _walk(item, properties[key], components, seen)
    elif schema.get("type") == "array":
        for item in value:
            _walk(item, schema["items"], components, seen)


def test_the_documented_response_fields_are_those_of_the_real_answers(
    client: TestClient, components: dict[str, Schema]
) -> None:
    """Every field of every real answer is documented at its place, and every documented
    response field occurs in some real answer (every example and fixture, a batch with a bad
    item, the reference data)."""
    seen: set[str] = set()
    batch = {"items": [*REQUESTS, {"records": "not a list"}]}
    answers = [
        ("BatchResponse", client.post("/v1/assessments/batch", json=batch)),
        ("ProvisionList", client.get("/v1/provisions")),
        ("Provision", client.get("/v1/provisions/5.1.3")),
        ("RulesetList", client.get("/v1/rulesets")),
    ]
    answers += [("Assessment", client.post("/v1/assessments", json=r)) for r in REQUESTS]
    for name, response in answers:
        if name == "Assessment" and response.status_code == 422:
            continue
        assert response.status_code == 200, response.text
        _walk(response.json(), {"$ref": f"#/{name}"}, components, seen)
    assert seen == _documented(components, _reachable(components))
