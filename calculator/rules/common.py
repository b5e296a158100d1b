"""Small shared pieces of the rules: building a cited ground, writing exact numbers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from calculator.law import provision_text
from calculator.model import Basis, Detail, Ground, Tier

__all__ = ["fraction_text", "ground", "money_text", "number_or_fraction"]


def ground(provision: str, tier: Tier, basis: Basis, detail: Detail) -> Ground:
    """A ground citing ``provision`` with its verbatim text."""
    return Ground(
        provision=provision, tier=tier, text=provision_text(provision), basis=basis, detail=detail
    )


def fraction_text(value: Fraction) -> str:
    """An exact fraction as ``"p/q"`` in lowest terms (``"0/1"``, ``"6/5"``)."""
    numerator, denominator = value.as_integer_ratio()
    return f"{numerator}/{denominator}"


def number_or_fraction(value: Fraction) -> int | str:
    """An integer where the value is whole, else ``"p/q"``."""
    if value.denominator == 1:
        return value.numerator
    return fraction_text(value)


def money_text(value: Decimal) -> str:
    """Yuan as a decimal string: whole amounts without decimals (``"5000"``), else two places."""
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.quantize(Decimal('0.01')):f}"
