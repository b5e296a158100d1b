"""The exact distance to the next tier: the least single addition that reaches it.

An addition is a new row of one category (not from duty, ``recipients`` 0) or gains
not from duty (API.md). Every quantity condition of Art. 5 is a threshold on the
addition, so the least addition is the least of the thresholds that can be crossed;
``tests/test_next_tier.py`` checks each one against a full assessment of the case
with the addition (it reaches the tier) and with one unit less (it does not).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from calculator.evaluate import Evaluation, next_tier_answer
from calculator.law import Ruleset, ruleset_by_id
from calculator.model import (
    Addition,
    Category,
    NextTier,
    OptionBasis,
    Tier,
)
from calculator.questions import TENFOLD_RESTS_ON_PROPORTIONAL_SUM
from calculator.standards import levels

__all__ = ["CENT", "next_tier"]


CENT = Decimal("0.01")
"""The smallest addition of money (D2: at most two decimal places)."""


def next_tier(ev: Evaluation, gains: Decimal, rs: Ruleset) -> NextTier | None:
    """Every category's and the gains' least addition that alone reaches the next tier.

    A ``general`` row added to an Art. 6 case is Art. 6 conduct (D18) and changes
    nothing, so it is no option. In an Art. 6-only case a para-2 circumstance held back
    by D20 applies as soon as any Art. 5 conduct is added: one record or ¥0.01 then
    reaches 情节特别严重.
    """
    if ev.tier is Tier.ESPECIALLY_SERIOUS:
        return None
    target = Tier.of_rank(ev.tier.rank + 1)
    lv = levels(rs)
    level = lv.ordinary if target is Tier.SERIOUS else lv.tenfold
    sum_gap = level.need_units - ev.whole.units
    by_category = ev.whole.by_category
    cap_lift = ev.capped_findings[0] if ev.art6_only and ev.capped_findings else None
    options: list[Addition] = []
    skip = Category.GENERAL if ev.art6_active else None
    for category, need, weight in level.per_category:
        if category is skip:
            continue
        single = need - by_category.get(category, 0)
        through_sum = -(-sum_gap // weight)
        if cap_lift is not None and min(single, through_sum) > 1:
            options.append(_caller_finding(cap_lift, category=category, additional_records=1))
        elif single <= through_sum:
            options.append(
                _records_option(rs.id, target, category, single if single > 1 else 1, False)
            )
        else:
            via_sum = through_sum if through_sum > 1 else 1
            options.append(_records_option(rs.id, target, category, via_sum, True))
    money = level.need_gains - gains
    if cap_lift is not None and money > CENT:
        options.append(_caller_finding(cap_lift, additional_gains_cny=CENT))
    else:
        options.append(_gains_option(rs.id, target, max(money, CENT)))
    return next_tier_answer(target, tuple(options))


@lru_cache(maxsize=8192)
def _records_option(
    ruleset: str, target: Tier, category: Category, records: int, via_sum: bool
) -> Addition:
    """Add ``records`` of ``category``: through its own standard, or through the proportional sum.

    Through the sum at ten times, 情节特别严重 would rest on a reading D8 leaves open, so
    the option is contested and names that question. Options recur from case to case (a
    category a case lacks needs its whole standard), so each distinct one is made once
    (measured on the bench/http.py case, CPU time per assessment: 53 µs with the options
    kept, 65 µs with all eleven made afresh).
    """
    lv = levels(ruleset_by_id(ruleset))
    level = lv.ordinary if target is Tier.SERIOUS else lv.tenfold
    if not via_sum:
        return Addition(
            provision=level.provision or level.records[category].item,
            category=category,
            additional_records=records,
            basis=OptionBasis.SINGLE_CATEGORY,
            standard=level.records[category],
        )
    question = TENFOLD_RESTS_ON_PROPORTIONAL_SUM if target is Tier.ESPECIALLY_SERIOUS else None
    return Addition(
        provision=level.provision or level.proportional_sum.item,
        category=category,
        additional_records=records,
        basis=OptionBasis.PROPORTIONAL_SUM,
        contested=question is not None,
        open_question=question,
        standard=level.proportional_sum,
    )


@lru_cache(maxsize=1024)
def _gains_option(ruleset: str, target: Tier, gains: Decimal) -> Addition:
    """Add ``gains`` not from duty. Recurs as options do: a case without gains needs the
    whole standard (callgrind, next_tier() of bench/core.py's 1-row case, with the enums'
    identity hashing: 77,200 → 63,900 instructions).
    """
    lv = levels(ruleset_by_id(ruleset))
    level = lv.ordinary if target is Tier.SERIOUS else lv.tenfold
    return Addition(
        provision=level.provision or level.gains.item,
        additional_gains_cny=gains,
        basis=OptionBasis.GAINS,
        standard=level.gains,
    )


def _caller_finding(
    provision: str,
    *,
    category: Category | None = None,
    additional_records: int | None = None,
    additional_gains_cny: Decimal | None = None,
) -> Addition:
    """D20: any Art. 5 conduct lets the para-2 finding held back in an Art. 6-only case apply."""
    return Addition(
        provision=provision,
        category=category,
        additional_records=additional_records,
        additional_gains_cny=additional_gains_cny,
        basis=OptionBasis.CALLER_FINDING,
    )
