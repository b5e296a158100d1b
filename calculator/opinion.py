"""The written opinion: a short paragraph in the register of a 审查意见, built from the grounds.

Deterministic: fixed templates filled with the grounds' own numbers and citations, so
the same assessment always gives the same text, word for word. Nothing is generated.

The Chinese paragraph reads as a reviewing lawyer writes: the Interpretation is named in
full once and then called 《解释》; each ground is one clause ("非法获取、出售或者提供
行踪轨迹信息六十条，达到《解释》第五条第一款第三项规定的标准（五十条以上），属于情节严重");
where the same quantity reaches a standard and ten times it (5.2.3), one clause cites
both; several clauses are listed 一是、二是; the conclusion names the tier in the
statute's words; the open questions follow in full, each with its provision. Counts and
whole amounts are written in Chinese numerals (六十条, 五千元, 二万五千元), cents as 角
and 分; a whole fraction is a whole number ("十倍", never "10/1"). The English paragraph
says the same in the same order, with Arabic numerals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from calculator.citation import (
    article_en,
    article_zh,
    cite_en,
    cite_zh,
    item_en,
    item_zh,
    number_en,
    number_zh,
    share_en,
    share_zh,
)
from calculator.law import (
    BUSINESS_PARAGRAPH,
    CATEGORY_NAMES,
    OFFENCE,
    SERIOUS_PARAGRAPH,
    STATUTES,
)
from calculator.model import (
    Category,
    Finding,
    FindingDetail,
    GainsDetail,
    Ground,
    OpenQuestion,
    PartName,
    PriorPunishmentDetail,
    ProfitDetail,
    RecordsDetail,
    Standard,
    SumDetail,
    Tier,
)

__all__ = [
    "INTERPRETATION_EN",
    "INTERPRETATION_ZH",
    "cite_en",
    "cite_zh",
    "money_en",
    "money_zh",
    "number_zh",
    "write_opinion",
]

INTERPRETATION_ZH = (
    "《最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》"
    "（法释〔2017〕10号，以下简称《解释》）"
)
INTERPRETATION_EN = (
    "the Interpretation of the Supreme People's Court and the Supreme People's Procuratorate "
    "on Several Issues concerning the Application of Law in Handling Criminal Cases of "
    'Infringing Citizens\' Personal Information (法释〔2017〕10号, "the Interpretation")'
)

_LEAD_ZH = f"经审查，依照{INTERPRETATION_ZH}，"
_LEAD_EN = f"On review, applying {INTERPRETATION_EN}: "
"""How every opinion opens: the Interpretation named in full once."""

# ---------------------------------------------------------------------------
# Numbers, money and citations

_DIGITS = "零一二三四五六七八九"


def _decimal(value: object) -> Decimal:
    return Decimal(str(value))


def money_zh(value: object) -> str:
    """Yuan in words: 5000 → 五千元, 4999.99 → 四千九百九十九元九角九分, 5000.05 → 五千元零五分."""
    amount = _decimal(value).quantize(Decimal("0.01"))
    cents = int(amount * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    out = f"{number_zh(yuan)}元" if yuan or not (jiao or fen) else ""
    if jiao:
        out += f"{_DIGITS[jiao]}角"
    if fen:
        out += ("零" if yuan and not jiao else "") + f"{_DIGITS[fen]}分"
    return out


def money_en(value: object) -> str:
    """Yuan with thousands separators: 5000 → CNY 5,000; 4999.99 → CNY 4,999.99."""
    amount = _decimal(value)
    if amount == amount.to_integral_value():
        return f"CNY {int(amount):,}"
    return f"CNY {amount.quantize(Decimal('0.01')):,}"


def _of_standard_zh(value: Fraction) -> str:
    """A proportional sum in words, as a share of 有关数量标准 (a whole fraction is a whole number).

    1 → 有关数量标准, 10 → 有关数量标准的十倍, 6/5 → 有关数量标准的五分之六.
    """
    n, d = value.numerator, value.denominator
    if d == 1:
        return "有关数量标准" if n == 1 else f"有关数量标准的{number_zh(n)}倍"
    return f"有关数量标准的{number_zh(d)}分之{number_zh(n)}"


def _exact(value: Fraction | Decimal) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def _plain_en(value: Fraction) -> str:
    """A number for the English text: 10 → "10", 6/5 → "6/5" (never "10/1")."""
    n, d = value.numerator, value.denominator
    return f"{n:,}" if d == 1 else f"{n}/{d}"


# ---------------------------------------------------------------------------
# Names


def _category_zh(category: Category, item: str) -> str:
    """The statute's name; the 5,000 tier's is completed with its paragraph (第五条第一款…)."""
    if category is Category.GENERAL:
        return article_zh(item.rsplit(".", 1)[0]) + CATEGORY_NAMES[category].zh
    return CATEGORY_NAMES[category].zh


def _category_en(category: Category) -> str:
    return CATEGORY_NAMES[category].en


_TIER_EN = {
    Tier.NOT_SERIOUS: "not serious",
    Tier.SERIOUS: "serious (情节严重)",
    Tier.ESPECIALLY_SERIOUS: "especially serious (情节特别严重)",
}

_FINDINGS_ZH = {
    Finding.WHEREABOUTS_USED_IN_CRIME: "行为人出售或者提供的行踪轨迹信息被他人用于犯罪",
    Finding.KNOWINGLY_SUPPLIED_CRIMINAL_USER: "行为人知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供",
    Finding.OTHER_SERIOUS_CIRCUMSTANCES: "本案具有其他情节严重的情形",
    Finding.SEVERE_CONSEQUENCES: "行为造成被害人死亡、重伤、精神失常或者被绑架等严重后果",
    Finding.MAJOR_LOSS_OR_BAD_SOCIAL_IMPACT: "行为造成重大经济损失或者恶劣社会影响",
    Finding.OTHER_ESPECIALLY_SERIOUS_CIRCUMSTANCES: "本案具有其他情节特别严重的情形",
}
_FINDINGS_EN = {
    Finding.WHEREABOUTS_USED_IN_CRIME: "whereabouts information sold or provided was used by others to commit a crime",
    Finding.KNOWINGLY_SUPPLIED_CRIMINAL_USER: "the information was sold or provided to someone known, or who should have been known, to use it for a crime",
    Finding.OTHER_SERIOUS_CIRCUMSTANCES: "the case shows other serious circumstances",
    Finding.SEVERE_CONSEQUENCES: "the conduct caused a victim's death, serious injury, mental disorder, kidnapping or similar severe consequences",
    Finding.MAJOR_LOSS_OR_BAD_SOCIAL_IMPACT: "the conduct caused major economic loss or a bad social impact",
    Finding.OTHER_ESPECIALLY_SERIOUS_CIRCUMSTANCES: "the case shows other especially serious circumstances",
}

# ---------------------------------------------------------------------------
# Clauses: one per quantity (every level it reaches) or per other ground


@dataclass(slots=True)
class _Clause:
    """What one clause says: its subject, each standard reached, and the highest tier."""

    subject_zh: str
    subject_en: str
    reached_zh: list[str]
    reached_en: list[str]
    tier: Tier


Quantity = RecordsDetail | SumDetail | GainsDetail
"""The details of grounds on a quantity: records, the proportional sum, the gains."""


def _quantity_key(d: Quantity) -> tuple[PartName, type, Category | None]:
    """Grounds on the same quantity share a key: (part, kind of quantity, category if any)."""
    return d.part, type(d), getattr(d, "category", None)


_REACHED: dict[tuple[str, int], tuple[Standard, str, str]] = {}
"""``_reached`` by provision and standard. The standards are the few objects made once per
ruleset (calculator/standards.py), so the words for each are written once; the entry keeps
its standard, so its ``id`` is not reused (callgrind, write_opinion() of bench/core.py's
1-row case: 46,100 → 38,900 instructions)."""


def _reached(g: Ground, d: Quantity) -> tuple[str, str]:
    """The standard reached, in words, Chinese and English: 「达到…规定的标准（…）」."""
    s = d.standard
    hit = _REACHED.get((g.provision, id(s)))
    if hit is not None and hit[0] is s:
        return hit[1], hit[2]
    zh, en = _reached_words(g.provision, d)
    if len(_REACHED) >= _REACHED_LIMIT:
        _REACHED.clear()
    _REACHED[g.provision, id(s)] = (s, zh, en)
    return zh, en


_REACHED_LIMIT = 1024


def _reached_words(provision: str, d: Quantity) -> tuple[str, str]:
    s = d.standard
    match d:
        case RecordsDetail():
            zh, en = f"{number_zh(int(s.value))}条以上", f"{_plain_en(_exact(s.value))} records"
        case SumDetail():
            zh = f"合计达到{_of_standard_zh(_exact(s.value))}"
            en = f"a sum of {_plain_en(_exact(s.value))}"
        case GainsDetail():
            zh, en = f"{money_zh(s.value)}以上", money_en(s.value)
    en += " or more"
    if s.tenfold:
        base = s.halved_by or s.item
        zh = f"{item_zh(base)}规定标准的{number_zh(s.factor)}倍，即{zh}"
        en = f"{number_en(s.factor)} times that of {item_en(base)}: {en}"
    elif s.halved:
        zh = f"{item_zh(s.item)}规定标准的{share_zh(s.share)}，即{zh}"
        en = f"{share_en(s.share)} that of {item_en(s.item)}: {en}"
    return (
        f"达到{cite_zh(provision)}规定的标准（{zh}）",
        f"reaching the standard of {cite_en(provision)} ({en})",
    )


def _subject(d: Quantity) -> tuple[str, str]:
    """The clause's subject for a quantity ground, in Chinese and English."""
    insider = d.part is PartName.INSIDER_PART
    match d:
        case RecordsDetail():
            category, n = d.category, d.counted
            name_zh, name_en = _category_zh(category, d.standard.item), _category_en(category)
            if insider:
                return (
                    f"行为人将在履行职责或者提供服务过程中获得的{name_zh}{number_zh(n)}条出售或者提供给他人",
                    f"{n:,} records of {name_en} obtained in performing duties or "
                    "providing services were sold or provided to others",
                )
            return (
                f"行为人非法获取、出售或者提供{name_zh}{number_zh(n)}条",
                f"{n:,} records of {name_en} were illegally obtained, sold or provided",
            )
        case SumDetail():
            total = d.proportional_sum
            if insider:
                return (
                    "行为人将在履行职责或者提供服务过程中获得的公民个人信息出售或者提供给他人，"
                    f"各类信息按相应比例合计为{_of_standard_zh(total)}",
                    "the records obtained in performing duties or providing services and then "
                    f"sold or provided add up, category by category in proportion, to {_plain_en(total)} "
                    "times the quantity standard",
                )
            return (
                f"行为人非法获取、出售或者提供的各类公民个人信息，按相应比例合计为{_of_standard_zh(total)}",
                "the records illegally obtained, sold or provided add up, category by category in "
                f"proportion, to {_plain_en(total)} times the quantity standard",
            )
        case GainsDetail():
            amount = d.amount
            if insider:
                return (
                    f"行为人违法所得中来自履行职责或者提供服务过程中获得的信息的部分为{money_zh(amount)}",
                    f"the part of the illegal gains that came from information obtained in duty or "
                    f"service is {money_en(amount)}",
                )
            return f"行为人违法所得{money_zh(amount)}", f"the illegal gains are {money_en(amount)}"


def _prior_zh(d: PriorPunishmentDetail) -> str:
    business = d.part is PartName.BUSINESS_PURCHASE
    again = "又非法购买、收受公民个人信息" if business else "又非法获取、出售或者提供公民个人信息"
    parts: list[str] = []
    if d.prior_criminal_punishment:
        parts.append("曾因侵犯公民个人信息受过刑事处罚")
    if d.prior_administrative_penalty_date and d.window_start and d.window_end:
        parts.append(
            f"于{_date_zh(d.prior_administrative_penalty_date)}因侵犯公民个人信息受过行政处罚，"
            f"在本次行为前{number_zh(_window_years(d.window_start, d.window_end))}年内"
            f"（{_date_zh(d.window_start)}至{_date_zh(d.window_end)}）"
        )
    return "行为人" + "，并".join(parts) + f"，{again}"


def _prior_en(d: PriorPunishmentDetail) -> str:
    business = d.part is PartName.BUSINESS_PURCHASE
    again = "bought or received" if business else "illegally obtained, sold or provided"
    parts: list[str] = []
    if d.prior_criminal_punishment:
        parts.append("had received a criminal punishment for infringing personal information")
    if d.prior_administrative_penalty_date and d.window_start and d.window_end:
        parts.append(
            "had received an administrative penalty for infringing personal information on "
            f"{d.prior_administrative_penalty_date.isoformat()}, within the "
            f"{number_en(_window_years(d.window_start, d.window_end))} years before the "
            f"conduct ({d.window_start.isoformat()} to {d.window_end.isoformat()})"
        )
    return f"the offender {' and '.join(parts)}, and again {again} personal information"


def _window_years(start: date, end: date) -> int:
    """The length of the 「二年内」 window in years, as the ruleset fixed it: the window
    starts that many years before the conduct (``art5_1_9_window_start``; 29 February
    becomes 28 February of the same year)."""
    return end.year - start.year


def _date_zh(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _other_clause(g: Ground) -> _Clause:
    """A ground that is not a quantity: a finding, a prior punishment, a business profit."""
    cite, cite_e = cite_zh(g.provision), cite_en(g.provision)
    match g.detail:
        case FindingDetail(finding=finding):
            return _Clause(
                subject_zh=f"根据所认定的事实，{_FINDINGS_ZH[finding]}",
                subject_en=f"on the finding stated, {_FINDINGS_EN[finding]}",
                reached_zh=[f"符合{cite}的规定"],
                reached_en=[f"which falls under {cite_e}"],
                tier=g.tier,
            )
        case ProfitDetail(profit=profit, standard=standard):
            return _Clause(
                subject_zh=(
                    "行为人为合法经营活动而非法购买、收受公民个人信息，"
                    f"利用该信息获利{money_zh(profit)}"
                ),
                subject_en=(
                    "the offender bought or received personal information for a lawful business "
                    f"and made a profit of {money_en(profit)} from using it"
                ),
                reached_zh=[f"达到{cite}规定的标准（{money_zh(standard.value)}以上）"],
                reached_en=[
                    f"reaching the standard of {cite_e} ({money_en(standard.value)} or more)"
                ],
                tier=g.tier,
            )
        case PriorPunishmentDetail() as d:
            return _Clause(
                subject_zh=_prior_zh(d),
                subject_en=_prior_en(d),
                reached_zh=[f"符合{cite}的规定"],
                reached_en=[f"which falls under {cite_e}"],
                tier=g.tier,
            )
        case _:
            raise TypeError(f"not a quantity ground: {g.provision}")


def _clauses(grounds: Sequence[Ground]) -> list[_Clause]:
    """One clause per quantity (all the levels it reaches) and per other ground, in order."""
    clauses: list[_Clause] = []
    by_key: dict[tuple[PartName, type, Category | None], _Clause] = {}
    for g in grounds:
        d = g.detail
        if not isinstance(d, Quantity):
            clauses.append(_other_clause(g))
            continue
        zh, en = _reached(g, d)
        key = _quantity_key(d)
        clause = by_key.get(key)
        if clause is not None:
            clause.reached_zh.append(zh)
            clause.reached_en.append(en)
            if g.tier.rank > clause.tier.rank:
                clause.tier = g.tier
            continue
        subject_zh, subject_en = _subject(d)
        clause = _Clause(subject_zh, subject_en, [zh], [en], g.tier)
        by_key[key] = clause
        clauses.append(clause)
    return clauses


def _clause_zh(c: _Clause) -> str:
    return f"{c.subject_zh}，{'，并'.join(c.reached_zh)}，属于{c.tier.zh}"


def _clause_en(c: _Clause) -> str:
    reached = c.reached_en[0]
    for r in c.reached_en[1:]:
        reached += f" and {r.removeprefix('reaching ')}"
    return f"{c.subject_en}, {reached}, so the conduct is {_TIER_EN[c.tier]}"


_ORDINALS_ZH = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
_ORDINALS_EN = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)


def _ordinal_zh(i: int) -> str:
    return _ORDINALS_ZH[i] if i < len(_ORDINALS_ZH) else number_zh(i + 1)


def _ordinal_en(i: int) -> str:
    return _ORDINALS_EN[i] if i < len(_ORDINALS_EN) else f"({i + 1})"


_OFFENCE_EN = article_en(OFFENCE)
"""The offence in the English conclusion: Article 253-1 of the Criminal Law."""

_CONCLUSION_ZH = {
    Tier.SERIOUS: f"综上，依所述事实，本案属于{cite_zh(OFFENCE)}规定的“情节严重”。",
    Tier.ESPECIALLY_SERIOUS: (
        f"综上，依所述事实，本案属于{cite_zh(STATUTES[-1].provision)}规定的“情节特别严重”。"
    ),
}
"""The conclusion by tier; 情节特别严重 cites the paragraph whose range it carries."""

_NOTHING_REACHED_ZH = (
    f"所述事实未达到{cite_zh(SERIOUS_PARAGRAPH)}、{article_zh(BUSINESS_PARAGRAPH)}规定的任何标准，"
    f"也未认定其他情节严重的情形，不属于{cite_zh(OFFENCE)}规定的“情节严重”。"
)
_NOTHING_REACHED_EN = (
    f"the facts stated reach no standard of {item_en(SERIOUS_PARAGRAPH)} or "
    f"{item_en(BUSINESS_PARAGRAPH)} of the Interpretation and no other serious circumstance "
    f"has been found, so the case is not serious (不构成情节严重) under {_OFFENCE_EN}."
)


_CONCLUSION_EN = {
    tier: f"Accordingly, on the facts stated, the case is {_TIER_EN[tier]} under {_OFFENCE_EN}."
    for tier in _CONCLUSION_ZH
}


def _questions_zh(questions: Sequence[OpenQuestion]) -> str:
    if not questions:
        return ""
    items = "".join(
        f"（{_ordinal_zh(i)}）关于{cite_zh(q.provision)}：{_sentence_zh(q.text)}"
        for i, q in enumerate(questions)
    )
    return f"以下问题尚需法院判断：{items}"


def _questions_en(questions: Sequence[OpenQuestion]) -> str:
    if not questions:
        return ""
    items = " ".join(
        f"({i + 1}) On {cite_en(q.provision)}: {_sentence_en(q.text_en)}"
        for i, q in enumerate(questions)
    )
    return f" The following remain for the court to decide: {items}"


def _sentence_zh(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "？", "！")) else text + "。"


def _sentence_en(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def write_opinion(
    *, tier: Tier, grounds: Sequence[Ground], open_questions: Sequence[OpenQuestion]
) -> tuple[str, str]:
    """The 审查意见 paragraph in Chinese and in English, from the grounds and open questions.

    Each ground is cited with its provision and the standard it reaches; grounds on the
    same quantity at two levels (a standard and ten times it) share one clause; a ground
    resting on the caller's finding says so; every open question is written out in full.
    """
    clauses = _clauses(grounds)
    if not clauses:
        zh, en = _NOTHING_REACHED_ZH, _NOTHING_REACHED_EN
    elif len(clauses) == 1:
        zh = f"{_clause_zh(clauses[0])}。{_CONCLUSION_ZH[tier]}"
        en = f"{_clause_en(clauses[0])}. {_CONCLUSION_EN[tier]}"
    else:
        listed_zh = "；".join(f"{_ordinal_zh(i)}是{_clause_zh(c)}" for i, c in enumerate(clauses))
        listed_en = "; ".join(f"{_ordinal_en(i)}, {_clause_en(c)}" for i, c in enumerate(clauses))
        zh = f"本案具有以下情形：{listed_zh}。{_CONCLUSION_ZH[tier]}"
        en = f"{listed_en}. {_CONCLUSION_EN[tier]}"
    return (
        f"{_LEAD_ZH}{zh}{_questions_zh(open_questions)}",
        f"{_LEAD_EN}{en}{_questions_en(open_questions)}",
    )
