"""A deliberately slow, separately written reading of DECISIONS.md, for differential tests.

It shares no code with ``calculator``: it reads the request-shaped dict directly, writes
the statute's numbers out as the Interpretation states them, and uses plain ``Fraction``
arithmetic throughout. It answers the tier, the set of ground provisions, the two
proportional sums, the D5 classification tiers and (by search) the next-tier minima.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

__all__ = ["RefResult", "reference", "reference_minimal_addition"]

STANDARD = {
    "whereabouts": 50,
    "communication_content": 50,
    "credit": 50,
    "property": 50,
    "accommodation": 500,
    "communication_records": 500,
    "health": 500,
    "transaction": 500,
    "other_safety": 500,
    "general": 5000,
}
ITEM = {50: "5.1.3", 500: "5.1.4", 5000: "5.1.5"}
NAMES = ("not_serious", "serious", "especially_serious")


@dataclass(frozen=True)
class RefResult:
    """What the reference finds."""

    tier: str
    provisions: frozenset[str]
    proportional_sum: Fraction
    insider_proportional_sum: Fraction


def _money(value: str | None) -> Fraction:
    return Fraction(Decimal(value or "0"))


def _two_years_before(d: date) -> date:
    if d.month == 2 and d.day == 29:
        return date(d.year - 2, 2, 28)
    return date(d.year - 2, d.month, d.day)


def reference(req: dict[str, Any]) -> RefResult:
    """Tier, grounds and sums under DECISIONS.md, computed the slow way."""
    rows = req.get("records", [])
    bp = req.get("business_purchase")
    art6 = bp is not None and not bp.get("resold", False)
    gains = _money(req.get("illegal_gains_cny"))
    duty_gains = _money(req.get("illegal_gains_from_duty_cny"))
    circ = req.get("circumstances") or {}

    whole: dict[str, int] = defaultdict(int)
    duty: dict[str, int] = defaultdict(int)
    art5_rows = 0
    art6_rows = 0
    for r in rows:
        recipients = r.get("recipients", 0)
        counted = r["count"] * (recipients if recipients > 1 else 1)
        in_duty = r.get("obtained_in_duty", False)
        if art6 and r["category"] == "general" and not in_duty and recipients == 0:
            art6_rows += 1
            continue
        art5_rows += 1
        whole[r["category"]] += counted
        if in_duty:
            duty[r["category"]] += counted

    s = sum((Fraction(n, STANDARD[c]) for c, n in whole.items()), Fraction(0))
    sd = sum((Fraction(n, STANDARD[c]) for c, n in duty.items()), Fraction(0))

    provisions: set[str] = set()
    tier = 0

    def hold(provision: str, level: int) -> None:
        nonlocal tier
        provisions.add(provision)
        tier = max(tier, level)

    if circ.get("whereabouts_used_in_crime"):
        hold("5.1.1", 1)
    if circ.get("knowingly_supplied_criminal_user"):
        hold("5.1.2", 1)
    single = [c for c, n in whole.items() if n >= STANDARD[c]]
    for c in single:
        hold(ITEM[STANDARD[c]], 1)
    if not single and s >= 1:
        hold("5.1.6", 1)
    if gains >= 5000:
        hold("5.1.7", 1)
    if (
        any(Fraction(n) >= Fraction(STANDARD[c], 2) for c, n in duty.items())
        or sd >= Fraction(1, 2)
        or duty_gains >= 2500
    ):
        hold("5.1.8", 1)

    art6_only = art6 and art5_rows == 0 and gains == 0
    conduct = req.get("conduct_date")
    penalty = circ.get("prior_administrative_penalty_date")
    prior = bool(circ.get("prior_criminal_punishment"))
    if penalty is not None and conduct is not None:
        c_date, p_date = date.fromisoformat(conduct), date.fromisoformat(penalty)
        prior = prior or _two_years_before(c_date) <= p_date <= c_date
    if not art6_only:
        if prior:
            hold("5.1.9", 1)
        if circ.get("other_serious_circumstances"):
            hold("5.1.10", 1)

    para2: list[str] = []
    if circ.get("severe_consequences"):
        para2.append("5.2.1")
    if circ.get("major_loss_or_bad_social_impact"):
        para2.append("5.2.2")
    ten = (
        any(n >= 10 * STANDARD[c] for c, n in whole.items())
        or s >= 10
        or gains >= 50000
        or any(n >= 5 * STANDARD[c] for c, n in duty.items())
        or sd >= 5
        or duty_gains >= 25000
    )
    if ten:
        para2.append("5.2.3")
    if circ.get("other_especially_serious_circumstances"):
        para2.append("5.2.4")
    if not art6_only:
        for p in para2:
            hold(p, 2)
    if art6 and bp is not None:
        if _money(bp.get("profit_cny")) >= 50000:
            hold("6.1.1", 1)
        if prior and (art6_rows or not art5_rows):
            hold("6.1.2", 1)
        if art6_only and circ.get("other_serious_circumstances"):
            hold("6.1.3", 1)
    return RefResult(
        tier=NAMES[tier],
        provisions=frozenset(provisions),
        proportional_sum=s,
        insider_proportional_sum=sd,
    )


def reference_classification(req: dict[str, Any]) -> tuple[str, str]:
    """(lenient, strict) tiers: every row in its highest- and lowest-threshold candidate (D5)."""
    out = []
    for pick in (max, min):
        rows = []
        for r in req.get("records", []):
            cands = [r["category"], *r.get("alternative_categories", [])]
            best = pick(STANDARD[c] for c in cands)
            chosen = (
                r["category"]
                if STANDARD[r["category"]] == best
                else next(c for c in cands if STANDARD[c] == best)
            )
            rows.append({**r, "category": chosen})
        out.append(reference({**req, "records": rows}).tier)
    return out[0], out[1]


def reference_minimal_addition(req: dict[str, Any], category: str | None) -> int | None:
    """The least number of records (or cents of gains) that lifts the tier, by search.

    ``None`` where no addition up to a generous bound lifts it.
    """
    start = NAMES.index(reference(req).tier)
    if start == 2:
        return None

    def lifted(n: int) -> bool:
        if category is None:
            total = _money(req.get("illegal_gains_cny")) + Fraction(n, 100)
            amount = Decimal(total.numerator) / Decimal(total.denominator)
            trial = {**req, "illegal_gains_cny": f"{amount:.2f}"}
        else:
            trial = {
                **req,
                "records": [*req.get("records", []), {"category": category, "count": n}],
            }
        return NAMES.index(reference(trial).tier) > start

    hi = 1
    bound = 10**12
    while not lifted(hi):
        hi *= 2
        if hi > bound:
            return None
    lo = hi // 2  # lifted(hi) holds; lifted(lo) does not (or lo == 0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if lifted(mid):
            hi = mid
        else:
            lo = mid
    return hi
