"""The mapping file (L7): each error stops the run, names file/column/label, writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger import Format, LedgerError, load_mapping
from tests.ledger.helpers import cli, id18, write_csv, write_mapping


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small CSV with an ID column, a category column and a buyer."""
    return write_csv(
        tmp_path / "dump.csv",
        ["身份证号", "类型", "买家"],
        [[id18(1), "住宿", "周某"], [id18(2), "酒店", "周某"]],
    )


def error_of(mapping: Path) -> LedgerError:
    """The error ``load_mapping`` raises."""
    with pytest.raises(LedgerError) as info:
        load_mapping([mapping])
    return info.value


def test_l7_a_valid_mapping_loads(data: Path) -> None:
    """A mapping with a path, an identifier and a category becomes a spec."""
    mapping = write_mapping(
        data.parent, {"path": "dump.csv", "id_number": "身份证号", "category": "general"}
    )
    spec = load_mapping([mapping])
    assert spec.files[0].format is Format.CSV
    assert spec.files[0].columns() == {"id": "身份证号"}


def test_l7_no_identifier_is_an_error(data: Path) -> None:
    """A file that maps none of id_number, phone, person_key is refused, naming what is allowed."""
    e = error_of(write_mapping(data.parent, {"path": "dump.csv", "category": "general"}))
    assert e.code == "no_identifier"
    assert "id_number" in e.message
    assert "person_key" in e.message
    assert e.file is not None
    assert e.file.endswith("mapping.toml")


def test_l7_unknown_category_names_the_allowed_ones(data: Path) -> None:
    """A category that is not one of the ten is refused, listing them."""
    e = error_of(
        write_mapping(
            data.parent, {"path": "dump.csv", "id_number": "身份证号", "category": "hotel"}
        )
    )
    assert e.code == "unknown_category"
    assert "accommodation" in e.message
    assert "'hotel'" in e.message


def test_l7_unknown_key_is_an_error(data: Path) -> None:
    """A misspelt key is refused with the list of keys."""
    e = error_of(
        write_mapping(data.parent, {"path": "dump.csv", "id_numbr": "x", "category": "general"})
    )
    assert e.code == "unknown_mapping_key"
    assert e.column == "id_numbr"


def test_l7_missing_data_file_is_an_error(tmp_path: Path) -> None:
    """A path that is not there is refused, naming it."""
    e = error_of(
        write_mapping(tmp_path, {"path": "nope.csv", "id_number": "x", "category": "general"})
    )
    assert e.code == "file_not_found"
    assert e.file == "nope.csv"


def test_l7_a_bare_data_file_is_refused(data: Path) -> None:
    """A data file given without a mapping is refused with a mapping to write."""
    with pytest.raises(LedgerError) as info:
        load_mapping([data])
    assert info.value.code == "data_file_without_mapping"
    assert "[[file]]" in info.value.message


def test_l7_category_column_needs_labels(data: Path) -> None:
    """A category column without its labels table is refused."""
    e = error_of(
        write_mapping(
            data.parent, {"path": "dump.csv", "id_number": "身份证号", "category_column": "类型"}
        )
    )
    assert e.code == "missing_category_labels"
    assert e.column == "类型"


def test_l7_a_file_listed_twice_is_refused(data: Path) -> None:
    """The same file twice would be counted twice: refused."""
    entry = {"path": "dump.csv", "id_number": "身份证号", "category": "general"}
    e = error_of(write_mapping(data.parent, entry, entry))
    assert e.code == "duplicate_input"


def test_l7_unknown_encoding_lists_the_allowed(data: Path) -> None:
    """An encoding the readers do not take is refused, listing utf-8, gb18030, gbk."""
    e = error_of(
        write_mapping(
            data.parent,
            {
                "path": "dump.csv",
                "encoding": "latin-1",
                "id_number": "身份证号",
                "category": "general",
            },
        )
    )
    assert e.code == "unknown_encoding"
    assert "gb18030" in e.message


def test_l7_aliases_must_not_point_two_ways(data: Path) -> None:
    """One alias under two canonical names is refused."""
    entry = {"path": "dump.csv", "id_number": "身份证号", "category": "general"}
    e = error_of(write_mapping(data.parent, entry, aliases={"甲": ["乙"], "丙": ["乙"]}))
    assert e.code == "bad_mapping_value"
    assert e.column == "recipient_aliases"


def test_l7_cli_missing_column_names_file_and_column(data: Path) -> None:
    """A mapped column the file lacks: exit 1, the file and column named, no output file."""
    mapping = write_mapping(
        data.parent, {"path": "dump.csv", "id_number": "证件号", "category": "general"}
    )
    out = data.parent / "out.json"
    done = cli("count", mapping, "--out", out)
    assert done.returncode == 1
    assert "dump.csv" in done.stderr
    assert "证件号" in done.stderr
    assert "身份证号" in done.stderr  # the columns that are there
    assert not out.exists()
    assert list(data.parent.glob(".out.json*")) == []


def test_l7_cli_unknown_label_names_file_line_and_label(data: Path) -> None:
    """A label not in category_labels: exit 1, naming the file, line 3 and the label; never a guess."""
    mapping = write_mapping(
        data.parent,
        {
            "path": "dump.csv",
            "id_number": "身份证号",
            "category_column": "类型",
            "category_labels": {"住宿": "accommodation"},
        },
    )
    out = data.parent / "out.json"
    done = cli("count", mapping, "--out", out)
    assert done.returncode == 1
    assert "dump.csv:3" in done.stderr
    assert "酒店" in done.stderr
    assert "类型" in done.stderr
    assert not out.exists()


def test_l7_cli_bad_toml_is_an_error(tmp_path: Path) -> None:
    """A mapping that is not TOML: exit 1, naming the mapping file."""
    mapping = tmp_path / "m.toml"
    mapping.write_text("[[file]\npath = 1\n", encoding="utf-8")
    done = cli("count", mapping)
    assert done.returncode == 1
    assert "m.toml" in done.stderr
    assert done.stdout == ""


def test_l7_cli_bad_date_is_a_usage_error(data: Path) -> None:
    """A conduct date that is not YYYY-MM-DD is a usage error (exit 2)."""
    mapping = write_mapping(
        data.parent, {"path": "dump.csv", "id_number": "身份证号", "category": "general"}
    )
    done = cli("count", mapping, "--conduct-date", "2024/01/01")
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr
