"""The engine against the plain reference reading of COUNTING.md on generated evidence.

``tests/ledger/reference.py`` reads COUNTING.md and the ledger's decisions with plain
loops; ``tests/ledger/generate.py`` draws evidence sets full of the traps (invalid and
legacy IDs, phone prefixes, full-width digits, duplicates across files, recipients with
aliases). On every drawn set the engine must give the reference's counts for every
variant and the reference's headline rows.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from ledger import count, load_mapping
from tests.ledger import reference
from tests.ledger.generate import CONDUCT_DATE, draw_evidence, write_evidence

SEEDS = range(60)
ledger_count = importlib.import_module("ledger.count")  # the module, not the function
KEY = bytes(16)


def _rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [
        {k: row[k] for k in ("category", "count", "recipients", "obtained_in_duty")}
        for row in result["request"]["records"]
    ]
    return sorted(rows, key=lambda r: (r["category"], r["recipients"], r["obtained_in_duty"]))


@pytest.mark.parametrize("seed", SEEDS)
def test_l1_to_l5_engine_reads_generated_evidence_as_the_reference(
    seed: int, tmp_path: Path
) -> None:
    """Every variant's counts and the headline rows equal the plain reading's."""
    mapping = write_evidence(draw_evidence(seed), tmp_path)
    plain = reference.count(mapping, conduct_date=CONDUCT_DATE)
    result = count(load_mapping([mapping]), conduct_date=CONDUCT_DATE, key=KEY)
    for variant, by_category in plain.variants.items():
        got = {c: n for c, n in result["variants"][variant]["by_category"].items() if n}
        assert got == by_category, variant
    assert _rows(result) == plain.records


@pytest.mark.parametrize("seed", SEEDS)
def test_l6_first_lines_from_distinct_rows_are_those_of_the_lines(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first invalid and merged lines named from the exact-distinct rows equal a reading line by line."""
    mapping = write_evidence(draw_evidence(seed), tmp_path)
    spec = load_mapping([mapping])
    fast = count(spec, conduct_date=CONDUCT_DATE, key=KEY)
    monkeypatch.setattr(ledger_count, "_first_positions", lambda *_, **__: None)
    slow = count(spec, conduct_date=CONDUCT_DATE, key=KEY)
    assert fast == slow
