"""CL253-1: the statutory range for the tier, chosen by conduct date (D14, D22, D23, D26)."""

from __future__ import annotations

from calculator.citation import cite_zh, parent
from calculator.law import INSIDER_HEAVIER, Statute, provision_text
from calculator.model import FineGuide, Offender, Penalty, Tier
from calculator.rules.art7 import art7_unit_offender

__all__ = ["cl253_1_statutory_range"]


def cl253_1_statutory_range(
    *,
    tier: Tier,
    statute: Statute,
    fine_guide: FineGuide,
    heavier_for_insider: bool,
    offender: Offender,
) -> Penalty:
    """The range of CL253-1 para 1 for the tier under the text in force at the conduct date.

    「违反国家有关规定，向他人出售或者提供公民个人信息，情节严重的，处三年以下有期徒刑或者拘役，并处或者单处罚金；情节特别严重的，处三年以上七年以下有期徒刑，并处罚金。」

    D23: 情节严重 up to 3 years or criminal detention, with or only a fine; 情节特别严重
    3 to 7 years and a fine; below 情节严重 no offence. D22: for conduct under Amendment VII
    (2009-02-28 to 2015-10-31) there was one range only, which also applies to facts that
    would now be 情节特别严重 (CL12, the lighter law). D14: 从重 for the insider part
    (CL253-1.2) when 5.1.8 applies. D26: the unit note (Art. 7, CL253-1.4).
    """
    unit = art7_unit_offender(offender)
    heavier = heavier_for_insider and tier is not Tier.NOT_SERIOUS
    offence = tier is not Tier.NOT_SERIOUS
    min_months: int | None = None
    max_months: int | None = None
    detention = False
    fine = "none"
    if tier is Tier.NOT_SERIOUS:
        offence_article = parent(statute.provision)
        zh = f"未达到情节严重，依这些事实不构成{cite_zh(offence_article)}规定之罪。"
        en = f"Below 情节严重: no offence under {offence_article} on these facts."
    elif tier is Tier.SERIOUS or not statute.especially_serious_range:
        max_months = statute.serious_max_months
        detention = True
        if tier is Tier.SERIOUS:
            fine, zh, en = statute.serious_fine, statute.serious_range_zh, statute.serious_range_en
        else:
            fine = statute.especially_serious_fine
            zh, en = statute.especially_serious_range_zh, statute.especially_serious_range_en
    else:
        min_months = statute.especially_serious_min_months
        max_months = statute.especially_serious_max_months
        fine = statute.especially_serious_fine
        zh, en = statute.especially_serious_range_zh, statute.especially_serious_range_en
    return Penalty(
        statute_version=statute.id,
        provision=statute.provision,
        text=provision_text(statute.provision),
        offence=offence,
        imprisonment_min_months=min_months,
        imprisonment_max_months=max_months,
        criminal_detention_available=detention,
        fine=fine,
        range_zh=zh,
        range_en=en,
        fine_guide=fine_guide,
        heavier_for_insider=heavier,
        heavier_for_insider_provision=INSIDER_HEAVIER if heavier else None,
        unit_offender=unit is not None,
        unit_note_zh=unit[0] if unit else None,
        unit_note_en=unit[1] if unit else None,
    )
