"""Every fixture in fixtures/ through the core: the boundary cases and the published cases.

One parametrized test per fixture family, with the fixture id as the test id. A boundary
fixture pins the tier, the grounds (as a multiset of provisions), the open questions and
warnings (by code, in order) and whatever else it names; a 422 fixture pins the pointers.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.main import create_app
from calculator import PROVISIONS, Assessment, InvalidFacts, assess
from calculator.rules.common import fraction_text, money_text
from tests.calculator.requests import case_from_request

ROOT = Path(__file__).resolve().parents[1] / "fixtures"
TODAY = date(2026, 11, 23)


def _load(folder: str) -> list[dict[str, Any]]:
    files = sorted((ROOT / folder).glob("*.json"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


BOUNDARY = _load("boundary")


def _next_tier_view(a: Assessment, wanted: dict[str, Any] | None) -> dict[str, Any] | None:
    if a.next_tier is None or wanted is None:
        return None if a.next_tier is None else {}
    by_key: dict[str, Any] = {}
    for o in a.next_tier.options:
        if o.category is None:
            assert o.additional_gains_cny is not None
            by_key["gains"] = [money_text(o.additional_gains_cny), o.provision]
        else:
            by_key[o.category.value] = [o.additional_records, o.provision]
    return {
        "tier": a.next_tier.tier.value,
        "options": {k: by_key.get(k) for k in wanted["options"]},
    }


def core_view(a: Assessment, expected: dict[str, Any]) -> dict[str, Any]:
    """The parts of an assessment a fixture names, in the fixture's own JSON shape."""
    view: dict[str, Any] = {
        "status": 200,
        "tier": a.tier.value,
        "grounds": sorted(g.provision for g in a.grounds),
        "open_questions": [q.code for q in a.open_questions],
        "warnings": [w.code for w in a.warnings],
    }
    if "next_tier" in expected:
        view["next_tier"] = _next_tier_view(a, expected["next_tier"])
    if "proportional_sum" in expected:
        view["proportional_sum"] = fraction_text(a.quantity.proportional_sum)
    if "insider_proportional_sum" in expected:
        view["insider_proportional_sum"] = fraction_text(a.quantity.insider_proportional_sum)
    if "classification" in expected:
        c = a.classification
        view["classification"] = {
            "sensitive": c.sensitive,
            "lenient_tier": c.lenient_tier.value,
            "strict_tier": c.strict_tier.value,
        }
    if "penalty" in expected:
        p = a.penalty
        full = {
            "statute_version": p.statute_version,
            "imprisonment_min_months": p.imprisonment_min_months,
            "imprisonment_max_months": p.imprisonment_max_months,
            "heavier_for_insider": p.heavier_for_insider,
            "unit_offender": p.unit_offender,
        }
        view["penalty"] = {k: full[k] for k in expected["penalty"]}
    if "leniency" in expected:
        view["leniency"] = {
            "status": a.leniency.status.value,
            "missing_facts": list(a.leniency.missing_facts),
        }
    if "fine_guide" in expected:
        f = a.penalty.fine_guide
        view["fine_guide"] = {
            "applies": f.applies,
            "min_cny": None if f.min_cny is None else money_text(f.min_cny),
            "max_cny": None if f.max_cny is None else money_text(f.max_cny),
        }
    return view


def test_boundary_fixtures_are_many_and_distinct() -> None:
    """At least 80 boundary fixtures, each with a unique id matching its file name and a legal point."""
    assert len(BOUNDARY) >= 80
    ids = [f["id"] for f in BOUNDARY]
    assert len(ids) == len(set(ids))
    for f in BOUNDARY:
        assert (ROOT / "boundary" / f"{f['id']}.json").exists()
        assert f["point"]["provision"] in PROVISIONS
        assert f["point"]["decisions"]
        assert f["point"]["summary"]


@pytest.mark.parametrize("fixture", BOUNDARY, ids=[f["id"] for f in BOUNDARY])
def test_boundary_fixture_through_core(fixture: dict[str, Any]) -> None:
    """The core gives exactly what the boundary fixture expects."""
    expected = fixture["expected"]
    case = case_from_request(fixture["request"])
    if expected["status"] == 422:
        with pytest.raises(InvalidFacts) as caught:
            assess(case, today=TODAY)
        assert [e.pointer for e in caught.value.errors] == expected["pointers"]
        return
    assert core_view(assess(case, today=TODAY), expected) == expected


PUBLISHED = _load("published")
AGREEMENTS = {"agrees", "differs", "no_finding"}


def test_published_fixtures_are_real_matters_with_sources() -> None:
    """At least 30 published fixtures, each with a court, addresses, facts, mapping notes and a stated agreement."""
    assert len(PUBLISHED) >= 30
    for f in PUBLISHED:
        assert (ROOT / "published" / f"{f['id']}.json").exists()
        assert f["source"]["court"]
        assert f["source"]["urls"]
        assert all(u.startswith(("http://", "https://")) for u in f["source"]["urls"])
        assert f["facts_zh"]
        assert f["mapping_notes"]
        assert f["agreement"] in AGREEMENTS


@pytest.mark.parametrize("fixture", PUBLISHED, ids=[f["id"] for f in PUBLISHED])
def test_published_fixture_through_core(fixture: dict[str, Any]) -> None:
    """The core gives the tier and grounds the fixture expects; the court's finding is compared as stated."""
    result = assess(case_from_request(fixture["request"]), today=TODAY)
    expected = fixture["expected"]
    assert result.tier.value == expected["tier"]
    assert sorted({g.provision for g in result.grounds}) == sorted(expected["grounds"])
    finding = fixture["court_finding"]
    if fixture["agreement"] == "agrees":
        assert finding["tier"] == expected["tier"]
        assert set(finding["provisions"]) <= set(expected["grounds"]) | {
            "5.1",
            "5.2",
            "6.1",
            "6.2",
            "11.1",
            "11.2",
            "11.3",
            "7",
            "10",
        }
    elif fixture["agreement"] == "differs":
        assert finding is not None
        assert finding["tier"] != expected["tier"]
        assert fixture["agreement_reason"]
    else:
        assert finding is None
        assert fixture["agreement_reason"]


CLIENT = TestClient(create_app())


def api_view(body: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The parts of a ``POST /v1/assessments`` body a fixture names, in the fixture's shape."""
    view: dict[str, Any] = {
        "status": 200,
        "tier": body["tier"],
        "grounds": sorted(g["provision"] for g in body["grounds"]),
        "open_questions": [q["code"] for q in body["open_questions"]],
        "warnings": [w["code"] for w in body["warnings"]],
    }
    if "next_tier" in expected:
        nt = body["next_tier"]
        wanted = expected["next_tier"]
        if nt is None or wanted is None:
            view["next_tier"] = None if nt is None else {}
        else:
            by_key = {
                (o.get("category") or "gains"): (
                    [o["additional_gains_cny"], o["provision"]]
                    if o.get("category") is None
                    else [o["additional_records"], o["provision"]]
                )
                for o in nt["options"]
            }
            view["next_tier"] = {
                "tier": nt["tier"],
                "options": {k: by_key.get(k) for k in wanted["options"]},
            }
    for key in ("proportional_sum", "insider_proportional_sum"):
        if key in expected:
            view[key] = body["quantity"][key]
    if "classification" in expected:
        view["classification"] = body["classification"]
    if "penalty" in expected:
        view["penalty"] = {k: body["penalty"][k] for k in expected["penalty"]}
    if "leniency" in expected:
        view["leniency"] = {k: body["leniency"][k] for k in ("status", "missing_facts")}
    if "fine_guide" in expected:
        view["fine_guide"] = {
            k: body["penalty"]["fine_guide"][k] for k in ("applies", "min_cny", "max_cny")
        }
    return view


@pytest.mark.parametrize("fixture", BOUNDARY, ids=[f["id"] for f in BOUNDARY])
def test_boundary_fixture_through_api(fixture: dict[str, Any]) -> None:
    """POST /v1/assessments gives exactly what the boundary fixture expects."""
    expected = fixture["expected"]
    response = CLIENT.post("/v1/assessments", json=fixture["request"])
    assert response.status_code == expected["status"]
    if expected["status"] == 422:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert [e["pointer"] for e in response.json()["errors"]] == expected["pointers"]
        return
    assert api_view(response.json(), expected) == expected


@pytest.mark.parametrize("fixture", PUBLISHED, ids=[f["id"] for f in PUBLISHED])
def test_published_fixture_through_api(fixture: dict[str, Any]) -> None:
    """POST /v1/assessments gives the tier and grounds the published fixture expects."""
    response = CLIENT.post("/v1/assessments", json=fixture["request"])
    assert response.status_code == 200
    body = response.json()
    assert body["tier"] == fixture["expected"]["tier"]
    assert sorted({g["provision"] for g in body["grounds"]}) == sorted(
        fixture["expected"]["grounds"]
    )
