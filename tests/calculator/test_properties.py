"""The shape of the law, checked with Hypothesis on cases clustered around its lines."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import Assessment, assess
from tests.calculator.reference import STANDARD
from tests.calculator.requests import case_from_request
from tests.calculator.strategies import CATEGORIES, counts, money, requests

TODAY = date(2026, 11, 23)


def _assess(req: dict[str, Any]) -> Assessment:
    return assess(case_from_request(req), today=TODAY)


def _rank(req: dict[str, Any]) -> int:
    return _assess(req).tier.rank


@settings(max_examples=300)
@given(req=requests(), extra=st.sampled_from(CATEGORIES), n=counts, more=money)
def test_5_more_records_or_gains_never_lower_the_tier(
    req: dict[str, Any], extra: str, n: int, more: str
) -> None:
    """Adding a row of records, or adding gains, never lowers the tier."""
    base = _rank(req)
    with_row = {**req, "records": [*req["records"], {"category": extra, "count": n}]}
    total = Decimal(req["illegal_gains_cny"]) + Decimal(more)
    with_gains = {**req, "illegal_gains_cny": f"{total:f}"}
    assert _rank(with_row) >= base
    assert _rank(with_gains) >= base


@settings(max_examples=300)
@given(category=st.sampled_from(CATEGORIES), n=counts)
def test_5_1_3_to_5_count_reaches_standard_exactly_when_ground_holds(category: str, n: int) -> None:
    """A single category's ground holds exactly when count >= T(c) (CL99: 以上 includes the number)."""
    item = {50: "5.1.3", 500: "5.1.4", 5000: "5.1.5"}[STANDARD[category]]
    result = _assess({"records": [{"category": category, "count": n}]})
    assert (item in {g.provision for g in result.grounds}) == (n >= STANDARD[category])
    assert ("5.2.3" in {g.provision for g in result.grounds}) == (n >= 10 * STANDARD[category])


@settings(max_examples=300)
@given(category=st.sampled_from(CATEGORIES), n=counts)
def test_5_1_6_single_category_sum_agrees_with_its_own_rule(category: str, n: int) -> None:
    """With one category, the proportional sum reaches 1 (and 10) exactly when the count reaches T (10T)."""
    q = _assess({"records": [{"category": category, "count": n}]}).quantity
    assert (q.proportional_sum >= 1) == (n >= STANDARD[category])
    assert (q.proportional_sum >= 10) == (n >= 10 * STANDARD[category])
    assert "5.1.6" not in {
        g.provision for g in _assess({"records": [{"category": category, "count": n}]}).grounds
    }


@settings(max_examples=300)
@given(req=requests(max_rows=3), category=st.sampled_from(CATEGORIES), n=counts)
def test_5_1_8_duty_row_of_n_is_at_least_an_ordinary_row_of_2n_alone(
    req: dict[str, Any], category: str, n: int
) -> None:
    """A duty row of n, whatever else the case holds, is at least as severe as an ordinary row of 2n alone."""
    duty_case = {
        **req,
        "records": [*req["records"], {"category": category, "count": n, "obtained_in_duty": True}],
    }
    ordinary_alone = {"records": [{"category": category, "count": 2 * n}]}
    assert _rank(duty_case) >= _rank(ordinary_alone)


@settings(max_examples=300)
@given(category=st.sampled_from(CATEGORIES), n=counts)
def test_5_1_8_only_duty_row_of_n_equals_ordinary_row_of_2n(category: str, n: int) -> None:
    """A duty row of n that is the only row is exactly as severe as an ordinary row of 2n."""
    duty = _assess({"records": [{"category": category, "count": n, "obtained_in_duty": True}]})
    ordinary = _assess({"records": [{"category": category, "count": 2 * n}]})
    assert duty.tier is ordinary.tier


def _with_addition(
    req: dict[str, Any], category: str | None, amount: int | Decimal
) -> dict[str, Any]:
    if category is None:
        total = Decimal(req.get("illegal_gains_cny", "0")) + Decimal(amount)
        return {**req, "illegal_gains_cny": f"{total:f}"}
    return {**req, "records": [*req.get("records", []), {"category": category, "count": amount}]}


@settings(max_examples=400)
@given(req=requests())
def test_next_tier_every_option_reaches_and_one_unit_less_does_not(req: dict[str, Any]) -> None:
    """Each next_tier option is the exact least addition: it reaches the tier, one record or ¥0.01 less does not."""
    result = _assess(req)
    if result.next_tier is None:
        assert result.tier.value == "especially_serious"
        return
    target = result.next_tier.tier.rank
    assert result.next_tier.options, "an addition of gains can always lift the tier"
    for option in result.next_tier.options:
        if option.category is not None:
            assert option.additional_records is not None
            amount: int | Decimal = option.additional_records
            less: int | Decimal = amount - 1
            key: str | None = option.category.value
        else:
            assert option.additional_gains_cny is not None
            amount = option.additional_gains_cny
            less = amount - Decimal("0.01")
            key = None
        assert _rank(_with_addition(req, key, amount)) >= target
        if less > 0:
            assert _rank(_with_addition(req, key, less)) < target


@settings(max_examples=200)
@given(req=requests(), seed=st.integers(0, 2**32))
def test_row_order_never_changes_the_result(req: dict[str, Any], seed: int) -> None:
    """Shuffling the rows changes nothing but the order of the per-row counts."""
    shuffled = list(req["records"])
    random.Random(seed).shuffle(shuffled)
    a, b = _assess(req), _assess({**req, "records": shuffled})
    assert a.tier is b.tier
    assert Counter(a.grounds) == Counter(b.grounds)
    assert a.next_tier == b.next_tier
    assert a.classification == b.classification
    assert a.quantity.by_category == b.quantity.by_category
    assert a.quantity.proportional_sum == b.quantity.proportional_sum
    assert a.open_questions == b.open_questions
    assert a.warnings == b.warnings
    assert sorted(r.counted for r in a.quantity.rows) == sorted(r.counted for r in b.quantity.rows)
