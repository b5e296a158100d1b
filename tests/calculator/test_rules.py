"""Rules called on their own: each decides exactly, whatever ``evaluate`` skips before calling it."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

from calculator.law import ruleset_for
from calculator.model import (
    Category,
    Circumstances,
    Finding,
    GainsDetail,
    PartName,
    RecordsDetail,
    SumDetail,
    Tier,
)
from calculator.rules.art5 import (
    art5_1_3_high_sensitivity_records,
    art5_1_6_proportional_aggregation,
    art5_1_7_illegal_gains,
    art5_1_8_insider_half_standards,
    art5_2_3_tenfold,
)
from calculator.rules.common import number_or_fraction
from calculator.standards import Part, levels

RS = ruleset_for(None)
ORDINARY = levels(RS).ordinary


def _part(
    counts: dict[Category, int] | None = None,
    gains: str = "0",
    name: PartName = PartName.WHOLE_CASE,
) -> Part:
    by_category = counts or {}
    return Part(
        name=name,
        by_category=by_category,
        units=sum(RS.weight[c] * n for c, n in by_category.items()),
        gains=Decimal(gains),
    )


NOTHING = _part(name=PartName.INSIDER_PART)


def test_5_1_7_illegal_gains_holds_from_the_standard_and_not_a_cent_below() -> None:
    """¥5,000 reaches 5.1.7; ¥4,999.99 does not."""
    assert art5_1_7_illegal_gains(_part(gains="4999.99"), ORDINARY) is None
    ground = art5_1_7_illegal_gains(_part(gains="5000"), ORDINARY)
    assert ground is not None
    assert (ground.provision, ground.tier) == ("5.1.7", Tier.SERIOUS)
    assert isinstance(ground.detail, GainsDetail)
    assert ground.detail.amount == Decimal(5000)


def test_5_1_3_high_sensitivity_records_ignores_other_items_and_counts_below() -> None:
    """49 credit records and any number of general records give no 5.1.3 ground; 50 credit do."""
    need = ORDINARY.need_records[Category.CREDIT]
    below = _part({Category.CREDIT: need - 1, Category.GENERAL: 10**6})
    assert art5_1_3_high_sensitivity_records(below, ORDINARY) == []
    (ground,) = art5_1_3_high_sensitivity_records(_part({Category.CREDIT: need}), ORDINARY)
    assert isinstance(ground.detail, RecordsDetail)
    assert ground.detail.category is Category.CREDIT
    assert ground.detail.standard.value == need


def test_5_1_6_proportional_aggregation_needs_the_whole_sum() -> None:
    """One record short of the sum gives no 5.1.6 ground; the whole sum does."""
    almost = _part({Category.WHEREABOUTS: 49, Category.GENERAL: 99})
    assert art5_1_6_proportional_aggregation(almost, ORDINARY, RS) is None
    whole = _part({Category.WHEREABOUTS: 49, Category.GENERAL: 100})
    ground = art5_1_6_proportional_aggregation(whole, ORDINARY, RS)
    assert ground is not None
    assert isinstance(ground.detail, SumDetail)
    assert ground.detail.proportional_sum == Fraction(1)


def test_5_1_6_is_not_reported_when_a_single_category_reaches() -> None:
    """「数量未达到第三项至第五项规定标准」: 50 whereabouts hold under 5.1.3, not 5.1.6."""
    assert (
        art5_1_6_proportional_aggregation(_part({Category.WHEREABOUTS: 50}), ORDINARY, RS) is None
    )


def test_5_1_8_insider_half_standards_cite_item_eight_at_half() -> None:
    """25 whereabouts from duty reach half of 50: the ground is 5.1.8, its standard halved."""
    (ground,) = art5_1_8_insider_half_standards(
        _part({Category.WHEREABOUTS: 25}, name=PartName.INSIDER_PART), RS
    )
    assert ground.provision == "5.1.8"
    assert ground.standard is not None
    assert (ground.standard.value, ground.standard.halved) == (Fraction(25), True)


def test_5_2_3_tenfold_tests_the_whole_case_and_the_insider_part() -> None:
    """250 whereabouts from duty: ten times the halved standard only; 500 also ten times 50."""
    insider = _part({Category.WHEREABOUTS: 250}, name=PartName.INSIDER_PART)
    (halved,) = art5_2_3_tenfold(_part({Category.WHEREABOUTS: 250}), insider, RS)
    assert halved.standard is not None
    assert (halved.standard.halved, halved.standard.tenfold) == (True, True)
    both = art5_2_3_tenfold(
        _part({Category.WHEREABOUTS: 500}),
        _part({Category.WHEREABOUTS: 500}, name=PartName.INSIDER_PART),
        RS,
    )
    assert [g.standard.halved for g in both if g.standard] == [False, True]
    assert art5_2_3_tenfold(_part({Category.WHEREABOUTS: 499}), NOTHING, RS) == []


def test_number_or_fraction_writes_whole_numbers_as_integers() -> None:
    """A whole standard is an integer on the wire; a fractional one "p/q"."""
    assert number_or_fraction(Fraction(25)) == 25
    assert number_or_fraction(Fraction(5, 2)) == "5/2"


def test_d15_d16_every_finding_names_the_circumstances_field_that_states_it() -> None:
    """A ground's ``Finding`` is the name of the ``Circumstances`` field the caller set."""
    fields = {f.name for f in dataclasses.fields(Circumstances)}
    assert {f.value for f in Finding} <= fields
