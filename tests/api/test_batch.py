"""POST /v1/assessments/batch: one result per item in order, per-item problems, the 1–1000 rule."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from api.problems import INVALID_FACTS, INVALID_REQUEST
from tests.api.conftest import case


def results(client: TestClient, items: list[Any]) -> list[dict[str, Any]]:
    response = client.post("/v1/assessments/batch", json={"items": items})
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    out: list[dict[str, Any]] = response.json()["results"]
    return out


def test_results_come_one_per_item_in_order(client: TestClient) -> None:
    """Each result carries its index and the assessment of that item."""
    counts = [49, 50, 500, 10]
    items = [case(records=[{"category": "whereabouts", "count": n}]) for n in counts]
    out = results(client, items)
    assert [r["index"] for r in out] == [0, 1, 2, 3]
    assert [r["status"] for r in out] == [200] * 4
    assert [r["assessment"]["tier"] for r in out] == [
        "not_serious",
        "serious",
        "especially_serious",
        "not_serious",
    ]
    assert [r["assessment"]["quantity"]["rows"][0]["count"] for r in out] == counts


def test_a_malformed_item_gets_its_own_problem_and_the_others_are_assessed(
    client: TestClient,
) -> None:
    """A bad item is a 422 entry with pointers under /items/<i>; its neighbours are assessed."""
    out = results(
        client,
        [case(), case(illegal_gains_cny=5000, records=[{"category": "x", "count": 1}]), case()],
    )
    assert [r["status"] for r in out] == [200, 422, 200]
    problem = out[1]["problem"]
    assert set(out[1]) == {"index", "status", "problem"}
    assert problem["type"] == INVALID_REQUEST
    assert problem["status"] == 422
    assert {e["pointer"] for e in problem["errors"]} == {
        "/items/1/illegal_gains_cny",
        "/items/1/records/0/category",
    }


def test_facts_the_law_cannot_take_get_a_per_item_domain_problem(client: TestClient) -> None:
    """An item dated before CL253-1 existed is a 422 invalid-facts entry pointing into the item."""
    out = results(client, [case(conduct_date="2008-12-31"), case()])
    assert out[0]["status"] == 422
    assert out[0]["problem"]["type"] == INVALID_FACTS
    assert [e["pointer"] for e in out[0]["problem"]["errors"]] == ["/items/0/conduct_date"]
    assert out[1]["status"] == 200


def test_a_batch_of_one_thousand_is_answered_in_full(client: TestClient) -> None:
    """1000 items, the most allowed, give 1000 results."""
    items = [case(records=[{"category": "general", "count": i}]) for i in range(1000)]
    out = results(client, items)
    assert len(out) == 1000
    assert out[999]["assessment"]["quantity"]["rows"][0]["count"] == 999


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"items": []}, "/items"),
        ({"items": [case()] * 1001}, "/items"),
        ({"items": [case(), 5]}, "/items/1"),
        ({"items": [case(), "x"]}, "/items/1"),
        ({"items": case()}, "/items"),
        ({}, "/items"),
        ({"items": [case()], "extra": 1}, "/extra"),
        ([case()], ""),
    ],
    ids=[
        "zero-items",
        "1001-items",
        "number-item",
        "string-item",
        "items-not-a-list",
        "no-items",
        "unknown-field",
        "bare-list",
    ],
)
def test_a_body_that_is_not_one_to_1000_objects_is_a_422_for_the_whole_call(
    client: TestClient, body: Any, pointer: str
) -> None:
    """The envelope itself is checked as a whole: 0 or 1001 items, non-objects, extra fields."""
    response = client.post("/v1/assessments/batch", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert pointer in [e["pointer"] for e in response.json()["errors"]]
