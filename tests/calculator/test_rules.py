"""Rules called on their own: each decides exactly, whatever ``evaluate`` skips before calling it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import calculator.model
from calculator.law import ruleset_for
from calculator.model import Category, Tier, records_option
from calculator.rules.art5 import (
    art5_1_3_high_sensitivity_records,
    art5_1_6_proportional_aggregation,
    art5_1_7_illegal_gains,
    levels,
)
from calculator.rules.common import number_or_fraction

RS = ruleset_for(None)


def test_art5_1_7_illegal_gains_holds_from_the_standard_and_not_a_cent_below() -> None:
    standard = RS.gains_cny
    assert art5_1_7_illegal_gains(standard - Decimal("0.01"), RS) is None
    ground = art5_1_7_illegal_gains(standard, RS)
    assert ground is not None
    assert ground.provision == "5.1.7"
    assert ground.tier is Tier.SERIOUS
    assert ground.detail["illegal_gains_cny"] == "5000"


def test_art5_1_3_high_sensitivity_records_ignores_other_items_and_counts_below() -> None:
    need = levels(RS).ordinary.need_records[Category.CREDIT]
    below = {Category.CREDIT: need - 1, Category.GENERAL: 10**6}
    assert art5_1_3_high_sensitivity_records(below, RS) == []
    (ground,) = art5_1_3_high_sensitivity_records({Category.CREDIT: need}, RS)
    assert ground.detail["category"] == "credit"
    assert ground.detail["standard"] == need


def test_art5_1_6_proportional_aggregation_needs_the_whole_sum() -> None:
    need_units = levels(RS).ordinary.need_units
    rows = {Category.WHEREABOUTS: 1}
    assert art5_1_6_proportional_aggregation(rows, need_units - 1, RS) is None
    ground = art5_1_6_proportional_aggregation(rows, need_units, RS)
    assert ground is not None
    assert ground.detail["proportional_sum"] == "1/1"


def test_number_or_fraction_writes_whole_numbers_as_integers() -> None:
    assert number_or_fraction(Fraction(25)) == 25
    assert number_or_fraction(Fraction(5, 2)) == "5/2"


def test_records_option_table_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calculator.model, "_OPTIONS_LIMIT", 2)
    monkeypatch.setattr(calculator.model, "_OPTIONS", {})
    for records in range(1, 6):
        option = records_option("5.1.3", Category.PROPERTY, records)
        assert option.additional_records == records
        assert len(calculator.model._OPTIONS) <= 2
