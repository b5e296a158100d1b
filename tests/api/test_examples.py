"""The named examples in the docs show what their summaries say, through the core and the API."""

from __future__ import annotations

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
