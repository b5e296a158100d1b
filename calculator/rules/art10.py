"""Art. 10: minor cases, non-prosecution or exemption, lenient punishment (D25)."""

from __future__ import annotations

from calculator.law import provision_text
from calculator.model import Leniency, LeniencyFacts, LeniencyStatus, Tier

__all__ = ["art10_leniency"]

_FACTS = ("first_offender", "full_restitution", "remorse")


def art10_leniency(tier: Tier, facts: LeniencyFacts) -> Leniency:
    """Art. 10 eligibility, never a decision (D25).

    「实施侵犯公民个人信息犯罪，不属于“情节特别严重”，行为人系初犯，全部退赃，并确有悔罪表现的，可以认定为情节轻微，不起诉或者免予刑事处罚；确有必要判处刑罚的，应当从宽处罚。」

    Eligible only below 情节特别严重 with all three facts true; an unknown fact is listed
    as missing; a false fact ends eligibility.
    """
    values = {name: getattr(facts, name) for name in _FACTS}
    missing = tuple(name for name, v in values.items() if v is None)
    if tier is Tier.NOT_SERIOUS:
        status = LeniencyStatus.NO_OFFENCE
        zh = "未达到情节严重，依本计算不构成侵犯公民个人信息罪，不涉及第十条。"
        en = (
            "Below 情节严重: no offence under Art. 253-1 on these facts, so Art. 10 does not arise."
        )
    elif tier is Tier.ESPECIALLY_SERIOUS:
        status = LeniencyStatus.EXCLUDED_ESPECIALLY_SERIOUS
        zh = "属于“情节特别严重”，不适用第十条。"
        en = "情节特别严重: Art. 10 does not apply."
    elif any(v is False for v in values.values()):
        status = LeniencyStatus.NOT_ELIGIBLE
        zh = "初犯、全部退赃、确有悔罪表现三项条件未全部具备，不符合第十条。"
        en = "Not all of first offence, full restitution and genuine remorse hold: Art. 10 is not met."
    elif missing:
        status = LeniencyStatus.FACTS_MISSING
        zh = "尚需查明：" + "、".join(_ZH[m] for m in missing) + "，方能判断是否符合第十条。"
        en = "Still to be established for Art. 10: " + ", ".join(missing) + "."
    else:
        status = LeniencyStatus.ELIGIBLE
        zh = (
            "不属于“情节特别严重”，系初犯、全部退赃并确有悔罪表现：可以认定为情节轻微，"
            "不起诉或者免予刑事处罚（刑法第三十七条）；确有必要判处刑罚的，应当从宽处罚。"
        )
        en = (
            "Not 情节特别严重, first offence, full restitution and genuine remorse: the case may "
            "be treated as minor, with non-prosecution or exemption from criminal punishment "
            "(CL37); where punishment is truly necessary it must be lenient."
        )
    return Leniency(
        status=status,
        provision="10",
        text=provision_text("10"),
        missing_facts=missing,
        note_zh=zh,
        note_en=en,
    )


_ZH = {
    "first_offender": "是否初犯",
    "full_restitution": "是否全部退赃",
    "remorse": "是否确有悔罪表现",
}
