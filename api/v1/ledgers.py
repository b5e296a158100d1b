"""``POST /v1/ledgers``: a mapping and its evidence files in, the ledger's count out.

The HTTP face of ``ledger.count`` (COUNTING.md): a ``multipart/form-data`` upload of one
mapping (TOML, L7) and the files it names, matched by base name, answered with exactly the
JSON ``python -m ledger count`` prints. The handler translates and nothing else:

1. the body is streamed into a private temporary folder (mode 0700) by ``api.uploads``,
   each file under a name of the service's choosing, the form fields checked;
2. the mapping's ``path`` entries are matched with the uploads by base name (a mapped file
   not uploaded, an upload the mapping does not name, two mapped files of one base name
   are refused), and each upload is moved to where its path, read relative to the
   mapping, points inside the folder;
3. ``ledger.load_mapping`` and ``ledger.count`` run in the thread pool on DuckDB;
4. the folder is removed, whatever happened.

A ``LedgerError`` is a 422 problem naming the file (pointer ``/files/<name>`` or
``/mapping``), the column or line and what is allowed, in English and Chinese. No value of
the evidence is logged or echoed: the ledger's own messages quote only the caller's
column names, labels and settings.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import tempfile
import tomllib
from collections.abc import Sequence
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

import ledger
from api.encoding import dumps
from api.middleware import BodyLimit
from api.problems import (
    INVALID_REQUEST,
    Language,
    error_entry,
    pointer,
    problem,
    problem_response,
    request_language,
)
from api.settings import Settings
from api.uploads import FormLimits, UploadRefused, plain_file_name, read_form
from api.v1 import schemas
from api.v1.descriptions import description

__all__ = [
    "EXAMPLE",
    "EXAMPLE_KEY",
    "LEDGERS_PATH",
    "LEDGER_INPUT",
    "MAX_LEDGER_FILES",
    "MAX_MAPPING_BYTES",
    "LedgerForm",
    "LedgerResult",
    "create_ledger",
    "ledger_body_limit",
    "ledger_examples",
    "ledger_request_body",
]

LEDGERS_PATH = "/v1/ledgers"
LEDGER_INPUT = "urn:pi-severity:problem:ledger-input"
"""The problem type of evidence the ledger cannot count (a ``LedgerError``) and of uploads
that do not match their mapping."""

MAX_MAPPING_BYTES = 1024 * 1024
"""The mapping part, at most (a mapping of a hundred files is a few kilobytes)."""

MAX_LEDGER_FILES = 100
"""Files in one upload, at most."""

MAX_KEY_HEX = 128
"""The HMAC key, at most 64 bytes (128 hex digits)."""

MAX_SEED = 2**53 - 1

_TEXT_FIELDS = ("conduct_date", "key", "seed", "assess", "engine")
_FIELD_BYTES = {"conduct_date": 64, "key": 2 * MAX_KEY_HEX, "seed": 64, "assess": 16, "engine": 64}
_LIMITS = FormLimits(
    fields=frozenset({"mapping", "files", *_TEXT_FIELDS}),
    uploads=frozenset({"mapping", "files"}),
    in_memory=frozenset({"mapping"}),
    max_field_bytes={**_FIELD_BYTES, "mapping": MAX_MAPPING_BYTES},
    max_uploads=MAX_LEDGER_FILES,
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KEY_PATTERN = "^([0-9A-Fa-f]{2}){1,%s}$".replace("%s", str(MAX_KEY_HEX // 2))
_HEX = re.compile(_KEY_PATTERN)
_SEED = re.compile(r"[0-9]{1,16}")
_MAX_CLIMB = 8
"""How many ``..`` a mapping's path may climb above the mapping's own folder."""


def _mib(size: int) -> str:
    if size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MiB"
    if size % 1024 == 0:
        return f"{size // 1024} KiB"
    return f"{size} bytes"


def ledger_body_limit(settings: Settings) -> BodyLimit:
    """The body limit of ``POST /v1/ledgers``: size, time and the 413's texts."""
    size = settings.max_ledger_body_bytes
    return BodyLimit(
        max_bytes=size,
        timeout_seconds=settings.ledger_body_timeout_seconds,
        too_large=(
            f"the request body of POST /v1/ledgers must be at most {_mib(size)} ({size} bytes); "
            "count larger evidence with the command line: python -m ledger count",
            f"POST /v1/ledgers 的请求体不得超过 {_mib(size)}（{size} 字节）；"
            "更大的证据请用命令行计数：python -m ledger count",
        ),
    )


# ---------------------------------------------------------------------------
# Documentation models (the handler reads the form itself: see ``api.uploads``)


def _doc(zh: str, en: str) -> str:
    return f"{zh}\n\n{en}"


class LedgerForm(BaseModel):
    """计数台账的上传：一个映射文件及其列出的证据文件（multipart/form-data）。

    The upload of a counting ledger: one mapping file and the evidence files it lists
    (multipart/form-data).
    """

    model_config = ConfigDict(extra="forbid", title="LedgerForm")

    mapping: Annotated[
        bytes,
        Field(
            description=_doc(
                f"映射文件（TOML，COUNTING.md L7），最多 {_mib(MAX_MAPPING_BYTES)}；其中 path "
                "按文件名（末段）与上传的文件对应。",
                f"The mapping (TOML, COUNTING.md L7), at most {_mib(MAX_MAPPING_BYTES)}; "
                "its `path` entries are matched with the uploaded files by base name.",
            )
        ),
    ]
    files: Annotated[
        list[bytes],
        Field(
            min_length=1,
            max_length=MAX_LEDGER_FILES,
            description=_doc(
                "映射文件列出的每个证据文件各一部分，文件名须与 path 的末段相同（CSV/TSV、"
                "JSON Lines、Parquet、XLSX）。",
                "One part per evidence file the mapping lists, its file name equal to the "
                "base name of its `path` (CSV/TSV, JSON Lines, Parquet, XLSX).",
            ),
        ),
    ]
    conduct_date: Annotated[
        date | None,
        Field(
            description=_doc(
                "行为日期 YYYY-MM-DD：决定适用的法律，并作为身份证出生日期的上限；不填为今天。",
                "Conduct date YYYY-MM-DD: selects the law and bounds ID birth dates; "
                "default today in China.",
            )
        ),
    ] = None
    key: Annotated[
        str | None,
        Field(
            pattern=_KEY_PATTERN,
            description=_doc(
                "人员键的 HMAC 密钥（十六进制）；给出后，结果可与同一密钥的命令行运行比较。"
                "不填则每次随机。",
                "HMAC key of the person keys, in hex; with it an answer can be compared "
                "with a command-line run given the same key. Random per run when absent.",
            ),
        ),
    ] = None
    seed: Annotated[
        int,
        Field(
            ge=0,
            le=MAX_SEED,
            description=_doc(
                "逐一核查抽样的随机种子（默认 0）。",
                "Seed of the one-by-one review sample (default 0).",
            ),
        ),
    ] = 0
    assess: Annotated[
        bool,
        Field(
            description=_doc(
                "为 true 时同时给出主结论请求的评估结果（assessment），与命令行 --assess 相同。",
                "true adds the assessment of the headline request (`assessment`), as the "
                "command line's --assess does.",
            )
        ),
    ] = False
    engine: Annotated[
        Literal["duckdb"],
        Field(
            description=_doc(
                "计数引擎：通过 HTTP 只能用 duckdb；Spark 请用命令行。",
                "The counting engine: duckdb only over HTTP; Spark is for the command line.",
            )
        ),
    ] = "duckdb"


def _described(schema: dict[str, Any], model: type[Any]) -> None:
    """The model's and its fields' descriptions from the one table (``api.v1.descriptions``)."""
    schema["description"] = description(model.__name__)
    for field, sub in schema.get("properties", {}).items():
        sub["description"] = description(f"{model.__name__}.{field}")


class LedgerVariant(BaseModel):
    """One counting variant (its descriptions: ``api.v1.descriptions``)."""

    model_config = ConfigDict(extra="allow", json_schema_extra=_described)

    by_category: dict[str, int]
    tier: schemas.Tier


class LedgerVariants(BaseModel):
    """The three counting variants of COUNTING.md L4."""

    model_config = ConfigDict(extra="allow", json_schema_extra=_described)

    as_seized: LedgerVariant
    exact_duplicates_removed: LedgerVariant
    persons: LedgerVariant


class LedgerResult(BaseModel):
    """The ledger's answer: exactly the JSON ``python -m ledger count`` prints."""

    model_config = ConfigDict(extra="allow", json_schema_extra=_described)

    request: schemas.AssessmentRequest
    variants: LedgerVariants
    tier_depends_on_counting: bool
    report: dict[str, Any]
    assessment: dict[str, Any] | None = None


def ledger_request_body() -> dict[str, Any]:
    """The operation's ``requestBody`` for the OpenAPI document (multipart/form-data)."""
    schema = LedgerForm.model_json_schema()
    for prop in schema["properties"].values():
        # A form field is sent or left out; it is never null.
        kinds = [k for k in prop.pop("anyOf", []) if k.get("type") != "null"]
        if kinds:
            prop.update(kinds[0])
            prop.pop("default", None)
    return {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": schema,
                "encoding": {
                    "mapping": {"contentType": "application/toml, text/plain"},
                    "files": {"contentType": "application/octet-stream"},
                },
            }
        },
    }


LEDGER_DESCRIPTION = """\
上传一个映射文件（TOML，COUNTING.md L7）及其列出的证据文件，按《解释》第十一条计数，返回与命令行
`python -m ledger count` 完全相同的 JSON：主结论请求（request，可直接提交 POST /v1/assessments）、
三种计数口径及各自档次、档次是否取决于计数口径，以及报告（文件指纹、漏斗、抽样、余量）。
以 multipart/form-data 发送：一个 `mapping` 部分和每个证据文件一个 `files` 部分，文件名须与映射中
path 的末段相同；可选字段 `conduct_date`、`key`（十六进制，使结果可与命令行比较）、`seed`、`assess`。
只用 DuckDB 计数。请求体最多 {limit}；更大的证据请用命令行 `python -m ledger count`，它没有此限制。
上传的文件存放在私有临时目录，作答后即删除；结果与日志从不含原始的身份证号、电话或姓名。

Uploads a mapping (TOML, COUNTING.md L7) and the evidence files it lists, counts them under
Art. 11 and answers exactly the JSON `python -m ledger count` prints: the headline request
(`request`, ready for POST /v1/assessments), the three counting variants with their tiers,
`tier_depends_on_counting`, and the report (fingerprints, funnel, review sample, margin).
Send multipart/form-data: one `mapping` part and one `files` part per evidence file, its
file name equal to the base name of its `path` in the mapping; optional fields
`conduct_date`, `key` (hex, so an answer can be compared with a CLI run), `seed`, `assess`.
Counted on DuckDB only. The body is at most {limit}: count larger evidence with the command
line, `python -m ledger count`, which has no such limit. Uploads are kept in a private
temporary folder removed once answered; no raw ID number, phone number or name is ever in
the answer or a log line.

```
curl -F mapping=@mapping.toml -F files=@gps-points.csv -F conduct_date=2024-06-30 \\
     http://127.0.0.1:8000/v1/ledgers
```
"""


def ledger_description(settings: Settings) -> str:
    """The operation's description with the size limit in force."""
    return LEDGER_DESCRIPTION.replace("{limit}", _mib(settings.max_ledger_body_bytes))


# ---------------------------------------------------------------------------
# The named examples and their real answers

EXAMPLE = Path(__file__).with_name("example_ledger")
"""The documented evidence set: ``fixtures/ledger/s01-persons-sold-once`` (a test keeps the
two the same): eleven GPS lines of four persons, provided once to one recipient."""

EXAMPLE_KEY = "0123456789abcdef" * 4
"""The HMAC key of the documented answer, so the example reproduces exactly."""

_EXAMPLE_DATE = "2024-06-30"
_EXAMPLE_FIELDS: dict[str, Any] = {"conduct_date": _EXAMPLE_DATE, "key": EXAMPLE_KEY, "seed": 0}


def ledger_examples() -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """The operation's named request examples and their real answers by status (200, 422)."""
    mapping_text = (EXAMPLE / "mapping.toml").read_text(encoding="utf-8")
    data = (EXAMPLE / "gps-points.csv").read_text(encoding="utf-8")
    options = {
        "conduct_date": date.fromisoformat(_EXAMPLE_DATE),
        "key": bytes.fromhex(EXAMPLE_KEY),
        "seed": 0,
    }
    answer = json.loads(dumps(_count(EXAMPLE / "mapping.toml", options)))
    try:
        _plan(_mapped_paths(mapping_text.encode()) or [], {})
    except _Refused as refused:
        missing = {lang: _problem(refused, lang) for lang in ("en", "zh")}
    else:  # pragma: no cover - the example mapping names a file
        raise ValueError("the example mapping must name a file")
    summary = (
        "GPS 轨迹：11 行、4 人，提供给 1 名接收方（files 部分为 gps-points.csv）"
        " / GPS points: 11 lines, 4 persons, provided to one recipient (the files part is "
        "gps-points.csv)"
    )
    bad = "错误示例：映射列出的文件未上传（422）/ Bad example: a mapped file not uploaded (422)"
    requests = {
        "gps_points_one_recipient": {
            "summary": summary,
            "value": {"mapping": mapping_text, "files": [data], **_EXAMPLE_FIELDS},
        },
        "mapped_file_not_uploaded": {"summary": bad, "value": {"mapping": mapping_text}},
    }
    return requests, {
        200: {"gps_points_one_recipient": {"summary": summary, "value": answer}},
        422: {
            "mapped_file_not_uploaded": {"summary": bad, "value": missing["en"]},
            "mapped_file_not_uploaded_zh": {
                "summary": f"{bad}（Accept-Language: zh-CN）",
                "value": missing["zh"],
            },
        },
    }


# ---------------------------------------------------------------------------
# The handler


class _Refused(Exception):
    """A 4xx with its errors, answered as a problem."""

    def __init__(
        self,
        status: int,
        errors: Sequence[tuple[str, str, str]],
        *,
        type_: str = INVALID_REQUEST,
    ) -> None:
        super().__init__(status)
        self.status = status
        self.errors = list(errors)
        self.type_ = type_


def _problem(refused: _Refused, language: Language) -> dict[str, Any]:
    entries = [error_entry(where, en, zh, language) for where, en, zh in refused.errors]
    if refused.status == 422 and refused.type_ == LEDGER_INPUT:
        return problem(
            422,
            "the evidence cannot be counted as uploaded; see errors",
            detail_zh="上传的证据无法计数；见 errors",
            type_=LEDGER_INPUT,
            title="Evidence the ledger cannot count",
            title_zh="证据无法计数",
            errors=entries,
            language=language,
        )
    if refused.status == 422:
        return problem(
            422,
            f"{len(entries)} part(s) of the request do not match the contract; see errors",
            detail_zh=f"请求中有 {len(entries)} 处不符合约定；见 errors",
            type_=INVALID_REQUEST,
            title="Request does not match the contract",
            title_zh="请求不符合约定",
            errors=entries,
            language=language,
        )
    _, en, zh = refused.errors[0]
    return problem(refused.status, en, detail_zh=zh, errors=entries, language=language)


def _options(fields: dict[str, str]) -> dict[str, Any]:
    """The form fields as ``ledger.count``'s keywords; every bad one named at once."""
    errors: list[tuple[str, str, str]] = []
    out: dict[str, Any] = {}
    raw = fields.get("conduct_date", "").strip()
    if raw:
        try:
            if not _DATE.fullmatch(raw):
                raise ValueError
            out["conduct_date"] = date.fromisoformat(raw)
        except ValueError:
            errors.append(
                (
                    "/conduct_date",
                    "must be a calendar date written YYYY-MM-DD",
                    "必须是写作 YYYY-MM-DD 的公历日期",
                )
            )
    raw = fields.get("key", "").strip()
    if raw:
        if _HEX.fullmatch(raw):
            out["key"] = bytes.fromhex(raw)
        else:
            errors.append(
                (
                    "/key",
                    f"must be hexadecimal digits, an even number of them, at most {MAX_KEY_HEX}",
                    f"必须是十六进制数字，位数为偶数，最多 {MAX_KEY_HEX} 位",
                )
            )
    raw = fields.get("seed", "").strip()
    if raw:
        if _SEED.fullmatch(raw) and int(raw) <= MAX_SEED:
            out["seed"] = int(raw)
        else:
            errors.append(
                (
                    "/seed",
                    f"must be a whole number from 0 to {MAX_SEED}",
                    f"必须是 0 至 {MAX_SEED} 的整数",
                )
            )
    raw = fields.get("assess", "").strip().lower()
    if raw in {"", "false"}:
        out["assess"] = False
    elif raw == "true":
        out["assess"] = True
    else:
        errors.append(("/assess", "must be true or false", "必须为 true 或 false"))
    raw = fields.get("engine", "duckdb").strip()
    if raw != "duckdb":
        errors.append(
            (
                "/engine",
                "must be duckdb: over HTTP the ledger counts on DuckDB; Spark is for the "
                "command line (python -m ledger count --engine spark)",
                "必须为 duckdb：通过 HTTP 只用 DuckDB 计数；Spark 请用命令行"
                "（python -m ledger count --engine spark）",
            )
        )
    if errors:
        raise _Refused(422, errors)
    return out


def _mapped_paths(text: bytes) -> list[str] | None:
    """The ``path`` of each well-formed ``[[file]]`` of a mapping; None when it is not TOML.

    Whatever else is wrong with the mapping is the ledger's to say (``load_mapping``).
    """
    try:
        data = tomllib.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    entries = data.get("file")
    if not isinstance(entries, list):
        return []
    paths = [e.get("path") for e in entries if isinstance(e, dict)]
    return [p for p in paths if isinstance(p, str) and p.strip()]


def _base_name(path: str) -> str:
    return re.split(r"[/\\]", path)[-1]


def _climb(path: str) -> int | None:
    """How far above the mapping's folder a relative path reaches; None if it is absolute."""
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return None
    depth = lowest = 0
    for part in PurePosixPath(path).parts[:-1]:
        if part == "..":
            depth -= 1
            lowest = min(lowest, depth)
        elif part != ".":
            depth += 1
    return -lowest


def _plan(paths: list[str], uploaded: dict[str, Path]) -> tuple[int, dict[str, Path]]:
    """Check uploads against the mapping: how deep the mapping sits, each path's upload."""
    errors: list[tuple[str, str, str]] = []
    by_base: dict[str, list[str]] = {}
    for path in paths:
        by_base.setdefault(_base_name(path), []).append(path)
    climb = 0
    for path in paths:
        up = _climb(path)
        if up is None or up > _MAX_CLIMB:
            errors.append(
                (
                    "/mapping",
                    f"the path of {_base_name(path)} must be relative to the mapping (as "
                    f"written for the command line, at most {_MAX_CLIMB} levels of ..); its "
                    "upload is matched by base name",
                    f"{_base_name(path)} 的 path 须相对于映射文件（与命令行相同，最多 {_MAX_CLIMB} 级 ..）；"
                    "上传的文件按文件名对应",
                )
            )
        else:
            climb = max(climb, up)
    for base, listed in by_base.items():
        if len(listed) > 1 and len(set(listed)) > 1:
            errors.append(
                (
                    pointer(["files", base]),
                    f"{base} is the base name of {len(listed)} different paths in the "
                    "mapping; over HTTP each mapped file needs its own file name",
                    f"映射中有 {len(listed)} 个不同的 path 的文件名都是 {base}；"
                    "通过 HTTP 上传时每个文件须有不同的文件名",
                )
            )
        elif base not in uploaded:
            errors.append(
                (
                    pointer(["files", base]),
                    f"the mapping lists {base} but no file of that name was uploaded; upload "
                    "each mapped file as a `files` part named as its path ends",
                    f"映射列出了 {base}，但没有上传同名文件；请把映射列出的每个文件作为 `files` "
                    "部分上传，文件名与 path 的末段相同",
                )
            )
    for name in uploaded:
        if name not in by_base:
            errors.append(
                (
                    pointer(["files", name]),
                    f"{name} was uploaded but the mapping does not list it; upload only the "
                    "files the mapping names",
                    f"上传了 {name}，但映射没有列出它；只上传映射列出的文件",
                )
            )
    if errors:
        raise _Refused(422, errors, type_=LEDGER_INPUT)
    return climb, {path: uploaded[_base_name(path)] for path in paths}


def _ledger_refusal(exc: ledger.LedgerError, mapping_path: Path, mapping_name: str) -> _Refused:
    """A ``LedgerError`` as a 422: the pointer names the mapping or the file."""
    file = exc.file
    if file is not None and (
        file == str(mapping_path) or file.endswith(os.sep + mapping_path.name)
    ):
        where, shown = "/mapping", mapping_name
    elif file is not None:
        where, shown = pointer(["files", _base_name(file)]), file
    else:
        where, shown = "", None
    prefix = ""
    if shown is not None:
        prefix = shown + (f":{exc.line}" if exc.line is not None else "") + ": "
    named = exc.column is None or exc.column in exc.message
    column = "" if named else f" (column {exc.column})"
    column_zh = "" if named else f"（列 {exc.column}）"
    scrub = str(mapping_path.parent)
    en = (prefix + exc.message + column).replace(scrub + os.sep, "")
    zh = (prefix + exc.message_zh + column_zh).replace(scrub + os.sep, "")
    return _Refused(422, [(where, f"[{exc.code}] {en}", f"[{exc.code}] {zh}")], type_=LEDGER_INPUT)


def _count(mapping_path: Path, options: dict[str, Any]) -> dict[str, Any]:
    """Load the mapping and count, on DuckDB (runs in the thread pool)."""
    spec = ledger.load_mapping([mapping_path])
    spec = dataclasses.replace(
        spec,
        files=tuple(dataclasses.replace(f, mapping=mapping_path.name) for f in spec.files),
        mappings=(mapping_path.name,),
    )
    return ledger.count(spec, engine="duckdb", **options)


def _mapping_name(sent: str) -> str:
    """The mapping's name in messages and on disk: the client's, when plain and ``.toml``."""
    if plain_file_name(sent) and sent.lower().endswith(".toml") and sent[:-5]:
        return sent
    return "mapping.toml"


async def _answer(request: Request, folder: Path) -> Response:
    uploads_dir = folder / "uploads"
    uploads_dir.mkdir(mode=0o700)
    try:
        form = await read_form(
            request.headers.get("content-type", ""), request.stream(), uploads_dir, _LIMITS
        )
    except UploadRefused as exc:
        kind = INVALID_REQUEST if exc.status == 422 else "about:blank"
        raise _Refused(
            exc.status, [(exc.pointer, exc.message, exc.message_zh)], type_=kind
        ) from None
    if "mapping" not in form.blobs:
        raise _Refused(422, [("/mapping", "is required", "必须填写")])
    options = _options(form.fields)
    sent_name, mapping_text = form.blobs["mapping"]
    name = _mapping_name(sent_name)
    uploaded = {u.name: u.path for u in form.uploads.get("files", [])}
    paths = _mapped_paths(mapping_text)
    if not uploaded and not paths:
        raise _Refused(422, [("/files", "is required", "必须填写")])
    climb, placed = _plan(paths, uploaded) if paths is not None else (0, {})
    work = folder / "work"
    mapping_dir = work.joinpath(*(["up"] * climb))
    mapping_dir.mkdir(mode=0o700, parents=True)
    mapping_path = mapping_dir / name
    mapping_path.write_bytes(mapping_text)
    for path, upload in placed.items():
        target = Path(os.path.normpath(mapping_dir / path))
        try:
            if target == mapping_path or not target.is_relative_to(work):
                raise FileExistsError
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.replace(upload, target)
        except OSError:
            raise _Refused(
                422,
                [
                    (
                        pointer(["files", _base_name(path)]),
                        f"the path of {_base_name(path)} collides with the mapping's own name "
                        "or with another path's folder; give each file its own place",
                        f"{_base_name(path)} 的 path 与映射文件本身或另一 path 的目录重名；"
                        "请为每个文件指定不同的位置",
                    )
                ],
                type_=LEDGER_INPUT,
            ) from None
    try:
        result = await run_in_threadpool(_count, mapping_path, options)
    except ledger.LedgerError as exc:
        raise _ledger_refusal(exc, mapping_path, name) from None
    return Response(
        dumps(result), media_type="application/json", headers={"Cache-Control": "no-store"}
    )


async def create_ledger(request: Request) -> Response:
    """Count an uploaded mapping and its files (see the module's docstring)."""
    folder = Path(tempfile.mkdtemp(prefix="pi-ledger-"))  # mode 0700
    try:
        return await _answer(request, folder)
    except _Refused as refused:
        language = request_language(request)
        return problem_response(_problem(refused, language), language=language)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
