"""The OpenAPI document is part of the contract: snapshot, version, names, bilingual docs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.problems import PROBLEM_MEDIA_TYPE
from api.v1.examples import load_examples
from tests.api.snapshot import SNAPSHOT, current_document, render

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3,}")

OPERATIONS = {
    ("post", "/v1/assessments"): "create_assessment",
    ("post", "/v1/assessments/batch"): "create_assessment_batch",
    ("post", "/v1/ledgers"): "create_ledger",
    ("get", "/v1/provisions"): "list_provisions",
    ("get", "/v1/provisions/{provision_id}"): "get_provision",
    ("get", "/v1/rulesets"): "list_rulesets",
}


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def test_the_document_matches_the_committed_snapshot(document: dict[str, Any]) -> None:
    """Any change to the contract shows up as a reviewed diff (refresh: make openapi-snapshot)."""
    assert SNAPSHOT.read_text(encoding="utf-8") == render(document), (
        "the OpenAPI document changed; review it and run `make openapi-snapshot`"
    )
    assert render(current_document()) == render(document)


def test_the_document_is_openapi_3_1(document: dict[str, Any]) -> None:
    """OpenAPI 3.1, titled in Chinese and English."""
    assert document["openapi"].startswith("3.1.")
    assert CJK.search(document["info"]["title"])
    assert LATIN.search(document["info"]["title"])


def test_operation_ids_are_stable(document: dict[str, Any]) -> None:
    """Exactly the six /v1 operations, each with its fixed operation id."""
    found = {
        (method, path): op["operationId"]
        for path, item in document["paths"].items()
        for method, op in item.items()
    }
    assert found == OPERATIONS


def test_every_error_response_is_problem_json(document: dict[str, Any]) -> None:
    """Each documented 4xx is application/problem+json with the Problem schema."""
    for item in document["paths"].values():
        for op in item.values():
            for status, response in op["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == [PROBLEM_MEDIA_TYPE]
                    schema = response["content"][PROBLEM_MEDIA_TYPE]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Problem"}


def _described(schemas: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for name, schema in schemas.items():
        yield name, schema.get("description", "")
        for prop, sub in schema.get("properties", {}).items():
            yield f"{name}.{prop}", sub.get("description", "")


def test_every_model_and_field_is_described_in_chinese_and_english(
    document: dict[str, Any],
) -> None:
    """Each schema and each property has a description with Chinese and English text."""
    missing = [
        where
        for where, text in _described(document["components"]["schemas"])
        if not (CJK.search(text) and LATIN.search(text))
    ]
    assert missing == []


def test_money_is_a_string_with_two_places_at_most(document: dict[str, Any]) -> None:
    """Every *_cny field of a request is a string of ASCII digits with the money pattern, never a number."""
    schemas = document["components"]["schemas"]
    for name in ("AssessmentRequest", "BusinessPurchase"):
        for prop, sub in schemas[name]["properties"].items():
            if prop.endswith("_cny"):
                assert sub["type"] == "string"
                assert sub["pattern"] == r"^[0-9]{1,12}(\.[0-9]{1,2})?$"


def test_counts_and_sizes_are_bounded_as_api_md_says(document: dict[str, Any]) -> None:
    """records ≤ 100, count 0…10^9, recipients 0…10^4, alternatives ≤ 3, label ≤ 200, 1–1000 items."""
    s = document["components"]["schemas"]
    assert s["AssessmentRequest"]["properties"]["records"]["maxItems"] == 100
    row = s["RecordRow"]["properties"]
    assert (row["count"]["minimum"], row["count"]["maximum"]) == (0, 10**9)
    assert (row["recipients"]["minimum"], row["recipients"]["maximum"]) == (0, 10**4)
    assert row["alternative_categories"]["maxItems"] == 3
    assert row["label"]["anyOf"][0]["maxLength"] == 200
    items = s["BatchRequest"]["properties"]["items"]
    assert (items["minItems"], items["maxItems"]) == (1, 1000)
    assert s["AssessmentRequest"]["additionalProperties"] is False


def test_assessment_offers_one_named_example_per_statutory_path(document: dict[str, Any]) -> None:
    """The Swagger dropdown lists every example from api/v1/example_requests, by id, in both languages,
    then the two bad examples (a contract 422 and an invalid-facts 422)."""
    body = document["paths"]["/v1/assessments"]["post"]["requestBody"]
    examples = body["content"]["application/json"]["examples"]
    ids = [e["id"] for e in load_examples()]
    assert list(examples) == [*ids, "invalid_request", "invalid_facts"]
    for e in load_examples():
        shown = examples[e["id"]]
        assert shown["value"] == e["request"]
        assert e["summary_zh"] in shown["summary"]
        assert e["summary_en"] in shown["summary"]
