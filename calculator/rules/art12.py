"""Art. 12: the fine guide (D24)."""

from __future__ import annotations

from decimal import Decimal

from calculator.citation import article_zh, cite_zh, item_en, number_en, number_zh
from calculator.law import FINE_BY_CIRCUMSTANCES, Ruleset, provision_text
from calculator.model import FineGuide, Tier
from calculator.rules.common import money_text

__all__ = ["art12_fine_guide"]


def art12_fine_guide(tier: Tier, gains: Decimal, rs: Ruleset) -> FineGuide:
    """The fine normally lies between one and five times the gains, both ends included (D24, D1).

    「罚金数额一般在违法所得的一倍以上五倍以下。」

    Without gains there is no formula and CL52 applies; below 情节严重 there is no offence.
    """
    text = provision_text(rs.fine_provision)
    if tier is Tier.NOT_SERIOUS:
        return FineGuide(
            provision=rs.fine_provision,
            text=text,
            applies=False,
            min_cny=None,
            max_cny=None,
            note_zh="未达到情节严重，不涉及罚金。",
            note_en="Below 情节严重: no offence, so no fine.",
        )
    if gains > 0:
        low = gains * rs.fine_min_multiple
        high = gains * rs.fine_max_multiple
        return FineGuide(
            provision=rs.fine_provision,
            text=text,
            applies=True,
            min_cny=low,
            max_cny=high,
            note_zh=(
                f"罚金数额一般在违法所得的{number_zh(rs.fine_min_multiple)}倍以上"
                f"{number_zh(rs.fine_max_multiple)}倍以下，即{money_text(low)}元以上"
                f"{money_text(high)}元以下。"
            ),
            note_en=(
                f"The fine is normally between {number_en(rs.fine_min_multiple)} and "
                f"{number_en(rs.fine_max_multiple)} times the illegal gains, both ends "
                f"included: CNY {money_text(low)} to CNY {money_text(high)}."
            ),
        )
    return FineGuide(
        provision=rs.fine_provision,
        text=text,
        applies=False,
        min_cny=None,
        max_cny=None,
        note_zh=(
            f"无违法所得，{article_zh(rs.fine_provision)}的倍数不适用；"
            f"依{cite_zh(FINE_BY_CIRCUMSTANCES)}根据犯罪情节决定罚金数额。"
        ),
        note_en=(
            f"No illegal gains: {item_en(rs.fine_provision)}'s multiples do not apply; "
            f"{FINE_BY_CIRCUMSTANCES} (the circumstances of the crime) governs the fine."
        ),
    )
