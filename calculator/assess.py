"""Orchestration: check the facts, count (Art. 11), apply every rule, then report.

``assess`` is the library's one entry point. It refuses facts the law cannot be applied
to (``InvalidFacts``), evaluates the case as given, re-evaluates the D5 classification
variants and the D18 comparison where they arise, and assembles the answer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from functools import lru_cache

from calculator.citation import article_of, item_en, number_en
from calculator.evaluate import Evaluation, assessment, evaluate, quantity
from calculator.law import (
    AT_LEAST,
    BUSINESS_PARAGRAPH,
    COUNTING_PARAGRAPHS,
    EXEMPTION,
    FINE_BY_CIRCUMSTANCES,
    LENIENCY_ARTICLE,
    LIGHTER_LAW,
    OFFENCE,
    PENDING_CASES,
    RESALE_PARAGRAPH,
    RULESETS,
    SERIOUS_PARAGRAPH,
    STATUTES,
    UNIT_ARTICLE,
    UNIT_OFFENCE,
    Ruleset,
    Statute,
    provision_text,
    ruleset_for,
    statute_for,
)
from calculator.model import (
    Assessment,
    Case,
    Classification,
    FieldError,
    InvalidFacts,
    Leniency,
    LeniencyStatus,
    Offender,
    Penalty,
    ProvisionRef,
    RecordRow,
    RulesetRef,
    Tier,
)
from calculator.next_tier import next_tier
from calculator.opinion import write_opinion
from calculator.questions import open_questions, warnings
from calculator.rules.art10 import art10_leniency
from calculator.rules.art12 import art12_fine_guide
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


_PENALTY_DATE_NEEDS_CONDUCT_DATE = (
    f"requires conduct_date: the {number_en(RULESETS[-1].admin_window_years)}-year window of "
    f"{RULESETS[-1].admin_provision} is counted back from the conduct date"
)
"""D17: without a conduct date the window of the ruleset in force today cannot be placed."""


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
                        f"must be on or after {first.isoformat()}, when {OFFENCE} came into force "
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
                    detail=_PENALTY_DATE_NEEDS_CONDUCT_DATE,
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
    chosen = min(candidates, key=rs.threshold) if strict else max(candidates, key=rs.threshold)
    if rs.threshold(chosen) == rs.threshold(row.category):
        return row
    return replace(row, category=chosen)


_UNCHANGED = {t: Classification(sensitive=False, lenient_tier=t, strict_tier=t) for t in Tier}
"""The classification of a case without alternative categories, one shared object per tier
(making it afresh costs 1.1 µs, over 1 % of an assessment of the bench/http.py batch)."""


def _classification(case: Case, ev: Evaluation, rs: Ruleset) -> Classification:
    """D5: the tier with every row in its most lenient and in its strictest candidate category."""
    rows = case.records
    for r in rows:
        if r.alternative_categories:
            break
    else:
        return _UNCHANGED[ev.tier]
    tiers: list[Tier] = []
    for strict in (False, True):
        variant = tuple(_variant(r, strict, rs) for r in rows)
        tiers.append(
            evaluate(
                case, variant, rs, purchase=case.business_purchase, counted_as_given=ev.rows
            ).tier
        )
    lenient, strict_tier = tiers
    return Classification(
        sensitive=lenient is not strict_tier, lenient_tier=lenient, strict_tier=strict_tier
    )


_ROLES = {
    "CL99": "以上 includes the number: every standard is a >= test (D1)",
    "11.1": "counting: obtained and then passed on counts once (D21)",
    "11.2": "counting: the same records to several recipients add up (D21)",
    "11.3": "counting: the quantity seized, proven false or duplicate records removed (D3)",
    "6.1": (
        "bought or received for a lawful business: general records only bought go under "
        f"{item_en(article_of(BUSINESS_PARAGRAPH))} (D18)"
    ),
    "6.2": f"resale: the whole case is assessed under {item_en(article_of(SERIOUS_PARAGRAPH))} (D19)",
    "TE2001.2": "conduct before the Interpretation, still pending: assessed under it (D22)",
    "CL12": "the lighter law at the time of the conduct (D22)",
    "CL253-1.1": "the statutory range for the tier (D23)",
    "CL253-1.2": "heavier punishment within the range for the insider part (D14)",
    "7": "unit offender: the same standards, the unit fined (D26)",
    "CL253-1.4": "unit offender: the unit fined, the persons responsible punished (D26)",
    "CL52": "no gains: the fine follows the circumstances of the crime (D24)",
    "CL37": f"{item_en(LENIENCY_ARTICLE)} eligibility: exemption from criminal punishment (D25)",
}

_REFS = {
    p: ProvisionRef(provision=p, text=provision_text(p), role=role) for p, role in _ROLES.items()
}
_PROVISION_LISTS: dict[tuple[str, ...], tuple[ProvisionRef, ...]] = {}
"""One shared list per distinct combination (a few dozen), so the API encodes each once."""


def _provisions_applied(
    case: Case, ev: Evaluation, rs: Ruleset, penalty: Penalty, leniency: Leniency
) -> tuple[ProvisionRef, ...]:
    """The provisions applied beyond the grounds, in a fixed order."""
    ids = [AT_LEAST]
    counting = {r.provision for r in ev.rows}
    ids += [p for p in COUNTING_PARAGRAPHS if p in counting]
    if case.business_purchase is not None:
        ids.append(RESALE_PARAGRAPH if case.business_purchase.resold else BUSINESS_PARAGRAPH)
    conduct = case.conduct_date
    if conduct is not None and conduct < rs.effective_from:
        ids.append(PENDING_CASES)
    if conduct is not None and conduct < STATUTES[-1].effective_from:
        ids.append(LIGHTER_LAW)
    if penalty.offence:
        ids.append(penalty.provision)
        if penalty.heavier_for_insider_provision is not None:
            ids.append(penalty.heavier_for_insider_provision)
        if not penalty.fine_guide.applies:
            ids.append(FINE_BY_CIRCUMSTANCES)
    if penalty.unit_offender:
        ids += [UNIT_ARTICLE, UNIT_OFFENCE]
    if leniency.status is LeniencyStatus.ELIGIBLE:
        ids.append(EXEMPTION)
    key = tuple(ids)
    refs = _PROVISION_LISTS.get(key)
    if refs is None:
        refs = _PROVISION_LISTS[key] = tuple(_REFS[p] for p in key)
    return refs


# The penalty and Art. 10 sections, the provision lists and the ruleset reference
# depend on a few inputs and recur from case to case: each distinct one is made once,
# and the API encodes each shared object once (api/v1/mapping.py). Measured on the
# bench/http.py case, CPU time per assessment: 65 µs with these kept, 79 µs without.
_leniency = lru_cache(maxsize=64)(art10_leniency)


@lru_cache(maxsize=4096)
def _penalty(
    tier: Tier, statute: Statute, gains: Decimal, insider: bool, offender: Offender, rs: Ruleset
) -> Penalty:
    """The penalty section: the statutory range, the fine guide, 从重, the unit note."""
    return cl253_1_statutory_range(
        tier=tier,
        statute=statute,
        fine_guide=art12_fine_guide(tier, gains, rs),
        heavier_for_insider=insider,
        offender=offender,
    )


@lru_cache(maxsize=64)
def _ruleset_ref(rs: Ruleset, *, by_conduct_date: bool) -> RulesetRef:
    """The ruleset applied and why (D22); one shared object per ruleset and reason."""
    return RulesetRef(
        id=rs.id,
        effective_from=rs.effective_from,
        selected_by="conduct_date" if by_conduct_date else "in_force_today",
    )


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
        art5_tier = evaluate(case, case.records, rs, purchase=None, counted_as_given=ev.rows).tier
    questions = open_questions(ev, case, rs, art5_tier=art5_tier)
    opinion_zh, opinion_en = write_opinion(
        tier=ev.tier, grounds=ev.grounds, open_questions=questions
    )
    insider = ev.insider.present and any(g.on_insider_part for g in ev.grounds)
    penalty = _penalty(ev.tier, statute, case.illegal_gains_cny, insider, case.offender, rs)
    leniency = _leniency(ev.tier, case.leniency_facts)
    return assessment(
        tier=ev.tier,
        tier_zh=ev.tier.zh,
        grounds=ev.grounds,
        quantity=quantity(ev, rs),
        next_tier=next_tier(ev, case.illegal_gains_cny, rs),
        classification=_classification(case, ev, rs),
        penalty=penalty,
        leniency=leniency,
        open_questions=questions,
        warnings=warnings(ev, case, rs),
        provisions_applied=_provisions_applied(case, ev, rs, penalty, leniency),
        ruleset=_ruleset_ref(rs, by_conduct_date=case.conduct_date is not None),
        engine_version=ENGINE_VERSION,
        opinion_zh=opinion_zh,
        opinion_en=opinion_en,
    )
