"""Exact numbers for the wire: fractions as decimals, the proportional sum as a display multiple."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator.numbers import decimal_text, multiple_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(1, 2), "0.5"),
        (Fraction(10), "10"),
        (Fraction(25, 2), "12.5"),
        (Fraction(1, 3), "1/3"),
    ],
)
def test_decimal_text_is_exact_or_a_fraction(value: Fraction, text: str) -> None:
    """A terminating fraction is written as a decimal; any other keeps its ``p/q``."""
    assert decimal_text(value) == text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(42, 5), ("8.4", True)),
        (Fraction(10), ("10", True)),
        (Fraction(0), ("0", True)),
        (Fraction(1, 3), ("0.33", False)),
        (Fraction(2, 3), ("0.66", False)),
    ],
)
def test_multiple_text_rounds_down_to_two_places(value: Fraction, shown: tuple[str, bool]) -> None:
    """The sum 42/5 is shown as 8.4; 2/3 as 0.66, flagged as not exact (rounded down)."""
    assert multiple_text(value) == shown


@given(p=st.integers(0, 10**9), q=st.integers(1, 10**6))
def test_multiple_text_never_rounds_up_past_the_standard(p: int, q: int) -> None:
    """The shown multiple is at most the sum and within 0.01 of it; exact exactly when equal."""
    value = Fraction(p, q)
    text, exact = multiple_text(value)
    shown = Fraction(text)
    assert shown <= value < shown + Fraction(1, 100)
    assert exact is (shown == value)
