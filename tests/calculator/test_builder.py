"""``model.builder``: the core's fast constructor makes exactly what the class makes."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from calculator.model import (
    Addition,
    Case,
    Category,
    Circumstances,
    LeniencyFacts,
    RowCount,
    Tier,
    new_addition,
    new_case,
    new_classification,
    new_row_count,
    records_option,
)


def test_builder_equals_the_class_constructor() -> None:
    built = new_row_count(
        category=Category.CREDIT, count=5, recipients=2, counted=10, provision="11.2", path="art5"
    )
    made = RowCount(
        category=Category.CREDIT, count=5, recipients=2, counted=10, provision="11.2", path="art5"
    )
    assert built == made
    assert type(built) is RowCount


def test_builder_applies_declared_defaults() -> None:
    built = new_addition(provision="5.1.7", additional_gains_cny=None)
    assert built == Addition(provision="5.1.7")
    assert built.category is None
    assert built.additional_records is None


def test_builder_refuses_missing_and_unknown_fields() -> None:
    with pytest.raises(TypeError, match="lenient_tier"):
        new_classification(sensitive=False, strict_tier=Tier.SERIOUS)
    with pytest.raises(TypeError, match="colour"):
        new_classification(
            sensitive=False, lenient_tier=Tier.SERIOUS, strict_tier=Tier.SERIOUS, colour=1
        )


def test_built_results_stay_frozen() -> None:
    built = new_classification(sensitive=True, lenient_tier=Tier.SERIOUS, strict_tier=Tier.SERIOUS)
    with pytest.raises(FrozenInstanceError):
        built.sensitive = False  # type: ignore[misc]


def test_builder_calls_default_factories() -> None:
    built = new_case(records=())
    assert built == Case()
    assert built.circumstances == Circumstances()
    assert built.leniency_facts == LeniencyFacts()


def test_records_option_is_shared_and_equal_to_a_new_addition() -> None:
    first = records_option("5.1.3", Category.CREDIT, 50)
    assert first == Addition(provision="5.1.3", category=Category.CREDIT, additional_records=50)
    assert records_option("5.1.3", Category.CREDIT, 50) is first
    assert records_option("5.1.3", Category.CREDIT, 49) != first
