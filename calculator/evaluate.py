"""One pass of the rules over a set of rows: count (Art. 11), partition (Art. 6), every ground.

``assess`` runs this once for the case as given, and again for the D5 classification
variants and the D18 comparison. The rules are applied in statute order, each behind
one ``could_hold`` test. The test skips a rule whose facts are absent, whose least
quantity is not reached, or which a business purchase displaces: which rows are Art. 6
conduct is decided once per pass (D18, ``art6_1_business_path_row``), and four bits of
``_present`` then say whether 6.1.1 applies and whether a prior punishment or the
catch-all is tried under 5.1.9 / 5.1.10 or under 6.1.2 / 6.1.3 (D18). The findings of
5.1.1 and 5.1.2 are tried in every case (D15); the 情节特别严重 findings are tried too and
held back afterwards in an Art. 6-only case (``Rule.paragraph_2``, D20). Every rule that
is tried decides exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from calculator.law import Ruleset
from calculator.model import (
    Addition,
    Assessment,
    BusinessPurchase,
    Case,
    Category,
    Circumstances,
    Classification,
    Ground,
    Leniency,
    NextTier,
    OpenQuestion,
    PartName,
    Penalty,
    ProvisionRef,
    Quantity,
    RecordRow,
    RowCount,
    RulesetRef,
    Tier,
    Warning,
)
from calculator.rules.art5 import (
    art5_1_1_whereabouts_used_in_crime,
    art5_1_2_knowingly_supplied_criminal_user,
    art5_1_3_high_sensitivity_records,
    art5_1_4_safety_records,
    art5_1_5_other_records,
    art5_1_6_proportional_aggregation,
    art5_1_7_illegal_gains,
    art5_1_8_insider_half_standards,
    art5_1_9_prior_punishment,
    art5_1_10_other_serious_circumstances,
    art5_2_1_severe_consequences,
    art5_2_2_major_loss_or_bad_social_impact,
    art5_2_3_tenfold,
    art5_2_4_other_especially_serious_circumstances,
)
from calculator.rules.art6 import (
    art6_1_1_business_profit,
    art6_1_2_prior_punishment,
    art6_1_3_other_serious_circumstances,
    art6_1_business_path_row,
)
from calculator.rules.art11 import art11_counted_quantity
from calculator.standards import Levels, Part, levels, may_reach, slot_setter

__all__ = [
    "RULES",
    "Evaluation",
    "Facts",
    "Rule",
    "assessment",
    "evaluate",
    "next_tier_answer",
    "quantity",
]


# Per-pass values are plain slots classes, not frozen: a frozen dataclass sets each field
# through object.__setattr__, and a pass builds these for every evaluation. With the
# integer ``could_hold`` below (python -m bench.instructions, 1-row case): 395,000 → 346,000
# instructions per assessment.
@dataclass(slots=True)
class Facts:
    """What the rules look at after counting: the two parts, the findings, the Art. 6 partition."""

    whole: Part
    insider: Part
    circumstances: Circumstances
    conduct_date: date | None
    purchase: BusinessPurchase | None
    findings: bool
    art5_rows: bool
    art6_rows: bool
    art6_active: bool
    art6_only: bool


# What a rule's ``could_hold`` asks for: one bit per fact, set once per pass by
# ``_present``; a rule could hold when any of its bits is set. One integer test per rule
# instead of a call (measured together with the plain per-pass classes above).
FINDINGS = 1
"""The caller states a finding of fact."""
RECORDS = FINDINGS << 1
"""Art. 5 records weighing at least the least record or sum standard."""
GAINS = RECORDS << 1
"""Gains of at least the gains standard."""
INSIDER = GAINS << 1
"""An insider part (rows or gains from duty) weighing or gaining at least the least halved standard."""
TENFOLD = INSIDER << 1
"""Records or gains of the whole case at least the least of ten times a standard, or of the
insider part at least the least of ten times a halved standard."""
ART5_FINDINGS = TENFOLD << 1
"""A finding, in a case that is not Art. 6 conduct alone: 5.1.9 and 5.1.10 are tried; in an
Art. 6-only case 6.1.2 and 6.1.3 take their place (D18)."""
ART6_PROFIT = ART5_FINDINGS << 1
"""A business purchase that was not resold: Art. 6 governs it (D18; resold, 6.2 puts the
whole case under Art. 5, D19)."""
ART6_PRIOR = ART6_PROFIT << 1
"""A finding in a case with a purchase not resold that has Art. 6 rows or no Art. 5 rows:
6.1.2 (a prior punishment, then buying again) speaks of the buying (D18)."""
ART6_ONLY_FINDINGS = ART6_PRIOR << 1
"""A finding in an Art. 6-only case: the catch-all 6.1.3 applies there, 5.1.10 elsewhere
(D18)."""


def _present(f: Facts, lv: Levels) -> int:
    """The bits of every fact this pass has."""
    bits = 0
    if f.findings:
        bits |= FINDINGS
        if not f.art6_only:
            bits |= ART5_FINDINGS
        if f.art6_active:
            if f.art6_rows or not f.art5_rows:
                bits |= ART6_PRIOR
            if f.art6_only:
                bits |= ART6_ONLY_FINDINGS
    whole = f.whole
    if whole.by_category:
        if whole.units >= lv.ordinary.least_units:
            bits |= RECORDS
        if whole.units >= lv.tenfold.least_units:
            bits |= TENFOLD
    if whole.gains >= lv.ordinary.need_gains:
        bits |= GAINS
        if whole.gains >= lv.tenfold.need_gains:
            bits |= TENFOLD
    insider = f.insider
    if may_reach(insider, lv.insider):
        bits |= INSIDER
        if may_reach(insider, lv.insider_tenfold):
            bits |= TENFOLD
    if f.purchase is not None and f.art6_active:
        bits |= ART6_PROFIT
    return bits


@dataclass(frozen=True, kw_only=True, slots=True)
class Rule:
    """A provision applied by the pass: when it could hold, and the grounds it gives.

    ``could_hold`` is the facts the rule needs (any of these bits); ``paragraph_2`` marks
    the 情节特别严重 items, which D20 holds back in an Art. 6-only case.
    """

    provision: str
    could_hold: int
    apply: Callable[[Facts, Levels, Ruleset], Sequence[Ground]]
    paragraph_2: bool = False


def _one(found: Ground | None) -> Sequence[Ground]:
    return () if found is None else (found,)


RULES: tuple[Rule, ...] = (
    Rule(
        provision="5.1.1",
        could_hold=FINDINGS,
        apply=lambda f, lv, rs: _one(art5_1_1_whereabouts_used_in_crime(f.circumstances)),
    ),
    Rule(
        provision="5.1.2",
        could_hold=FINDINGS,
        apply=lambda f, lv, rs: _one(art5_1_2_knowingly_supplied_criminal_user(f.circumstances)),
    ),
    Rule(
        provision="5.1.3",
        could_hold=RECORDS,
        apply=lambda f, lv, rs: art5_1_3_high_sensitivity_records(f.whole, lv.ordinary),
    ),
    Rule(
        provision="5.1.4",
        could_hold=RECORDS,
        apply=lambda f, lv, rs: art5_1_4_safety_records(f.whole, lv.ordinary),
    ),
    Rule(
        provision="5.1.5",
        could_hold=RECORDS,
        apply=lambda f, lv, rs: art5_1_5_other_records(f.whole, lv.ordinary),
    ),
    Rule(
        provision="5.1.6",
        could_hold=RECORDS,
        apply=lambda f, lv, rs: _one(art5_1_6_proportional_aggregation(f.whole, lv.ordinary, rs)),
    ),
    Rule(
        provision="5.1.7",
        could_hold=GAINS,
        apply=lambda f, lv, rs: _one(art5_1_7_illegal_gains(f.whole, lv.ordinary)),
    ),
    Rule(
        provision="5.1.8",
        could_hold=INSIDER,
        apply=lambda f, lv, rs: art5_1_8_insider_half_standards(f.insider, rs),
    ),
    Rule(
        provision="5.1.9",
        could_hold=ART5_FINDINGS,
        apply=lambda f, lv, rs: _one(
            art5_1_9_prior_punishment(f.circumstances, f.conduct_date, rs)
        ),
    ),
    Rule(
        provision="5.1.10",
        could_hold=ART5_FINDINGS,
        apply=lambda f, lv, rs: _one(art5_1_10_other_serious_circumstances(f.circumstances)),
    ),
    Rule(
        provision="5.2.1",
        could_hold=FINDINGS,
        apply=lambda f, lv, rs: _one(art5_2_1_severe_consequences(f.circumstances)),
        paragraph_2=True,
    ),
    Rule(
        provision="5.2.2",
        could_hold=FINDINGS,
        apply=lambda f, lv, rs: _one(art5_2_2_major_loss_or_bad_social_impact(f.circumstances)),
        paragraph_2=True,
    ),
    Rule(
        provision="5.2.3",
        could_hold=TENFOLD,
        apply=lambda f, lv, rs: art5_2_3_tenfold(f.whole, f.insider, rs),
        paragraph_2=True,
    ),
    Rule(
        provision="5.2.4",
        could_hold=FINDINGS,
        apply=lambda f, lv, rs: _one(
            art5_2_4_other_especially_serious_circumstances(f.circumstances)
        ),
        paragraph_2=True,
    ),
    Rule(
        provision="6.1.1",
        could_hold=ART6_PROFIT,
        apply=lambda f, lv, rs: (
            () if f.purchase is None else _one(art6_1_1_business_profit(f.purchase, rs))
        ),
    ),
    Rule(
        provision="6.1.2",
        could_hold=ART6_PRIOR,
        apply=lambda f, lv, rs: _one(
            art6_1_2_prior_punishment(f.circumstances, f.conduct_date, rs)
        ),
    ),
    Rule(
        provision="6.1.3",
        could_hold=ART6_ONLY_FINDINGS,
        apply=lambda f, lv, rs: _one(art6_1_3_other_serious_circumstances(f.circumstances)),
    ),
)
"""Every rule of Arts. 5 and 6 that gives a ground, in statute order."""


_RULES_FOR: dict[int, tuple[Rule, ...]] = {}
"""The rules that could hold, by the bits of the facts present (at most 2^9 entries)."""


def _rules_for(present: int) -> tuple[Rule, ...]:
    """``RULES`` whose ``could_hold`` meets ``present``, in statute order, chosen once per set of bits.

    Instead of testing all 17 rules in every pass (python -m bench.instructions against
    that loop, 4 mixed rows: 317,000 → 313,700 instructions per assessment; 10 rows with
    alternatives: 1,057,600 → 1,045,500).
    """
    found = _RULES_FOR.get(present)
    if found is None:
        found = _RULES_FOR[present] = tuple(r for r in RULES if r.could_hold & present)
    return found


@dataclass(slots=True)
class Evaluation:
    """What one pass found: the tier, every ground, and the counted quantities behind them."""

    tier: Tier
    grounds: tuple[Ground, ...]
    rows: tuple[RowCount, ...]
    whole: Part
    insider: Part
    business_purchase_counted: int
    art5_rows: bool
    art6_active: bool
    art6_only: bool
    capped_findings: tuple[str, ...]


_ORDER = {c: i for i, c in enumerate(Category)}
_RANK = {t: t.rank for t in Tier}

# A row's count is the public model's frozen ``RowCount``, made for every row of the case
# as given; it is filled through its slots (see calculator/standards.py, ``_ground``).
_new = object.__new__
_set_category = slot_setter(RowCount, "category")
_set_count = slot_setter(RowCount, "count")
_set_recipients = slot_setter(RowCount, "recipients")
_set_counted = slot_setter(RowCount, "counted")
_set_provision = slot_setter(RowCount, "provision")
_set_path = slot_setter(RowCount, "path")


_set_rows = slot_setter(Quantity, "rows")
_set_by_category = slot_setter(Quantity, "by_category")
_set_insider_by_category = slot_setter(Quantity, "insider_by_category")
_set_business_purchase_counted = slot_setter(Quantity, "business_purchase_counted")
_set_proportional_sum = slot_setter(Quantity, "proportional_sum")
_set_insider_proportional_sum = slot_setter(Quantity, "insider_proportional_sum")
_set_sum_standards = slot_setter(Quantity, "proportional_sum_standards")
_set_insider_sum_standards = slot_setter(Quantity, "insider_proportional_sum_standards")


def quantity(ev: Evaluation, rs: Ruleset) -> Quantity:
    """The counted quantities of the case as given and its proportional sums (the answer's ``quantity``).

    Made once per assessment, filled through its slots as ``_row_count`` is (its eight
    fields: 1.5 µs by the constructor, about 0.6 µs so).
    """
    lv = levels(rs)
    q: Quantity = _new(Quantity)
    _set_rows(q, ev.rows)
    _set_by_category(q, ev.whole.by_category)
    _set_insider_by_category(q, ev.insider.by_category)
    _set_business_purchase_counted(q, ev.business_purchase_counted)
    _set_proportional_sum(q, ev.whole.proportional_sum(rs.base))
    _set_insider_proportional_sum(q, ev.insider.proportional_sum(rs.base))
    _set_sum_standards(q, lv.sum_standards)
    _set_insider_sum_standards(q, lv.insider_sum_standards)
    return q


_ASSESSMENT_FIELDS = (
    "tier",
    "tier_zh",
    "grounds",
    "quantity",
    "next_tier",
    "classification",
    "penalty",
    "leniency",
    "open_questions",
    "warnings",
    "provisions_applied",
    "ruleset",
    "engine_version",
    "opinion_zh",
    "opinion_en",
)
(
    _set_a_tier,
    _set_a_tier_zh,
    _set_a_grounds,
    _set_a_quantity,
    _set_a_next_tier,
    _set_a_classification,
    _set_a_penalty,
    _set_a_leniency,
    _set_a_open_questions,
    _set_a_warnings,
    _set_a_provisions_applied,
    _set_a_ruleset,
    _set_a_engine_version,
    _set_a_opinion_zh,
    _set_a_opinion_en,
) = (slot_setter(Assessment, name) for name in _ASSESSMENT_FIELDS)


def assessment(
    *,
    tier: Tier,
    tier_zh: str,
    grounds: tuple[Ground, ...],
    quantity: Quantity,
    next_tier: NextTier | None,
    classification: Classification,
    penalty: Penalty,
    leniency: Leniency,
    open_questions: tuple[OpenQuestion, ...],
    warnings: tuple[Warning, ...],
    provisions_applied: tuple[ProvisionRef, ...],
    ruleset: RulesetRef,
    engine_version: str,
    opinion_zh: str,
    opinion_en: str,
) -> Assessment:
    """``Assessment(...)`` with the same keywords, filled through its slots (15 fields;
    python -m bench.instructions, 1-row case: 260,100 → 243,600 instructions per assessment).
    """
    a: Assessment = _new(Assessment)
    _set_a_tier(a, tier)
    _set_a_tier_zh(a, tier_zh)
    _set_a_grounds(a, grounds)
    _set_a_quantity(a, quantity)
    _set_a_next_tier(a, next_tier)
    _set_a_classification(a, classification)
    _set_a_penalty(a, penalty)
    _set_a_leniency(a, leniency)
    _set_a_open_questions(a, open_questions)
    _set_a_warnings(a, warnings)
    _set_a_provisions_applied(a, provisions_applied)
    _set_a_ruleset(a, ruleset)
    _set_a_engine_version(a, engine_version)
    _set_a_opinion_zh(a, opinion_zh)
    _set_a_opinion_en(a, opinion_en)
    return a


_set_next_tier = slot_setter(NextTier, "tier")
_set_next_options = slot_setter(NextTier, "options")


def next_tier_answer(tier: Tier, options: tuple[Addition, ...]) -> NextTier:
    """``NextTier(tier=…, options=…)``, filled through its slots (made for every case below
    情节特别严重: 0.80 µs by the constructor, 0.38 µs so)."""
    n: NextTier = _new(NextTier)
    _set_next_tier(n, tier)
    _set_next_options(n, options)
    return n


def _row_count(row: RecordRow, counted: int, provision: str, path: str) -> RowCount:
    """``RowCount(category=…, count=…, recipients=…, counted=…, provision=…, path=…)``."""
    r: RowCount = _new(RowCount)
    _set_category(r, row.category)
    _set_count(r, row.count)
    _set_recipients(r, row.recipients)
    _set_counted(r, counted)
    _set_provision(r, provision)
    _set_path(r, path)
    return r


def _in_statute_order(totals: dict[Category, int]) -> dict[Category, int]:
    """The totals in the statute's order of categories (row order never matters)."""
    if len(totals) < 2:
        return totals
    return {c: totals[c] for c in sorted(totals, key=_ORDER.__getitem__)}


def _any_finding(c: Circumstances) -> bool:
    return (
        c.whereabouts_used_in_crime
        or c.knowingly_supplied_criminal_user
        or c.prior_criminal_punishment
        or c.prior_administrative_penalty_date is not None
        or c.other_serious_circumstances
        or c.severe_consequences
        or c.major_loss_or_bad_social_impact
        or c.other_especially_serious_circumstances
    )


def evaluate(
    case: Case,
    rows: tuple[RecordRow, ...],
    rs: Ruleset,
    *,
    purchase: BusinessPurchase | None,
    counted_as_given: tuple[RowCount, ...] | None = None,
) -> Evaluation:
    """Apply Art. 11 counting, the Art. 6 partition and every rule of Arts. 5 and 6 to ``rows``.

    A later pass over the same rows (the D5 variants, which change only categories, and
    the D18 comparison) passes ``counted_as_given``, the pass over the case as given's
    ``rows``: Art. 11 counts a row alike in any category, so its counts are reused and
    the pass reports no rows (python -m bench.instructions, 10 rows with alternatives,
    with the positional per-pass values below: 1,145,500 → 1,069,000 instructions).
    """
    art6_active = purchase is not None and not purchase.resold
    weight = rs.weight
    by_category: dict[Category, int] = {}
    insider: dict[Category, int] = {}
    units = insider_units = 0
    art6_counted = 0
    art6_rows = False
    art5_rows = False
    row_counts: list[RowCount] = []
    for i, row in enumerate(rows):
        if counted_as_given is None:
            counted, provision = art11_counted_quantity(row)
        else:
            counted = counted_as_given[i].counted
        on_art6 = art6_active and art6_1_business_path_row(row, purchase)
        if on_art6:
            art6_rows = True
            art6_counted += counted
        else:
            art5_rows = True
            category = row.category
            by_category[category] = by_category.get(category, 0) + counted
            units += weight[category] * counted
            if row.obtained_in_duty:
                insider[category] = insider.get(category, 0) + counted
                insider_units += weight[category] * counted
        if counted_as_given is None:
            row_counts.append(_row_count(row, counted, provision, "art6" if on_art6 else "art5"))
    gains = case.illegal_gains_cny
    circumstances = case.circumstances
    art6_only = art6_active and not art5_rows and gains == 0
    # Positional: a keyword call to a class builds a dict of the keywords (the names
    # below are the fields'; python -m bench.instructions, 1-row case, with the reuse of
    # the Art. 11 counts above: 243,600 → 232,000 instructions).
    whole = Part(PartName.WHOLE_CASE, _in_statute_order(by_category), units, gains)
    insider_part = Part(
        PartName.INSIDER_PART,
        _in_statute_order(insider),
        insider_units,
        case.illegal_gains_from_duty_cny,
    )
    facts = Facts(
        whole,
        insider_part,
        circumstances,
        case.conduct_date,
        purchase,
        _any_finding(circumstances),
        art5_rows,
        art6_rows,
        art6_active,
        art6_only,
    )
    lv = levels(rs)
    present = _present(facts, lv)
    grounds: list[Ground] = []
    capped: list[str] = []
    for rule in _rules_for(present):
        found = rule.apply(facts, lv, rs)
        if rule.paragraph_2 and facts.art6_only:
            capped += [g.provision for g in found]  # D20: no 情节特别严重 for Art. 6 conduct
        else:
            grounds += found
    tier = Tier.NOT_SERIOUS
    for g in grounds:
        if g.tier is not tier and _RANK[g.tier] > _RANK[tier]:
            tier = g.tier
    return Evaluation(
        tier,
        tuple(grounds),
        tuple(row_counts),
        whole,
        insider_part,
        art6_counted,
        art5_rows,
        art6_active,
        art6_only,
        tuple(capped),
    )
