"""Hypothesis strategies for evidence sets: lines drawn from small pools, so persons repeat."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from tests.ledger.helpers import id18, phone

HEADER = ("id", "tel", "kind", "buyer")
LABELS = {"住宿": "accommodation", "行踪": "whereabouts", "其他": "general"}

_IDS = [id18(i) for i in range(6)]
_ID_CELLS = st.one_of(
    st.sampled_from(_IDS),
    st.sampled_from(_IDS).map(lambda v: " " + v.lower() + "\u3000"),
    st.sampled_from(_IDS).map(lambda v: "".join(chr(ord(c) + 0xFEE0) for c in v)),
    st.sampled_from(_IDS).map(lambda v: v[:-1] + ("1" if v[-1] == "0" else "0")),
    st.just(""),
    st.just("12345"),
)
_PHONE_CELLS = st.one_of(
    st.sampled_from([phone(i) for i in range(4)]),
    st.sampled_from([phone(i) for i in range(4)]).map(lambda v: "+86 " + v),
    st.just(""),
    st.just("12345678901"),
)
_BUYERS = st.sampled_from(["", "周某", "周某 ", "李某", "王某"])


@dataclass(frozen=True)
class Line:
    """One data line of the generated CSV."""

    id: str
    tel: str
    kind: str
    buyer: str

    def cells(self) -> list[str]:
        """The CSV cells in ``HEADER`` order."""
        return [self.id, self.tel, self.kind, self.buyer]


lines = st.builds(
    Line,
    id=_ID_CELLS,
    tel=_PHONE_CELLS,
    kind=st.sampled_from(sorted(LABELS)),
    buyer=_BUYERS,
).filter(lambda line: any(line.cells()))
"""A line with at least one non-empty cell (an all-empty row is a blank line, not a line)."""

evidence = st.lists(lines, min_size=1, max_size=40)
"""An evidence set of up to 40 lines."""
