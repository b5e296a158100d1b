"""The answer of a run (L4–L6): variants and their tiers, headline rows, funnel, review, margin."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import ledger
from calculator import Category
from calculator.law import ruleset_for
from tests.ledger.helpers import CONDUCT, id18, phone, run, write_csv, write_mapping

T50 = ruleset_for(CONDUCT).threshold(Category.WHEREABOUTS)


def whereabouts(
    tmp_path: Path, people: int, repeats: int = 0, *, buyers: int = 0
) -> dict[str, Any]:
    """``people`` distinct persons, the first ``repeats`` of them on a second line."""
    rows = [[phone(i), f"买家{i % buyers}" if buyers else ""] for i in range(people)]
    rows += [[phone(i), ""] for i in range(repeats)]
    write_csv(tmp_path / "w.csv", ["tel", "buyer"], rows)
    mapping = write_mapping(
        tmp_path,
        {"path": "w.csv", "phone": "tel", "recipient_column": "buyer", "category": "whereabouts"},
    )
    return run(mapping)


def test_public_surface() -> None:
    """The package names its public surface, and each name exists."""
    assert set(ledger.__all__) >= {"LedgerError", "LedgerSpec", "count", "load_mapping"}
    for name in ledger.__all__:
        assert hasattr(ledger, name)


def test_l4_tier_depends_on_counting(tmp_path: Path) -> None:
    """Lines over the standard but persons under it: the tiers differ and the flag says so."""
    result = whereabouts(tmp_path, T50 - 5, repeats=10)
    variants = result["variants"]
    assert variants["as_seized"]["by_category"] == {"whereabouts": T50 + 5}
    assert variants["as_seized"]["tier"] == "serious"
    assert variants["persons"]["by_category"] == {"whereabouts": T50 - 5}
    assert variants["persons"]["tier"] == "not_serious"
    assert result["tier_depends_on_counting"] is True


def test_l5_headline_rows_and_funnel(tmp_path: Path) -> None:
    """Rows per (category, k); the funnel adds up and names the merged lines."""
    result = whereabouts(tmp_path, 6, repeats=2, buyers=2)
    assert result["request"] == {
        "conduct_date": CONDUCT.isoformat(),
        "records": [
            {
                "category": "whereabouts",
                "count": 6,
                "recipients": 1,
                "obtained_in_duty": False,
                "label": "ledger: whereabouts, 1 recipient",
            }
        ],
    }
    funnel = result["report"]["funnel"]["by_category"]["whereabouts"]
    assert funnel["lines_read"] == 8
    assert funnel["duplicates_merged"]["count"] == 2
    assert funnel["duplicates_merged"]["reasons"]["same_person"]["first_lines"] == [
        {"file": "w.csv", "line": 8},
        {"file": "w.csv", "line": 9},
    ]
    assert funnel["records"] == 6
    assert funnel["counted"] == 6


def test_l6_margin_is_the_least_number_to_disprove(tmp_path: Path) -> None:
    """Ten over the 50 standard: eleven records must fall for the tier to drop."""
    result = whereabouts(tmp_path, T50 + 10)
    assert result["report"]["margin"] == {
        "tier": "serious",
        "records_to_disprove": {"whereabouts": 11},
    }


def test_l6_margin_is_null_when_the_category_cannot_drop_it(tmp_path: Path) -> None:
    """Below the standard there is nothing to drop: null."""
    result = whereabouts(tmp_path, 3)
    assert result["report"]["margin"]["records_to_disprove"] == {"whereabouts": None}


def test_l6_review_note_and_seeded_sample(tmp_path: Path) -> None:
    """A 50-tier category gets the 逐一认定 note and a sample the seed reproduces."""
    write_csv(tmp_path / "w.csv", ["id"], [[id18(i)] for i in range(40)])
    mapping = write_mapping(
        tmp_path, {"path": "w.csv", "id_number": "id", "category": "whereabouts"}
    )
    first, again, other = run(mapping, seed=1), run(mapping, seed=1), run(mapping, seed=2)
    review = first["report"]["review"]["whereabouts"]
    assert "逐一认定" in review["note_zh"]
    assert "one by one" in review["note_en"]
    assert review["standard"] == T50
    lines = [s["line"] for s in review["sample"]]
    assert len(lines) == 20
    assert lines == sorted(lines)
    assert review == again["report"]["review"]["whereabouts"]
    assert lines != [s["line"] for s in other["report"]["review"]["whereabouts"]["sample"]]


def test_l6_general_category_has_no_review(tmp_path: Path) -> None:
    """The 5000 standard is counted in bulk: no review entry."""
    write_csv(tmp_path / "g.csv", ["id"], [[id18(1)]])
    mapping = write_mapping(tmp_path, {"path": "g.csv", "id_number": "id", "category": "general"})
    assert run(mapping)["report"]["review"] == {}


def test_assess_adds_the_headline_assessment(tmp_path: Path) -> None:
    """``assess=True`` adds the calculator's answer for the headline request."""
    write_csv(tmp_path / "w.csv", ["id"], [[id18(i)] for i in range(T50)])
    mapping = write_mapping(
        tmp_path, {"path": "w.csv", "id_number": "id", "category": "whereabouts"}
    )
    result = run(mapping, assess=True)
    assert result["assessment"]["tier"] == "serious"
    assert result["assessment"]["grounds"][0]["provision"] == "5.1.3"
    assert "assessment" not in run(mapping)


def test_progress_reports_files_and_lines(tmp_path: Path) -> None:
    """The progress callback hears each file read and the end, with line counts only."""
    write_csv(tmp_path / "w.csv", ["id"], [[id18(i)] for i in range(3)])
    mapping = write_mapping(
        tmp_path, {"path": "w.csv", "id_number": "id", "category": "whereabouts"}
    )
    events: list[ledger.Progress] = []
    run(mapping, progress=events.append)
    assert events[-1] == ledger.Progress(stage="done", files_done=1, files_total=1, lines_read=3)


def test_future_conduct_date_is_refused(tmp_path: Path) -> None:
    """A conduct date after today is an error, not a guess."""
    write_csv(tmp_path / "w.csv", ["id"], [[id18(1)]])
    mapping = write_mapping(
        tmp_path, {"path": "w.csv", "id_number": "id", "category": "whereabouts"}
    )
    with pytest.raises(ledger.LedgerError) as info:
        run(mapping, conduct_date=date(9999, 1, 1))
    assert info.value.code == "bad_conduct_date"


def test_l3_recipients_counted_alike_beyond_the_bit_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-recipient aggregation (many recipients) and the bit count give the same answer."""
    rows = [[id18(i % 7), f"买家{i % 5}"] for i in range(40)]
    write_csv(tmp_path / "w.csv", ["id", "buyer"], rows)
    mapping = write_mapping(
        tmp_path,
        {
            "path": "w.csv",
            "id_number": "id",
            "recipient_column": "buyer",
            "category": "whereabouts",
        },
    )
    bits = run(mapping)
    monkeypatch.setattr(sys.modules["ledger.count"], "RECIPIENT_BITS", 0)
    assert run(mapping) == bits
    assert bits["variants"]["persons"]["by_category"] == {"whereabouts": 35}
