"""Art. 5: 情节严重 (para 1) and 情节特别严重 (para 2) for obtaining, selling or providing.

Functions follow the statute's order. The quantity items 三 to 七 are one mechanism
applied at four levels: the ordinary standard, the half standard of item 八 for the
insider part (``art5_1_8_half``), and ten times either of them under para 2 item 三
(``art5_2_3_ten_times``). The modifiers are their own cited functions, so each base
rule reads as the law reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from math import gcd

from calculator.law import Ruleset, provision_text
from calculator.model import (
    Basis,
    Category,
    Circumstances,
    Ground,
    Standard,
    StandardKind,
    Tier,
    new_ground,
)
from calculator.rules.common import fraction_text, ground, money_text, number_or_fraction

__all__ = [
    "Level",
    "Levels",
    "art5_1_1_whereabouts_used_in_crime",
    "art5_1_2_knowingly_supplied_criminal_user",
    "art5_1_3_high_sensitivity_records",
    "art5_1_4_safety_records",
    "art5_1_5_other_records",
    "art5_1_6_proportional_aggregation",
    "art5_1_7_illegal_gains",
    "art5_1_8_half",
    "art5_1_8_insider_half_standards",
    "art5_1_9_near_window_edge",
    "art5_1_9_prior_punishment",
    "art5_1_9_window_start",
    "art5_1_10_other_serious_circumstances",
    "art5_2_1_severe_consequences",
    "art5_2_2_major_loss_or_bad_social_impact",
    "art5_2_3_ten_times",
    "art5_2_3_tenfold",
    "art5_2_4_other_especially_serious_circumstances",
    "levels",
    "make_level",
    "prior_punishment_counts",
    "quantity_reaches",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Level:
    """A level of the quantity standards: which tier, which ground, which part, what multiple.

    ``share`` multiplies every standard of items 三 to 七 (1, 1/2, 10 or 5).
    ``provision`` is the ground's provision where it differs from the item's own
    (``5.1.8`` for the insider part, ``5.2.3`` for ten times). The exact integer and
    decimal minima are derived once: a count ``n`` reaches ``T(c) × share`` exactly when
    ``n >= need_records[c]``, the proportional sum reaches when ``units >= need_units``,
    gains when ``gains >= need_gains`` (D1). The cited texts and the numbers each
    ground reports are derived once as well (``record_*``, ``sum_*``, ``gains_*``).
    """

    tier: Tier
    provision: str | None
    part: str
    share: Fraction
    need_records: Mapping[Category, int]
    need_units: int
    need_gains: Decimal
    sum_standard: Fraction
    need_any_units: int
    share_text: str
    item_of: Mapping[Category, str]
    record_standard: Mapping[Category, int | str]
    record_provision: Mapping[str, str]
    record_text: Mapping[str, str]
    sum_provision: str
    sum_text: str
    sum_standard_text: str
    gains_provision: str
    gains_text: str
    gains_key: str
    need_gains_text: str
    per_category: tuple[tuple[Category, int, int, str], ...]
    records_standard: Mapping[Category, Standard]
    sum_standard_reached: Standard
    gains_standard: Standard


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)


def make_level(
    *, tier: Tier, provision: str | None, part: str, share: Fraction, rs: Ruleset
) -> Level:
    """A level with its exact minima, cited texts and reported numbers derived from the ruleset."""
    sum_standard = rs.proportional_sum * share
    need_records = {c: _ceil(s.records * share) for c, s in rs.standard_of.items()}
    need_units = _ceil(rs.base * sum_standard)
    need_gains = rs.gains_cny * share.numerator / share.denominator
    record_provision = {s.provision: provision or s.provision for s in rs.standards}
    halved = part == "insider_part"
    tenfold = tier is Tier.ESPECIALLY_SERIOUS
    return Level(
        tier=tier,
        provision=provision,
        part=part,
        share=share,
        need_records=need_records,
        need_units=need_units,
        need_gains=need_gains,
        sum_standard=sum_standard,
        # below this no record ground can hold: a category at its standard weighs at least this
        need_any_units=min(need_units, *(rs.weight[c] * n for c, n in need_records.items())),
        share_text=fraction_text(share),
        item_of={c: s.provision for c, s in rs.standard_of.items()},
        record_standard={
            c: number_or_fraction(s.records * share) for c, s in rs.standard_of.items()
        },
        record_provision=record_provision,
        record_text={item: provision_text(p) for item, p in record_provision.items()},
        sum_provision=provision or rs.proportional_provision,
        sum_text=provision_text(provision or rs.proportional_provision),
        sum_standard_text=fraction_text(sum_standard),
        gains_provision=provision or rs.gains_provision,
        gains_text=provision_text(provision or rs.gains_provision),
        gains_key="illegal_gains_from_duty_cny" if part == "insider_part" else "illegal_gains_cny",
        need_gains_text=money_text(need_gains),
        # per category, in the statute's order: the least count, its weight in the sum,
        # the provision of its own ground at this level
        per_category=tuple(
            (c, need_records[c], rs.weight[c], provision or rs.standard_of[c].provision)
            for c in Category
        ),
        records_standard={
            c: Standard(
                kind=StandardKind.RECORDS,
                item=s.provision,
                value=s.records * share,
                base=Fraction(s.records),
                multiple=share,
                halved=halved,
                tenfold=tenfold,
            )
            for c, s in rs.standard_of.items()
        },
        sum_standard_reached=Standard(
            kind=StandardKind.PROPORTIONAL_SUM,
            item=rs.proportional_provision,
            value=sum_standard,
            base=rs.proportional_sum,
            multiple=share,
            halved=halved,
            tenfold=tenfold,
        ),
        gains_standard=Standard(
            kind=StandardKind.YUAN,
            item=rs.gains_provision,
            value=need_gains,
            base=rs.gains_cny,
            multiple=share,
            halved=halved,
            tenfold=tenfold,
        ),
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Levels:
    """The four levels for one ruleset, and the proportional-sum standards they set."""

    ordinary: Level
    insider: Level
    tenfold: Level
    insider_tenfold: Level
    sum_standards: tuple[Fraction, Fraction]
    insider_sum_standards: tuple[Fraction, Fraction]


_LEVELS: dict[str, Levels] = {}


def levels(rs: Ruleset) -> Levels:
    """The four levels of the quantity standards under a ruleset (derived once)."""
    found = _LEVELS.get(rs.id)
    if found is None:
        ordinary = make_level(
            tier=Tier.SERIOUS, provision=None, part="whole_case", share=Fraction(1), rs=rs
        )
        insider = art5_1_8_half(ordinary, rs)
        tenfold = art5_2_3_ten_times(ordinary, rs)
        insider_tenfold = art5_2_3_ten_times(insider, rs)
        found = Levels(
            ordinary=ordinary,
            insider=insider,
            tenfold=tenfold,
            insider_tenfold=insider_tenfold,
            sum_standards=(ordinary.sum_standard, tenfold.sum_standard),
            insider_sum_standards=(insider.sum_standard, insider_tenfold.sum_standard),
        )
        _LEVELS[rs.id] = found
    return found


def quantity_reaches(units: int, level: Level) -> bool:
    """Proportional sum ``units / base`` reaches the item 六 standard × share exactly (D7)."""
    return units >= level.need_units


def _single_category_grounds(
    by_category: Mapping[Category, int], item: str, level: Level
) -> list[Ground]:
    out: list[Ground] = []
    need = level.need_records
    item_of = level.item_of
    for category, counted in by_category.items():
        if counted >= need[category] and item_of[category] == item:
            out.append(
                new_ground(
                    provision=level.record_provision[item],
                    tier=level.tier,
                    text=level.record_text[item],
                    basis=Basis.COMPUTED,
                    detail={
                        "part": level.part,
                        "item": item,
                        "category": category.value,
                        "counted": counted,
                        "standard": level.record_standard[category],
                        "share": level.share_text,
                    },
                    standard=level.records_standard[category],
                )
            )
    return out


def _any_single(by_category: Mapping[Category, int], level: Level) -> bool:
    need = level.need_records
    for category, counted in by_category.items():  # noqa: SIM110 - no generator on the hot path
        if counted >= need[category]:
            return True
    return False


def _proportional_ground(
    by_category: Mapping[Category, int], units: int, rs: Ruleset, level: Level
) -> Ground | None:
    if units < level.need_units or _any_single(by_category, level):
        return None  # 「数量未达到第三项至第五项规定标准」 (D7; D8 at the ×10 level)
    common = gcd(units, rs.base)
    return new_ground(
        provision=level.sum_provision,
        tier=level.tier,
        text=level.sum_text,
        basis=Basis.COMPUTED,
        detail={
            "part": level.part,
            "item": rs.proportional_provision,
            "proportional_sum": f"{units // common}/{rs.base // common}",
            "standard": level.sum_standard_text,
            "share": level.share_text,
        },
        standard=level.sum_standard_reached,
    )


def _gains_ground(amount: Decimal, rs: Ruleset, level: Level) -> Ground | None:
    if amount < level.need_gains:
        return None
    return new_ground(
        provision=level.gains_provision,
        tier=level.tier,
        text=level.gains_text,
        basis=Basis.COMPUTED,
        detail={
            "part": level.part,
            "item": rs.gains_provision,
            level.gains_key: money_text(amount),
            "standard_cny": level.need_gains_text,
            "share": level.share_text,
        },
        standard=level.gains_standard,
    )


def _items_3_to_7(
    by_category: Mapping[Category, int],
    units: int,
    gains: Decimal,
    rs: Ruleset,
    level: Level,
) -> list[Ground]:
    out: list[Ground] = []
    if units >= level.need_any_units:
        for standard in rs.standards:
            out += _single_category_grounds(by_category, standard.provision, level)
    prop = _proportional_ground(by_category, units, rs, level)
    if prop is not None:
        out.append(prop)
    gain = _gains_ground(gains, rs, level)
    if gain is not None:
        out.append(gain)
    return out


def _caller_finding(provision: str, tier: Tier, finding: str) -> Ground:
    return ground(provision, tier, Basis.CALLER_FINDING, {"finding": finding})


# --- Paragraph 1: 情节严重 -------------------------------------------------------


def art5_1_1_whereabouts_used_in_crime(c: Circumstances) -> Ground | None:
    """5.1.1, a finding of fact the caller states (D15).

    「出售或者提供行踪轨迹信息，被他人用于犯罪的」
    """
    if c.whereabouts_used_in_crime:
        return _caller_finding("5.1.1", Tier.SERIOUS, "whereabouts_used_in_crime")
    return None


def art5_1_2_knowingly_supplied_criminal_user(c: Circumstances) -> Ground | None:
    """5.1.2, a finding of fact the caller states (D15).

    「知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供的」
    """
    if c.knowingly_supplied_criminal_user:
        return _caller_finding("5.1.2", Tier.SERIOUS, "knowingly_supplied_criminal_user")
    return None


def art5_1_3_high_sensitivity_records(
    by_category: Mapping[Category, int], rs: Ruleset
) -> list[Ground]:
    """5.1.3: 50 records of whereabouts, communication content, credit or property (D4, D6, D1).

    「非法获取、出售或者提供行踪轨迹信息、通信内容、征信信息、财产信息五十条以上的」
    """
    return _single_category_grounds(by_category, "5.1.3", levels(rs).ordinary)


def art5_1_4_safety_records(by_category: Mapping[Category, int], rs: Ruleset) -> list[Ground]:
    """5.1.4: 500 records of accommodation, communication records, health, transaction or other safety data (D4).

    「非法获取、出售或者提供住宿信息、通信记录、健康生理信息、交易信息等其他可能影响人身、财产安全的公民个人信息五百条以上的」
    """
    return _single_category_grounds(by_category, "5.1.4", levels(rs).ordinary)


def art5_1_5_other_records(by_category: Mapping[Category, int], rs: Ruleset) -> list[Ground]:
    """5.1.5: 5,000 records of any other personal information (D4).

    「非法获取、出售或者提供第三项、第四项规定以外的公民个人信息五千条以上的」
    """
    return _single_category_grounds(by_category, "5.1.5", levels(rs).ordinary)


def art5_1_6_proportional_aggregation(
    by_category: Mapping[Category, int], units: int, rs: Ruleset
) -> Ground | None:
    """5.1.6: no single category reaches its standard, but the proportional sum reaches 1 (D7).

    「数量未达到第三项至第五项规定标准，但是按相应比例合计达到有关数量标准的」

    The sum is ``Σ counted / T(c)`` over the Art. 5 rows, in integer form
    ``Σ weight(c)·n_c >= base``; the ground is reported only when no single category
    reaches its own standard at the same level.
    """
    return _proportional_ground(by_category, units, rs, levels(rs).ordinary)


def art5_1_7_illegal_gains(gains: Decimal, rs: Ruleset) -> Ground | None:
    """5.1.7: 违法所得 of ¥5,000 or more (D10, D9: never combined with counts).

    「违法所得五千元以上的」
    """
    return _gains_ground(gains, rs, levels(rs).ordinary)


def art5_1_8_half(level: Level, rs: Ruleset) -> Level:
    """5.1.8's modifier: half of every standard of items 三 to 七, for the insider part (D12).

    「数量或者数额达到第三项至第七项规定标准一半以上的」
    """
    return make_level(
        tier=level.tier,
        provision=rs.insider_provision,
        part="insider_part",
        share=level.share * rs.insider_share,
        rs=rs,
    )


def art5_1_8_insider_half_standards(
    insider_by_category: Mapping[Category, int],
    insider_units: int,
    duty_gains: Decimal,
    rs: Ruleset,
) -> list[Ground]:
    """5.1.8: the insider part alone reaches half a standard of items 三 to 七 (D11, D12).

    「将在履行职责或者提供服务过程中获得的公民个人信息出售或者提供给他人，数量或者数额达到第三项至第七项规定标准一半以上的」

    The duty rows and the duty gains are tested alone: 25 / 250 / 2,500 records, a
    proportional sum of 1/2, ¥2,500. They are never blended with the rest (D12).
    """
    return _items_3_to_7(insider_by_category, insider_units, duty_gains, rs, levels(rs).insider)


def art5_1_9_window_start(conduct_date: date, rs: Ruleset) -> date:
    """The first day of 「二年内」 before the conduct date (D17): 29 February less two years is 28 February."""
    year = conduct_date.year - rs.admin_window_years
    try:
        return conduct_date.replace(year=year)
    except ValueError:
        return conduct_date.replace(year=year, day=conduct_date.day - 1)


def prior_punishment_counts(
    c: Circumstances, conduct_date: date | None, rs: Ruleset
) -> dict[str, int | str | bool | None] | None:
    """The prior punishment that counts under 5.1.9 / 6.1.2, as detail, or ``None`` (D17).

    A prior criminal punishment counts with no time limit; an administrative penalty
    counts when ``conduct_date − 2 years <= penalty_date <= conduct_date``.
    """
    detail: dict[str, int | str | bool | None] = {}
    if c.prior_criminal_punishment:
        detail["prior_criminal_punishment"] = True
    penalty = c.prior_administrative_penalty_date
    if penalty is not None and conduct_date is not None:
        start = art5_1_9_window_start(conduct_date, rs)
        if start <= penalty <= conduct_date:
            detail["prior_administrative_penalty_date"] = penalty.isoformat()
            detail["window_start"] = start.isoformat()
            detail["window_end"] = conduct_date.isoformat()
    return detail or None


def art5_1_9_prior_punishment(
    c: Circumstances, conduct_date: date | None, rs: Ruleset
) -> Ground | None:
    """5.1.9: prior criminal punishment, or an administrative penalty within two years (D17).

    「曾因侵犯公民个人信息受过刑事处罚或者二年内受过行政处罚，又非法获取、出售或者提供公民个人信息的」
    """
    detail = prior_punishment_counts(c, conduct_date, rs)
    if detail is None:
        return None
    return ground(
        rs.admin_provision, Tier.SERIOUS, Basis.COMPUTED, {"part": "whole_case", **detail}
    )


def art5_1_9_near_window_edge(penalty: date, conduct_date: date, rs: Ruleset) -> bool:
    """Whether the penalty date lies within the D17 margin of the window's start, on either side."""
    start = art5_1_9_window_start(conduct_date, rs)
    return abs(penalty - start) <= timedelta(days=rs.admin_edge_days)


def art5_1_10_other_serious_circumstances(c: Circumstances) -> Ground | None:
    """5.1.10, the catch-all, only from a court's finding stated by the caller (D16).

    「其他情节严重的情形。」
    """
    if c.other_serious_circumstances:
        return _caller_finding("5.1.10", Tier.SERIOUS, "other_serious_circumstances")
    return None


# --- Paragraph 2: 情节特别严重 ---------------------------------------------------


def art5_2_1_severe_consequences(c: Circumstances) -> Ground | None:
    """5.2.1, a finding of fact the caller states (D15).

    「造成被害人死亡、重伤、精神失常或者被绑架等严重后果的」
    """
    if c.severe_consequences:
        return _caller_finding("5.2.1", Tier.ESPECIALLY_SERIOUS, "severe_consequences")
    return None


def art5_2_2_major_loss_or_bad_social_impact(c: Circumstances) -> Ground | None:
    """5.2.2, a finding of fact the caller states (D15).

    「造成重大经济损失或者恶劣社会影响的」
    """
    if c.major_loss_or_bad_social_impact:
        return _caller_finding("5.2.2", Tier.ESPECIALLY_SERIOUS, "major_loss_or_bad_social_impact")
    return None


def art5_2_3_ten_times(level: Level, rs: Ruleset) -> Level:
    """5.2.3's modifier: ten times a standard of items 三 to 八 (D8, D13).

    「数量或者数额达到前款第三项至第八项规定标准十倍以上的」
    """
    return make_level(
        tier=Tier.ESPECIALLY_SERIOUS,
        provision=rs.tenfold_provision,
        part=level.part,
        share=level.share * rs.tenfold_factor,
        rs=rs,
    )


def art5_2_3_tenfold(
    by_category: Mapping[Category, int],
    units: int,
    gains: Decimal,
    insider_by_category: Mapping[Category, int],
    insider_units: int,
    duty_gains: Decimal,
    rs: Ruleset,
) -> list[Ground]:
    """5.2.3: ten times a standard of items 三 to 八 (D8, D13).

    「数量或者数额达到前款第三项至第八项规定标准十倍以上的」

    The whole case at ten times items 三 to 七: 500 / 5,000 / 50,000 records, a
    proportional sum of 10 (counting every category; reported only when no single
    category reaches ten times its standard), ¥50,000. The insider part at ten times
    the half standards of item 八: 250 / 2,500 / 25,000, a sum of 5, ¥25,000.
    """
    lv = levels(rs)
    found = _items_3_to_7(by_category, units, gains, rs, lv.tenfold)
    if insider_by_category or duty_gains:
        found += _items_3_to_7(
            insider_by_category, insider_units, duty_gains, rs, lv.insider_tenfold
        )
    return found


def art5_2_4_other_especially_serious_circumstances(c: Circumstances) -> Ground | None:
    """5.2.4, the catch-all, only from a court's finding stated by the caller (D16).

    「其他情节特别严重的情形。」
    """
    if c.other_especially_serious_circumstances:
        return _caller_finding(
            "5.2.4", Tier.ESPECIALLY_SERIOUS, "other_especially_serious_circumstances"
        )
    return None
