"""Open questions: each raised exactly where its decision calls for it, the tier never changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings

from calculator import Assessment, Tier, assess
from calculator.citation import cite_zh
from calculator.law import ruleset_for
from tests.calculator.requests import case_from_request
from tests.calculator.strategies import requests

TODAY = date(2026, 11, 23)
D13 = "tenfold_rests_on_insider_half_standard"
RS = ruleset_for(None)


def _assess(req: dict[str, Any]) -> Assessment:
    return assess(case_from_request(req), today=TODAY)


def _codes(a: Assessment) -> list[str]:
    return [q.code for q in a.open_questions]


def _duty(category: str, count: int) -> dict[str, Any]:
    return {"category": category, "count": count, "obtained_in_duty": True}


def test_d13_tenfold_on_insider_half_standard_only_is_asked_and_the_tier_stays() -> None:
    """250 whereabouts from duty reach 情节特别严重 only at ten times 25: the question is asked."""
    a = _assess({"records": [_duty("whereabouts", 250)]})
    assert a.tier is Tier.ESPECIALLY_SERIOUS
    assert _codes(a) == [D13]
    (question,) = a.open_questions
    assert question.provision == RS.tenfold_provision
    assert cite_zh(RS.insider_provision) in question.text
    assert "十倍" in question.text
    assert "halved standards" in question.text_en
    assert question.text in a.opinion_zh


def test_d13_insider_gains_at_ten_times_half_standard_is_asked() -> None:
    """¥25,000 from duty, ¥25,000 in all: only the halved ×10 standard is reached."""
    a = _assess({"illegal_gains_cny": "25000", "illegal_gains_from_duty_cny": "25000"})
    assert a.tier is Tier.ESPECIALLY_SERIOUS
    assert D13 in _codes(a)


def test_d13_not_asked_when_the_whole_case_reaches_ten_times() -> None:
    """500 whereabouts from duty also reach ten times 50 for the whole case: no question."""
    a = _assess({"records": [_duty("whereabouts", 500)]})
    assert a.tier is Tier.ESPECIALLY_SERIOUS
    assert D13 not in _codes(a)


def test_d13_not_asked_when_a_para_2_finding_holds() -> None:
    """A caller's finding under 5.2.1 carries 情节特别严重 on its own: no question."""
    a = _assess(
        {
            "records": [_duty("whereabouts", 250)],
            "circumstances": {"severe_consequences": True},
        }
    )
    assert a.tier is Tier.ESPECIALLY_SERIOUS
    assert D13 not in _codes(a)


def test_d13_not_asked_below_ten_times_the_half_standard() -> None:
    """249 whereabouts from duty stay 情节严重: nothing to ask."""
    a = _assess({"records": [_duty("whereabouts", 249)]})
    assert a.tier is Tier.SERIOUS
    assert D13 not in _codes(a)


def _without_duty(req: dict[str, Any]) -> dict[str, Any]:
    rows = [{**r, "obtained_in_duty": False} for r in req["records"]]
    plain = {k: v for k, v in req.items() if k != "business_purchase"}
    return {**plain, "records": rows, "illegal_gains_from_duty_cny": "0"}


@settings(max_examples=300)
@given(req=requests())
def test_d13_asked_exactly_when_especially_serious_needs_the_halved_standards(
    req: dict[str, Any],
) -> None:
    """The question is asked exactly when the case is 情节特别严重 and would not be without the halved standards; it never changes the tier."""
    req = {k: v for k, v in req.items() if k != "business_purchase"}
    a = _assess(req)
    needs_half = (
        a.tier is Tier.ESPECIALLY_SERIOUS
        and _assess(_without_duty(req)).tier is not Tier.ESPECIALLY_SERIOUS
    )
    assert (D13 in _codes(a)) == needs_half
    top = max((g.tier.rank for g in a.grounds), default=0)
    assert a.tier.rank == top
