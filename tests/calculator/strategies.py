"""Shared Hypothesis strategies: request-shaped cases that cluster around the law's lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

__all__ = ["CATEGORIES", "counts", "money", "requests", "rows"]

CATEGORIES = (
    "whereabouts",
    "communication_content",
    "credit",
    "property",
    "accommodation",
    "communication_records",
    "health",
    "transaction",
    "other_safety",
    "general",
)

_LINES = (25, 50, 250, 500, 2500, 5000, 25000, 50000)

counts = st.one_of(
    st.integers(0, 60),
    st.sampled_from(_LINES).flatmap(lambda n: st.integers(max(0, n - 3), n + 3)),
    st.integers(0, 200_000),
)
"""Record counts, often just below, at or just above a standard."""

_CENTS_LINES = (250_000, 500_000, 2_500_000, 5_000_000)


def _yuan(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}" if cents % 100 else str(cents // 100)


money = st.one_of(
    st.just(0),
    st.sampled_from(_CENTS_LINES).flatmap(lambda c: st.integers(max(0, c - 2), c + 2)),
    st.integers(0, 8_000_000),
).map(_yuan)
"""Money strings, often a cent either side of ¥2,500, ¥5,000, ¥25,000 or ¥50,000."""

rows = st.fixed_dictionaries(
    {"category": st.sampled_from(CATEGORIES), "count": counts},
    optional={
        "recipients": st.integers(0, 4),
        "obtained_in_duty": st.booleans(),
        "alternative_categories": st.lists(st.sampled_from(CATEGORIES), max_size=2),
    },
)


@st.composite
def requests(draw: st.DrawFn, *, max_rows: int = 5) -> dict[str, Any]:
    """An ``AssessmentRequest``-shaped dict with consistent gains and dates."""
    req: dict[str, Any] = {"records": draw(st.lists(rows, max_size=max_rows))}
    gains = draw(money)
    req["illegal_gains_cny"] = gains
    if draw(st.booleans()):
        duty = draw(money)
        if float_free_le(duty, gains):
            req["illegal_gains_from_duty_cny"] = duty
    circ: dict[str, Any] = draw(
        st.fixed_dictionaries(
            {},
            optional={
                k: st.booleans()
                for k in (
                    "whereabouts_used_in_crime",
                    "knowingly_supplied_criminal_user",
                    "prior_criminal_punishment",
                    "other_serious_circumstances",
                    "severe_consequences",
                    "major_loss_or_bad_social_impact",
                    "other_especially_serious_circumstances",
                )
            },
        )
    )
    if draw(st.booleans()):
        req["conduct_date"] = draw(
            st.sampled_from(["2016-02-29", "2018-03-01", "2020-02-29", "2024-06-30"])
        )
        if draw(st.booleans()):
            circ["prior_administrative_penalty_date"] = draw(
                st.sampled_from(
                    [
                        "2014-02-28",
                        "2016-03-01",
                        "2018-02-28",
                        "2018-03-01",
                        "2022-06-30",
                        "2022-07-01",
                    ]
                )
            )
    req["circumstances"] = circ
    if draw(st.integers(0, 3)) == 0:
        req["business_purchase"] = {"profit_cny": draw(money), "resold": draw(st.booleans())}
    return req


def float_free_le(a: str, b: str) -> bool:
    """``a <= b`` for two money strings, compared exactly."""
    return Decimal(a) <= Decimal(b)
