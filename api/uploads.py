"""A ``multipart/form-data`` body streamed into a private folder, part by part, with limits.

``read_form`` feeds the request's body to python-multipart's streaming parser as it
arrives. A part with a file name (an upload) is written straight to a file in the folder
the caller made, under a name of the service's own choosing (never the client's), so an
upload is never held in memory whole; a part without one (a form field) is kept in memory
up to its own small limit. Whatever is refused is refused as an ``UploadRefused``, which
names the part (a JSON Pointer) and says what is allowed in English and Chinese, never
echoing a value: a file name is quoted only when it is a plain base name (the caller's own
label for its evidence, as the mapping names it).
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, MultipartState, parse_options_header

from api.problems import pointer

__all__ = [
    "MULTIPART",
    "Form",
    "FormLimits",
    "Upload",
    "UploadRefused",
    "boundary_of",
    "plain_file_name",
    "read_form",
]

MULTIPART = "multipart/form-data"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plain_file_name(name: str) -> bool:
    """Whether ``name`` is a plain base name: no path separator, not ``.``/``..``, printable."""
    return (
        bool(name)
        and "/" not in name
        and "\\" not in name
        and name not in {".", ".."}
        and not _CONTROL.search(name)
        and len(name.encode("utf-8")) <= 255
    )


class UploadRefused(Exception):
    """A part of the form that cannot be taken: its status, pointer and both texts."""

    def __init__(self, status: int, where: str, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.status = status
        self.pointer = where
        self.message = message
        self.message_zh = message_zh


@dataclass(frozen=True, kw_only=True, slots=True)
class Upload:
    """One uploaded file: the name the client gave it, where it is now, its size in bytes."""

    name: str
    path: Path
    size: int


@dataclass(frozen=True, kw_only=True, slots=True)
class FormLimits:
    """What a form may hold: its fields, which of them are uploads, and their sizes."""

    fields: frozenset[str]
    """Every part name allowed (form fields and uploads)."""
    uploads: frozenset[str]
    """The part names that carry files; each may repeat."""
    max_field_bytes: Mapping[str, int]
    """Per form field (or upload kept in memory, see ``in_memory``), its largest size."""
    in_memory: frozenset[str] = frozenset()
    """Uploads kept in memory (small ones, such as a mapping) instead of written out."""
    max_uploads: int = 100
    """Files written to the folder, at most."""


@dataclass(kw_only=True, slots=True)
class Form:
    """A parsed form: its text fields, its in-memory uploads and its uploads on disk."""

    fields: dict[str, str] = field(default_factory=dict)
    blobs: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """In-memory uploads by part name: (the client's file name, the bytes)."""
    uploads: dict[str, list[Upload]] = field(default_factory=dict)


def _refuse_field(name: str) -> UploadRefused:
    return UploadRefused(
        422,
        pointer([name]),
        "is a part this operation does not take; unknown parts are refused",
        "此操作不接受该部分：不接受未知的部分",
    )


class _Reader:
    """The parser's callbacks: one part at a time, checked as its headers end."""

    def __init__(self, folder: Path, limits: FormLimits) -> None:
        self.folder = folder
        self.limits = limits
        self.form = Form()
        self.header_field = bytearray()
        self.header_value = bytearray()
        self.headers: dict[str, bytes] = {}
        self.name = ""
        self.file_name: str | None = None
        self.buffer = bytearray()
        self.out: BinaryIO | None = None
        self.path: Path | None = None
        self.size = 0
        self.written = 0

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }

    def fail(self, refused: UploadRefused) -> None:
        raise refused

    def on_part_begin(self) -> None:
        self.headers = {}
        self.name = ""
        self.file_name = None
        self.buffer = bytearray()
        self.size = 0
        self.out = None
        self.path = None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[bytes(self.header_field).decode("latin-1").lower()] = bytes(self.header_value)
        self.header_field.clear()
        self.header_value.clear()

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get("content-disposition", b""))
        raw_name = options.get(b"name")
        if raw_name is None:
            self.fail(
                UploadRefused(
                    400,
                    "",
                    "every part needs a Content-Disposition: form-data header with a name",
                    "每个部分都须有带 name 的 Content-Disposition: form-data 头",
                )
            )
        self.name = _text(raw_name or b"")
        limits = self.limits
        if self.name not in limits.fields:
            self.fail(_refuse_field(self.name))
        raw_file = options.get(b"filename*") or options.get(b"filename")
        self.file_name = None if raw_file is None else _text(raw_file)
        if self.name not in limits.uploads:
            if self.name in self.form.fields:
                self.fail(
                    UploadRefused(
                        422,
                        pointer([self.name]),
                        "is sent more than once; send each form field once",
                        "出现了不止一次：每个表单字段只能发送一次",
                    )
                )
            return
        if self.name in limits.in_memory:
            if self.name in self.form.blobs:
                self.fail(
                    UploadRefused(
                        422,
                        pointer([self.name]),
                        "is sent more than once; send one",
                        "出现了不止一次：只能发送一个",
                    )
                )
            return
        name = self.file_name
        if name is None or not plain_file_name(name):
            where = pointer([self.name, name]) if name else pointer([self.name])
            self.fail(
                UploadRefused(
                    422,
                    where,
                    "each file needs a file name that is a plain base name (no / or \\, "
                    "not . or .., no control characters, at most 255 bytes), as the "
                    "mapping's path ends",
                    "每个文件都须有纯文件名（不含 / 或 \\，不能是 . 或 ..，不含控制字符，最多 "
                    "255 字节），与映射文件中 path 的末段一致",
                )
            )
        sent = self.form.uploads.setdefault(self.name, [])
        if any(u.name == name for u in sent):
            self.fail(
                UploadRefused(
                    422,
                    pointer([self.name, name or ""]),
                    "is the name of two uploaded files; each file name may be sent once",
                    "两个上传的文件同名：每个文件名只能上传一次",
                )
            )
        if sum(len(u) for u in self.form.uploads.values()) >= limits.max_uploads:
            self.fail(
                UploadRefused(
                    422,
                    pointer([self.name]),
                    f"at most {limits.max_uploads} files may be uploaded at once",
                    f"一次最多上传 {limits.max_uploads} 个文件",
                )
            )
        self.written += 1
        self.path = self.folder / f"upload-{self.written:04d}"
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self.out = os.fdopen(descriptor, "wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        self.size += len(chunk)
        if self.out is not None:
            self.out.write(chunk)
            return
        most = self.limits.max_field_bytes.get(self.name, 0)
        if self.size > most:
            self.fail(
                UploadRefused(
                    413,
                    pointer([self.name]),
                    f"must be at most {most} bytes",
                    f"不得超过 {most} 字节",
                )
            )
        self.buffer += chunk

    def on_part_end(self) -> None:
        if self.out is not None and self.path is not None:
            self.out.close()
            self.out = None
            upload = Upload(name=self.file_name or "", path=self.path, size=self.size)
            self.form.uploads[self.name].append(upload)
            return
        if self.name in self.limits.in_memory:
            self.form.blobs[self.name] = (self.file_name or "", bytes(self.buffer))
            return
        try:
            self.form.fields[self.name] = bytes(self.buffer).decode("utf-8")
        except UnicodeDecodeError:
            self.fail(
                UploadRefused(422, pointer([self.name]), "must be UTF-8 text", "必须是 UTF-8 文本")
            )

    def close(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None


def _text(raw: bytes) -> str:
    """A header parameter as text: UTF-8 as browsers send it (RFC 7578 §4.2), else Latin-1."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def boundary_of(content_type: str) -> bytes | None:
    """The boundary of a ``multipart/form-data`` Content-Type, or None for any other type."""
    media_type, options = parse_options_header(content_type)
    if media_type.decode("latin-1").lower() != MULTIPART:
        return None
    boundary = options.get(b"boundary")
    return boundary or None


async def read_form(
    content_type: str, body: AsyncIterator[bytes], folder: Path, limits: FormLimits
) -> Form:
    """The form of a ``multipart/form-data`` body, its files written into ``folder``.

    Raises ``UploadRefused``: 415 for another Content-Type, 400 for a body that is not the
    multipart it says, 413 for a form field over its size, 422 for a part this form does
    not take, a field sent twice, two files of one name or a name that is not a plain base
    name. The folder's files are the caller's to remove, whatever happens.
    """
    boundary = boundary_of(content_type)
    if boundary is None:
        raise UploadRefused(
            415,
            "",
            "requests must send Content-Type: multipart/form-data (with its boundary)",
            "请求必须带有 Content-Type: multipart/form-data（含 boundary）",
        )
    reader = _Reader(folder, limits)
    try:
        parser = MultipartParser(boundary, reader.callbacks())  # type: ignore[arg-type]
        async for chunk in body:
            parser.write(chunk)
        complete = parser.state == MultipartState.END
    except FormParserError:
        complete = False
    finally:
        reader.close()
    if not complete:
        raise UploadRefused(
            400,
            "",
            "the body is not the complete multipart/form-data its Content-Type announces",
            "请求体不是 Content-Type 所声明的完整 multipart/form-data",
        )
    return reader.form
