"""Art. 10: minor cases, non-prosecution or exemption, lenient punishment (D25)."""

from __future__ import annotations

from calculator.citation import article_zh, cite_zh, item_en
from calculator.law import EXEMPTION, LENIENCY_ARTICLE, OFFENCE, provision_text
from calculator.model import Leniency, LeniencyFacts, LeniencyStatus, Tier

__all__ = ["art10_leniency"]

_FACTS = ("first_offender", "full_restitution", "remorse")
_ART_ZH, _ART_EN = article_zh(LENIENCY_ARTICLE), item_en(LENIENCY_ARTICLE)
"""Art. 10 as the notes name it: 第十条, Art. 10."""


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
        zh = f"未达到情节严重，依本计算不构成侵犯公民个人信息罪，不涉及{_ART_ZH}。"
        en = f"Below 情节严重: no offence under {item_en(OFFENCE)} on these facts, so {_ART_EN} does not arise."
    elif tier is Tier.ESPECIALLY_SERIOUS:
        status = LeniencyStatus.EXCLUDED_ESPECIALLY_SERIOUS
        zh = f"属于“情节特别严重”，不适用{_ART_ZH}。"
        en = f"情节特别严重: {_ART_EN} does not apply."
    elif any(v is False for v in values.values()):
        status = LeniencyStatus.NOT_ELIGIBLE
        zh = f"初犯、全部退赃、确有悔罪表现三项条件未全部具备，不符合{_ART_ZH}。"
        en = f"Not all of first offence, full restitution and genuine remorse hold: {_ART_EN} is not met."
    elif missing:
        status = LeniencyStatus.FACTS_MISSING
        zh = "尚需查明：" + "、".join(_ZH[m] for m in missing) + f"，方能判断是否符合{_ART_ZH}。"
        en = f"Still to be established for {_ART_EN}: " + ", ".join(missing) + "."
    else:
        status = LeniencyStatus.ELIGIBLE
        zh = (
            "不属于“情节特别严重”，系初犯、全部退赃并确有悔罪表现：可以认定为情节轻微，"
            f"不起诉或者免予刑事处罚（{cite_zh(EXEMPTION)}）；确有必要判处刑罚的，应当从宽处罚。"
        )
        en = (
            "Not 情节特别严重, first offence, full restitution and genuine remorse: the case may "
            "be treated as minor, with non-prosecution or exemption from criminal punishment "
            f"({EXEMPTION}); where punishment is truly necessary it must be lenient."
        )
    return Leniency(
        status=status,
        provision=LENIENCY_ARTICLE,
        text=provision_text(LENIENCY_ARTICLE),
        missing_facts=missing,
        note_zh=zh,
        note_en=en,
    )


_ZH = {
    "first_offender": "是否初犯",
    "full_restitution": "是否全部退赃",
    "remorse": "是否确有悔罪表现",
}
