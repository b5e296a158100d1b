"""Art. 7: unit offenders (D26)."""

from __future__ import annotations

from calculator.citation import cite_zh, item_en, para_en
from calculator.law import UNIT_ARTICLE, UNIT_OFFENCE
from calculator.model import Offender

__all__ = ["art7_unit_offender"]


def art7_unit_offender(offender: Offender) -> tuple[str, str] | None:
    """The unit note in Chinese and English, or ``None`` for a natural person (D26).

    「单位犯刑法第二百五十三条之一规定之罪的，依照本解释规定的相应自然人犯罪的定罪量刑标准，对直接负责的主管人员和其他直接责任人员定罪处罚，并对单位判处罚金。」

    The same standards apply; the unit is fined and the persons directly responsible
    are punished (CL253-1.4).
    """
    if offender is not Offender.UNIT:
        return None
    return _UNIT_NOTE


_UNIT_NOTE = (
    "单位犯罪的，依照相应自然人犯罪的定罪量刑标准，对直接负责的主管人员和其他直接责任人员定罪处罚，"
    f"并对单位判处罚金（{cite_zh(UNIT_ARTICLE)}、{cite_zh(UNIT_OFFENCE)}）。",
    "A unit is assessed by the same standards as a natural person: the persons directly "
    "in charge and the other persons directly responsible are convicted and punished, and "
    f"the unit is fined ({item_en(UNIT_ARTICLE)}; {para_en(UNIT_OFFENCE)}).",
)
"""The unit note, Chinese and English (D26)."""
