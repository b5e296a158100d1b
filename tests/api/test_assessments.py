"""POST /v1/assessments: the wire shape of API.md, cited grounds, the digest, no caching."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from calculator import ENGINE_VERSION
from tests.api.conftest import case

API_MD_FIELDS = {
    "tier",
    "tier_zh",
    "grounds",
    "quantity",
    "next_tier",
    "classification",
    "penalty",
    "leniency",
    "open_questions",
    "warnings",
    "ruleset",
    "engine_version",
    "input_digest",
}
FRACTION = re.compile(r"^\d+/[1-9]\d*$")
MONEY = re.compile(r"^\d{1,12}(\.\d{1,2})?$")


def post(client: TestClient, body: Any) -> dict[str, Any]:
    response = client.post("/v1/assessments", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_fifty_whereabouts_is_serious_with_a_cited_ground(client: TestClient) -> None:
    """Fifty whereabouts records give 情节严重 on ground 5.1.3 with its verbatim text."""
    a = post(client, case())
    assert a.keys() >= API_MD_FIELDS
    assert (a["tier"], a["tier_zh"]) == ("serious", "情节严重")
    (ground,) = a["grounds"]
    assert set(ground) == {
        *("provision", "tier", "text", "basis", "detail"),
        *("standard", "cite_zh", "cite_en"),
    }
    assert ground["provision"] == "5.1.3"
    assert ground["basis"] == "computed"
    assert "五十条以上" in ground["text"]
    assert a["engine_version"] == ENGINE_VERSION
    assert a["ruleset"]["effective_from"] == "2017-06-01"


def test_quantity_writes_fractions_in_lowest_terms_and_keys_categories(client: TestClient) -> None:
    """Proportional sums are "p/q" strings in lowest terms; by_category is keyed by category."""
    a = post(
        client,
        case(
            records=[
                {"category": "whereabouts", "count": 30, "recipients": 1, "label": "exhibit 1"},
                {"category": "transaction", "count": 300, "recipients": 1},
            ]
        ),
    )
    q = a["quantity"]
    assert q["proportional_sum"] == "6/5"
    assert q["insider_proportional_sum"] == "0/1"
    assert q["by_category"] == {"whereabouts": 30, "transaction": 300}
    assert all(FRACTION.match(f) for f in q["proportional_sum_standards"])
    assert [r["index"] for r in q["rows"]] == [0, 1]
    assert q["rows"][0]["label"] == "exhibit 1"
    assert q["rows"][0]["provision"] == "11.1"
    assert [g["provision"] for g in a["grounds"]] == ["5.1.6"]


def test_next_tier_options_have_the_contract_shapes(client: TestClient) -> None:
    """A category option is {provision, category, additional_records}; gains {provision, additional_gains_cny}; each with its route."""
    route = {"basis", "contested", "open_question", "standard", "cite_zh", "cite_en"}
    a = post(client, case(illegal_gains_cny="1200.5"))
    options = a["next_tier"]["options"]
    records = [o for o in options if "category" in o]
    gains = [o for o in options if "additional_gains_cny" in o]
    assert {frozenset(o) for o in records} == {
        frozenset({"provision", "category", "additional_records", *route})
    }
    assert len(gains) == 1
    assert set(gains[0]) == {"provision", "additional_gains_cny", *route}
    assert gains[0]["additional_gains_cny"] == "48799.50"
    assert all(MONEY.match(o["additional_gains_cny"]) for o in gains)


def test_especially_serious_has_no_next_tier(client: TestClient) -> None:
    """At 情节特别严重 next_tier is null."""
    a = post(client, case(records=[{"category": "credit", "count": 500}]))
    assert a["tier"] == "especially_serious"
    assert a["next_tier"] is None


def test_money_in_the_result_is_a_decimal_string(client: TestClient) -> None:
    """The fine guide's ends are decimal strings (D24)."""
    a = post(client, case(illegal_gains_cny="1200.5"))
    guide = a["penalty"]["fine_guide"]
    assert (guide["min_cny"], guide["max_cny"]) == ("1200.50", "6002.50")


def test_input_digest_is_sha256_of_the_canonical_validated_request(client: TestClient) -> None:
    """The digest covers the request with its defaults, keys sorted, compact, UTF-8."""
    body = case(records=[{"category": "general", "count": 7, "label": "证据"}])
    a = post(client, body)
    validated = {
        "business_purchase": None,
        "circumstances": {
            "knowingly_supplied_criminal_user": False,
            "major_loss_or_bad_social_impact": False,
            "other_especially_serious_circumstances": False,
            "other_serious_circumstances": False,
            "prior_administrative_penalty_date": None,
            "prior_criminal_punishment": False,
            "severe_consequences": False,
            "whereabouts_used_in_crime": False,
        },
        "conduct_date": "2023-04-10",
        "illegal_gains_cny": "0",
        "illegal_gains_from_duty_cny": "0",
        "leniency_facts": {"first_offender": None, "full_restitution": None, "remorse": None},
        "offender": "natural_person",
        "records": [
            {
                "alternative_categories": [],
                "category": "general",
                "count": 7,
                "label": "证据",
                "obtained_in_duty": False,
                "recipients": 0,
            }
        ],
    }
    canonical = json.dumps(validated, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert a["input_digest"] == "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def test_same_facts_give_the_same_digest_and_defaults_count(client: TestClient) -> None:
    """Spelling a default out does not change the digest; changing a fact does."""
    plain = post(client, case())["input_digest"]
    explicit = post(client, case(offender="natural_person", illegal_gains_cny="0"))["input_digest"]
    other = post(client, case(offender="unit"))["input_digest"]
    assert plain == explicit != other


def test_assessment_responses_are_not_cached(client: TestClient) -> None:
    """Assessments carry Cache-Control: no-store."""
    response = client.post("/v1/assessments", json=case())
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"] == "application/json"


def test_unit_offender_and_art6_extras_reach_the_wire(client: TestClient) -> None:
    """A unit offender gets the Art. 7 note; an Art. 6 row is marked on its path."""
    a = post(
        client,
        case(
            offender="unit",
            records=[{"category": "general", "count": 3000}],
            business_purchase={"profit_cny": "60000", "resold": False},
        ),
    )
    assert a["penalty"]["unit_offender"] is True
    assert a["penalty"]["unit_note_zh"]
    assert a["quantity"]["rows"][0]["path"] == "art6"
    assert "6.1.1" in [g["provision"] for g in a["grounds"]]


@pytest.mark.parametrize("charset", ["", "; charset=utf-8", "; charset=UTF-8"])
def test_json_content_type_with_or_without_utf8_charset_is_accepted(
    client: TestClient, charset: str
) -> None:
    """application/json is accepted with no charset or with UTF-8."""
    response = client.post(
        "/v1/assessments",
        content=json.dumps(case()).encode(),
        headers={"content-type": "application/json" + charset},
    )
    assert response.status_code == 200
