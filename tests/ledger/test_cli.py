"""``python -m ledger count``: the JSON on standard output or in ``--out``, the exit status."""

from __future__ import annotations

import json
from pathlib import Path

from ledger import LedgerError
from tests.ledger.helpers import cli, id18, write_csv, write_mapping


def mapping(tmp_path: Path) -> Path:
    """Three whereabouts lines, two persons."""
    write_csv(tmp_path / "w.csv", ["id"], [[id18(1)], [id18(2)], [id18(1)]])
    return write_mapping(tmp_path, {"path": "w.csv", "id_number": "id", "category": "whereabouts"})


def test_l7_prints_the_json_with_the_required_keys(tmp_path: Path) -> None:
    """Standard output holds one JSON object with request, variants, the flag and the report."""
    done = cli(
        "count", mapping(tmp_path), "--conduct-date", "2024-06-01", "--key", "00ff", "--seed", "4"
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"request", "variants", "tier_depends_on_counting", "report"}
    assert result["request"]["conduct_date"] == "2024-06-01"
    assert result["variants"]["persons"]["by_category"] == {"whereabouts": 2}
    assert result["report"]["person_keys"]["key"] == "caller_supplied"
    assert done.stderr == ""


def test_l7_out_file_and_assess(tmp_path: Path) -> None:
    """``--out`` gets the JSON (nothing on standard output); ``--assess`` adds the assessment."""
    out = tmp_path / "out.json"
    done = cli("count", mapping(tmp_path), "--out", out, "--assess")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "assessment" in json.loads(out.read_text(encoding="utf-8"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mapping.toml", "out.json", "w.csv"]


def test_l7_bad_key_is_a_usage_error(tmp_path: Path) -> None:
    """A key that is not hexadecimal is refused before anything is read."""
    done = cli("count", mapping(tmp_path), "--key", "not-hex")
    assert done.returncode == 2
    assert "hexadecimal" in done.stderr


def test_l7_a_refusal_names_the_file_in_both_languages() -> None:
    """The Chinese line of a refusal names the file and line as the English one does."""
    error = LedgerError("missing_column", "no such column", "没有这一列", file="a.csv", line=3)
    assert error.text() == "a.csv:3: no such column"
    assert error.text_zh() == "a.csv:3: 没有这一列"
    assert LedgerError("x", "bad", "错", line=7).text_zh() == "第 7 行: 错"
