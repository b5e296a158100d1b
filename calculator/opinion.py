"""A short written paragraph in the register of a 审查意见, built from the grounds by templates.

Deterministic: the same assessment always gives the same text; nothing is generated
beyond filling fixed templates with the grounds' own numbers and citations.
"""

from __future__ import annotations

from collections.abc import Sequence

from calculator.law import CATEGORY_NAMES
from calculator.model import Category, Ground, OpenQuestion, Tier

__all__ = ["cite_zh", "write_opinion"]

_NUMERALS = "零一二三四五六七八九十"


def _zh_number(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n]
    if n < 20:
        return "十" + (_NUMERALS[n - 10] if n > 10 else "")
    return str(n)


def cite_zh(provision: str) -> str:
    """``5.1.3`` → 《解释》第五条第一款第三项; ``CL253-1.2`` → 刑法第二百五十三条之一第二款."""
    if provision.startswith("CL253-1."):
        return f"刑法第二百五十三条之一第{_zh_number(int(provision.rsplit('.', 1)[1]))}款"
    parts = [int(p) for p in provision.split(".")]
    text = f"《解释》第{_zh_number(parts[0])}条"
    if len(parts) > 1:
        text += f"第{_zh_number(parts[1])}款"
    if len(parts) > 2:
        text += f"第{_zh_number(parts[2])}项"
    return text


def _category_zh(value: object) -> str:
    return CATEGORY_NAMES[Category(str(value))].zh


_FINDINGS_ZH = {
    "whereabouts_used_in_crime": "出售或者提供的行踪轨迹信息被他人用于犯罪",
    "knowingly_supplied_criminal_user": "知道或者应当知道他人利用公民个人信息实施犯罪，仍向其出售或者提供",
    "other_serious_circumstances": "经认定具有其他情节严重的情形",
    "severe_consequences": "造成被害人死亡、重伤、精神失常或者被绑架等严重后果",
    "major_loss_or_bad_social_impact": "造成重大经济损失或者恶劣社会影响",
    "other_especially_serious_circumstances": "经认定具有其他情节特别严重的情形",
}
_FINDINGS_EN = {
    "whereabouts_used_in_crime": "whereabouts sold or provided were used by others in a crime",
    "knowingly_supplied_criminal_user": "the information went to a person known to use it for crime",
    "other_serious_circumstances": "a court found other serious circumstances",
    "severe_consequences": "a victim was killed, seriously injured, driven insane or kidnapped",
    "major_loss_or_bad_social_impact": "major economic loss or a bad social impact resulted",
    "other_especially_serious_circumstances": "a court found other especially serious circumstances",
}


def _ground_zh(g: Ground) -> str:
    d = g.detail
    cite = cite_zh(g.provision)
    insider = d.get("part") == "insider_part"
    lead = (
        "其中在履行职责或者提供服务过程中获得并出售或者提供的"
        if insider
        else "非法获取、出售或者提供"
    )
    if "category" in d:
        return (
            f"{lead}{_category_zh(d['category'])}{d['counted']}条，"
            f"达到{cite}规定的标准（{d['standard']}条）"
        )
    if "proportional_sum" in d:
        who = "在履行职责或者提供服务过程中获得的信息" if insider else "各类信息"
        return (
            f"{who}按相应比例合计为{d['proportional_sum']}，达到{cite}规定的标准（{d['standard']}）"
        )
    if "illegal_gains_cny" in d or "illegal_gains_from_duty_cny" in d:
        amount = d.get("illegal_gains_from_duty_cny", d.get("illegal_gains_cny"))
        who = "来自履职所得信息的违法所得" if insider else "违法所得"
        return f"{who}{amount}元，达到{cite}规定的标准（{d['standard_cny']}元）"
    if "profit_cny" in d:
        return f"利用非法购买、收受的公民个人信息获利{d['profit_cny']}元，达到{cite}规定的标准（{d['standard_cny']}元）"
    if "finding" in d:
        return f"{_FINDINGS_ZH[str(d['finding'])]}（{cite}，依据所认定的事实）"
    prior = (
        "曾因侵犯公民个人信息受过刑事处罚"
        if d.get("prior_criminal_punishment")
        else "二年内受过行政处罚"
    )
    return f"行为人{prior}，又实施侵犯公民个人信息的行为，符合{cite}的规定"


def _ground_en(g: Ground) -> str:
    d = g.detail
    part = "the part obtained in duty: " if d.get("part") == "insider_part" else ""
    if "category" in d:
        return f"{part}{d['counted']} records of {d['category']} reach the standard of {d['standard']} ({g.provision})"
    if "proportional_sum" in d:
        return f"{part}the proportional sum {d['proportional_sum']} reaches {d['standard']} ({g.provision})"
    if "illegal_gains_cny" in d or "illegal_gains_from_duty_cny" in d:
        amount = d.get("illegal_gains_from_duty_cny", d.get("illegal_gains_cny"))
        return f"{part}illegal gains of CNY {amount} reach CNY {d['standard_cny']} ({g.provision})"
    if "profit_cny" in d:
        return f"a profit of CNY {d['profit_cny']} from using bought information reaches CNY {d['standard_cny']} ({g.provision})"
    if "finding" in d:
        return f"{_FINDINGS_EN[str(d['finding'])]} ({g.provision}, on the stated finding)"
    return f"a prior punishment for infringing personal information counts ({g.provision})"


def write_opinion(
    *, tier: Tier, grounds: Sequence[Ground], open_questions: Sequence[OpenQuestion]
) -> tuple[str, str]:
    """The paragraph in Chinese and in English, from the grounds and open questions."""
    if grounds:
        zh = (
            "经审查，"
            + "；".join(_ground_zh(g) for g in grounds)
            + f"，属于刑法第二百五十三条之一规定的“{tier.zh}”。"
        )
        en = (
            "On review, "
            + "; ".join(_ground_en(g) for g in grounds)
            + f": the case is {tier.value} under CL253-1."
        )
    else:
        zh = "经审查，现有事实未达到《解释》第五条、第六条规定的任何标准，不属于刑法第二百五十三条之一规定的“情节严重”。"
        en = "On review, the facts reach no standard of Art. 5 or Art. 6 of the Interpretation: not serious under CL253-1."
    if open_questions:
        zh += (
            "尚需法院判断："
            + "；".join(f"{cite_zh(q.provision)}（{q.code}）" for q in open_questions)
            + "。"
        )
        en += (
            " Still for the court: "
            + "; ".join(f"{q.provision} ({q.code})" for q in open_questions)
            + "."
        )
    return zh, en
