"""The results the core fills through their slots are the objects the constructors make."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from fractions import Fraction

from calculator import assess, evaluate, standards
from calculator.law import RULESETS
from calculator.model import (
    Assessment,
    Basis,
    Case,
    Category,
    GainsDetail,
    Ground,
    NextTier,
    Quantity,
    RecordRow,
    RecordsDetail,
    RowCount,
    SumDetail,
    Tier,
)


def test_a_records_ground_is_the_constructed_one() -> None:
    """Every field of ``Ground`` and ``RecordsDetail`` is set, to what the constructor sets."""
    level = standards.levels(RULESETS[-1]).insider
    made = standards._ground(level, "5.1.3", standards._records_detail(level, Category.CREDIT, 30))
    detail = RecordsDetail(
        part=level.part,
        category=Category.CREDIT,
        counted=30,
        standard=level.records[Category.CREDIT],
    )
    provision = level.provision or "5.1.3"
    expected = Ground(
        provision=provision,
        tier=level.tier,
        text=level.cited["5.1.3"][1],
        basis=Basis.COMPUTED,
        detail=detail,
    )
    assert made == expected
    for cls, obj in ((Ground, made), (RecordsDetail, made.detail)):
        assert [f.name for f in fields(cls)] == list(cls.__slots__)
        for f in fields(cls):
            assert getattr(obj, f.name) == getattr(expected if cls is Ground else detail, f.name)


def test_a_row_count_is_the_constructed_one() -> None:
    """Every field of ``RowCount`` is set, to what the constructor sets."""
    row = RecordRow(category=Category.HEALTH, count=7, recipients=3)
    made = evaluate._row_count(row, 21, "11.2", "art5")
    expected = RowCount(
        category=Category.HEALTH, count=7, recipients=3, counted=21, provision="11.2", path="art5"
    )
    assert made == expected
    assert [f.name for f in fields(RowCount)] == list(RowCount.__slots__)


def test_sum_and_gains_details_and_the_quantity_are_the_constructed_ones() -> None:
    """Every field of ``SumDetail``, ``GainsDetail`` and ``Quantity`` is set as the constructor sets it."""
    rs = RULESETS[-1]
    level = standards.levels(rs).ordinary
    part = standards.Part(
        name=level.part,
        by_category={Category.WHEREABOUTS: 40, Category.ACCOMMODATION: 200},
        units=40 * rs.weight[Category.WHEREABOUTS] + 200 * rs.weight[Category.ACCOMMODATION],
        gains=Decimal("6000"),
    )
    summed = standards.sum_reaching(part, level, rs)
    gained = standards.gains_reaching(part, level)
    assert summed is not None
    assert gained is not None
    assert summed.detail == SumDetail(
        part=level.part,
        proportional_sum=Fraction(part.units, rs.base),
        standard=level.proportional_sum,
    )
    assert gained.detail == GainsDetail(
        part=level.part, amount=Decimal("6000"), standard=level.gains
    )
    case = Case(records=(RecordRow(category=Category.CREDIT, count=9, obtained_in_duty=True),))
    ev = evaluate.evaluate(case, case.records, rs, purchase=None)
    lv = standards.levels(rs)
    assert evaluate.quantity(ev, rs) == Quantity(
        rows=ev.rows,
        by_category=ev.whole.by_category,
        insider_by_category=ev.insider.by_category,
        business_purchase_counted=0,
        proportional_sum=Fraction(ev.whole.units, rs.base),
        insider_proportional_sum=Fraction(ev.insider.units, rs.base),
        proportional_sum_standards=lv.sum_standards,
        insider_proportional_sum_standards=lv.insider_sum_standards,
    )
    for cls in (SumDetail, GainsDetail, Quantity):
        assert [f.name for f in fields(cls)] == list(cls.__slots__)


def test_an_assessment_has_every_field_set() -> None:
    """``evaluate.assessment`` sets every field of ``Assessment``, the one the constructor makes."""
    answer = assess(Case(records=(RecordRow(category=Category.CREDIT, count=60),)))
    names = [f.name for f in fields(Assessment)]
    assert list(evaluate._ASSESSMENT_FIELDS) == names == list(Assessment.__slots__)
    assert answer == Assessment(**{n: getattr(answer, n) for n in names})


def test_a_next_tier_is_the_constructed_one() -> None:
    """``evaluate.next_tier_answer`` sets every field of ``NextTier``."""
    made = evaluate.next_tier_answer(Tier.SERIOUS, ())
    assert made == NextTier(tier=Tier.SERIOUS, options=())
    assert [f.name for f in fields(NextTier)] == list(NextTier.__slots__)
