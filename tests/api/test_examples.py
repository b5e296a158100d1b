"""The named examples in the docs show what their summaries say, through the core and the API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.v1.examples import load_examples

EXAMPLES = load_examples()
PATHS = {"5.1.3", "5.1.6", "5.1.7", "5.1.8", "5.2.3", "6.1.1", "5.1.9"}


def test_one_example_per_statutory_path() -> None:
    """50-tier, aggregation, gains, insider, ×10, Art. 6, prior punishment and contested classification."""
    shown = {p for e in EXAMPLES for p in e["expect"]["provisions"]}
    assert shown >= PATHS
    assert any(e["expect"].get("classification", {}).get("sensitive") for e in EXAMPLES)
    assert len({e["id"] for e in EXAMPLES}) == len(EXAMPLES) >= 8
    for e in EXAMPLES:
        assert set(e) == {"id", "summary_zh", "summary_en", "request", "expect"}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["id"] for e in EXAMPLES])
def test_example_gives_the_tier_and_grounds_its_summary_names(
    client: TestClient, example: dict[str, Any]
) -> None:
    """The example's request, posted as is, reaches the expected tier on the named grounds."""
    response = client.post("/v1/assessments", json=example["request"])
    assert response.status_code == 200, response.text
    a = response.json()
    expect = example["expect"]
    assert a["tier"] == expect["tier"]
    grounds = {g["provision"] for g in a["grounds"]}
    assert set(expect["provisions"]) <= grounds
    if "classification" in expect:
        assert a["classification"] == expect["classification"]


# ---------------------------------------------------------------------------
# The answers shown beside the examples in Swagger and ReDoc

_PATHS = ("/v1/assessments", "/v1/assessments/batch")


def _operation(client: TestClient, path: str) -> dict[str, Any]:
    operation: dict[str, Any] = client.get("/openapi.json").json()["paths"][path]["post"]
    return operation


def _shown(operation: dict[str, Any]) -> dict[str, tuple[int, Any]]:
    """Every response example of an operation, by name: its status and value."""
    shown: dict[str, tuple[int, Any]] = {}
    for status, response in operation["responses"].items():
        for content in response.get("content", {}).values():
            for name, example in content.get("examples", {}).items():
                shown[name] = (int(status), example["value"])
    return shown


@pytest.mark.parametrize("path", _PATHS)
def test_every_request_example_has_the_answer_the_app_gives_beside_it(
    client: TestClient, path: str
) -> None:
    """Posting each named request example gives exactly the response example of that name."""
    operation = _operation(client, path)
    requests = operation["requestBody"]["content"]["application/json"]["examples"]
    shown = _shown(operation)
    assert set(requests) <= set(shown)
    for name, example in requests.items():
        response = client.post(path, json=example["value"])
        assert (response.status_code, response.json()) == shown[name], name


def test_the_chinese_problem_example_is_what_a_chinese_client_gets(client: TestClient) -> None:
    """The _zh problem example is the answer to its request with Accept-Language: zh-CN."""
    operation = _operation(client, "/v1/assessments")
    requests = operation["requestBody"]["content"]["application/json"]["examples"]
    shown = _shown(operation)
    zh = [name for name in shown if name.endswith("_zh")]
    assert zh
    for name in zh:
        request = requests[name.removesuffix("_zh")]["value"]
        response = client.post(
            "/v1/assessments", json=request, headers={"accept-language": "zh-CN"}
        )
        assert (response.status_code, response.json()) == shown[name]
        assert response.json()["title"] == "请求不符合约定"


def test_every_statutory_example_is_shown_with_a_200_and_both_422_kinds_are_shown(
    client: TestClient,
) -> None:
    """Each example file has its 200 answer; a contract 422 and an invalid-facts 422 are shown."""
    operation = _operation(client, "/v1/assessments")
    ok = operation["responses"]["200"]["content"]["application/json"]["examples"]
    assert set(ok) == {e["id"] for e in EXAMPLES}
    for e in EXAMPLES:
        assert ok[e["id"]]["value"]["tier"] == e["expect"]["tier"]
    problems = operation["responses"]["422"]["content"]["application/problem+json"]["examples"]
    types = {p["value"]["type"] for p in problems.values()}
    assert types == {
        "urn:pi-severity:problem:invalid-request",
        "urn:pi-severity:problem:invalid-facts",
    }


def test_the_examples_shown_are_not_schema_placeholders(client: TestClient) -> None:
    """No example answer holds Swagger's placeholders ("string", additionalProp1)."""
    shown = {path: _shown(_operation(client, path)) for path in _PATHS}
    text = json.dumps(shown, ensure_ascii=False)
    assert "additionalProp" not in text
    assert '"string"' not in text


def test_the_duty_gains_rule_is_stated_in_the_schema(client: TestClient) -> None:
    """illegal_gains_from_duty_cny ≤ illegal_gains_cny is in the schema, in Chinese and English."""
    schema = client.get("/openapi.json").json()["components"]["schemas"]["AssessmentRequest"]
    duty = schema["properties"]["illegal_gains_from_duty_cny"]["description"]
    total = schema["properties"]["illegal_gains_cny"]["description"]
    for text in (duty, total, schema["description"]):
        assert "illegal_gains_from_duty_cny ≤ illegal_gains_cny" in text
    assert "不得超过" in duty
    assert "must not exceed" in duty
