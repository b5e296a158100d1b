"""Every evidence set of ``fixtures/ledger/`` through ``python -m ledger count`` (L7).

Each set's ``expected.json`` holds hand-checked counts; the command line must print them:
every variant's counted quantity per category, the headline rows (L5), each removal
reason's count and first lines (L6), and the tiers where the set pins them. Each error
case must stop the run with a non-zero exit, a message naming what ``expected_error.json``
lists, and nothing written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ledger import LedgerError, count, load_mapping
from tests.ledger.helpers import cli

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "ledger"
SETS = sorted(p for p in ROOT.iterdir() if p.is_dir() and (p / "expected.json").is_file())
ERRORS = sorted(p for p in (ROOT / "errors").iterdir() if p.is_dir())
KEY = "00112233445566778899aabbccddeeff"
FIRST_LINES = 5


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


_RESULTS: dict[Path, dict[str, Any]] = {}


def _ledger(folder: Path, tmp_path: Path) -> dict[str, Any]:
    """The command line's answer for one set, run once per set and test session."""
    if folder in _RESULTS:
        return _RESULTS[folder]
    expected = _load(folder / "expected.json")
    out = tmp_path / "out.json"
    done = cli(
        "count",
        folder / "mapping.toml",
        "--out",
        out,
        "--conduct-date",
        expected["conduct_date"],
        "--key",
        KEY,
    )
    assert done.returncode == 0, done.stderr
    _RESULTS[folder] = _load(out)
    return _RESULTS[folder]


def _refs(lines: list[dict[str, Any]]) -> list[str]:
    return [f"{entry['file']}:{entry['line']}" for entry in lines]


@pytest.mark.parametrize("folder", SETS, ids=[p.name for p in SETS])
def test_l4_every_variant_counts_as_hand_checked(folder: Path, tmp_path: Path) -> None:
    """Each variant's counted quantity per category is the set's hand-checked one."""
    expected = _load(folder / "expected.json")
    result = _ledger(folder, tmp_path)
    for variant, pinned in expected["variants"].items():
        got = {c: n for c, n in result["variants"][variant]["by_category"].items() if n}
        assert got == pinned["by_category"], variant
    if "tiers" in expected:
        tiers = {v: result["variants"][v]["tier"] for v in expected["tiers"]}
        assert tiers == expected["tiers"]
        assert result["tier_depends_on_counting"] is expected["tier_depends_on_counting"]


@pytest.mark.parametrize("folder", SETS, ids=[p.name for p in SETS])
def test_l5_headline_rows_are_the_hand_checked_records(folder: Path, tmp_path: Path) -> None:
    """The headline request holds one row per (category, recipients, duty), as checked."""
    expected = _load(folder / "expected.json")
    result = _ledger(folder, tmp_path)
    rows = [
        {k: row[k] for k in ("category", "count", "recipients", "obtained_in_duty")}
        for row in result["request"]["records"]
    ]
    key = ("category", "recipients", "obtained_in_duty")
    assert sorted(rows, key=lambda r: [r[k] for k in key]) == expected["records"]
    assert result["request"]["conduct_date"] == expected["conduct_date"]


@pytest.mark.parametrize("folder", SETS, ids=[p.name for p in SETS])
def test_l6_removals_name_their_reason_and_first_lines(folder: Path, tmp_path: Path) -> None:
    """Each invalid reason's count and first lines, and the repeated headers, are as checked."""
    expected = _load(folder / "expected.json")
    funnel = _ledger(folder, tmp_path)["report"]["funnel"]
    found: dict[str, list[str]] = {}
    counted: dict[str, int] = {}
    for category in funnel["by_category"].values():
        for reason, entry in category["invalid_removed"]["reasons"].items():
            found.setdefault(reason, []).extend(_refs(entry["first_lines"]))
            counted[reason] = counted.get(reason, 0) + entry["count"]
    assert counted == {r: len(refs) for r, refs in expected["invalid"].items()}
    for reason, refs in expected["invalid"].items():
        assert set(found[reason]) <= set(refs), reason
        assert len(found[reason]) >= min(FIRST_LINES, len(refs)), reason
    headers = funnel["repeated_header"]
    assert headers["count"] == len(expected["repeated_header_lines"])
    assert _refs(headers["first_lines"]) == expected["repeated_header_lines"][:FIRST_LINES]


@pytest.mark.parametrize("folder", ERRORS, ids=[p.name for p in ERRORS])
def test_l7_a_bad_mapping_or_file_stops_the_run_naming_it(folder: Path, tmp_path: Path) -> None:
    """A refused input exits non-zero, names the file/column/label and writes nothing."""
    expected = _load(folder / "expected_error.json")
    out = tmp_path / "out.json"
    done = cli("count", folder / "mapping.toml", "--out", out, "--conduct-date", "2024-06-30")
    assert done.returncode != 0
    message = done.stderr.casefold()
    for name in expected["must_name"]:
        assert name.casefold() in message, name
    assert not out.exists()
    assert done.stdout == ""


@pytest.mark.parametrize("folder", ERRORS, ids=[p.name for p in ERRORS])
def test_l7_a_refusal_carries_the_expected_code(folder: Path) -> None:
    """The Python API refuses each error case with the code ``expected_error.json`` names."""
    expected = _load(folder / "expected_error.json")
    with pytest.raises(LedgerError) as caught:
        count(load_mapping([folder / "mapping.toml"]))
    assert caught.value.code == expected["code"]
