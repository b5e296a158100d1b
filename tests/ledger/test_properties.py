"""The properties of the counting (issue 10), on generated evidence sets (Hypothesis)."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ledger.helpers import id18, run, write_csv, write_mapping
from tests.ledger.strategies import HEADER, LABELS, Line, evidence

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VARIANTS = ("as_seized", "exact_duplicates_removed", "persons")


def ledger(*parts: Sequence[Line]) -> dict[str, Any]:
    """Count the parts, each its own CSV file in one mapping."""
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        entries = []
        for i, part in enumerate(parts):
            write_csv(where / f"p{i}.csv", HEADER, [line.cells() for line in part])
            entries.append(
                {
                    "path": f"p{i}.csv",
                    "id_number": "id",
                    "phone": "tel",
                    "category_column": "kind",
                    "recipient_column": "buyer",
                    "category_labels": LABELS,
                }
            )
        return run(write_mapping(where, *entries))


def counted(result: dict[str, Any]) -> dict[str, dict[str, int]]:
    """The variants' counts and the headline rows, the parts a property compares."""
    out = {v: result["variants"][v]["by_category"] for v in VARIANTS}
    out["rows"] = {
        f"{r['category']}/{r['recipients']}/{r['obtained_in_duty']}": r["count"]
        for r in result["request"]["records"]
    }
    return out


@SETTINGS
@given(evidence, st.randoms(use_true_random=False))
def test_shuffling_lines_never_changes_a_count(lines: list[Line], rnd: Any) -> None:
    """The order of the lines does not matter."""
    shuffled = list(lines)
    rnd.shuffle(shuffled)
    assert counted(ledger(lines)) == counted(ledger(shuffled))


@SETTINGS
@given(evidence, st.integers(min_value=0, max_value=40))
def test_splitting_a_file_in_two_never_changes_a_count(lines: list[Line], cut: int) -> None:
    """One file or the same lines in two files: the same counts."""
    cut = min(cut, len(lines))
    assert counted(ledger(lines)) == counted(ledger(lines[:cut], lines[cut:]))


@SETTINGS
@given(evidence, st.data())
def test_an_exact_duplicate_changes_only_as_seized(lines: list[Line], data: st.DataObject) -> None:
    """Repeating a line adds one to ``as_seized`` of its category and nothing else."""
    copy = data.draw(st.sampled_from(lines))
    before, after = counted(ledger(lines)), counted(ledger([*lines, copy]))
    category = LABELS[copy.kind]
    assert after["as_seized"] == {
        **before["as_seized"],
        category: before["as_seized"][category] + 1,
    }
    for key in ("exact_duplicates_removed", "persons", "rows"):
        assert after[key] == before[key]


@SETTINGS
@given(evidence, st.integers(min_value=0, max_value=5), st.sampled_from(sorted(LABELS)))
def test_a_second_distinct_recipient_adds_exactly_one(
    lines: list[Line], who: int, kind: str
) -> None:
    """A person with one recipient who gets a second, new one counts one more in ``persons``."""
    person = id18(900 + who)
    base = [*lines, Line(id=person, tel="", kind=kind, buyer="甲")]
    more = [*base, Line(id=person, tel="", kind=kind, buyer="乙")]
    category = LABELS[kind]
    before, after = counted(ledger(base)), counted(ledger(more))
    assert after["persons"][category] == before["persons"][category] + 1


@SETTINGS
@given(evidence)
def test_persons_never_exceed_distinct_lines_nor_distinct_lines_seized(lines: list[Line]) -> None:
    """Per category: persons ≤ exact_duplicates_removed ≤ as_seized.

    Holds here because no line has two recipients: a record's count is at most its distinct lines.
    """
    result = counted(ledger(lines))
    for category, seized in result["as_seized"].items():
        assert result["persons"][category] <= result["exact_duplicates_removed"][category] <= seized
