"""Readers: each input read once, fingerprinted, and handed on as an Arrow table of strings.

CSV and TSV go through Arrow's CSV reader (UTF-8 with or without BOM, GB18030/GBK through
Arrow's transcoding), Parquet through Arrow's Parquet reader, XLSX through openpyxl (read
only), JSON Lines through the standard library's ``json`` line by line. No parser here is
hand-written. The file is memory-mapped once: its SHA-256 is taken over the mapped bytes
and the reader parses the same bytes.

A reader keeps only the mapped columns, renamed to their role (``id``, ``phone``, ``key``,
``category``, ``recipient``), every cell a string (empty for a missing value), and adds
``line``, the line number of decision g. Blank lines and repeated header rows (decision f)
are taken out here, with their numbers kept for the report. Error messages never quote a
cell: they name the file, the line or column, and what is allowed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ledger.errors import LedgerError
from ledger.mapping import FileSpec, Format

__all__ = ["ROLES", "Fingerprint", "Source", "read_source"]

ROLES = ("id", "phone", "key", "category", "recipient")
"""The role names of mapped columns, as the readers name them."""

FIRST_LINES = 5
"""How many line numbers the report shows per reason."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Fingerprint:
    """What the report says about an input: name, SHA-256, byte size, data lines, encoding."""

    name: str
    format: str
    sha256: str
    bytes: int
    lines: int
    encoding: str | None

    def as_dict(self) -> dict[str, Any]:
        """The report's ``inputs`` entry."""
        return {
            "name": self.name,
            "format": self.format,
            "sha256": self.sha256,
            "bytes": self.bytes,
            "lines": self.lines,
            "encoding": self.encoding,
        }


@dataclass(kw_only=True, slots=True, eq=False)
class Source:
    """One input after reading: its spec, fingerprint, the table, the repeated header rows.

    ``native`` is true for a Parquet file that the engine reads itself (``table`` is then
    ``None``): its footer statistics show that no row can repeat the header, so nothing
    needs taking out, and both engines read Parquet natively with row numbers. The count
    lets go of ``table`` (``release``) once the engine has what it needs from it.
    """

    spec: FileSpec
    index: int
    fingerprint: Fingerprint
    table: pa.Table | None
    repeated_headers: int
    repeated_header_lines: tuple[int, ...]
    native: bool = False

    def release(self) -> None:
        """Drop the table (its memory goes back once nothing else holds it)."""
        self.table = None


def _row_numbers(n: int, start: int) -> pa.Array:
    """``start, start + 1, …`` as int64, without a Python loop."""
    if n == 0:
        return pa.array([], pa.int64())
    indices = pc.indices_nonzero(pc.is_null(pa.nulls(n)))
    return pc.add(pc.cast(indices, pa.int64()), start)


def _missing_column(spec: FileSpec, column: str, present: Sequence[str]) -> LedgerError:
    shown = ", ".join(repr(c) for c in present[:30]) or "none"
    return LedgerError(
        "missing_column",
        f"mapped column {column!r} is not in the file; its columns are: {shown}",
        f"文件中没有映射的列 {column!r}；文件的列为：{shown}",
        file=spec.name,
        column=column,
    )


def _check_columns(spec: FileSpec, present: Sequence[str]) -> dict[str, str]:
    columns = spec.columns()
    for column in columns.values():
        if column not in present:
            raise _missing_column(spec, column, present)
    return columns


def _bad_encoding(spec: FileSpec) -> LedgerError:
    if spec.encoding == "utf-8":
        return LedgerError(
            "bad_encoding",
            "the file is not valid UTF-8; if it is a Chinese Windows export set "
            'encoding = "gb18030" (or "gbk") for it in the mapping',
            '文件不是有效的 UTF-8；若为中文 Windows 导出文件，请在映射中设置 encoding = "gb18030"（或 "gbk"）',
            file=spec.name,
        )
    return LedgerError(
        "bad_encoding",
        f"the file cannot be decoded as {spec.encoding}; allowed encodings: utf-8, gb18030, gbk",
        f"文件无法按 {spec.encoding} 解码；可用编码：utf-8、gb18030、gbk",
        file=spec.name,
    )


def _as_strings(column: pa.ChunkedArray) -> pa.ChunkedArray:
    if not pa.types.is_string(column.type):
        if pa.types.is_dictionary(column.type):
            column = pc.cast(column, column.type.value_type)
        if not pa.types.is_string(column.type):
            column = pc.cast(column, pa.string())
    if column.null_count:
        column = pc.fill_null(column, "")
    return column


def _finish(
    spec: FileSpec,
    index: int,
    table: pa.Table,
    *,
    sha256: str,
    size: int,
    encoding: str | None,
    blank: pa.ChunkedArray | pa.Array | None,
) -> Source:
    """Drop blank rows and repeated headers, keep the mapped columns under their roles.

    Decision f: a row whose every mapped cell equals its column name repeats the header and
    is not data (its line numbers go to the report); a blank row (every cell empty) is not a
    line. Both keep their numbers, so the lines after them keep theirs (decision g).
    """
    columns = spec.columns()
    roles = {role: _as_strings(table.column(name)) for role, name in columns.items()}
    out = pa.table({"line": table.column("line"), **roles})
    keep: pa.ChunkedArray | pa.Array | None = None
    header = None
    for role, name in columns.items():
        same = pc.equal(out.column(role), name)
        header = same if header is None else pc.and_(header, same)
    headers = 0
    header_lines: tuple[int, ...] = ()
    if header is not None and pc.any(header).as_py():
        headers = int(pc.sum(header).as_py())
        header_lines = tuple(
            pc.filter(out.column("line"), header).slice(0, FIRST_LINES).to_pylist()
        )
        keep = pc.invert(header)
    if blank is not None and pc.any(blank).as_py():
        not_blank = pc.invert(blank)
        keep = not_blank if keep is None else pc.and_(keep, not_blank)
    if keep is not None:
        out = out.filter(keep)
    fingerprint = Fingerprint(
        name=spec.name,
        format=spec.format.value,
        sha256=sha256,
        bytes=size,
        lines=out.num_rows,
        encoding=encoding,
    )
    return Source(
        spec=spec,
        index=index,
        fingerprint=fingerprint,
        table=out,
        repeated_headers=headers,
        repeated_header_lines=header_lines,
    )


_CELLS = re.compile(r"Expected (\d+) columns?, got (\d+)")


def _read_csv(spec: FileSpec, buf: pa.Buffer) -> tuple[pa.Table, pa.Array]:
    delimiter = "\t" if spec.format is Format.TSV else ","
    parse = pacsv.ParseOptions(
        delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
    )
    read = pacsv.ReadOptions(encoding=spec.encoding, use_threads=True)
    try:
        with pacsv.open_csv(pa.BufferReader(buf), read_options=read, parse_options=parse) as head:
            names = head.schema.names
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise _csv_error(spec, exc) from None
    if len(set(names)) != len(names):
        raise LedgerError(
            "bad_header",
            "the header row names a column twice; each column needs its own name",
            "表头中有重复的列名；每一列须有唯一名称",
            file=spec.name,
            line=1,
        )
    _check_columns(spec, names)
    convert = pacsv.ConvertOptions(
        column_types=dict.fromkeys(names, pa.string()),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    try:
        table = pacsv.read_csv(
            pa.BufferReader(buf), read_options=read, parse_options=parse, convert_options=convert
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise _csv_error(spec, exc) from None
    blank = None
    for name in names:
        empty = pc.equal(pc.binary_length(table.column(name)), 0)
        blank = empty if blank is None else pc.and_(blank, empty)
    table = table.append_column("line", _row_numbers(table.num_rows, 2))
    return table, blank


def _csv_error(spec: FileSpec, exc: Exception) -> LedgerError:
    text = str(exc)
    if isinstance(exc, UnicodeDecodeError) or "UTF8" in text or "UTF-8" in text:
        return _bad_encoding(spec)
    cells = _CELLS.search(text)
    if cells is not None:
        return LedgerError(
            "bad_row",
            f"a row has {cells.group(2)} cells where the header has {cells.group(1)}; "
            "every row needs the header's number of cells (quote cells that hold the delimiter)",
            f"某行有 {cells.group(2)} 个单元格，而表头有 {cells.group(1)} 个；每行的单元格数须与表头相同（含分隔符的单元格须加引号）",
            file=spec.name,
        )
    return LedgerError(
        "unreadable_file",
        f"the file cannot be read as {spec.format.value.upper()}",
        f"无法按 {spec.format.value.upper()} 读取该文件",
        file=spec.name,
    )


def _cell_text(value: Any) -> str:
    """A cell of XLSX or JSON as text: numbers without a spurious ``.0``, empty for nothing."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "is_integer") and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _read_xlsx(spec: FileSpec, buf: pa.Buffer) -> tuple[pa.Table, None]:
    import openpyxl  # noqa: PLC0415 (only XLSX inputs need it)

    try:
        book = openpyxl.load_workbook(BytesIO(buf.to_pybytes()), read_only=True, data_only=True)
    except Exception:
        raise LedgerError(
            "unreadable_file",
            "the file cannot be read as XLSX (an Excel 2007+ workbook)",
            "无法按 XLSX（Excel 2007 及以上工作簿）读取该文件",
            file=spec.name,
        ) from None
    try:
        if spec.sheet is not None:
            if spec.sheet not in book.sheetnames:
                raise LedgerError(
                    "missing_sheet",
                    f"no sheet {spec.sheet!r}; the sheets are: "
                    + ", ".join(repr(s) for s in book.sheetnames),
                    f"没有工作表 {spec.sheet!r}；工作表为：" + "、".join(book.sheetnames),
                    file=spec.name,
                    column="sheet",
                )
            sheet = book[spec.sheet]
        else:
            sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        names = [_cell_text(v) for v in header] if header is not None else []
        columns = _check_columns(spec, names)
        positions = {role: names.index(name) for role, name in columns.items()}
        values: dict[str, list[str]] = {role: [] for role in columns}
        lines: list[int] = []
        for number, row in enumerate(rows, start=2):
            if all(v is None or v == "" for v in row):
                continue
            lines.append(number)
            width = len(row)
            for role, at in positions.items():
                values[role].append(_cell_text(row[at]) if at < width else "")
    finally:
        book.close()
    table = pa.table(
        {
            **{columns[role]: pa.array(v, pa.string()) for role, v in values.items()},
            "line": pa.array(lines, pa.int64()),
        }
    )
    return table, None


def _read_jsonl(spec: FileSpec, buf: pa.Buffer) -> tuple[pa.Table, None]:
    try:
        text = buf.to_pybytes().decode(spec.encoding)
    except UnicodeDecodeError:
        raise _bad_encoding(spec) from None
    text = text.removeprefix("\ufeff")
    columns = spec.columns()
    values: dict[str, list[str]] = {role: [] for role in columns}
    seen: set[str] = set()
    lines: list[int] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise LedgerError(
                "bad_json",
                f"line is not valid JSON ({exc.msg}); each line must be one JSON object",
                f"该行不是有效的 JSON（{exc.msg}）；每行须为一个 JSON 对象",
                file=spec.name,
                line=number,
            ) from None
        if not isinstance(obj, dict):
            raise LedgerError(
                "bad_json",
                "line is not a JSON object; each line must be one object {…}",
                "该行不是 JSON 对象；每行须为一个对象 {…}",
                file=spec.name,
                line=number,
            )
        lines.append(number)
        for role, name in columns.items():
            if name in obj:
                seen.add(name)
            values[role].append(_cell_text(obj.get(name)))
    for name in columns.values():
        if name not in seen:
            raise LedgerError(
                "missing_column",
                f"mapped column {name!r} is in no line of the file",
                f"文件的任何一行中都没有映射的列 {name!r}",
                file=spec.name,
                column=name,
            )
    table = pa.table(
        {
            **{columns[role]: pa.array(v, pa.string()) for role, v in values.items()},
            "line": pa.array(lines, pa.int64()),
        }
    )
    return table, None


def _may_repeat_header(parquet: pq.ParquetFile, columns: dict[str, str]) -> bool:
    """Whether some row group's statistics allow a row whose mapped cells equal the column names.

    A row group is cleared when one mapped column's name lies outside its min/max (or the
    column is not text and the name is not a number); without statistics it is not cleared.
    """
    meta = parquet.metadata
    paths = {meta.schema.column(i).path: i for i in range(meta.num_columns)}
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        cleared = False
        for name in columns.values():
            at = paths.get(name)
            if at is None:
                continue
            chunk = group.column(at)
            if chunk.physical_type != "BYTE_ARRAY":
                if not name.strip().lstrip("-").isdigit():
                    cleared = True
                    break
                continue
            stats = chunk.statistics
            if stats is None or not stats.has_min_max:
                continue
            low, high = stats.min, stats.max
            if isinstance(low, bytes) or isinstance(high, bytes):
                low = low.decode("utf-8", "replace") if isinstance(low, bytes) else low
                high = high.decode("utf-8", "replace") if isinstance(high, bytes) else high
            if not low <= name <= high:
                cleared = True
                break
        if not cleared:
            return True
    return False


def _not_parquet(spec: FileSpec) -> LedgerError:
    """The refusal of a file that Arrow cannot read as Parquet."""
    return LedgerError(
        "unreadable_file",
        "the file cannot be read as Parquet",
        "无法按 Parquet 读取该文件",
        file=spec.name,
    )


def _parquet_natively(spec: FileSpec, buf: pa.Buffer) -> int | None:
    """The row count when the engine can read the file itself; ``None`` to read it here."""
    try:
        parquet = pq.ParquetFile(pa.BufferReader(buf))
        _check_columns(spec, parquet.schema_arrow.names)
        if _may_repeat_header(parquet, spec.columns()):
            return None
        rows: int = parquet.metadata.num_rows
    except LedgerError:
        raise
    except (pa.ArrowException, OSError):
        raise _not_parquet(spec) from None
    return rows


def _read_parquet(spec: FileSpec, buf: pa.Buffer) -> tuple[pa.Table, None]:
    try:
        schema = pq.ParquetFile(pa.BufferReader(buf)).schema_arrow
        _check_columns(spec, schema.names)
        table = pq.read_table(pa.BufferReader(buf), columns=list(spec.columns().values()))
    except LedgerError:
        raise
    except (pa.ArrowException, OSError):
        raise _not_parquet(spec) from None
    table = table.append_column("line", _row_numbers(table.num_rows, 1))
    return table, None


def read_source(spec: FileSpec, index: int) -> Source:
    """Read one input: map it, fingerprint it, parse it, keep the mapped columns."""
    try:
        mapped = pa.memory_map(str(spec.path), "r")
    except OSError:
        raise LedgerError(
            "unreadable_file",
            "the file cannot be opened",
            "无法打开该文件",
            file=spec.name,
        ) from None
    # The mapping stays open while the table may share its pages; it closes when unreferenced.
    buf = mapped.read_buffer()
    sha256 = hashlib.sha256(memoryview(buf)).hexdigest()
    size = buf.size
    encoding: str | None = None
    if spec.format in (Format.CSV, Format.TSV, Format.JSONL):
        encoding = spec.encoding
        if (
            spec.encoding == "utf-8"
            and buf.size >= 3
            and buf.slice(0, 3).to_pybytes() == b"\xef\xbb\xbf"
        ):
            encoding = "utf-8-bom"
    blank: pa.Array | None = None
    if spec.format in (Format.CSV, Format.TSV):
        table, blank = _read_csv(spec, buf)
    elif spec.format is Format.XLSX:
        table, blank = _read_xlsx(spec, buf)
    elif spec.format is Format.JSONL:
        table, blank = _read_jsonl(spec, buf)
    else:
        rows = _parquet_natively(spec, buf)
        if rows is not None:
            fingerprint = Fingerprint(
                name=spec.name,
                format=spec.format.value,
                sha256=sha256,
                bytes=size,
                lines=rows,
                encoding=None,
            )
            return Source(
                spec=spec,
                index=index,
                fingerprint=fingerprint,
                table=None,
                repeated_headers=0,
                repeated_header_lines=(),
                native=True,
            )
        table, blank = _read_parquet(spec, buf)
    return _finish(spec, index, table, sha256=sha256, size=size, encoding=encoding, blank=blank)
