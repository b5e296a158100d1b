"""A deliberately plain, slow reading of COUNTING.md, for fixtures and differential tests.

It shares no code with ``ledger``: it reads the mapping (L7) and every input file line by
line with the standard library (``pyarrow`` and ``openpyxl`` only to open Parquet and
XLSX files), and applies L1 – L5 with plain loops and dictionaries. Where COUNTING.md is
silent it follows the agreed decisions a – j, cited by letter in the docstrings:

a. full-width U+FF01–U+FF5E → ASCII and U+3000 → space, then trim, for identifiers and
   recipient names; category labels are trimmed only and must match exactly;
b. 18-digit IDs: ISO 7064 MOD 11-2 check char and a real birth date not after the conduct
   date; 15-digit IDs: a real 19YYMMDD date, converted to 18 digits before use as a key;
c. phones: spaces and hyphens removed, ``(+86|0086|86)?1[3-9]\\d{9}``, key = 11 digits;
d. person key = first valid of ID, phone, declared key, namespaced; invalid reason codes;
e. the three variants of L4 and what ``exact_duplicates_removed`` compares;
f. repeated header rows are not data, blank lines are not lines;
g. line numbers per format;
h. recipients after a. and the mapping's ``[recipient_aliases]``;
i. a record is ``obtained_in_duty`` only when all of its lines are;
j. one headline row per (category, k, obtained_in_duty).
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

__all__ = [
    "CATEGORIES",
    "VARIANTS",
    "LedgerError",
    "Reference",
    "check_id",
    "check_phone",
    "count",
    "id_check_char",
    "normalise",
    "person_key",
]

CATEGORIES = (
    "whereabouts",
    "communication_content",
    "credit",
    "property",
    "accommodation",
    "communication_records",
    "health",
    "transaction",
    "other_safety",
    "general",
)
"""D4's ten category values."""

VARIANTS = ("as_seized", "exact_duplicates_removed", "persons")
"""L4's variants, in the order the report lists them."""

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ASCII_DIGITS = "0123456789"
TRIM = " \t\n\r\x0b\x0c\u3000"
"""ASCII whitespace and the ideographic space U+3000 (decision a)."""
PHONE = re.compile(r"(?:\+86|0086|86)?(1[3-9][0-9]{9})")
IDENTIFIER_FIELDS = ("id_number", "phone", "person_key")
KNOWN_SUFFIXES = (".csv", ".tsv", ".jsonl", ".parquet", ".xlsx")


class LedgerError(Exception):
    """A mapping or an input the ledger must refuse (L7): ``code`` plus a message naming it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True, kw_only=True)
class Reference:
    """What the reference reads from one evidence set.

    ``variants``: variant → category → counted quantity (categories with 0 left out);
    ``records``: the L5 rows ``{category, count, recipients, obtained_in_duty}`` sorted by
    category, recipients, obtained_in_duty; ``invalid``: reason → ``"file:line"`` refs;
    ``repeated_header_lines``: ``"file:line"`` refs of header rows met again as data.
    """

    variants: dict[str, dict[str, int]]
    records: list[dict[str, Any]]
    invalid: dict[str, list[str]]
    repeated_header_lines: list[str]


@dataclass(frozen=True, kw_only=True)
class FileSpec:
    """One ``[[file]]`` table of the mapping (L7), checked."""

    name: str
    path: Path
    encoding: str
    columns: dict[str, str]
    category: str | None
    category_labels: dict[str, str]
    recipient: str | None
    obtained_in_duty: bool


@dataclass(frozen=True, kw_only=True)
class Line:
    """One data line: where it is and its mapped cells, before any normalisation."""

    ref: str
    cells: dict[str, str]


# --- decision a: normalisation -------------------------------------------------------


def normalise(value: str) -> str:
    """Full-width U+FF01–U+FF5E to ASCII, U+3000 to a space, then trim (decision a)."""
    out = ""
    for ch in value:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out += chr(code - 0xFF01 + 0x21)
        elif code == 0x3000:
            out += " "
        else:
            out += ch
    return out.strip(TRIM)


# --- decision b: resident ID numbers (L2) ---------------------------------------------


def id_check_char(first17: str) -> str:
    """The GB 11643-1999 check character of 17 digits (ISO 7064 MOD 11-2, decision b)."""
    total = 0
    for i in range(17):
        total += int(first17[i]) * ID_WEIGHTS[i]
    return ID_CHECK_CHARS[total % 11]


def _all_ascii_digits(text: str) -> bool:
    if text == "":
        return False
    return all(ch in ASCII_DIGITS for ch in text)


def _birth_date_ok(yyyymmdd: str, conduct_date: date) -> bool:
    """A real calendar date, not after the conduct date (L2, decision b)."""
    try:
        born = date(int(yyyymmdd[0:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return born <= conduct_date


def check_id(value: str, conduct_date: date) -> tuple[str | None, str | None]:
    """``(18-digit key, None)`` for a valid ID, ``(None, reason)`` otherwise (L2, decision b).

    The check character is tested before the birth date; a 15-digit legacy ID has no check
    character, so its only defect besides the format is its date.
    """
    if len(value) == 18:
        if not _all_ascii_digits(value[:17]) or value[17] not in ASCII_DIGITS + "xX":
            return None, "id_format"
        if id_check_char(value[:17]) != value[17].upper():
            return None, "id_check_digit"
        if not _birth_date_ok(value[6:14], conduct_date):
            return None, "id_birth_date"
        return value.upper(), None
    if len(value) == 15:
        if not _all_ascii_digits(value):
            return None, "id_format"
        if not _birth_date_ok("19" + value[6:12], conduct_date):
            return None, "id_birth_date"
        first17 = value[:6] + "19" + value[6:]
        return first17 + id_check_char(first17), None
    return None, "id_format"


# --- decision c: mobile numbers (L2) --------------------------------------------------


def check_phone(value: str) -> str | None:
    """The 11-digit mobile number, or None when it is not one (L2, decision c)."""
    bare = value.replace(" ", "").replace("-", "")
    match = PHONE.fullmatch(bare)
    if match is None:
        return None
    return match.group(1)


# --- decision d: the person key (L1) ---------------------------------------------------


def person_key(cells: dict[str, str], conduct_date: date) -> tuple[str | None, str | None]:
    """``(key, None)`` through the first valid identifier, else ``(None, reason)`` (L1, L2, d)."""
    id_value = normalise(cells.get("id_number", ""))
    phone_value = normalise(cells.get("phone", ""))
    key_value = normalise(cells.get("person_key", ""))

    id_key: str | None = None
    id_reason: str | None = None
    if id_value != "":
        id_key, id_reason = check_id(id_value, conduct_date)
    if id_key is not None:
        return "id:" + id_key, None

    phone_key: str | None = None
    if phone_value != "":
        phone_key = check_phone(phone_value)
    if phone_key is not None:
        return "phone:" + phone_key, None

    if key_value != "":
        return "key:" + key_value, None

    if id_value == "" and phone_value == "":
        return None, "no_identifier"
    if id_value != "":
        return None, id_reason
    return None, "phone_format"


# --- L7: the mapping ------------------------------------------------------------------


def _text_option(table: dict[str, Any], key: str, where: str) -> str | None:
    if key not in table:
        return None
    value = table[key]
    if not isinstance(value, str) or value == "":
        raise LedgerError("bad_mapping", f"{where}: {key} must be a non-empty string")
    return value


def read_mapping(mapping_path: Path) -> tuple[list[FileSpec], dict[str, str]]:
    """The files of a mapping and its alias table (alias → canonical name), checked (L7, h)."""
    try:
        raw = mapping_path.read_bytes()
    except OSError as exc:
        raise LedgerError(
            "file_not_found", f"{mapping_path.name}: cannot read the mapping ({exc.strerror})"
        ) from exc
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LedgerError("bad_mapping", f"{mapping_path.name}: not valid TOML ({exc})") from exc

    tables = doc.get("file")
    if not isinstance(tables, list) or len(tables) == 0:
        raise LedgerError("bad_mapping", f"{mapping_path.name}: no [[file]] table")

    aliases: dict[str, str] = {}
    alias_table = doc.get("recipient_aliases", {})
    if not isinstance(alias_table, dict):
        raise LedgerError("bad_mapping", f"{mapping_path.name}: [recipient_aliases] is a table")
    for canonical, names in alias_table.items():
        if not isinstance(names, list):
            raise LedgerError(
                "bad_mapping", f"{mapping_path.name}: recipient_aliases values are lists"
            )
        aliases[normalise(canonical)] = normalise(canonical)
        for alias in names:
            aliases[normalise(str(alias))] = normalise(canonical)

    files: list[FileSpec] = []
    for table in tables:
        if not isinstance(table, dict):
            raise LedgerError("bad_mapping", f"{mapping_path.name}: [[file]] must be a table")
        name = _text_option(table, "path", mapping_path.name)
        if name is None:
            raise LedgerError("bad_mapping", f"{mapping_path.name}: a [[file]] has no path")
        where = f"{mapping_path.name}: file {name}"

        columns: dict[str, str] = {}
        for field in ("id_number", "phone", "person_key", "category_column", "recipient_column"):
            column = _text_option(table, field, where)
            if column is not None:
                columns[field] = column
        has_identifier = False
        for field in IDENTIFIER_FIELDS:
            if field in columns:
                has_identifier = True
        if not has_identifier:
            raise LedgerError(
                "no_identifier",
                f"{where}: maps no identifier column; name at least one of id_number, phone, person_key",
            )

        category = _text_option(table, "category", where)
        labels_table = table.get("category_labels", {})
        if not isinstance(labels_table, dict):
            raise LedgerError("bad_mapping", f"{where}: category_labels must be a table")
        if (category is None) == ("category_column" not in columns):
            raise LedgerError(
                "bad_mapping", f"{where}: give exactly one of category or category_column"
            )
        if category is not None and category not in CATEGORIES:
            raise LedgerError(
                "unknown_category",
                f"{where}: category {category!r} is not one of {', '.join(CATEGORIES)}",
            )
        labels: dict[str, str] = {}
        for label, value in labels_table.items():
            if value not in CATEGORIES:
                raise LedgerError(
                    "unknown_category",
                    f"{where}: category_labels[{label!r}] = {value!r} is not one of {', '.join(CATEGORIES)}",
                )
            labels[label] = value

        recipient = _text_option(table, "recipient", where)
        duty = table.get("obtained_in_duty", False)
        if not isinstance(duty, bool):
            raise LedgerError("bad_mapping", f"{where}: obtained_in_duty must be true or false")
        encoding = table.get("encoding", "utf-8")
        if not isinstance(encoding, str):
            raise LedgerError("bad_mapping", f"{where}: encoding must be a string")

        files.append(
            FileSpec(
                name=name,
                path=mapping_path.parent / name,
                encoding=encoding,
                columns=columns,
                category=category,
                category_labels=labels,
                recipient=recipient,
                obtained_in_duty=duty,
            )
        )
    return files, aliases


# --- readers (decisions f and g) -------------------------------------------------------


def _decode(spec: FileSpec) -> str:
    """The file's text in its declared encoding; UTF-8 accepts a BOM (L7)."""
    try:
        data = spec.path.read_bytes()
    except OSError as exc:
        raise LedgerError(
            "file_not_found", f"{spec.name}: cannot be read ({exc.strerror})"
        ) from exc
    encoding = spec.encoding
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except LookupError as exc:
        raise LedgerError("bad_mapping", f"{spec.name}: unknown encoding {spec.encoding}") from exc
    except UnicodeDecodeError as exc:
        raise LedgerError(
            "bad_encoding",
            f"{spec.name}: byte {exc.start} is not valid {spec.encoding}; declare the file's encoding",
        ) from exc


def _cell_text(value: Any) -> str:
    """A cell as text: None is empty, integral numbers lose no digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows_delimited(
    spec: FileSpec, delimiter: str
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and ``(spreadsheet row number, cells)`` of a CSV/TSV file (decision g)."""
    text = _decode(spec)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = list(reader)
    if len(records) == 0:
        return [], []
    header = records[0]
    rows: list[tuple[int, list[str]]] = []
    number = 1
    for record in records[1:]:
        number += 1
        rows.append((number, record))
    return header, rows


def _rows_jsonl(spec: FileSpec) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Keys (in order of first appearance) and ``(physical line, object)`` of JSON Lines."""
    text = _decode(spec)
    keys: list[str] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    number = 0
    for physical in text.split("\n"):
        number += 1
        if physical.strip() == "":
            continue
        try:
            obj = json.loads(physical)
        except json.JSONDecodeError as exc:
            raise LedgerError(
                "unreadable_file", f"{spec.name}:{number}: not a JSON object"
            ) from exc
        if not isinstance(obj, dict):
            raise LedgerError("unreadable_file", f"{spec.name}:{number}: not a JSON object")
        for key in obj:
            if key not in keys:
                keys.append(key)
        rows.append((number, obj))
    return keys, rows


def _rows_parquet(spec: FileSpec) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Columns and ``(row index + 1, row)`` of a Parquet file (decision g)."""
    parquet: Any = importlib.import_module("pyarrow.parquet")
    try:
        table = parquet.read_table(spec.path)
    except (OSError, ValueError) as exc:
        raise LedgerError("unreadable_file", f"{spec.name}: cannot be read as Parquet") from exc
    names = [str(n) for n in table.column_names]
    rows: list[tuple[int, dict[str, Any]]] = []
    for index, row in enumerate(table.to_pylist()):
        rows.append((index + 1, row))
    return names, rows


def _rows_xlsx(spec: FileSpec) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Header and ``(worksheet row number, cells)`` of the first sheet of an XLSX file."""
    openpyxl: Any = importlib.import_module("openpyxl")
    try:
        book = openpyxl.load_workbook(spec.path, read_only=True, data_only=True)
    except Exception as exc:
        raise LedgerError("unreadable_file", f"{spec.name}: cannot be read as XLSX") from exc
    sheet = book.worksheets[0]
    header: list[str] = []
    rows: list[tuple[int, list[Any]]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number == 1:
            header = [_cell_text(v) for v in values]
        else:
            rows.append((number, list(values)))
    book.close()
    return header, rows


def read_lines(spec: FileSpec) -> tuple[list[Line], list[str]]:
    """The data lines of one file and the refs of its repeated header rows (L1, f, g).

    Blank lines (no cell holds anything) are not lines. A line whose every mapped cell
    equals its column name is a repeated header row, not data.
    """
    if not spec.path.is_file():
        raise LedgerError("file_not_found", f"{spec.name}: no such file")
    suffix = spec.path.suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        raise LedgerError(
            "unknown_format", f"{spec.name}: unknown format; use {', '.join(KNOWN_SUFFIXES)}"
        )

    # (line number, cells by column name, blank) for every row below the header.
    raw_rows: list[tuple[int, dict[str, Any], bool]] = []
    names: list[str]
    if suffix in (".csv", ".tsv", ".xlsx"):
        if suffix == ".xlsx":
            names, table_rows = _rows_xlsx(spec)
        else:
            names, text_rows = _rows_delimited(spec, "\t" if suffix == ".tsv" else ",")
            table_rows = [(n, list(cells)) for n, cells in text_rows]
        for number, values in table_rows:
            row: dict[str, Any] = {}
            for i in range(len(names)):
                row[names[i]] = values[i] if i < len(values) else None
            blank = True
            for value in values:
                if _cell_text(value) != "":
                    blank = False
            raw_rows.append((number, row, blank))
    else:
        if suffix == ".jsonl":
            names, object_rows = _rows_jsonl(spec)
        else:
            names, object_rows = _rows_parquet(spec)
        for number, obj in object_rows:
            blank = True
            for value in obj.values():
                if _cell_text(value) != "":
                    blank = False
            raw_rows.append((number, obj, blank))

    for field, column in spec.columns.items():
        if column not in names:
            raise LedgerError(
                "missing_column",
                f"{spec.name}: mapped column {column!r} ({field}) is not in the file; it has {', '.join(names)}",
            )

    lines: list[Line] = []
    headers_again: list[str] = []
    for number, row, blank in raw_rows:
        if blank:
            continue
        cells: dict[str, str] = {}
        for field, column in spec.columns.items():
            cells[field] = _cell_text(row.get(column))
        repeated = True
        for field, column in spec.columns.items():
            if cells[field] != column:
                repeated = False
        ref = f"{spec.name}:{number}"
        if repeated:
            headers_again.append(ref)
            continue
        lines.append(Line(ref=ref, cells=cells))
    return lines, headers_again


# --- the count (L1 – L5) ---------------------------------------------------------------


def _category_of(spec: FileSpec, line: Line) -> str:
    """The line's category: the file's, or its label through category_labels (L7, decision a)."""
    if spec.category is not None:
        return spec.category
    label = line.cells["category_column"].strip(TRIM)
    if label not in spec.category_labels:
        column = spec.columns["category_column"]
        allowed = ", ".join(spec.category_labels) or "(none declared)"
        raise LedgerError(
            "unknown_category_label",
            f"{line.ref}: label {label!r} of column {column!r} is not in category_labels ({allowed})",
        )
    return spec.category_labels[label]


def _recipient_of(spec: FileSpec, line: Line) -> str:
    """The line's recipient after decision a (aliases are applied later, decision h)."""
    if "recipient_column" in spec.columns:
        return normalise(line.cells["recipient_column"])
    if spec.recipient is not None:
        return normalise(spec.recipient)
    return ""


def _add(table: dict[str, int], key: str, amount: int) -> None:
    table[key] = table.get(key, 0) + amount


def count(mapping_path: Path, *, conduct_date: date) -> Reference:
    """Read a mapping and its files and count them under L1 – L5 and decisions a – j.

    Every file is read before anything is counted, so an error (L7) leaves no half count.
    """
    files, aliases = read_mapping(mapping_path)

    # Read everything first (L7: nothing is half-counted).
    read: list[tuple[FileSpec, list[Line]]] = []
    repeated_headers: list[str] = []
    for spec in files:
        lines, headers_again = read_lines(spec)
        read.append((spec, lines))
        repeated_headers.extend(headers_again)

    as_seized: dict[str, int] = {}
    exact_keys: dict[str, list[tuple[str, ...]]] = {}
    invalid: dict[str, list[str]] = {}
    # (category, person key) → [recipients seen, all lines from duty files]
    records: dict[tuple[str, str], tuple[list[str], bool]] = {}
    record_order: list[tuple[str, str]] = []

    for spec, lines in read:
        for line in lines:
            category = _category_of(spec, line)
            recipient = _recipient_of(spec, line)

            # L4 as_seized (decision e): every data line counts once.
            _add(as_seized, category, 1)

            # L4 exact_duplicates_removed (decision e): the mapped fields, normalised as in a.
            exact = (
                normalise(line.cells.get("id_number", "")),
                normalise(line.cells.get("phone", "")),
                normalise(line.cells.get("person_key", "")),
                category,
                recipient,
                "duty" if spec.obtained_in_duty else "not_duty",
            )
            seen = exact_keys.setdefault(category, [])
            if exact not in seen:
                seen.append(exact)

            # L1, L2 (decision d): the person key, or the reason the line is invalid.
            key, reason = person_key(line.cells, conduct_date)
            if key is None:
                invalid.setdefault(reason or "no_identifier", []).append(line.ref)
                continue

            # L3 (decision h): the recipient through the aliases.
            if recipient in aliases:
                recipient = aliases[recipient]
            record_id = (category, key)
            if record_id not in records:
                records[record_id] = ([], True)
                record_order.append(record_id)
            recipients, duty = records[record_id]
            if recipient != "" and recipient not in recipients:
                recipients.append(recipient)
            # decision i: duty only when every line of the record is from a duty file.
            records[record_id] = (recipients, duty and spec.obtained_in_duty)

    exact_removed: dict[str, int] = {}
    for category, keys in exact_keys.items():
        exact_removed[category] = len(keys)

    # L3, L4 persons: one record per person and category, counted max(1, k).
    persons: dict[str, int] = {}
    # L5 (decision j): one row per (category, k, obtained_in_duty).
    rows: dict[tuple[str, int, bool], int] = {}
    for record_id in record_order:
        category = record_id[0]
        recipients, duty = records[record_id]
        k = len(recipients)
        _add(persons, category, max(1, k))
        rows[(category, k, duty)] = rows.get((category, k, duty), 0) + 1

    record_rows: list[dict[str, Any]] = []
    for category, k, duty in sorted(rows):
        record_rows.append(
            {
                "category": category,
                "count": rows[(category, k, duty)],
                "recipients": k,
                "obtained_in_duty": duty,
            }
        )

    variants: dict[str, dict[str, int]] = {}
    for name, table in (
        ("as_seized", as_seized),
        ("exact_duplicates_removed", exact_removed),
        ("persons", persons),
    ):
        kept: dict[str, int] = {}
        for category in sorted(table):
            if table[category] > 0:
                kept[category] = table[category]
        variants[name] = kept

    sorted_invalid: dict[str, list[str]] = {}
    for reason in sorted(invalid):
        sorted_invalid[reason] = invalid[reason]
    return Reference(
        variants=variants,
        records=record_rows,
        invalid=sorted_invalid,
        repeated_header_lines=repeated_headers,
    )
