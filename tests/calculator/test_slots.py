"""The results the core fills through their slots are the objects the constructors make."""

from __future__ import annotations

from dataclasses import fields

from calculator import evaluate, standards
from calculator.law import RULESETS
from calculator.model import Basis, Category, Ground, RecordRow, RecordsDetail, RowCount


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
