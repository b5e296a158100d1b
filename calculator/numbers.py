"""Exact numbers written for the wire: a fraction as a decimal, a sum as a display multiple."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from calculator.rules.common import fraction_text

__all__ = ["decimal_text", "multiple_text"]


def decimal_text(value: Fraction) -> str:
    """A fraction as a decimal string when it terminates (``"0.5"``, ``"10"``), else ``"p/q"``."""
    places = 0
    rest = value.denominator
    for prime in (2, 5):
        count = 0
        while rest % prime == 0:
            rest //= prime
            count += 1
        places = max(places, count)
    if rest != 1:
        return fraction_text(value)
    return _plain(Decimal(value.numerator * 10**places // value.denominator).scaleb(-places))


def multiple_text(value: Fraction, places: int = 2) -> tuple[str, bool]:
    """A non-negative fraction as a decimal string rounded down to ``places``, and whether exact.

    ``42/5`` → ``("8.4", True)``; ``1/3`` → ``("0.33", False)``; ``10`` → ``("10", True)``.
    """
    numerator, denominator = value.as_integer_ratio()
    if denominator == 1:
        return str(numerator), True
    scale = 10**places
    digits, rest = divmod(numerator * scale, denominator)
    whole, cents = divmod(digits, scale)
    text = str(whole)
    if cents:
        text += "." + str(cents).rjust(places, "0").rstrip("0")
    return text, rest == 0


def _plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: ``8.40`` → ``8.4``, ``1E+1`` → ``10``."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
