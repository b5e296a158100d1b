"""next_tier: each option says how it reaches the tier, the standard it meets, and whether that is contested."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings

from calculator import Addition, Assessment, Category, Tier, assess
from calculator.model import (
    GainsDetail,
    OptionBasis,
    PartName,
    RecordsDetail,
    StandardKind,
    SumDetail,
)
from calculator.questions import (
    TENFOLD_RESTS_ON_INSIDER_HALF_STANDARD,
    TENFOLD_RESTS_ON_PROPORTIONAL_SUM,
)
from tests.calculator.requests import case_from_request
from tests.calculator.strategies import requests

TODAY = date(2026, 11, 23)
CONTESTED_CODES = {TENFOLD_RESTS_ON_PROPORTIONAL_SUM, TENFOLD_RESTS_ON_INSIDER_HALF_STANDARD}


def _assess(req: dict[str, Any]) -> Assessment:
    return assess(case_from_request(req), today=TODAY)


def _option(a: Assessment, category: Category | None) -> Addition:
    assert a.next_tier is not None
    (option,) = [o for o in a.next_tier.options if o.category is category]
    return option


def _applied(req: dict[str, Any], option: Addition) -> dict[str, Any]:
    if option.category is None:
        assert option.additional_gains_cny is not None
        total = Decimal(req.get("illegal_gains_cny", "0")) + option.additional_gains_cny
        return {**req, "illegal_gains_cny": f"{total:f}"}
    row = {"category": option.category.value, "count": option.additional_records}
    return {**req, "records": [*req.get("records", []), row]}


WHEREABOUTS_AND_ACCOMMODATION = {
    "conduct_date": "2023-05-10",
    "records": [
        {"category": "whereabouts", "count": 120},
        {"category": "accommodation", "count": 3000},
    ],
}


def test_5_2_3_eighty_more_whereabouts_reach_especially_serious_only_through_the_contested_sum() -> (
    None
):
    """120 whereabouts + 3,000 accommodation (sum 42/5): 80 more whereabouts reach ten only as a sum (D8)."""
    a = _assess(WHEREABOUTS_AND_ACCOMMODATION)
    option = _option(a, Category.WHEREABOUTS)
    assert (option.provision, option.additional_records) == ("5.2.3", 80)
    assert option.basis is OptionBasis.PROPORTIONAL_SUM
    assert option.contested is True
    assert option.open_question == TENFOLD_RESTS_ON_PROPORTIONAL_SUM
    assert option.standard is not None
    assert option.standard.kind is StandardKind.PROPORTIONAL_SUM
    assert (option.standard.value, option.standard.base) == (Fraction(10), Fraction(1))
    assert option.standard.tenfold is True
    reached = _assess(_applied(WHEREABOUTS_AND_ACCOMMODATION, option))
    assert TENFOLD_RESTS_ON_PROPORTIONAL_SUM in [q.code for q in reached.open_questions]


def test_5_2_3_gains_option_is_the_uncontested_ten_times_gains_standard() -> None:
    """¥50,000 of gains reach 情节特别严重 on 5.1.7 × 10: no open question."""
    option = _option(_assess(WHEREABOUTS_AND_ACCOMMODATION), None)
    assert option.basis is OptionBasis.GAINS
    assert (option.contested, option.open_question) == (False, None)
    assert option.standard is not None
    assert option.standard.kind is StandardKind.YUAN
    assert (option.standard.value, option.standard.base) == (Decimal(50000), Decimal(5000))


def test_5_1_3_single_category_option_carries_its_own_standard() -> None:
    """Ten whereabouts: forty more reach 5.1.3 on their own (50), not contested."""
    a = _assess({"records": [{"category": "whereabouts", "count": 10}]})
    option = _option(a, Category.WHEREABOUTS)
    assert (option.provision, option.additional_records) == ("5.1.3", 40)
    assert option.basis is OptionBasis.SINGLE_CATEGORY
    assert option.contested is False
    assert option.standard is not None
    assert (option.standard.value, option.standard.multiple) == (Fraction(50), Fraction(1))


def test_5_1_6_sum_option_to_serious_is_not_contested() -> None:
    """Item 六 at its own level is settled law: the option through the sum is not contested."""
    a = _assess({"records": [{"category": "whereabouts", "count": 30}]})
    option = _option(a, Category.ACCOMMODATION)
    assert (option.provision, option.basis) == ("5.1.6", OptionBasis.PROPORTIONAL_SUM)
    assert (option.contested, option.open_question) == (False, None)


@settings(max_examples=300)
@given(req=requests())
def test_next_tier_option_is_contested_exactly_when_applying_it_raises_its_question(
    req: dict[str, Any],
) -> None:
    """A contested option's answer carries its open question; an uncontested one raises neither ×10 question."""
    a = _assess(req)
    if a.next_tier is None:
        return
    for option in a.next_tier.options:
        codes = {q.code for q in _assess(_applied(req, option)).open_questions}
        if option.contested:
            assert option.open_question in codes
        elif option.basis is not OptionBasis.CALLER_FINDING:
            assert option.open_question is None
            assert a.next_tier.tier is Tier.SERIOUS or not (codes & CONTESTED_CODES)


@settings(max_examples=300)
@given(req=requests())
def test_every_computed_ground_reaches_the_standard_it_carries(req: dict[str, Any]) -> None:
    """A quantity ground's standard is base × multiple, halved for the insider part, ×10 for 5.2.3."""
    a = _assess(req)
    for g in a.grounds:
        s = g.standard
        if s is None:
            assert g.provision not in {
                "5.1.3",
                "5.1.4",
                "5.1.5",
                "5.1.6",
                "5.1.7",
                "5.1.8",
                "5.2.3",
            }
            continue
        assert Fraction(s.value) == Fraction(s.base) * s.multiple
        assert s.tenfold is (g.tier is Tier.ESPECIALLY_SERIOUS)
        match g.detail:
            case RecordsDetail(part=part, counted=counted):
                assert s.kind is StandardKind.RECORDS
                assert s.halved is (part is PartName.INSIDER_PART)
                assert counted >= s.value
            case SumDetail(part=part, proportional_sum=total):
                assert s.kind is StandardKind.PROPORTIONAL_SUM
                assert s.halved is (part is PartName.INSIDER_PART)
                assert total >= s.value
            case GainsDetail(part=part, amount=amount):
                assert s.kind is StandardKind.YUAN
                assert s.halved is (part is PartName.INSIDER_PART)
                assert amount >= s.value
            case _:
                assert g.provision == "6.1.1"
