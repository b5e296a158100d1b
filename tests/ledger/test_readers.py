"""Readers: every format and encoding gives the same lines, numbered as decision g says."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ledger import LedgerError, load_mapping
from ledger.readers import read_source
from tests.ledger.helpers import id18, run, write_csv, write_mapping

HEADER = ["身份证号", "买家"]
ROWS = [[id18(1), "周某"], [id18(2), "李某"], [id18(1), "王某"]]


def lines_of(path: Path, **extra: str) -> tuple[list[int], list[str], dict[str, object]]:
    """Line numbers, ID cells and the fingerprint of one file read through its mapping."""
    mapping = write_mapping(
        path.parent,
        {
            "path": path.name,
            "id_number": "身份证号",
            "recipient_column": "买家",
            "category": "general",
            **extra,
        },
    )
    source = read_source(load_mapping([mapping]).files[0], 0)
    return (
        source.table.column("line").to_pylist(),
        source.table.column("id").to_pylist(),
        source.fingerprint.as_dict(),
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    """UTF-8 with and without BOM, GB18030 and GBK read alike; the header is line 1."""
    path = write_csv(tmp_path / "a.csv", HEADER, ROWS, encoding=encoding)
    extra = {} if encoding.startswith("utf-8") else {"encoding": encoding}
    lines, ids, fp = lines_of(path, **extra)
    assert lines == [2, 3, 4]
    assert ids == [r[0] for r in ROWS]
    assert fp["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert fp["bytes"] == path.stat().st_size
    assert fp["lines"] == 3
    assert fp["encoding"] == ("utf-8-bom" if encoding == "utf-8-sig" else encoding)


def test_gb18030_without_declaring_it_is_an_error(tmp_path: Path) -> None:
    """A GB18030 file read as UTF-8 stops with advice to set the encoding."""
    path = write_csv(tmp_path / "a.csv", HEADER, ROWS, encoding="gb18030")
    with pytest.raises(LedgerError) as info:
        lines_of(path)
    assert info.value.code in {"bad_encoding", "missing_column"}
    assert info.value.file == "a.csv"


def test_tsv(tmp_path: Path) -> None:
    """Tab-separated values by suffix."""
    path = tmp_path / "a.tsv"
    path.write_text(
        "身份证号\t买家\n" + "\n".join("\t".join(r) for r in ROWS) + "\n", encoding="utf-8"
    )
    assert lines_of(path)[0] == [2, 3, 4]


def test_quoted_newline_does_not_add_a_line_and_blank_lines_are_not_lines(tmp_path: Path) -> None:
    """A quoted newline stays in its cell; a blank line is no line but keeps its row number."""
    path = tmp_path / "a.csv"
    path.write_text(f'身份证号,买家\n{id18(1)},"周\n某"\n\n{id18(2)},李某\n', encoding="utf-8")
    lines, ids, fp = lines_of(path)
    assert lines == [2, 4]
    assert ids == [id18(1), id18(2)]
    assert fp["lines"] == 2


def test_repeated_header_rows_are_taken_out(tmp_path: Path) -> None:
    """A row that repeats every mapped column's name is not data (decision f)."""
    write_csv(tmp_path / "a.csv", HEADER, [ROWS[0], HEADER, ROWS[1]])
    mapping = write_mapping(
        tmp_path,
        {
            "path": "a.csv",
            "id_number": "身份证号",
            "recipient_column": "买家",
            "category": "general",
        },
    )
    source = read_source(load_mapping([mapping]).files[0], 0)
    assert source.table.column("line").to_pylist() == [2, 4]
    assert source.repeated_headers == 1
    assert source.repeated_header_lines == (3,)


def test_jsonl_physical_lines(tmp_path: Path) -> None:
    """JSON Lines: the physical line, blank lines skipped; numbers become text."""
    path = tmp_path / "a.jsonl"
    rows = [json.dumps({"身份证号": r[0], "买家": r[1]}, ensure_ascii=False) for r in ROWS]
    path.write_text(rows[0] + "\n\n" + rows[1] + "\n" + rows[2] + "\n", encoding="utf-8")
    lines, ids, _ = lines_of(path)
    assert lines == [1, 3, 4]
    assert ids == [r[0] for r in ROWS]


def test_jsonl_bad_line_names_the_line(tmp_path: Path) -> None:
    """A line that is not a JSON object stops the run at that line."""
    path = tmp_path / "a.jsonl"
    path.write_text('{"身份证号": "1", "买家": ""}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        lines_of(path)
    assert info.value.line == 2


def test_parquet_row_index_plus_one(tmp_path: Path) -> None:
    """Parquet: row index + 1; integer columns read as their digits."""
    path = tmp_path / "a.parquet"
    pq.write_table(
        pa.table({"身份证号": [r[0] for r in ROWS], "买家": [r[1] for r in ROWS], "n": [1, 2, 3]}),
        path,
    )
    lines, ids, fp = lines_of(path)
    assert lines == [1, 2, 3]
    assert ids == [r[0] for r in ROWS]
    assert fp["encoding"] is None


def test_xlsx_spreadsheet_rows(tmp_path: Path) -> None:
    """XLSX: the sheet's row number; an empty row is no line; a numeric phone reads as digits."""
    path = tmp_path / "a.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["身份证号", "买家", "手机号"])
    sheet.append([ROWS[0][0], ROWS[0][1], 13812345678])
    sheet.append([None, None, None])
    sheet.append([ROWS[1][0], ROWS[1][1], None])
    book.save(path)
    lines, ids, _ = lines_of(path, phone="手机号")
    assert lines == [2, 4]
    assert ids == [ROWS[0][0], ROWS[1][0]]


def test_every_format_counts_alike(tmp_path: Path) -> None:
    """The same three lines in CSV and Parquet give the same variants."""
    write_csv(tmp_path / "a.csv", HEADER, ROWS)
    pq.write_table(
        pa.table({"身份证号": [r[0] for r in ROWS], "买家": [r[1] for r in ROWS]}),
        tmp_path / "b.parquet",
    )
    results = []
    for name in ("a.csv", "b.parquet"):
        mapping = write_mapping(
            tmp_path,
            {
                "path": name,
                "id_number": "身份证号",
                "recipient_column": "买家",
                "category": "general",
            },
            name=f"{name}.toml",
        )
        results.append(run(mapping)["variants"])
    assert results[0] == results[1]
    assert results[0]["persons"]["by_category"] == {"general": 3}
