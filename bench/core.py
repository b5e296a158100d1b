"""Assessments per second of the pure core, on one core, for three case shapes.

Each shape cycles through 1,000 distinct cases (counts and gains vary), so no result
can be reused from a previous call. Prints the best of three timed rounds per shape.

    python bench/core.py [--seconds 2.0]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calculator import Case, Category, RecordRow, assess

TODAY = date(2026, 11, 23)
CONDUCT = date(2023, 5, 10)


def one_row(i: int) -> Case:
    """One whereabouts row."""
    return Case(
        conduct_date=CONDUCT,
        records=(RecordRow(category=Category.WHEREABOUTS, count=1 + i * 7 % 900),),
    )


def four_mixed_rows(i: int) -> Case:
    """Four rows of three standards, one sold to two recipients, one obtained in duty; gains."""
    return Case(
        conduct_date=CONDUCT,
        records=(
            RecordRow(category=Category.WHEREABOUTS, count=10 + i % 40),
            RecordRow(category=Category.ACCOMMODATION, count=100 + i % 300),
            RecordRow(category=Category.GENERAL, count=500 + i, recipients=2),
            RecordRow(category=Category.CREDIT, count=5 + i % 30, obtained_in_duty=True),
        ),
        illegal_gains_cny=Decimal(1000 + i * 3) + Decimal("0.50"),
        illegal_gains_from_duty_cny=Decimal(200 + i),
    )


_CATS = tuple(Category)


def ten_rows_with_alternatives(i: int) -> Case:
    """Ten rows, each with an alternative category (D5: three evaluations)."""
    return Case(
        conduct_date=CONDUCT,
        records=tuple(
            RecordRow(
                category=_CATS[(i + k) % 10],
                count=3 + (i * (k + 1)) % 400,
                alternative_categories=(_CATS[(i + k + 3) % 10],),
            )
            for k in range(10)
        ),
        illegal_gains_cny=Decimal(i % 6000),
    )


def rate(make: Callable[[int], Case], seconds: float) -> float:
    """Best of three rounds: assessments per second."""
    cases = [make(i) for i in range(1000)]
    for c in cases:
        assess(c, today=TODAY)
    best = 0.0
    for _ in range(3):
        n = 0
        start = time.perf_counter()
        deadline = start + seconds
        while True:
            for c in cases:
                assess(c, today=TODAY)
            n += len(cases)
            now = time.perf_counter()
            if now >= deadline:
                break
        best = max(best, n / (now - start))
    return best


def main() -> None:
    """Print the rate of each shape."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, one process, best of 3 rounds of {args.seconds} s")
    for name, make in (
        ("1 row", one_row),
        ("4 mixed rows with a duty row", four_mixed_rows),
        ("10 rows with alternatives", ten_rows_with_alternatives),
    ):
        print(f"{name:32s} {rate(make, args.seconds):>10,.0f} assessments/s")


if __name__ == "__main__":
    main()
