"""Art. 6: buying or receiving information for a lawful business (D18 – D20)."""

from __future__ import annotations

from datetime import date

from calculator.law import BUSINESS_CATCH_ALL, BUSINESS_PRIOR_PUNISHMENT, Ruleset
from calculator.model import (
    Basis,
    BusinessPurchase,
    Category,
    Circumstances,
    Finding,
    FindingDetail,
    Ground,
    PartName,
    ProfitDetail,
    RecordRow,
    Standard,
    StandardKind,
    Tier,
)
from calculator.rules.art5 import prior_punishment_counts
from calculator.rules.common import ground

__all__ = [
    "art6_1_1_business_profit",
    "art6_1_2_prior_punishment",
    "art6_1_3_other_serious_circumstances",
    "art6_1_business_path_row",
    "art6_2_resale_applies_art5",
]


def art6_1_business_path_row(row: RecordRow, purchase: BusinessPurchase | None) -> bool:
    """Whether a row is Art. 6 conduct rather than Art. 5 conduct (D18).

    「为合法经营活动而非法购买、收受本解释第五条第一款第三项、第四项规定以外的公民个人信息」

    Only ``general`` records (outside items 三 and 四) that were only bought or received:
    not obtained in duty and passed on to nobody (``recipients`` 0). Records exchanged
    with another party have that party as a recipient and stay under Art. 5 (D18).
    With ``resold`` the whole case is Art. 5 conduct (D19).
    """
    return (
        purchase is not None
        and not art6_2_resale_applies_art5(purchase)
        and row.category is Category.GENERAL
        and not row.obtained_in_duty
        and row.recipients == 0
    )


def art6_1_1_business_profit(purchase: BusinessPurchase, rs: Ruleset) -> Ground | None:
    """6.1.1: profit from using the bought information reaches ¥50,000 (D18, D1).

    「利用非法购买、收受的公民个人信息获利五万元以上的」
    """
    if purchase.profit_cny < rs.profit_cny:
        return None
    standard = Standard(
        kind=StandardKind.YUAN, item=rs.profit_provision, value=rs.profit_cny, base=rs.profit_cny
    )
    detail = ProfitDetail(profit=purchase.profit_cny, standard=standard)
    return ground(rs.profit_provision, Tier.SERIOUS, Basis.COMPUTED, detail)


def art6_1_2_prior_punishment(
    circumstances: Circumstances, conduct_date: date | None, rs: Ruleset
) -> Ground | None:
    """6.1.2: prior punishment, then buying or receiving again (D18, the D17 window).

    「曾因侵犯公民个人信息受过刑事处罚或者二年内受过行政处罚，又非法购买、收受公民个人信息的」
    """
    detail = prior_punishment_counts(circumstances, conduct_date, rs, PartName.BUSINESS_PURCHASE)
    if detail is None:
        return None
    return ground(BUSINESS_PRIOR_PUNISHMENT, Tier.SERIOUS, Basis.COMPUTED, detail)


def art6_1_3_other_serious_circumstances(circumstances: Circumstances) -> Ground | None:
    """6.1.3: the catch-all, only from a court's finding stated by the caller (D16, D18).

    「其他情节严重的情形。」
    """
    if circumstances.other_serious_circumstances:
        return ground(
            BUSINESS_CATCH_ALL,
            Tier.SERIOUS,
            Basis.CALLER_FINDING,
            FindingDetail(
                finding=Finding.OTHER_SERIOUS_CIRCUMSTANCES, part=PartName.BUSINESS_PURCHASE
            ),
        )
    return None


def art6_2_resale_applies_art5(purchase: BusinessPurchase) -> bool:
    """6.2: reselling or providing what was bought puts the case under Art. 5 (D19).

    「实施前款规定的行为，将购买、收受的公民个人信息非法出售或者提供的，定罪量刑标准适用本解释第五条的规定。」
    """
    return purchase.resold
