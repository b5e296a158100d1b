"""Build core ``Case`` objects from request-shaped dicts (the API.md shape), for tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from calculator import (
    BusinessPurchase,
    Case,
    Category,
    Circumstances,
    LeniencyFacts,
    Offender,
    RecordRow,
)

__all__ = ["case_from_request"]


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def case_from_request(req: dict[str, Any]) -> Case:
    """The core case for an ``AssessmentRequest``-shaped dict (defaults as in API.md)."""
    c = req.get("circumstances") or {}
    bp = req.get("business_purchase")
    lf = req.get("leniency_facts") or {}
    return Case(
        conduct_date=_date(req.get("conduct_date")),
        offender=Offender(req.get("offender", "natural_person")),
        records=tuple(
            RecordRow(
                category=Category(r["category"]),
                count=r["count"],
                recipients=r.get("recipients", 0),
                obtained_in_duty=r.get("obtained_in_duty", False),
                alternative_categories=tuple(
                    Category(a) for a in r.get("alternative_categories", [])
                ),
                label=r.get("label"),
            )
            for r in req.get("records", [])
        ),
        illegal_gains_cny=Decimal(req.get("illegal_gains_cny", "0")),
        illegal_gains_from_duty_cny=Decimal(req.get("illegal_gains_from_duty_cny", "0")),
        circumstances=Circumstances(
            whereabouts_used_in_crime=c.get("whereabouts_used_in_crime", False),
            knowingly_supplied_criminal_user=c.get("knowingly_supplied_criminal_user", False),
            prior_criminal_punishment=c.get("prior_criminal_punishment", False),
            prior_administrative_penalty_date=_date(c.get("prior_administrative_penalty_date")),
            other_serious_circumstances=c.get("other_serious_circumstances", False),
            severe_consequences=c.get("severe_consequences", False),
            major_loss_or_bad_social_impact=c.get("major_loss_or_bad_social_impact", False),
            other_especially_serious_circumstances=c.get(
                "other_especially_serious_circumstances", False
            ),
        ),
        business_purchase=None
        if bp is None
        else BusinessPurchase(
            profit_cny=Decimal(bp.get("profit_cny", "0")), resold=bp.get("resold", False)
        ),
        leniency_facts=LeniencyFacts(
            first_offender=lf.get("first_offender"),
            full_restitution=lf.get("full_restitution"),
            remorse=lf.get("remorse"),
        ),
    )
