"""Art. 11: how records are counted (D3, D21)."""

from __future__ import annotations

from calculator.law import COUNTED_AS_SEIZED, COUNTED_CUMULATIVELY, COUNTED_ONCE
from calculator.model import RecordRow

__all__ = [
    "art11_1_obtained_then_passed_on_counts_once",
    "art11_2_several_recipients_count_cumulatively",
    "art11_3_seized_quantity",
    "art11_counted_quantity",
]


def art11_1_obtained_then_passed_on_counts_once(row: RecordRow) -> bool:
    """11.1: records obtained and then sold or provided are counted once.

    「非法获取公民个人信息后又出售或者提供的，公民个人信息的条数不重复计算。」

    D21: a row with one recipient counts once. D11: a row obtained in duty was passed on
    by definition, so ``recipients`` 0 there means the number is unknown and it counts once.
    """
    return row.recipients == 1 or (row.recipients == 0 and row.obtained_in_duty)


def art11_2_several_recipients_count_cumulatively(row: RecordRow) -> bool:
    """11.2: the same records sold or provided to several recipients add up.

    「向不同单位或者个人分别出售、提供同一公民个人信息的，公民个人信息的条数累计计算。」

    D21: ``count × recipients`` when there are two or more distinct recipients.
    """
    return row.recipients >= 2


def art11_3_seized_quantity(row: RecordRow) -> int:
    """11.3: the count is the quantity seized, less records proven false or duplicated.

    「对批量公民个人信息的条数，根据查获的数量直接认定，但是有证据证明信息不真实或者重复的除外。」

    D3: the caller has already removed proven false or duplicate records from ``count``.
    """
    return row.count


def art11_counted_quantity(row: RecordRow) -> tuple[int, str]:
    """The counted quantity of a row and the paragraph of Art. 11 that gives it (D21).

    ``count × max(1, recipients)``.
    """
    count = art11_3_seized_quantity(row)
    if art11_2_several_recipients_count_cumulatively(row):
        return count * row.recipients, COUNTED_CUMULATIVELY
    if art11_1_obtained_then_passed_on_counts_once(row):
        return count, COUNTED_ONCE
    return count, COUNTED_AS_SEIZED
