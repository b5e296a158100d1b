"""The ledger fixtures against the plain reference reading of COUNTING.md, and its invariants.

Each evidence set under ``fixtures/ledger/`` pins hand-checked counts; the reference
(``tests/ledger/reference.py``) must read exactly those. On generated sets the reference
must keep L4's funnel (``persons`` ≤ ``exact_duplicates_removed`` ≤ ``as_seized``) and give
the same counts whatever the order of the lines or the cut between files.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from calculator import assess
from tests.calculator.requests import case_from_request
from tests.ledger.generate import (
    CONDUCT_DATE,
    EvidenceDraft,
    draw_evidence,
    evidence_drafts,
    split_first_file,
    with_exact_duplicate,
    with_lines_shuffled,
    write_evidence,
)
from tests.ledger.reference import (
    CATEGORIES,
    VARIANTS,
    LedgerError,
    Reference,
    check_id,
    check_phone,
    count,
    id_check_char,
    normalise,
)

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "ledger"
SETS = sorted(p for p in ROOT.iterdir() if p.is_dir() and (p / "expected.json").is_file())
ERRORS = sorted(p for p in (ROOT / "errors").iterdir() if p.is_dir())
BINARY_SUFFIXES = {".parquet": "pyarrow", ".xlsx": "openpyxl"}
CONDUCT = CONDUCT_DATE
TODAY = date(2026, 11, 23)
SEEDS = range(40)


def _expected(folder: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return loaded


def _need_readers(folder: Path) -> None:
    """Parquet and XLSX need pyarrow and openpyxl (the test extra); say so when they are absent."""
    for path in folder.iterdir():
        module = BINARY_SUFFIXES.get(path.suffix)
        if module is not None:
            pytest.importorskip(module, reason=f"{path.name} needs {module}")


def _view(ref: Reference) -> dict[str, Any]:
    """The reference's reading in the shape of ``expected.json``."""
    return {
        "variants": {name: {"by_category": ref.variants[name]} for name in VARIANTS},
        "records": ref.records,
        "invalid": ref.invalid,
        "repeated_header_lines": ref.repeated_header_lines,
    }


def _counts(ref: Reference) -> dict[str, Any]:
    """What must not depend on the order or the cut of the input: counts, rows, reasons."""
    return {
        "variants": ref.variants,
        "records": ref.records,
        "invalid": {reason: len(refs) for reason, refs in ref.invalid.items()},
        "repeated_headers": len(ref.repeated_header_lines),
    }


def _read(draft: EvidenceDraft, folder: Path) -> Reference:
    return count(write_evidence(draft, folder), conduct_date=CONDUCT)


# --- the fixture sets ----------------------------------------------------------------


def test_the_fixture_scan_sees_every_set() -> None:
    """Twelve evidence sets and eight error cases are found (an empty scan would prove nothing)."""
    assert len(SETS) >= 12
    assert len(ERRORS) >= 8


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_fixture_set_reads_as_expected(folder: Path) -> None:
    """The reference reads the set's hand-checked variants, rows, invalid lines and header rows."""
    _need_readers(folder)
    expected = _expected(folder)
    ref = count(folder / "mapping.toml", conduct_date=date.fromisoformat(expected["conduct_date"]))
    wanted = {key: expected[key] for key in _view(ref)}
    assert _view(ref) == wanted


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_fixture_expectation_is_consistent(folder: Path) -> None:
    """An expectation agrees with itself: its rows sum to ``persons`` and the funnel narrows."""
    expected = _expected(folder)
    assert expected["id"] == folder.name
    assert expected["probes"].endswith(".")
    assert len(expected["why"]) >= 2
    variants = {name: expected["variants"][name]["by_category"] for name in VARIANTS}
    for table in variants.values():
        assert set(table) <= set(CATEGORIES)
        assert all(n > 0 for n in table.values())
    from_rows: dict[str, int] = {}
    for row in expected["records"]:
        from_rows[row["category"]] = from_rows.get(row["category"], 0) + row["count"] * max(
            1, row["recipients"]
        )
    assert from_rows == variants["persons"]
    keys = [(r["category"], r["recipients"], r["obtained_in_duty"]) for r in expected["records"]]
    assert keys == sorted(set(keys))
    for category, seized in variants["as_seized"].items():
        exact = variants["exact_duplicates_removed"].get(category, 0)
        assert variants["persons"].get(category, 0) <= exact <= seized
    mapped = (folder / "mapping.toml").read_text(encoding="utf-8")
    for refs in [*expected["invalid"].values(), expected["repeated_header_lines"]]:
        for ref in refs:
            name, line = ref.rsplit(":", 1)
            assert f'path = "{name}"' in mapped
            assert int(line) >= 1


@pytest.mark.parametrize(
    "folder", [p for p in SETS if "tiers" in _expected(p)], ids=lambda p: p.name
)
def test_fixture_tiers_are_the_calculators(folder: Path) -> None:
    """Where a set pins a tier per variant, the calculator gives it on that variant's counts."""
    expected = _expected(folder)
    tiers = {}
    for name in VARIANTS:
        records = [
            {"category": c, "count": n}
            for c, n in expected["variants"][name]["by_category"].items()
        ]
        request = {"conduct_date": expected["conduct_date"], "records": records}
        tiers[name] = assess(case_from_request(request), today=TODAY).tier.value
    assert tiers == expected["tiers"]
    assert expected["tier_depends_on_counting"] == (len(set(tiers.values())) > 1)


@pytest.mark.parametrize("folder", ERRORS, ids=lambda p: p.name)
def test_error_case_is_refused(folder: Path) -> None:
    """A mapping that must fail fails with its code and a message naming the file, column or label."""
    expected = json.loads((folder / "expected_error.json").read_text(encoding="utf-8"))
    assert expected["id"] == folder.name
    with pytest.raises(LedgerError) as caught:
        count(folder / "mapping.toml", conduct_date=CONDUCT)
    assert caught.value.code == expected["code"]
    for needle in expected["must_name"]:
        assert needle.lower() in str(caught.value).lower()


def test_readme_lists_every_set_and_error_case() -> None:
    """The fixtures' README has a line for each set and each error case."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for folder in [*SETS, *ERRORS]:
        assert f"`{folder.name}`" in readme


def _load_make_binary() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_binary", ROOT / "make_binary.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_binary_inputs_are_reproducible(tmp_path: Path) -> None:
    """make_binary.py writes the committed Parquet and XLSX files byte for byte."""
    pytest.importorskip("pyarrow", reason="make_binary.py needs pyarrow")
    pytest.importorskip("openpyxl", reason="make_binary.py needs openpyxl")
    make_binary = _load_make_binary()
    make_binary.main(tmp_path)
    committed = ROOT / "s09-jsonl-parquet-xlsx"
    for name in ("tracks.parquet", "owners.xlsx"):
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name


# --- the reference's own decisions, on known values -------------------------------------


def test_check_char_agrees_with_the_standards_examples() -> None:
    """GB 11643-1999's examples 11010519491231002X and 440524188001010014 have valid check chars."""
    assert id_check_char("11010519491231002") == "X"
    assert id_check_char("44052418800101001") == "4"


def test_ids_follow_decision_b() -> None:
    """x reads as X, a 15-digit ID converts to 18 digits, dates are real and not after the conduct."""
    assert check_id("11010519491231002x", CONDUCT) == ("11010519491231002X", None)
    assert check_id("110105491231002", CONDUCT) == ("11010519491231002X", None)
    assert check_id("110105194912310021", CONDUCT) == (None, "id_check_digit")
    assert check_id("110105491231002X", CONDUCT) == (None, "id_format")
    assert check_id("110105493112002", CONDUCT) == (None, "id_birth_date")
    assert check_id("11010519491231002X", date(1949, 12, 30)) == (None, "id_birth_date")
    assert check_id("11010519491231002X", date(1949, 12, 31)) == ("11010519491231002X", None)


def test_phones_follow_decision_c() -> None:
    """Prefixes, spaces and hyphens go; anything else about the number makes it invalid."""
    for written in ("13812345678", "+8613812345678", "0086 138-1234-5678", "8613812345678"):
        assert check_phone(written) == "13812345678"
    for written in ("12812345678", "+85213812345678", "138123456789", "13812345678\n", "+86+86"):
        assert check_phone(written) is None


def test_normalisation_follows_decision_a() -> None:
    """Full-width ASCII and the ideographic space become ASCII; the ends are trimmed."""
    assert normalise("\u3000１３８ＡＢｘ　 ") == "138ABx"
    assert normalise("周某 \t") == "周某"


# --- generated sets ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_set_keeps_the_funnel(seed: int, tmp_path: Path) -> None:
    """persons ≤ exact_duplicates_removed ≤ as_seized per category, and the rows sum to persons."""
    ref = _read(draw_evidence(seed), tmp_path)
    seized = ref.variants["as_seized"]
    exact = ref.variants["exact_duplicates_removed"]
    persons = ref.variants["persons"]
    assert set(persons) <= set(exact) == set(seized)
    for category, n in seized.items():
        assert persons.get(category, 0) <= exact[category] <= n
    from_rows: dict[str, int] = {}
    for row in ref.records:
        from_rows[row["category"]] = from_rows.get(row["category"], 0) + row["count"] * max(
            1, row["recipients"]
        )
    assert from_rows == persons


@pytest.mark.parametrize("seed", SEEDS)
def test_shuffling_lines_changes_no_count(seed: int, tmp_path: Path) -> None:
    """The same lines in another order, and the files in another order, give the same counts."""
    draft = draw_evidence(seed)
    before = _read(draft, tmp_path / "before")
    after = _read(with_lines_shuffled(draft, seed + 1), tmp_path / "after")
    assert _counts(after) == _counts(before)


@pytest.mark.parametrize("seed", SEEDS)
def test_splitting_a_file_changes_no_count(seed: int, tmp_path: Path) -> None:
    """A file cut in two with the same mapping gives the same counts."""
    draft = draw_evidence(seed)
    before = _read(draft, tmp_path / "before")
    after = _read(split_first_file(draft), tmp_path / "after")
    assert _counts(after) == _counts(before)


@pytest.mark.parametrize("seed", SEEDS)
def test_an_exact_duplicate_changes_only_as_seized(seed: int, tmp_path: Path) -> None:
    """One more copy of a line adds one to as_seized and changes nothing else."""
    draft = draw_evidence(seed)
    before = _read(draft, tmp_path / "before")
    grown, _, _ = with_exact_duplicate(draft, seed)
    after = _read(grown, tmp_path / "after")
    assert (
        sum(after.variants["as_seized"].values()) == sum(before.variants["as_seized"].values()) + 1
    )
    assert after.variants["exact_duplicates_removed"] == before.variants["exact_duplicates_removed"]
    assert after.variants["persons"] == before.variants["persons"]
    assert after.records == before.records
    assert sum(len(v) for v in after.invalid.values()) - sum(
        len(v) for v in before.invalid.values()
    ) in (0, 1)


@settings(
    max_examples=30,
    database=None,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(draft=evidence_drafts())
def test_any_generated_set_reads_the_same_after_a_shuffle(draft: EvidenceDraft) -> None:
    """Hypothesis: for any drawn set, shuffling keeps every count and the funnel narrows."""
    with tempfile.TemporaryDirectory() as tmp:
        before = _read(draft, Path(tmp) / "before")
        after = _read(with_lines_shuffled(draft, 7), Path(tmp) / "after")
    assert _counts(after) == _counts(before)
    for category, n in before.variants["as_seized"].items():
        exact = before.variants["exact_duplicates_removed"][category]
        assert before.variants["persons"].get(category, 0) <= exact <= n


def test_generated_sets_exercise_every_trap(tmp_path: Path) -> None:
    """Over the seeds used here the generator meets every encoding, format and invalid reason."""
    encodings: set[str] = set()
    delimiters: set[str] = set()
    mapped: set[str] = set()
    reasons: set[str] = set()
    most_recipients = 0
    repeated_headers = 0
    for seed in SEEDS:
        draft = draw_evidence(seed)
        for f in draft.files:
            encodings.add(f.encoding)
            delimiters.add(f.delimiter)
            mapped.update(f.mapping)
        ref = _read(draft, tmp_path / str(seed))
        reasons.update(ref.invalid)
        repeated_headers += len(ref.repeated_header_lines)
        most_recipients = max([most_recipients, *(r["recipients"] for r in ref.records)])
    assert encodings == {"utf-8", "utf-8-sig", "gb18030"}
    assert delimiters == {",", "\t"}
    assert {"category_column", "recipient_column", "recipient", "obtained_in_duty"} <= mapped
    assert {"person_key", "phone", "id_number"} <= mapped
    assert {
        "no_identifier",
        "id_check_digit",
        "id_birth_date",
        "id_format",
        "phone_format",
    } <= reasons
    assert repeated_headers > 0
    assert most_recipients >= 2
