"""Orchestration: check the facts, count (Art. 11), apply every rule, then report.

``assess`` is the library's one entry point. It refuses facts the law cannot be applied
to (``InvalidFacts``), evaluates the case as given, re-evaluates the D5 classification
variants and the D18 comparison where they arise, and assembles the answer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

from calculator.evaluate import Evaluation, evaluate
from calculator.law import STATUTES, Ruleset, provision_text, ruleset_for, statute_for
from calculator.model import (
    Assessment,
    Case,
    Classification,
    FieldError,
    InvalidFacts,
    ProvisionRef,
    Quantity,
    RecordRow,
    RulesetRef,
    Tier,
)
from calculator.next_tier import next_tier
from calculator.questions import open_questions, warnings
from calculator.rules.art10 import art10_leniency
from calculator.rules.art12 import art12_fine_guide
from calculator.rules.art5 import levels
from calculator.rules.penalty import cl253_1_statutory_range

__all__ = ["ENGINE_VERSION", "assess", "china_today", "validate"]

ENGINE_VERSION = "1.0.0"

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


def china_today() -> date:
    """Today's date in China Standard Time (UTC+8), against which conduct dates are checked (D22)."""
    return datetime.now(CHINA_STANDARD_TIME).date()


def _money_error(value: Decimal, pointer: str, errors: list[FieldError]) -> None:
    if not value.is_finite() or value < 0 or value.as_tuple().exponent < -2:  # type: ignore[operator]
        errors.append(
            FieldError(
                pointer=pointer,
                detail="must be a non-negative amount in yuan with at most 2 decimal places",
            )
        )


def validate(case: Case, today: date) -> None:
    """Refuse facts the law cannot be applied to, naming the field and what is allowed.

    D22: conduct before Art. 253-1 existed (2009-02-28) or after today (China Standard
    Time). D17: an administrative penalty date needs a conduct date. D11: duty gains
    cannot exceed the total. D2, D3: money non-negative with at most two decimal places,
    counts and recipients non-negative.
    """
    errors: list[FieldError] = []
    first = STATUTES[0].effective_from
    if case.conduct_date is not None:
        if case.conduct_date < first:
            errors.append(
                FieldError(
                    pointer="/conduct_date",
                    detail=(
                        f"must be on or after {first.isoformat()}, when CL253-1 came into force "
                        "(Amendment VII); earlier conduct is not an offence under this article"
                    ),
                )
            )
        elif case.conduct_date > today:
            errors.append(
                FieldError(
                    pointer="/conduct_date",
                    detail=f"must not be after today ({today.isoformat()}, China Standard Time)",
                )
            )
    penalty = case.circumstances.prior_administrative_penalty_date
    if penalty is not None:
        if case.conduct_date is None:
            errors.append(
                FieldError(
                    pointer="/circumstances/prior_administrative_penalty_date",
                    detail=(
                        "requires conduct_date: the two-year window of 5.1.9 is counted back "
                        "from the conduct date"
                    ),
                )
            )
        elif penalty > today:
            errors.append(
                FieldError(
                    pointer="/circumstances/prior_administrative_penalty_date",
                    detail=f"must not be after today ({today.isoformat()}, China Standard Time)",
                )
            )
    for i, row in enumerate(case.records):
        if row.count < 0:
            errors.append(FieldError(pointer=f"/records/{i}/count", detail="must be 0 or more"))
        if row.recipients < 0:
            errors.append(
                FieldError(pointer=f"/records/{i}/recipients", detail="must be 0 or more")
            )
    _money_error(case.illegal_gains_cny, "/illegal_gains_cny", errors)
    _money_error(case.illegal_gains_from_duty_cny, "/illegal_gains_from_duty_cny", errors)
    if case.business_purchase is not None:
        _money_error(case.business_purchase.profit_cny, "/business_purchase/profit_cny", errors)
    if not errors and case.illegal_gains_from_duty_cny > case.illegal_gains_cny:
        errors.append(
            FieldError(
                pointer="/illegal_gains_from_duty_cny",
                detail="must not exceed illegal_gains_cny: it is the part of the total that came from information obtained in duty",
            )
        )
    if errors:
        raise InvalidFacts(tuple(errors))


def _variant(row: RecordRow, strict: bool, rs: Ruleset) -> RecordRow:
    if not row.alternative_categories:
        return row
    candidates = (row.category, *row.alternative_categories)
    if strict:
        chosen = min(candidates, key=rs.threshold)
    else:
        chosen = max(candidates, key=rs.threshold)
    if rs.threshold(chosen) == rs.threshold(row.category):
        return row
    return replace(row, category=chosen)


def _classification(case: Case, ev: Evaluation, rs: Ruleset) -> Classification:
    """D5: the tier with every row in its most lenient and in its strictest candidate category."""
    rows = case.records
    if not any(r.alternative_categories for r in rows):
        return Classification(sensitive=False, lenient_tier=ev.tier, strict_tier=ev.tier)
    tiers: list[Tier] = []
    for strict in (False, True):
        variant = tuple(_variant(r, strict, rs) for r in rows)
        tiers.append(
            evaluate(case, variant, rs, purchase=case.business_purchase, with_rows=False).tier
        )
    lenient, strict_tier = tiers
    return Classification(
        sensitive=lenient is not strict_tier, lenient_tier=lenient, strict_tier=strict_tier
    )


def _provisions_applied(case: Case, ev: Evaluation, rs: Ruleset) -> tuple[ProvisionRef, ...]:
    refs: list[tuple[str, str]] = [("CL99", "以上 includes the number: every standard is a >= test (D1)")]
    for p in sorted({r.provision for r in ev.rows}):
        refs.append((p, "counting of records (D3, D21)"))
    if case.business_purchase is not None:
        if case.business_purchase.resold:
            refs.append(("6.2", "resale: the whole case is assessed under Art. 5 (D19)"))
        else:
            refs.append(("6.1", "bought or received for a lawful business: general records only bought go under Art. 6 (D18)"))
    conduct = case.conduct_date
    if conduct is not None and conduct < rs.effective_from:
        refs.append(("TE2001.2", "conduct before the Interpretation, still pending: assessed under it (D22)"))
    if conduct is not None and conduct < STATUTES[-1].effective_from:
        refs.append(("CL12", "the lighter law at the time of the conduct (D22)"))
    return tuple(ProvisionRef(provision=p, text=provision_text(p), role=role) for p, role in refs)


def assess(case: Case, *, today: date | None = None) -> Assessment:
    """Assess one case under 法释〔2017〕10号: the tier, every ground, and why.

    ``today`` (China Standard Time by default) bounds the conduct date (D22).
    Raises ``InvalidFacts`` for facts the law cannot be applied to.
    """
    validate(case, today if today is not None else china_today())
    rs = ruleset_for(case.conduct_date)
    statute = statute_for(case.conduct_date)
    if statute is None:  # unreachable after validate(); kept for the type checker
        raise InvalidFacts((FieldError(pointer="/conduct_date", detail="no statute in force"),))
    purchase = case.business_purchase
    ev = evaluate(case, case.records, rs, purchase=purchase)
    art5_tier: Tier | None = None
    if purchase is not None and not purchase.resold:
        art5_tier = evaluate(case, case.records, rs, purchase=None, with_rows=False).tier
    lv = levels(rs)
    insider_ground = any(g.detail.get("part") == "insider_part" for g in ev.grounds)
    fine_guide = art12_fine_guide(ev.tier, case.illegal_gains_cny, rs)
    quantity = Quantity(
        rows=ev.rows,
        by_category=ev.by_category,
        insider_by_category=ev.insider_by_category,
        business_purchase_counted=ev.business_purchase_counted,
        proportional_sum=Fraction(ev.units, rs.base),
        insider_proportional_sum=Fraction(ev.insider_units, rs.base),
        proportional_sum_standards=(
            rs.proportional_sum * lv.ordinary.share,
            rs.proportional_sum * lv.tenfold.share,
        ),
        insider_proportional_sum_standards=(
            rs.proportional_sum * lv.insider.share,
            rs.proportional_sum * lv.insider_tenfold.share,
        ),
    )
    return Assessment(
        tier=ev.tier,
        tier_zh=ev.tier.zh,
        grounds=ev.grounds,
        quantity=quantity,
        next_tier=next_tier(ev, case.illegal_gains_cny, rs),
        classification=_classification(case, ev, rs),
        penalty=cl253_1_statutory_range(
            tier=ev.tier,
            statute=statute,
            fine_guide=fine_guide,
            heavier_for_insider=insider_ground,
            offender=case.offender,
        ),
        leniency=art10_leniency(ev.tier, case.leniency_facts),
        open_questions=open_questions(ev, case, rs, art5_tier=art5_tier),
        warnings=warnings(ev, case, rs),
        provisions_applied=_provisions_applied(case, ev, rs),
        ruleset=RulesetRef(
            id=rs.id,
            effective_from=rs.effective_from,
            selected_by="conduct_date" if case.conduct_date is not None else "in_force_today",
        ),
        engine_version=ENGINE_VERSION,
    )

