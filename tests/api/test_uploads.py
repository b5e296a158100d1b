"""api.uploads: a multipart form streamed into a folder, part by part, with its limits."""

from __future__ import annotations

import asyncio
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from api.uploads import Form, FormLimits, UploadRefused, boundary_of, plain_file_name, read_form

LIMITS = FormLimits(
    fields=frozenset({"note", "blob", "files"}),
    uploads=frozenset({"blob", "files"}),
    in_memory=frozenset({"blob"}),
    max_field_bytes={"note": 8, "blob": 16},
    max_uploads=2,
)
TYPE = "multipart/form-data; boundary=XyZ"


def body(*parts: tuple[str, str | None, bytes], end: bool = True) -> bytes:
    """A multipart body: (name, file name or None, bytes) per part."""
    out = bytearray()
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        out += f"--XyZ\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n"
    return bytes(out + (b"--XyZ--\r\n" if end else b""))


def read(raw: bytes, folder: Path, content_type: str = TYPE, chunk: int = 7) -> Form:
    async def stream() -> AsyncIterator[bytes]:
        for start in range(0, len(raw), chunk):
            yield raw[start : start + chunk]

    return asyncio.run(read_form(content_type, stream(), folder, LIMITS))


def refused(raw: bytes, folder: Path, content_type: str = TYPE) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        read(raw, folder, content_type)
    return caught.value


def test_fields_blobs_and_files_are_read_in_small_chunks(tmp_path: Path) -> None:
    """A field in memory, a small upload in memory, files written 0600 under the service's names."""
    form = read(
        body(
            ("note", None, "是".encode()),
            ("blob", "m.toml", b"[x]"),
            ("files", "a.csv", b"1,2\r\n3,4"),
            ("files", "b.csv", b""),
        ),
        tmp_path,
    )
    assert form.fields == {"note": "是"}
    assert form.blobs == {"blob": ("m.toml", b"[x]")}
    names = [(u.name, u.size) for u in form.uploads["files"]]
    assert names == [("a.csv", 8), ("b.csv", 0)]
    first = form.uploads["files"][0].path
    assert first.parent == tmp_path
    assert first.name == "upload-0001"
    assert first.read_bytes() == b"1,2\r\n3,4"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600


def test_another_content_type_is_415(tmp_path: Path) -> None:
    """JSON, or multipart without a boundary, is not a form."""
    assert refused(b"{}", tmp_path, "application/json").status == 415
    assert refused(b"", tmp_path, "multipart/form-data").status == 415
    assert boundary_of("Multipart/Form-Data; boundary=abc") == b"abc"


def test_a_body_cut_short_is_400(tmp_path: Path) -> None:
    """Without its closing boundary the form is incomplete."""
    assert refused(body(("note", None, b"x"), end=False), tmp_path).status == 400
    assert refused(b"not multipart at all", tmp_path).status == 400


@pytest.mark.parametrize(
    ("raw", "status", "where"),
    [
        (body(("other", None, b"x")), 422, "/other"),
        (body(("note", None, b"x"), ("note", None, b"y")), 422, "/note"),
        (body(("blob", "a", b"x"), ("blob", "b", b"y")), 422, "/blob"),
        (body(("note", None, b"123456789")), 413, "/note"),
        (body(("blob", "m", b"x" * 17)), 413, "/blob"),
        (body(("files", "a/b", b"x")), 422, "/files/a~1b"),
        (body(("files", None, b"x")), 422, "/files"),
        (body(("files", "a", b"x"), ("files", "a", b"y")), 422, "/files/a"),
        (body(("files", "a", b""), ("files", "b", b""), ("files", "c", b"")), 422, "/files"),
        (body(("note", None, b"\xff")), 422, "/note"),
    ],
    ids=[
        "unknown",
        "field-twice",
        "blob-twice",
        "field-too-long",
        "blob-too-long",
        "separator",
        "no-file-name",
        "same-name",
        "too-many-files",
        "not-utf8",
    ],
)
def test_each_refusal_names_its_part(tmp_path: Path, raw: bytes, status: int, where: str) -> None:
    """Every refusal says where, with a status, in English and Chinese."""
    found = refused(raw, tmp_path)
    assert (found.status, found.pointer) == (status, where)
    assert found.message
    assert found.message_zh


def test_a_part_without_a_name_is_400(tmp_path: Path) -> None:
    """Content-Disposition must name the part."""
    raw = b"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n"
    assert refused(raw, tmp_path).status == 400


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("a.csv", True),
        ("证据 1.xlsx", True),
        ("", False),
        (".", False),
        ("..", False),
        ("a/b", False),
        ("a\\b", False),
        ("a\x00b", False),
        ("x" * 256, False),
    ],
)
def test_plain_file_names(name: str, plain: bool) -> None:
    """A plain base name has no separator, is no dot name, no control character, ≤ 255 bytes."""
    assert plain_file_name(name) is plain
