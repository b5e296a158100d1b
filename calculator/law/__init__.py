"""The law as data: provision texts and parameters, read once at import.

``provisions.toml`` holds every provision the calculator cites, copied verbatim from
``docs/spec/LAW.md``; ``parameters.toml`` holds the thresholds, factors, amounts and
dates, each with the provision that fixes it and its effective date. Rule code reads
these by name; it never writes a threshold itself.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from importlib.resources import files
from typing import Any

from calculator.model import Category

__all__ = [
    "AT_LEAST",
    "BUSINESS_CATCH_ALL",
    "BUSINESS_PARAGRAPH",
    "BUSINESS_PRIOR_PUNISHMENT",
    "CATEGORY_NAMES",
    "COUNTED_AS_SEIZED",
    "COUNTED_CUMULATIVELY",
    "COUNTED_ONCE",
    "COUNTING_PARAGRAPHS",
    "ESPECIALLY_SERIOUS_CATCH_ALL",
    "ESPECIALLY_SERIOUS_PARAGRAPH",
    "EXEMPTION",
    "FINE_BY_CIRCUMSTANCES",
    "HIGH_SENSITIVITY_RECORDS",
    "INSIDER_HEAVIER",
    "KNOWINGLY_SUPPLIED_CRIMINAL_USER",
    "LENIENCY_ARTICLE",
    "LIGHTER_LAW",
    "MAJOR_LOSS_OR_BAD_SOCIAL_IMPACT",
    "MONTHS_PER_YEAR",
    "OFFENCE",
    "OTHER_RECORDS",
    "PENDING_CASES",
    "PROVISIONS",
    "RESALE_PARAGRAPH",
    "RULESETS",
    "SAFETY_RECORDS",
    "SERIOUS_CATCH_ALL",
    "SERIOUS_PARAGRAPH",
    "SEVERE_CONSEQUENCES",
    "STATUTES",
    "UNIT_ARTICLE",
    "UNIT_OFFENCE",
    "WHEREABOUTS_USED_IN_CRIME",
    "CategoryName",
    "Provision",
    "RecordStandard",
    "Ruleset",
    "Statute",
    "catch_all",
    "provision_text",
    "ruleset_by_id",
    "ruleset_for",
    "statute_for",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Provision:
    """One provision: id (LAW.md), title, source instrument, verbatim text, how it is used."""

    id: str
    title: str
    source: str
    text: str
    status: str
    reason: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class RecordStandard:
    """A record standard of 5.1.3 – 5.1.5: the provision, T(c), and its categories."""

    provision: str
    records: int
    categories: tuple[Category, ...]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class Ruleset:
    """One parameter set of 法释〔2017〕10号 with its effective date.

    ``base`` and ``weight`` are derived so that the proportional sum of 5.1.6 is the
    integer ``Σ weight(c)·n_c`` over ``base`` (D7's integer form), exactly.
    """

    id: str
    title: str
    effective_from: date
    effective_from_provision: str
    standards: tuple[RecordStandard, ...]
    standard_of: Mapping[Category, RecordStandard]
    base: int
    weight: Mapping[Category, int]
    proportional_provision: str
    proportional_sum: Fraction
    gains_provision: str
    gains_cny: Decimal
    insider_provision: str
    insider_share: Fraction
    tenfold_provision: str
    tenfold_factor: int
    admin_provision: str
    admin_window_years: int
    admin_edge_days: int
    profit_provision: str
    profit_cny: Decimal
    fine_provision: str
    fine_min_multiple: int
    fine_max_multiple: int
    catch_all_hint_provision: str
    catch_all_hint_share: Fraction

    def threshold(self, category: Category) -> int:
        """T(c): the base record standard of the category."""
        return self.standard_of[category].records


@dataclass(frozen=True, kw_only=True, slots=True, eq=False)
class Statute:
    """The text of CL253-1 in force from a date (D22, D23)."""

    id: str
    title: str
    effective_from: date
    provision: str
    serious_max_months: int
    especially_serious_min_months: int
    especially_serious_max_months: int
    especially_serious_range: bool
    serious_fine: str
    especially_serious_fine: str
    serious_range_zh: str
    serious_range_en: str
    especially_serious_range_zh: str
    especially_serious_range_en: str


@dataclass(frozen=True, kw_only=True, slots=True)
class CategoryName:
    """The statute's name of a category, and an English gloss."""

    zh: str
    en: str


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(files("calculator.law").joinpath(name).read_text(encoding="utf-8"))


def _load_provisions(data: dict[str, Any]) -> dict[str, Provision]:
    out: dict[str, Provision] = {}
    for p in data["provision"]:
        out[p["id"]] = Provision(
            id=p["id"],
            title=p["title"],
            source=p["source"],
            text=p["text"],
            status=p["status"],
            reason=p.get("reason"),
        )
    return out


def _load_ruleset(r: dict[str, Any]) -> Ruleset:
    standards = tuple(
        RecordStandard(
            provision=s["provision"],
            records=int(s["records"]),
            categories=tuple(Category(c) for c in s["categories"]),
        )
        for s in r["record_standard"]
    )
    standard_of = {c: s for s in standards for c in s.categories}
    if set(standard_of) != set(Category):
        raise ValueError("parameters.toml: every category needs exactly one record standard")
    base = math.lcm(*(s.records for s in standards))
    prop = r["proportional_standard"]
    adm = r["prior_administrative_penalty"]
    return Ruleset(
        id=r["id"],
        title=r["title"],
        effective_from=r["effective_from"],
        effective_from_provision=r["effective_from_provision"],
        standards=standards,
        standard_of=standard_of,
        base=base,
        weight={c: base // s.records for c, s in standard_of.items()},
        proportional_provision=prop["provision"],
        proportional_sum=Fraction(prop["sum"]),
        gains_provision=r["gains_standard"]["provision"],
        gains_cny=Decimal(r["gains_standard"]["amount_cny"]),
        insider_provision=r["insider_share"]["provision"],
        insider_share=Fraction(r["insider_share"]["share"]),
        tenfold_provision=r["tenfold"]["provision"],
        tenfold_factor=int(r["tenfold"]["factor"]),
        admin_provision=adm["provision"],
        admin_window_years=int(adm["window_years"]),
        admin_edge_days=int(adm["edge_days"]),
        profit_provision=r["business_profit_standard"]["provision"],
        profit_cny=Decimal(r["business_profit_standard"]["amount_cny"]),
        fine_provision=r["fine_guide"]["provision"],
        fine_min_multiple=int(r["fine_guide"]["min_multiple"]),
        fine_max_multiple=int(r["fine_guide"]["max_multiple"]),
        catch_all_hint_provision=r["catch_all_hint"]["provision"],
        catch_all_hint_share=Fraction(r["catch_all_hint"]["share"]),
    )


def _load_statute(s: dict[str, Any]) -> Statute:
    return Statute(
        id=s["id"],
        title=s["title"],
        effective_from=s["effective_from"],
        provision=s["provision"],
        serious_max_months=int(s["serious_max_months"]),
        especially_serious_min_months=int(s["especially_serious_min_months"]),
        especially_serious_max_months=int(s["especially_serious_max_months"]),
        especially_serious_range=bool(s["especially_serious_range"]),
        serious_fine=s["serious_fine"],
        especially_serious_fine=s["especially_serious_fine"],
        serious_range_zh=s["serious_range_zh"],
        serious_range_en=s["serious_range_en"],
        especially_serious_range_zh=s["especially_serious_range_zh"],
        especially_serious_range_en=s["especially_serious_range_en"],
    )


_PARAMETERS = _read("parameters.toml")

PROVISIONS: Mapping[str, Provision] = _load_provisions(_read("provisions.toml"))
"""Every provision the calculator cites, by id."""

RULESETS: tuple[Ruleset, ...] = tuple(
    sorted((_load_ruleset(r) for r in _PARAMETERS["ruleset"]), key=lambda r: r.effective_from)
)
"""The parameter sets, oldest first."""

STATUTES: tuple[Statute, ...] = tuple(
    sorted((_load_statute(s) for s in _PARAMETERS["statute"]), key=lambda s: s.effective_from)
)
"""The texts of CL253-1 by effective date, oldest first."""

CATEGORY_NAMES: Mapping[Category, CategoryName] = {
    Category(k): CategoryName(zh=v["zh"], en=v["en"]) for k, v in _PARAMETERS["category"].items()
}
"""The statute's names of the categories."""


# Provisions the answer names by their role, where no parameter of a ruleset carries
# them: the prose and the provision lists read these names, never the ids themselves.
# Each is checked against provisions.toml below.

# The items of Art. 5, named once by what they cover: calculator/rules/art5.py cites these.
WHEREABOUTS_USED_IN_CRIME = "5.1.1"
"""出售或者提供行踪轨迹信息，被他人用于犯罪的 (D15)."""
KNOWINGLY_SUPPLIED_CRIMINAL_USER = "5.1.2"
"""知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供的 (D15)."""
HIGH_SENSITIVITY_RECORDS = "5.1.3"
"""The 50-record standard (D4); the ruleset's first record standard."""
SAFETY_RECORDS = "5.1.4"
"""The 500-record standard (D4)."""
OTHER_RECORDS = "5.1.5"
"""The 5,000-record standard (D4)."""
SERIOUS_CATCH_ALL = "5.1.10"
"""其他情节严重的情形 (D16)."""
SEVERE_CONSEQUENCES = "5.2.1"
"""造成被害人死亡、重伤、精神失常或者被绑架等严重后果的 (D15)."""
MAJOR_LOSS_OR_BAD_SOCIAL_IMPACT = "5.2.2"
"""造成重大经济损失或者恶劣社会影响的 (D15)."""
ESPECIALLY_SERIOUS_CATCH_ALL = "5.2.4"
"""其他情节特别严重的情形 (D16)."""
SERIOUS_PARAGRAPH = "5.1"
"""第五条第一款: the 情节严重 items of Art. 5."""
ESPECIALLY_SERIOUS_PARAGRAPH = "5.2"
"""第五条第二款: the 情节特别严重 items of Art. 5."""
BUSINESS_PARAGRAPH = "6.1"
"""第六条第一款: bought or received for a lawful business (D18)."""
RESALE_PARAGRAPH = "6.2"
"""第六条第二款: what was bought is resold, so Art. 5 applies (D19)."""
BUSINESS_PRIOR_PUNISHMENT = "6.1.2"
"""第六条第一款第二项: prior punishment, then buying again (D18, the D17 window)."""
BUSINESS_CATCH_ALL = "6.1.3"
"""第六条第一款第三项: the catch-all of Art. 6 (D16, D18)."""
UNIT_ARTICLE = "7"
"""第七条: unit offenders (D26)."""
LENIENCY_ARTICLE = "10"
"""第十条: minor cases, non-prosecution or exemption (D25)."""
COUNTED_ONCE = "11.1"
"""第十一条第一款: obtained and then passed on counts once (D21)."""
COUNTED_CUMULATIVELY = "11.2"
"""第十一条第二款: the same records to several recipients add up (D21)."""
COUNTED_AS_SEIZED = "11.3"
"""第十一条第三款: the quantity seized, less proven false or duplicate records (D3)."""
COUNTING_PARAGRAPHS = (COUNTED_ONCE, COUNTED_CUMULATIVELY, COUNTED_AS_SEIZED)
"""第十一条: how records are counted, in statute order (D3, D21)."""
AT_LEAST = "CL99"
"""刑法第九十九条: 以上 includes the number (D1)."""
LIGHTER_LAW = "CL12"
"""刑法第十二条: the lighter law at the time of the conduct (D22)."""
EXEMPTION = "CL37"
"""刑法第三十七条: exemption from criminal punishment (D25)."""
FINE_BY_CIRCUMSTANCES = "CL52"
"""刑法第五十二条: without gains the fine follows the circumstances of the crime (D24)."""
INSIDER_HEAVIER = "CL253-1.2"
"""刑法第二百五十三条之一第二款: heavier punishment for the insider part (D14)."""
UNIT_OFFENCE = "CL253-1.4"
"""刑法第二百五十三条之一第四款: the unit fined, the persons responsible punished (D26)."""
PENDING_CASES = "TE2001.2"
"""时间效力规定第二条: a pending case is handled under the later interpretation (D22)."""

_NAMED = (
    WHEREABOUTS_USED_IN_CRIME,
    KNOWINGLY_SUPPLIED_CRIMINAL_USER,
    HIGH_SENSITIVITY_RECORDS,
    SAFETY_RECORDS,
    OTHER_RECORDS,
    SERIOUS_CATCH_ALL,
    SEVERE_CONSEQUENCES,
    MAJOR_LOSS_OR_BAD_SOCIAL_IMPACT,
    ESPECIALLY_SERIOUS_CATCH_ALL,
    SERIOUS_PARAGRAPH,
    ESPECIALLY_SERIOUS_PARAGRAPH,
    BUSINESS_PARAGRAPH,
    RESALE_PARAGRAPH,
    BUSINESS_PRIOR_PUNISHMENT,
    BUSINESS_CATCH_ALL,
    UNIT_ARTICLE,
    LENIENCY_ARTICLE,
    *COUNTING_PARAGRAPHS,
    AT_LEAST,
    LIGHTER_LAW,
    EXEMPTION,
    FINE_BY_CIRCUMSTANCES,
    INSIDER_HEAVIER,
    UNIT_OFFENCE,
    PENDING_CASES,
)
if any(p not in PROVISIONS for p in _NAMED):
    raise ValueError("calculator.law: a named provision is missing from provisions.toml")

MONTHS_PER_YEAR = 12
"""The statute data states terms in months; the prose names whole years."""

OFFENCE = STATUTES[-1].provision.rpartition(".")[0]
"""The article of the offence (``CL253-1``), as the statute data names its paragraph 1."""


def catch_all(paragraph: str) -> str:
    """A paragraph's last item, its catch-all: ``5.1`` → ``5.1.10``, ``5.2`` → ``5.2.4``."""
    depth = paragraph.count(".") + 1
    items = [p for p in PROVISIONS if p.startswith(paragraph + ".") and p.count(".") == depth]
    return items[-1]


def provision_text(provision_id: str) -> str:
    """The verbatim text of a provision."""
    return PROVISIONS[provision_id].text


def ruleset_for(conduct_date: date | None) -> Ruleset:
    """The parameters for a conduct date (D22).

    Conduct before the first ruleset still pending is assessed under the earliest one
    (时间效力规定 clause 二: no earlier interpretation fixed Art. 253-1 thresholds).
    """
    chosen = RULESETS[0]
    if conduct_date is not None:
        for r in RULESETS:
            if r.effective_from <= conduct_date:
                chosen = r
    else:
        chosen = RULESETS[-1]
    return chosen


def ruleset_by_id(ruleset_id: str) -> Ruleset:
    """The parameter set with this id."""
    for r in RULESETS:
        if r.id == ruleset_id:
            return r
    raise KeyError(ruleset_id)


def statute_for(conduct_date: date | None) -> Statute | None:
    """The text of CL253-1 in force on the conduct date, or ``None`` before the first (D22)."""
    if conduct_date is None:
        return STATUTES[-1]
    chosen: Statute | None = None
    for s in STATUTES:
        if s.effective_from <= conduct_date:
            chosen = s
    return chosen
