"""Open questions a court must still decide, and warnings on how the law was applied.

Each is raised exactly where a decision calls for it: D8, D9, D12, D13, D17, D18, D20 for
open questions; D18 and D22 for warnings. The tier is never changed here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from calculator.citation import (
    article_of,
    article_zh,
    cite_en,
    cite_items_zh,
    cite_zh,
    item_en,
    item_number_zh,
    item_numeral_zh,
    number_en,
    number_zh,
    para_en,
    paragraph_number,
    parent,
    quoted_zh,
    share_en,
    share_zh,
    time_rule_en,
    time_rule_zh,
)
from calculator.evaluate import Evaluation
from calculator.law import (
    BUSINESS_PRIOR_PUNISHMENT,
    LIGHTER_LAW,
    MONTHS_PER_YEAR,
    OFFENCE,
    PENDING_CASES,
    RESALE_PARAGRAPH,
    STATUTES,
    Ruleset,
    catch_all,
)
from calculator.model import (
    Case,
    OpenQuestion,
    SumDetail,
    Tier,
    Warning,
)
from calculator.rules.art5 import art5_1_9_near_window_edge
from calculator.rules.common import fraction_text, money_text
from calculator.standards import levels

__all__ = [
    "TENFOLD_RESTS_ON_INSIDER_HALF_STANDARD",
    "TENFOLD_RESTS_ON_PROPORTIONAL_SUM",
    "open_questions",
    "warnings",
]

TENFOLD_RESTS_ON_PROPORTIONAL_SUM = "tenfold_rests_on_proportional_sum"
"""D8: 情节特别严重 rests only on the proportional sum multiplied by ten."""

TENFOLD_RESTS_ON_INSIDER_HALF_STANDARD = "tenfold_rests_on_insider_half_standard"
"""D13: 情节特别严重 rests only on ten times the halved insider standards."""


def _d8_tenfold_rests_on_sum(ev: Evaluation, rs: Ruleset) -> OpenQuestion | None:
    """D8: 情节特别严重 rests only on a proportional sum multiplied by ten."""
    if ev.tier is not Tier.ESPECIALLY_SERIOUS:
        return None
    top = [g for g in ev.grounds if g.tier is Tier.ESPECIALLY_SERIOUS]
    if not top or not all(isinstance(g.detail, SumDetail) for g in top):
        return None
    return _d8_question(rs)


# Each question's text depends on the ruleset (and a tier) only, so each distinct one is
# written once and shared (callgrind, open_questions() and warnings() of bench/core.py's
# 4 mixed rows: 41,300 → 24,600 instructions).
@lru_cache(maxsize=64)
def _d8_question(rs: Ruleset) -> OpenQuestion:
    times_zh, times_en = f"{number_zh(rs.tenfold_factor)}倍", number_en(rs.tenfold_factor)
    first, insider, prop = (
        rs.standards[0].provision,
        rs.insider_provision,
        rs.proportional_provision,
    )
    return OpenQuestion(
        code=TENFOLD_RESTS_ON_PROPORTIONAL_SUM,
        provision=rs.tenfold_provision,
        text=(
            f"情节特别严重仅以按比例合计达到标准{times_zh}为依据，没有任何单一类别达到其标准的{times_zh}。"
            f"{article_zh(rs.tenfold_provision)}的文字列举{cite_items_zh(first, insider)}，"
            f"包括{item_number_zh(prop)}，但{item_number_zh(prop)}的比例合计能否乘以{times_zh}，"
            "尚无权威意见，须由法院判断。"
        ),
        text_en=(
            f"情节特别严重 rests only on the proportional sum reaching {times_en} times its "
            f"standard; no single category reaches {times_en} times its own. "
            f"{rs.tenfold_provision} names items {item_numeral_zh(first)} to {item_numeral_zh(insider)}, "
            f"item {item_numeral_zh(prop)} included, but whether item {item_numeral_zh(prop)} may be "
            f"multiplied by {times_en} is not settled: the court decides."
        ),
    )


def _d9_counts_and_gains_both_half(
    ev: Evaluation, gains: Decimal, rs: Ruleset
) -> OpenQuestion | None:
    """D9: neither counts nor gains reach 情节严重, but both reach half of their standards."""
    if ev.tier is not Tier.NOT_SERIOUS:
        return None
    share = rs.catch_all_hint_share
    total = ev.whole.proportional_sum(rs.base)
    sum_half = total >= rs.proportional_sum * share
    gains_half = gains * share.denominator >= rs.gains_cny * share.numerator
    if not (sum_half and gains_half):
        return None
    hint = rs.catch_all_hint_provision
    return OpenQuestion(
        code="counts_and_gains_both_half",
        provision=rs.catch_all_hint_provision,
        text=(
            f"数量（按比例合计{fraction_text(total)}）与违法所得"
            f"（{money_text(gains)}元）均未达到情节严重的标准，但均达到标准的{share_zh(share)}以上。"
            "数量与数额不能合并计算，本计算不认定情节严重；法院仍可能依"
            f"{article_zh(hint)}“{quoted_zh(hint)}”认定。"
        ),
        text_en=(
            f"Neither the records (proportional sum {fraction_text(total)}) "
            f"nor the gains (CNY {money_text(gains)}) reach 情节严重, but both reach "
            f"{share_en(share)} of their standard. Counts and money are never combined, so the "
            f"tier stays; a court may still find 情节严重 under the catch-all {hint}."
        ),
    )


def _d12_insider_blend(ev: Evaluation, case: Case, rs: Ruleset) -> OpenQuestion | None:
    """D12: weighting the duty part at its half standards into one sum would change the tier."""
    if not ev.insider.units and not case.illegal_gains_from_duty_cny:
        return None
    lv = levels(rs)
    blended_units = ev.whole.units + ev.insider.units  # duty rows count twice: half standards
    blended_gains = case.illegal_gains_cny + case.illegal_gains_from_duty_cny
    rank = 0
    for level in (lv.ordinary, lv.tenfold):
        if blended_units >= level.need_units or blended_gains >= level.need_gains:
            rank = level.tier.rank
    if rank <= ev.tier.rank:
        return None
    return _d12_question(rs, Tier.of_rank(rank))


@lru_cache(maxsize=64)
def _d12_question(rs: Ruleset, blended: Tier) -> OpenQuestion:
    provision = catch_all(rs.insider_provision.rsplit(".", 1)[0])
    if blended is Tier.ESPECIALLY_SERIOUS:
        provision = catch_all(rs.tenfold_provision.rsplit(".", 1)[0])
    return OpenQuestion(
        code="insider_blend_changes_tier",
        provision=provision,
        text=(
            f"履职或提供服务中获得的部分按减半标准折算后与其他部分合并计算，将达到{blended.zh}；"
            "本计算对两部分分别适用标准、不合并计算。是否依兜底条款"
            f"（{article_zh(provision)}）"
            "认定，须由法院判断。"
        ),
        text_en=(
            "Weighting the part obtained in duty at its half standards into one sum with the "
            f"rest would reach {blended.value}; the calculator tests the two parts separately and "
            f"never blends them. Whether the catch-all ({provision}) applies is for the court."
        ),
    )


def _d13_tenfold_rests_on_insider_half(ev: Evaluation, rs: Ruleset) -> OpenQuestion | None:
    """D13: 情节特别严重 rests only on ten times the halved standards of the insider part."""
    if ev.tier is not Tier.ESPECIALLY_SERIOUS:
        return None
    top = [g for g in ev.grounds if g.tier is Tier.ESPECIALLY_SERIOUS]
    if not top or not all(g.on_insider_part for g in top):
        return None  # a ground at the ordinary ×10 standard or a para-2 finding holds
    return _d13_question(rs)


D13_PUBLISHED_CASES: tuple[tuple[str, str], ...] = (
    ("淮阴严某案", "淮阴 严某"),
    ("福州公安民警案", "福州 police officer"),
    ("德佑马某案", "德佑 马某"),
)
"""The published judgments D13 relies on (docs/spec/DECISIONS.md, D13): on facts where only
the insider part reaches ten times its halved standards, each found 情节严重 only. Each is
(the Chinese name, the English name) the open question cites."""


@lru_cache(maxsize=64)
def _d13_question(rs: Ruleset) -> OpenQuestion:
    tenfold, insider = rs.tenfold_provision, rs.insider_provision
    times_zh = f"{number_zh(rs.tenfold_factor)}倍"
    first, last = rs.standards[0].provision, rs.gains_provision
    serious, especially = parent(first), parent(tenfold)
    cases_zh = "、".join(zh for zh, _ in D13_PUBLISHED_CASES)
    cases_en = ", ".join(en for _, en in D13_PUBLISHED_CASES)
    return OpenQuestion(
        code=TENFOLD_RESTS_ON_INSIDER_HALF_STANDARD,
        provision=tenfold,
        text=(
            f"情节特别严重仅以履行职责或者提供服务过程中获得的部分达到{cite_zh(insider)}"
            f"规定标准（减半标准）的{times_zh}为依据：全案未达到{article_zh(serious)}"
            f"{cite_items_zh(first, last)}规定标准的{times_zh}，也未认定{article_zh(especially)}的其他情形。"
            f"{cite_zh(tenfold)}的文字列举{cite_items_zh(first, insider)}，包括{item_number_zh(insider)}，"
            f"但已公开的判决（{cases_zh}）对此类事实仅认定情节严重，"
            f"尚无法院适用减半标准的{times_zh}，须由法院判断。"
        ),
        text_en=(
            "情节特别严重 rests only on the part obtained in performing duties or providing "
            f"services reaching {number_en(rs.tenfold_factor)} times the halved standards of "
            f"{cite_en(insider)}; the whole case reaches {number_en(rs.tenfold_factor)} times no "
            f"standard of {item_en(first)} to {item_en(last)}, and no other circumstance of "
            f"{item_en(especially)} is found. {item_en(tenfold)} names {item_en(first)} to "
            f"{item_en(insider)}, {item_en(insider)} included, but "
            f"the published judgments on such facts ({cases_en}) "
            "found only 情节严重: no court is known to have applied the halved standards "
            f"multiplied by {number_en(rs.tenfold_factor)}, and the court decides."
        ),
    )


def _d17_window_edge(ev: Evaluation, case: Case, rs: Ruleset) -> OpenQuestion | None:
    """D17: the administrative penalty lies within the margin of the two-year window's start."""
    penalty = case.circumstances.prior_administrative_penalty_date
    if penalty is None or case.conduct_date is None:
        return None
    if not art5_1_9_near_window_edge(penalty, case.conduct_date, rs):
        return None
    return _d17_question(rs, BUSINESS_PRIOR_PUNISHMENT if ev.art6_only else rs.admin_provision)


@lru_cache(maxsize=64)
def _d17_question(rs: Ruleset, provision: str) -> OpenQuestion:
    within = f"{number_zh(rs.admin_window_years)}年内"
    return OpenQuestion(
        code="administrative_penalty_window_edge",
        provision=provision,
        text=(
            f"行政处罚决定日期距“{within}”期间的起点不足{rs.admin_edge_days}日。"
            f"“{within}”的起算与截止事件（处罚决定作出或执行完毕；行为开始或终了）没有官方解释，"
            "不同理解可能改变是否适用该项的结论。"
        ),
        text_en=(
            f"The penalty decision date lies within {rs.admin_edge_days} days of the start of "
            f"the {number_en(rs.admin_window_years)}-year window. No official text fixes the "
            f"events that open and close 「{within}」 (decision or completion of the penalty; "
            "start or end of the conduct), and another reading may change whether the item applies."
        ),
    )


def _d18_art6_changes_tier(
    ev: Evaluation, art5_tier: Tier | None, rs: Ruleset
) -> OpenQuestion | None:
    """D18: the Art. 6 path gives another tier than Art. 5 would for the same rows."""
    if art5_tier is None or art5_tier is ev.tier:
        return None
    return _d18_question(rs, ev.tier, art5_tier)


@lru_cache(maxsize=64)
def _d18_question(rs: Ruleset, tier: Tier, art5_tier: Tier) -> OpenQuestion:
    art5, art6 = article_of(rs.standards[0].provision), article_of(rs.profit_provision)
    return OpenQuestion(
        code="art6_lawful_business_changes_tier",
        provision=parent(rs.profit_provision),
        text=(
            f"按{article_zh(art6)}（为合法经营活动而购买、收受）计算为“{tier.zh}”；"
            f"同样的记录按{article_zh(art5)}计算为“{art5_tier.zh}”。"
            "购买、收受是否确为合法经营活动，须由法院认定。"
        ),
        text_en=(
            f"Under {item_en(art6)} (bought or received for a lawful business) the tier is "
            f"{tier.value}; the same records under {item_en(art5)} give {art5_tier.value}. "
            "Whether the purchase really served a lawful business is for the court to find."
        ),
    )


def _d20_no_tenfold_for_art6(ev: Evaluation, rs: Ruleset) -> OpenQuestion | None:
    """D20: a para-2 circumstance asserted for an Art. 6-only case does not change the tier."""
    if not ev.capped_findings:
        return None
    return _d20_question(rs, ev.capped_findings)


@lru_cache(maxsize=64)
def _d20_question(rs: Ruleset, findings: tuple[str, ...]) -> OpenQuestion:
    serious, especially = parent(rs.standards[0].provision), parent(rs.tenfold_provision)
    art6 = article_of(rs.profit_provision)
    return OpenQuestion(
        code="art6_no_especially_serious_tier",
        provision=especially,
        text=(
            f"所主张的{article_zh(especially)}情形（{'、'.join(findings)}）未改变档次："
            f"本案仅涉{article_zh(art6)}的行为，{article_zh(art6)}没有“情节特别严重”一档，"
            f"{article_zh(especially)}适用于{article_zh(serious)}的行为。法院是否另作认定，须由法院判断。"
        ),
        text_en=(
            f"The para-{paragraph_number(especially)} circumstances asserted "
            f"({', '.join(findings)}) do not change the tier: the case is {item_en(art6)} "
            f"conduct only, {item_en(art6)} has no 情节特别严重 tier, and {para_en(especially)} "
            f"applies to conduct under {para_en(serious)}. Any other view is the court's."
        ),
    )


def open_questions(
    ev: Evaluation, case: Case, rs: Ruleset, *, art5_tier: Tier | None
) -> tuple[OpenQuestion, ...]:
    """The open questions of D8, D9, D12, D13, D17, D18 and D20, in that order."""
    found: list[OpenQuestion] = []
    for question in (
        _d8_tenfold_rests_on_sum(ev, rs),
        _d9_counts_and_gains_both_half(ev, case.illegal_gains_cny, rs),
        _d12_insider_blend(ev, case, rs),
        _d13_tenfold_rests_on_insider_half(ev, rs),
        _d17_window_edge(ev, case, rs),
        _d18_art6_changes_tier(ev, art5_tier, rs),
        _d20_no_tenfold_for_art6(ev, rs),
    ):
        if question is not None:
            found.append(question)
    return tuple(found)


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# Each warning's text depends on the ruleset and the statute data only, so each is written
# once and shared, as the open questions are.


@lru_cache(maxsize=64)
def _resale_warning(rs: Ruleset) -> Warning:
    art5 = article_of(rs.standards[0].provision)
    return Warning(
        code="art6_gains_suggest_resale",
        text=(
            f"有违法所得，但没有按{article_zh(art5)}评价的记录。违法所得来自出售、提供所购买、收受的信息的，"
            f"应按{article_zh(RESALE_PARAGRAPH)}适用{article_zh(art5)}（resold = true）。"
        ),
        text_en=(
            f"There are illegal gains but no records under {item_en(art5)}. Gains from selling or "
            f"providing the bought information mean {para_en(RESALE_PARAGRAPH)} applies (resold = true)."
        ),
    )


@lru_cache(maxsize=64)
def _no_conduct_date_warning(rs: Ruleset) -> Warning:
    return Warning(
        code="no_conduct_date",
        text=(
            f"未提供行为日期：按现行有效的规定计算（{cite_zh(OFFENCE)}现行条文、"
            f"法释〔2017〕10号）；行政处罚的“{number_zh(rs.admin_window_years)}年内”无法计算。"
        ),
        text_en=(
            f"No conduct date: the rules in force today apply (the current text of {OFFENCE} "
            f"and 法释〔2017〕10号); the {number_en(rs.admin_window_years)}-year window of "
            f"{rs.admin_provision} cannot be computed."
        ),
    )


@lru_cache(maxsize=64)
def _before_interpretation_warning(rs: Ruleset) -> Warning:
    return Warning(
        code="conduct_before_interpretation",
        text=(
            f"行为发生在《解释》施行（{_cn(rs.effective_from)}）之前。行为时没有相关司法解释，"
            f"依{time_rule_zh(PENDING_CASES)}，尚未处理或者正在处理的案件依照本解释办理。"
        ),
        text_en=(
            f"The conduct predates the Interpretation (in force {rs.effective_from.isoformat()}). "
            f"No interpretation fixed these thresholds at the time, so under {time_rule_en(PENDING_CASES)} "
            "a pending case is handled under this Interpretation."
        ),
    )


def _amendment_vii_warnings() -> tuple[Warning, Warning]:
    first, current = STATUTES[0], STATUTES[-1]
    years = first.serious_max_months // MONTHS_PER_YEAR
    return (
        Warning(
            code="amendment_vii_single_tier",
            text=(
                f"行为发生在{_cn(first.effective_from)}至{_cn(current.effective_from)}之前，"
                f"适用{first.title}的条文：当时只有“情节严重”一档，最高处{number_zh(years)}年有期徒刑，"
                f"没有“情节特别严重”的法定刑（{cite_zh(LIGHTER_LAW)}，适用处刑较轻的当时法律）。"
            ),
            text_en=(
                f"The conduct falls between {first.effective_from.isoformat()} and the day before "
                f"{current.effective_from.isoformat()}: the Amendment VII text applies, which had "
                f"one range only (up to {number_en(years)} years) and no separate range for "
                f"情节特别严重 ({LIGHTER_LAW}, the lighter law)."
            ),
        ),
        Warning(
            code="amendment_vii_offender_scope",
            text=(
                f"{first.title}的条文中，出售、非法提供公民个人信息的主体限于国家机关或者金融、电信、"
                "交通、教育、医疗等单位的工作人员；非法获取的，任何人均可构成。须核实行为人的身份。"
            ),
            text_en=(
                "Under the Amendment VII text, selling or providing was punishable only for staff "
                "of State organs and of financial, telecom, transport, education, medical and "
                "similar units; obtaining was punishable for anyone. Check who the offender was."
            ),
        ),
    )


_AMENDMENT_VII_WARNINGS = _amendment_vii_warnings()
"""The two warnings for conduct under the first text of CL253-1 (D22), written once."""


def warnings(ev: Evaluation, case: Case, rs: Ruleset) -> tuple[Warning, ...]:
    """The warnings of D18 (gains without Art. 5 conduct) and D22 (conduct date)."""
    out: list[Warning] = []
    if ev.art6_active and case.illegal_gains_cny > 0 and not ev.art5_rows:
        out.append(_resale_warning(rs))
    conduct = case.conduct_date
    if conduct is None:
        out.append(_no_conduct_date_warning(rs))
        return tuple(out)
    if conduct < rs.effective_from:
        out.append(_before_interpretation_warning(rs))
    first, current = STATUTES[0], STATUTES[-1]
    if first.effective_from <= conduct < current.effective_from:
        out += _AMENDMENT_VII_WARNINGS
    return tuple(out)
