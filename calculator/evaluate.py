"""One pass of the rules over a set of rows: count (Art. 11), partition (Art. 6), every ground.

``assess`` runs this once for the case as given, and again for the D5 classification
variants and the D18 comparison; the pass itself builds only what those need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calculator.law import Ruleset
from calculator.model import (
    BusinessPurchase,
    Case,
    Category,
    Ground,
    RecordRow,
    RowCount,
    Tier,
    builder,
    new_row_count,
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
    levels,
)
from calculator.rules.art6 import (
    art6_1_1_business_profit,
    art6_1_2_prior_punishment,
    art6_1_3_other_serious_circumstances,
    art6_1_business_path_row,
)
from calculator.rules.art11 import art11_counted_quantity

__all__ = ["Evaluation", "evaluate"]

_ORDER = {c: i for i, c in enumerate(Category)}
_RANK = {t: t.rank for t in Tier}


@dataclass(frozen=True, kw_only=True, slots=True)
class Evaluation:
    """What one pass found: the tier, every ground, and the counted quantities behind them."""

    tier: Tier
    grounds: tuple[Ground, ...]
    rows: tuple[RowCount, ...]
    by_category: dict[Category, int]
    insider_by_category: dict[Category, int]
    business_purchase_counted: int
    units: int
    insider_units: int
    art5_rows: bool
    art6_active: bool
    art6_only: bool
    capped_findings: tuple[str, ...]


_new_evaluation = builder(Evaluation)


def _add(grounds: list[Ground], found: Ground | None) -> None:
    if found is not None:
        grounds.append(found)


def _ordered(totals: dict[Category, int]) -> dict[Category, int]:
    """The totals in the statute's order of categories (row order never matters)."""
    if len(totals) < 2:
        return totals
    last = -1
    for category in totals:
        rank = _ORDER[category]
        if rank < last:
            return {c: totals[c] for c in sorted(totals, key=_ORDER.__getitem__)}
        last = rank
    return totals


def evaluate(
    case: Case,
    rows: tuple[RecordRow, ...],
    rs: Ruleset,
    *,
    purchase: BusinessPurchase | None,
    with_rows: bool = True,
) -> Evaluation:
    """Apply Art. 11 counting, the Art. 6 partition and every rule of Arts. 5 and 6 to ``rows``."""
    art6_active = purchase is not None and not purchase.resold
    weight = rs.weight
    by_category: dict[Category, int] = {}
    insider: dict[Category, int] = {}
    art6_counted = 0
    art6_rows = False
    art5_rows = False
    units = 0
    insider_units = 0
    row_counts: list[RowCount] = []
    for row in rows:
        counted, provision = art11_counted_quantity(row)
        on_art6 = art6_active and art6_1_business_path_row(row, purchase)
        category = row.category
        if on_art6:
            art6_rows = True
            art6_counted += counted
        else:
            art5_rows = True
            by_category[category] = by_category.get(category, 0) + counted
            units += weight[category] * counted
            if row.obtained_in_duty:
                insider[category] = insider.get(category, 0) + counted
                insider_units += weight[category] * counted
        if with_rows:
            row_counts.append(
                new_row_count(
                    category=category,
                    count=row.count,
                    recipients=row.recipients,
                    counted=counted,
                    provision=provision,
                    path="art6" if on_art6 else "art5",
                )
            )
    by_category = _ordered(by_category)
    if insider:
        insider = _ordered(insider)
    gains = case.illegal_gains_cny
    duty_gains = case.illegal_gains_from_duty_cny
    art6_only = art6_active and not art5_rows and gains == 0
    c = case.circumstances
    conduct_date: date | None = case.conduct_date

    findings = (
        c.whereabouts_used_in_crime
        or c.knowingly_supplied_criminal_user
        or c.prior_criminal_punishment
        or c.prior_administrative_penalty_date is not None
        or c.other_serious_circumstances
        or c.severe_consequences
        or c.major_loss_or_bad_social_impact
        or c.other_especially_serious_circumstances
    )
    has_insider = bool(insider) or bool(duty_gains)

    # Each rule decides exactly; a rule is only skipped here where the level's least
    # quantity shows it cannot hold (no record ground below ``need_any_units``).
    lv = levels(rs)
    grounds: list[Ground] = []
    if findings:
        _add(grounds, art5_1_1_whereabouts_used_in_crime(c))
        _add(grounds, art5_1_2_knowingly_supplied_criminal_user(c))
    if by_category and units >= lv.ordinary.need_any_units:
        grounds += art5_1_3_high_sensitivity_records(by_category, rs)
        grounds += art5_1_4_safety_records(by_category, rs)
        grounds += art5_1_5_other_records(by_category, rs)
        _add(grounds, art5_1_6_proportional_aggregation(by_category, units, rs))
    if gains >= lv.ordinary.need_gains:
        _add(grounds, art5_1_7_illegal_gains(gains, rs))
    if has_insider:
        grounds += art5_1_8_insider_half_standards(insider, insider_units, duty_gains, rs)
    if findings and not art6_only:
        _add(grounds, art5_1_9_prior_punishment(c, conduct_date, rs))
        _add(grounds, art5_1_10_other_serious_circumstances(c))
    para2: list[Ground] = []
    if findings:
        _add(para2, art5_2_1_severe_consequences(c))
        _add(para2, art5_2_2_major_loss_or_bad_social_impact(c))
    if has_insider or units >= lv.tenfold.need_any_units or gains >= lv.tenfold.need_gains:
        para2 += art5_2_3_tenfold(by_category, units, gains, insider, insider_units, duty_gains, rs)
    if findings:
        _add(para2, art5_2_4_other_especially_serious_circumstances(c))
    capped: tuple[str, ...] = ()
    if art6_only:
        capped = tuple(g.provision for g in para2)  # D20: no 情节特别严重 for Art. 6 conduct
    else:
        grounds += para2
    if art6_active and purchase is not None:
        _add(grounds, art6_1_1_business_profit(purchase, rs))
        if findings and (art6_rows or not art5_rows):
            _add(grounds, art6_1_2_prior_punishment(c, conduct_date, rs))
        if findings and art6_only:
            _add(grounds, art6_1_3_other_serious_circumstances(c))

    tier = Tier.NOT_SERIOUS
    for g in grounds:
        if g.tier is not tier and _RANK[g.tier] > _RANK[tier]:
            tier = g.tier
    return _new_evaluation(
        tier=tier,
        grounds=tuple(grounds),
        rows=tuple(row_counts),
        by_category=by_category,
        insider_by_category=insider,
        business_purchase_counted=art6_counted,
        units=units,
        insider_units=insider_units,
        art5_rows=art5_rows,
        art6_active=art6_active,
        art6_only=art6_only,
        capped_findings=capped,
    )
