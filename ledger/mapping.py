"""The mapping file (L7): which files to read, which columns hold what, validated up front.

A mapping is TOML: ``[[file]]`` tables, one per input, and an optional top-level
``[recipient_aliases]`` table (canonical name → list of aliases, decision h). Every error
names the mapping file, the ``[[file]]`` entry's path, the key or column, and says what is
allowed (``LedgerError``); nothing is read before the whole mapping is valid.

Decision (L7 ``FILE_OR_MAPPING``): the command line takes one or more mapping files. A bare
data file cannot be counted, because nothing says which column holds the identifier or
which category its lines are; it is refused with an error that shows the mapping to write.
Several mappings are merged: their files are read in the order given, their aliases joined.
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calculator import Category
from ledger.errors import LedgerError
from ledger.normalize import normalize_text

__all__ = [
    "ENCODINGS",
    "FileSpec",
    "Format",
    "LedgerSpec",
    "load_mapping",
]


class Format(enum.Enum):
    """The input formats the readers take, chosen by file suffix or the ``format`` key."""

    CSV = "csv"
    TSV = "tsv"
    JSONL = "jsonl"
    PARQUET = "parquet"
    XLSX = "xlsx"


_SUFFIXES = {
    ".csv": Format.CSV,
    ".tsv": Format.TSV,
    ".tab": Format.TSV,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".parquet": Format.PARQUET,
    ".pq": Format.PARQUET,
    ".xlsx": Format.XLSX,
}

ENCODINGS: Mapping[str, str] = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8",
    "gb18030": "gb18030",
    "gbk": "gbk",
    "gb2312": "gbk",
}
"""Accepted ``encoding`` values → the codec used (UTF-8 accepts a BOM either way)."""

_TEXT_FORMATS = frozenset({Format.CSV, Format.TSV, Format.JSONL})

_FILE_KEYS = (
    "path",
    "format",
    "encoding",
    "sheet",
    "id_number",
    "phone",
    "person_key",
    "category",
    "category_column",
    "category_labels",
    "recipient_column",
    "recipient",
    "obtained_in_duty",
)
_TOP_KEYS = ("file", "recipient_aliases")
_CATEGORIES = ", ".join(c.value for c in Category)


@dataclass(frozen=True, kw_only=True, slots=True)
class FileSpec:
    """One input file as the mapping describes it.

    ``name`` is the path as written in the mapping (what the report shows); ``path`` is
    where it is on disk. Column fields hold the column names of the file; ``category`` is a
    whole-file category, or ``category_column`` with ``category_labels`` (label → category).
    """

    path: Path
    name: str
    mapping: str
    format: Format
    encoding: str
    sheet: str | None = None
    id_number: str | None = None
    phone: str | None = None
    person_key: str | None = None
    category: Category | None = None
    category_column: str | None = None
    category_labels: Mapping[str, Category] = field(default_factory=dict)
    recipient_column: str | None = None
    recipient: str | None = None
    obtained_in_duty: bool = False

    def columns(self) -> dict[str, str]:
        """Role → column name for every mapped column (``id``, ``phone``, ``key``, ``category``, ``recipient``)."""
        roles = {
            "id": self.id_number,
            "phone": self.phone,
            "key": self.person_key,
            "category": self.category_column,
            "recipient": self.recipient_column,
        }
        return {role: column for role, column in roles.items() if column is not None}


@dataclass(frozen=True, kw_only=True, slots=True)
class LedgerSpec:
    """Everything a count needs to know about its inputs: the files and the recipient aliases.

    ``recipient_aliases`` maps each alias, normalised (decision a), to its canonical name,
    normalised too.
    """

    files: tuple[FileSpec, ...]
    recipient_aliases: Mapping[str, str] = field(default_factory=dict)
    mappings: tuple[str, ...] = ()


def _error(
    code: str, message: str, message_zh: str, *, file: str, column: str | None = None
) -> LedgerError:
    return LedgerError(code, message, message_zh, file=file, column=column)


def _string(entry: Mapping[str, Any], key: str, *, where: str, mapping: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _error(
            "bad_mapping_value",
            f"{where}: `{key}` must be a non-empty string (a column name or a setting)",
            f"{where}：`{key}` 必须是非空字符串（列名或设置值）",
            file=mapping,
            column=key,
        )
    return value


def _category(value: Any, *, where: str, mapping: str, key: str) -> Category:
    try:
        return Category(value)
    except ValueError:
        raise _error(
            "unknown_category",
            f"{where}: `{key}` = {value!r} is not a category; allowed: {_CATEGORIES}",
            f"{where}：`{key}` = {value!r} 不是有效类别；可选值：{_CATEGORIES}",
            file=mapping,
            column=key,
        ) from None


def _file_spec(entry: Any, index: int, base: Path, mapping: str) -> FileSpec:
    if not isinstance(entry, dict):
        raise _error(
            "bad_mapping",
            f"[[file]] entry {index + 1} must be a table",
            f"第 {index + 1} 个 [[file]] 必须是表",
            file=mapping,
        )
    raw_path = entry.get("path")
    if not isinstance(raw_path, str) or not raw_path.strip():
        raise _error(
            "missing_path",
            f"[[file]] entry {index + 1} needs `path` (the data file, relative to the mapping)",
            f"第 {index + 1} 个 [[file]] 缺少 `path`（数据文件路径，相对于映射文件）",
            file=mapping,
            column="path",
        )
    where = f"[[file]] {raw_path}"
    unknown = sorted(set(entry) - set(_FILE_KEYS))
    if unknown:
        raise _error(
            "unknown_mapping_key",
            f"{where}: unknown key `{unknown[0]}`; allowed: {', '.join(_FILE_KEYS)}",
            f"{where}：未知的键 `{unknown[0]}`；可用的键：{', '.join(_FILE_KEYS)}",
            file=mapping,
            column=unknown[0],
        )
    path = (base / raw_path).resolve()
    fmt_name = _string(entry, "format", where=where, mapping=mapping)
    if fmt_name is not None:
        try:
            fmt = Format(fmt_name.lower())
        except ValueError:
            allowed = ", ".join(f.value for f in Format)
            raise _error(
                "unknown_format",
                f"{where}: format {fmt_name!r} is not supported; allowed: {allowed}",
                f"{where}：不支持的格式 {fmt_name!r}；可选：{allowed}",
                file=mapping,
                column="format",
            ) from None
    else:
        found = _SUFFIXES.get(path.suffix.lower())
        if found is None:
            allowed = ", ".join(sorted(_SUFFIXES))
            raise _error(
                "unknown_format",
                f"{where}: cannot tell the format from the suffix {path.suffix!r}; "
                f"use one of {allowed} or set `format`",
                f"{where}：无法从后缀 {path.suffix!r} 判断格式；请使用 {allowed} 之一，或设置 `format`",
                file=mapping,
                column="format",
            )
        fmt = found
    encoding_name = _string(entry, "encoding", where=where, mapping=mapping)
    if encoding_name is not None:
        if fmt not in _TEXT_FORMATS:
            raise _error(
                "bad_mapping_value",
                f"{where}: `encoding` applies to CSV, TSV and JSON Lines only",
                f"{where}：`encoding` 仅适用于 CSV、TSV 和 JSON Lines",
                file=mapping,
                column="encoding",
            )
        codec = ENCODINGS.get(encoding_name.lower())
        if codec is None:
            allowed = ", ".join(ENCODINGS)
            raise _error(
                "unknown_encoding",
                f"{where}: encoding {encoding_name!r} is not supported; allowed: {allowed}",
                f"{where}：不支持的编码 {encoding_name!r}；可选：{allowed}",
                file=mapping,
                column="encoding",
            )
    else:
        codec = "utf-8"
    sheet = _string(entry, "sheet", where=where, mapping=mapping)
    if sheet is not None and fmt is not Format.XLSX:
        raise _error(
            "bad_mapping_value",
            f"{where}: `sheet` applies to XLSX files only",
            f"{where}：`sheet` 仅适用于 XLSX 文件",
            file=mapping,
            column="sheet",
        )

    id_number = _string(entry, "id_number", where=where, mapping=mapping)
    phone = _string(entry, "phone", where=where, mapping=mapping)
    person_key = _string(entry, "person_key", where=where, mapping=mapping)
    if id_number is None and phone is None and person_key is None:
        raise _error(
            "no_identifier",
            f"{where}: map at least one identifier column: id_number, phone or person_key",
            f"{where}：至少须映射一个标识列：id_number、phone 或 person_key",
            file=mapping,
            column="id_number",
        )

    category_value = entry.get("category")
    category_column = _string(entry, "category_column", where=where, mapping=mapping)
    labels_value = entry.get("category_labels")
    category: Category | None = None
    labels: dict[str, Category] = {}
    if category_value is not None and category_column is not None:
        raise _error(
            "bad_mapping_value",
            f"{where}: give `category` (the whole file) or `category_column`, not both",
            f"{where}：`category`（整个文件）与 `category_column` 只能二选一",
            file=mapping,
            column="category",
        )
    if category_value is not None:
        category = _category(category_value, where=where, mapping=mapping, key="category")
        if labels_value is not None:
            raise _error(
                "bad_mapping_value",
                f"{where}: `category_labels` needs `category_column`",
                f"{where}：`category_labels` 须与 `category_column` 一起使用",
                file=mapping,
                column="category_labels",
            )
    elif category_column is not None:
        if not isinstance(labels_value, dict) or not labels_value:
            raise _error(
                "missing_category_labels",
                f"{where}: `category_column` = {category_column!r} needs a "
                f"[file.category_labels] table (label = category; categories: {_CATEGORIES})",
                f"{where}：`category_column` = {category_column!r} 需要 [file.category_labels] 表"
                f"（标签 = 类别；类别：{_CATEGORIES}）",
                file=mapping,
                column=category_column,
            )
        for label, value in labels_value.items():
            labels[label] = _category(
                value, where=where, mapping=mapping, key=f"category_labels.{label}"
            )
    else:
        raise _error(
            "no_category",
            f"{where}: give `category` (one of {_CATEGORIES}) or `category_column` with "
            "[file.category_labels]",
            f"{where}：须给出 `category`（{_CATEGORIES} 之一）或 `category_column` 及 "
            "[file.category_labels]",
            file=mapping,
            column="category",
        )

    recipient_column = _string(entry, "recipient_column", where=where, mapping=mapping)
    recipient = entry.get("recipient")
    if recipient is not None and not isinstance(recipient, str):
        raise _error(
            "bad_mapping_value",
            f"{where}: `recipient` must be a string (the recipient of the whole file)",
            f"{where}：`recipient` 必须是字符串（整个文件的接收方）",
            file=mapping,
            column="recipient",
        )
    if recipient is not None and recipient_column is not None:
        raise _error(
            "bad_mapping_value",
            f"{where}: give `recipient` (the whole file) or `recipient_column`, not both",
            f"{where}：`recipient`（整个文件）与 `recipient_column` 只能二选一",
            file=mapping,
            column="recipient",
        )
    duty = entry.get("obtained_in_duty", False)
    if not isinstance(duty, bool):
        raise _error(
            "bad_mapping_value",
            f"{where}: `obtained_in_duty` must be true or false",
            f"{where}：`obtained_in_duty` 必须为 true 或 false",
            file=mapping,
            column="obtained_in_duty",
        )
    spec = FileSpec(
        path=path,
        name=raw_path,
        mapping=mapping,
        format=fmt,
        encoding=codec,
        sheet=sheet,
        id_number=id_number,
        phone=phone,
        person_key=person_key,
        category=category,
        category_column=category_column,
        category_labels=labels,
        recipient_column=recipient_column,
        recipient=recipient,
        obtained_in_duty=duty,
    )
    columns = list(spec.columns().values())
    for column in columns:
        if columns.count(column) > 1:
            raise _error(
                "bad_mapping_value",
                f"{where}: column {column!r} is mapped to two roles; each column holds one",
                f"{where}：列 {column!r} 被映射为两种用途；每列只能有一种",
                file=mapping,
                column=column,
            )
    if not path.is_file():
        raise LedgerError(
            "file_not_found",
            f"data file not found: {raw_path} (paths are relative to the mapping file)",
            f"找不到数据文件：{raw_path}（路径相对于映射文件）",
            file=raw_path,
        )
    return spec


def _aliases(value: Any, mapping: str, into: dict[str, str]) -> None:
    if not isinstance(value, dict):
        raise _error(
            "bad_mapping_value",
            "[recipient_aliases] must be a table: canonical name = [aliases …]",
            "[recipient_aliases] 必须是表：规范名称 = [别名 …]",
            file=mapping,
            column="recipient_aliases",
        )
    canonicals = {normalize_text(k) for k in value}
    for canonical, aliases in value.items():
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise _error(
                "bad_mapping_value",
                "[recipient_aliases]: each value must be a list of names",
                "[recipient_aliases]：每个值必须是名称列表",
                file=mapping,
                column="recipient_aliases",
            )
        target = normalize_text(canonical)
        for alias in aliases:
            name = normalize_text(alias)
            if not name or not target:
                raise _error(
                    "bad_mapping_value",
                    "[recipient_aliases]: names must not be empty",
                    "[recipient_aliases]：名称不能为空",
                    file=mapping,
                    column="recipient_aliases",
                )
            if (name in into and into[name] != target) or (name in canonicals and name != target):
                raise _error(
                    "bad_mapping_value",
                    "[recipient_aliases]: an alias belongs to two canonical names, or is itself "
                    "a canonical name; each alias names one recipient",
                    "[recipient_aliases]：某别名属于两个规范名称，或本身就是规范名称；每个别名只能指向一个接收方",
                    file=mapping,
                    column="recipient_aliases",
                )
            into[name] = target


def _load_one(path: Path, files: list[FileSpec], aliases: dict[str, str]) -> None:
    mapping = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LedgerError(
            "file_not_found",
            "mapping file not found",
            "找不到映射文件",
            file=mapping,
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(
            "unreadable_mapping",
            f"cannot read the mapping file ({type(exc).__name__}); it must be UTF-8 TOML",
            "无法读取映射文件；须为 UTF-8 编码的 TOML",
            file=mapping,
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise LedgerError(
            "bad_mapping",
            f"not valid TOML: {exc}",
            f"不是有效的 TOML：{exc}",
            file=mapping,
        ) from None
    unknown = sorted(set(data) - set(_TOP_KEYS))
    if unknown:
        raise _error(
            "unknown_mapping_key",
            f"unknown top-level key `{unknown[0]}`; allowed: [[file]], [recipient_aliases]",
            f"未知的顶层键 `{unknown[0]}`；可用：[[file]]、[recipient_aliases]",
            file=mapping,
            column=unknown[0],
        )
    entries = data.get("file")
    if not isinstance(entries, list) or not entries:
        raise _error(
            "no_files",
            "the mapping lists no input: add a [[file]] table with `path`, an identifier "
            "column and a category",
            "映射文件没有列出任何输入：请添加含 `path`、标识列和类别的 [[file]] 表",
            file=mapping,
            column="file",
        )
    for index, entry in enumerate(entries):
        files.append(_file_spec(entry, index, path.parent, mapping))
    if "recipient_aliases" in data:
        _aliases(data["recipient_aliases"], mapping, aliases)


def load_mapping(paths: Sequence[Path]) -> LedgerSpec:
    """The validated ``LedgerSpec`` of one or more mapping files (``*.toml``).

    A path that is not a ``.toml`` file is refused (``data_file_without_mapping``): a
    data file alone says neither which column is the identifier nor which category its
    lines are. A data file listed twice is refused too (it would be counted twice).
    """
    if not paths:
        raise LedgerError(
            "no_input",
            "give at least one mapping file (*.toml)",
            "请至少提供一个映射文件（*.toml）",
        )
    files: list[FileSpec] = []
    aliases: dict[str, str] = {}
    for path in paths:
        if path.suffix.lower() != ".toml":
            raise LedgerError(
                "data_file_without_mapping",
                "a data file needs a mapping (*.toml) naming its identifier columns and "
                f'its category, e.g. [[file]] path = "{path.name}" id_number = "…" '
                'category = "general"',
                "数据文件须配映射文件（*.toml），写明标识列和类别，例如 "
                f'[[file]] path = "{path.name}" id_number = "…" category = "general"',
                file=str(path),
            )
        _load_one(path, files, aliases)
    seen: dict[Path, str] = {}
    for spec in files:
        if spec.path in seen:
            raise LedgerError(
                "duplicate_input",
                "the same data file is listed twice; list each file once",
                "同一数据文件被列出两次；每个文件只能列一次",
                file=spec.name,
            )
        seen[spec.path] = spec.name
    return LedgerSpec(
        files=tuple(files),
        recipient_aliases=aliases,
        mappings=tuple(str(p) for p in paths),
    )
