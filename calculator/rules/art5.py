"""Art. 5: 情节严重 (para 1) and 情节特别严重 (para 2) for obtaining, selling or providing.

「非法获取、出售或者提供公民个人信息，具有下列情形之一的，应当认定为刑法第二百五十三条之一规定的“情节严重”：」

One function per item, in the statute's order. The quantity items 三 to 七 take the
``Part`` they test (the whole case, or the insider part alone) and the ``Level`` of the
standards (``calculator/standards.py``): 5.1.8 applies them to the insider part at half,
5.2.3 applies them at ten times, so each reads as the law reads.
"""

from __future__ import annotations

from datetime import date, timedelta

from calculator import law
from calculator.law import Ruleset
from calculator.model import (
    Basis,
    Circumstances,
    Finding,
    FindingDetail,
    Ground,
    PartName,
    PriorPunishmentDetail,
    Tier,
)
from calculator.rules.common import ground
from calculator.standards import (
    Level,
    Part,
    gains_reaching,
    levels,
    may_reach,
    reaches_a_record_standard,
    records_reaching,
    sum_reaching,
)

# --- Paragraph 1: 情节严重 -------------------------------------------------------


def art5_1_1_whereabouts_used_in_crime(c: Circumstances) -> Ground | None:
    """5.1.1, a finding of fact the caller states (D15).

    「出售或者提供行踪轨迹信息，被他人用于犯罪的」
    """
    if c.whereabouts_used_in_crime:
        return _caller_finding(
            law.WHEREABOUTS_USED_IN_CRIME, Tier.SERIOUS, Finding.WHEREABOUTS_USED_IN_CRIME
        )
    return None


def art5_1_2_knowingly_supplied_criminal_user(c: Circumstances) -> Ground | None:
    """5.1.2, a finding of fact the caller states (D15).

    「知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供的」
    """
    if c.knowingly_supplied_criminal_user:
        return _caller_finding(
            law.KNOWINGLY_SUPPLIED_CRIMINAL_USER,
            Tier.SERIOUS,
            Finding.KNOWINGLY_SUPPLIED_CRIMINAL_USER,
        )
    return None


def art5_1_3_high_sensitivity_records(part: Part, level: Level) -> list[Ground]:
    """5.1.3: 50 records of whereabouts, communication content, credit or property (D4, D6, D1).

    「非法获取、出售或者提供行踪轨迹信息、通信内容、征信信息、财产信息五十条以上的」
    """
    return records_reaching(part, law.HIGH_SENSITIVITY_RECORDS, level)


def art5_1_4_safety_records(part: Part, level: Level) -> list[Ground]:
    """5.1.4: 500 records of accommodation, communication records, health, transaction or other safety data (D4).

    「非法获取、出售或者提供住宿信息、通信记录、健康生理信息、交易信息等其他可能影响人身、财产安全的公民个人信息五百条以上的」
    """
    return records_reaching(part, law.SAFETY_RECORDS, level)


def art5_1_5_other_records(part: Part, level: Level) -> list[Ground]:
    """5.1.5: 5,000 records of any other personal information (D4).

    「非法获取、出售或者提供第三项、第四项规定以外的公民个人信息五千条以上的」
    """
    return records_reaching(part, law.OTHER_RECORDS, level)


def art5_1_6_proportional_aggregation(part: Part, level: Level, rs: Ruleset) -> Ground | None:
    """5.1.6: no single category reaches its standard, but the proportional sum does (D7).

    「数量未达到第三项至第五项规定标准，但是按相应比例合计达到有关数量标准的」

    The sum is ``Σ counted / T(c)`` over the Art. 5 rows. At ten times (5.2.3) the
    condition is read at that level: a category at its ×1 standard still counts (D8).
    """
    if reaches_a_record_standard(part, level):
        return None
    return sum_reaching(part, level, rs)


def art5_1_7_illegal_gains(part: Part, level: Level) -> Ground | None:
    """5.1.7: 违法所得 of ¥5,000 or more (D10, D9: never combined with counts).

    「违法所得五千元以上的」
    """
    return gains_reaching(part, level)


def _items_3_to_7(part: Part, level: Level, rs: Ruleset) -> list[Ground]:
    """「第三项至第七项规定标准」: every ground of items 三 to 七 for one part at one level."""
    if not may_reach(part, level):
        return []
    found = [
        *art5_1_3_high_sensitivity_records(part, level),
        *art5_1_4_safety_records(part, level),
        *art5_1_5_other_records(part, level),
    ]
    for one in (
        art5_1_6_proportional_aggregation(part, level, rs),
        art5_1_7_illegal_gains(part, level),
    ):
        if one is not None:
            found.append(one)
    return found


def art5_1_8_insider_half_standards(insider: Part, rs: Ruleset) -> list[Ground]:
    """5.1.8: the insider part alone reaches half a standard of items 三 to 七 (D11, D12).

    「将在履行职责或者提供服务过程中获得的公民个人信息出售或者提供给他人，数量或者数额达到第三项至第七项规定标准一半以上的」

    The duty rows and the duty gains are tested alone: 25 / 250 / 2,500 records, a
    proportional sum of 1/2, ¥2,500. They are never blended with the rest (D12).
    """
    return _items_3_to_7(insider, levels(rs).insider, rs)


def art5_1_9_prior_punishment(
    c: Circumstances, conduct_date: date | None, rs: Ruleset
) -> Ground | None:
    """5.1.9: prior criminal punishment, or an administrative penalty within two years (D17).

    「曾因侵犯公民个人信息受过刑事处罚或者二年内受过行政处罚，又非法获取、出售或者提供公民个人信息的」
    """
    detail = prior_punishment_counts(c, conduct_date, rs, PartName.WHOLE_CASE)
    if detail is None:
        return None
    return ground(rs.admin_provision, Tier.SERIOUS, Basis.COMPUTED, detail)


def art5_1_9_window_start(conduct_date: date, rs: Ruleset) -> date:
    """The first day of 「二年内」 before the conduct date (D17): 29 February less two years is 28 February."""
    year = conduct_date.year - rs.admin_window_years
    try:
        return conduct_date.replace(year=year)
    except ValueError:
        return conduct_date.replace(year=year, day=conduct_date.day - 1)


def prior_punishment_counts(
    c: Circumstances, conduct_date: date | None, rs: Ruleset, part: PartName
) -> PriorPunishmentDetail | None:
    """The prior punishment that counts under 5.1.9 / 6.1.2, or ``None`` (D17).

    A prior criminal punishment counts with no time limit; an administrative penalty
    counts when ``conduct_date − 2 years <= penalty_date <= conduct_date``.
    """
    penalty = c.prior_administrative_penalty_date
    start = None if conduct_date is None else art5_1_9_window_start(conduct_date, rs)
    in_window = (
        penalty is not None
        and conduct_date is not None
        and start is not None
        and start <= penalty <= conduct_date
    )
    if not (c.prior_criminal_punishment or in_window):
        return None
    return PriorPunishmentDetail(
        part=part,
        prior_criminal_punishment=c.prior_criminal_punishment,
        prior_administrative_penalty_date=penalty if in_window else None,
        window_start=start if in_window else None,
        window_end=conduct_date if in_window else None,
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
        return _caller_finding(
            law.SERIOUS_CATCH_ALL, Tier.SERIOUS, Finding.OTHER_SERIOUS_CIRCUMSTANCES
        )
    return None


# --- Paragraph 2: 情节特别严重 ---------------------------------------------------


def art5_2_1_severe_consequences(c: Circumstances) -> Ground | None:
    """5.2.1, a finding of fact the caller states (D15).

    「造成被害人死亡、重伤、精神失常或者被绑架等严重后果的」
    """
    if c.severe_consequences:
        return _caller_finding(
            law.SEVERE_CONSEQUENCES, Tier.ESPECIALLY_SERIOUS, Finding.SEVERE_CONSEQUENCES
        )
    return None


def art5_2_2_major_loss_or_bad_social_impact(c: Circumstances) -> Ground | None:
    """5.2.2, a finding of fact the caller states (D15).

    「造成重大经济损失或者恶劣社会影响的」
    """
    if c.major_loss_or_bad_social_impact:
        return _caller_finding(
            law.MAJOR_LOSS_OR_BAD_SOCIAL_IMPACT,
            Tier.ESPECIALLY_SERIOUS,
            Finding.MAJOR_LOSS_OR_BAD_SOCIAL_IMPACT,
        )
    return None


def art5_2_3_tenfold(whole: Part, insider: Part, rs: Ruleset) -> list[Ground]:
    """5.2.3: ten times a standard of items 三 to 八 (D8, D13).

    「数量或者数额达到前款第三项至第八项规定标准十倍以上的」

    The whole case at ten times items 三 to 七: 500 / 5,000 / 50,000 records, a
    proportional sum of 10 (counting every category; reported only when no single
    category reaches ten times its standard), ¥50,000. The insider part at ten times
    the half standards of item 八: 250 / 2,500 / 25,000, a sum of 5, ¥25,000.
    """
    lv = levels(rs)
    found = _items_3_to_7(whole, lv.tenfold, rs)
    if insider.present:
        found += _items_3_to_7(insider, lv.insider_tenfold, rs)
    return found


def art5_2_4_other_especially_serious_circumstances(c: Circumstances) -> Ground | None:
    """5.2.4, the catch-all, only from a court's finding stated by the caller (D16).

    「其他情节特别严重的情形。」
    """
    if c.other_especially_serious_circumstances:
        return _caller_finding(
            law.ESPECIALLY_SERIOUS_CATCH_ALL,
            Tier.ESPECIALLY_SERIOUS,
            Finding.OTHER_ESPECIALLY_SERIOUS_CIRCUMSTANCES,
        )
    return None


def _caller_finding(provision: str, tier: Tier, finding: Finding) -> Ground:
    return ground(provision, tier, Basis.CALLER_FINDING, FindingDetail(finding=finding))


# The public names, listed last so that the module opens with the statute.
__all__ = [
    "art5_1_1_whereabouts_used_in_crime",
    "art5_1_2_knowingly_supplied_criminal_user",
    "art5_1_3_high_sensitivity_records",
    "art5_1_4_safety_records",
    "art5_1_5_other_records",
    "art5_1_6_proportional_aggregation",
    "art5_1_7_illegal_gains",
    "art5_1_8_insider_half_standards",
    "art5_1_9_near_window_edge",
    "art5_1_9_prior_punishment",
    "art5_1_9_window_start",
    "art5_1_10_other_serious_circumstances",
    "art5_2_1_severe_consequences",
    "art5_2_2_major_loss_or_bad_social_impact",
    "art5_2_3_tenfold",
    "art5_2_4_other_especially_serious_circumstances",
    "prior_punishment_counts",
]
