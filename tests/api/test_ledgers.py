"""POST /v1/ledgers: every evidence set and error case of fixtures/ledger/ over HTTP, and each refusal."""

from __future__ import annotations

import json
import logging
import stat
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from starlette.testclient import TestClient

import ledger
from api.main import create_app
from api.problems import INVALID_REQUEST, PROBLEM_MEDIA_TYPE
from api.settings import Settings
from api.v1.ledgers import EXAMPLE, EXAMPLE_KEY, LEDGER_INPUT, MAX_MAPPING_BYTES

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "ledger"
SETS = sorted(p for p in ROOT.iterdir() if p.is_dir() and (p / "expected.json").is_file())
ERRORS = sorted(p for p in (ROOT / "errors").iterdir() if p.is_dir())
KEY = "5eed" * 8
S01 = ROOT / "s01-persons-sold-once"

Part = tuple[str, tuple[str, bytes]]


def _json(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def parts(folder: Path, *, skip: tuple[str, ...] = ()) -> list[Part]:
    """A set's mapping and every data file beside it, as multipart parts."""
    found: list[Part] = [("mapping", ("mapping.toml", (folder / "mapping.toml").read_bytes()))]
    for path in sorted(folder.iterdir()):
        if path.name in {"mapping.toml", "expected.json", "expected_error.json", *skip}:
            continue
        found.append(("files", (path.name, path.read_bytes())))
    return found


def problem_of(response: Any, status: int) -> dict[str, Any]:
    """The problem body of a refusal with ``status``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["message"]
    assert body["message_zh"]
    for entry in body["errors"]:
        assert entry["message"]
        assert entry["message_zh"]
    return body


def pointers(body: dict[str, Any]) -> list[str]:
    return [e["pointer"] for e in body["errors"]]


def _records(request: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [{k: v for k, v in r.items() if k != "label"} for r in request["records"]]
    return sorted(rows, key=lambda r: (r["category"], r["recipients"], r["obtained_in_duty"]))


def _cli_answer(folder: Path, conduct_date: str, *, assess: bool = False) -> dict[str, Any]:
    spec = ledger.load_mapping([folder / "mapping.toml"])
    return ledger.count(
        spec,
        engine="duckdb",
        conduct_date=date.fromisoformat(conduct_date),
        key=bytes.fromhex(KEY),
        seed=7,
        assess=assess,
    )


@pytest.fixture(scope="module")
def result_schema(client: TestClient) -> jsonschema_rs.Draft202012Validator:
    """The 200 answer's schema as the OpenAPI document states it."""
    document = client.get("/openapi.json").json()
    content = document["paths"]["/v1/ledgers"]["post"]["responses"]["200"]["content"]
    root = {**content["application/json"]["schema"], "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True)


# ---------------------------------------------------------------------------
# Evidence sets


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_every_evidence_set_counts_over_http_as_expected_and_as_the_cli(
    client: TestClient, folder: Path, result_schema: jsonschema_rs.Draft202012Validator
) -> None:
    """The variants and headline rows are the hand-checked ones, and the answer is the CLI's."""
    expected = _json(folder / "expected.json")
    form = {"conduct_date": expected["conduct_date"], "key": KEY, "seed": "7"}
    response = client.post("/v1/ledgers", files=parts(folder), data=form)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    for variant, want in expected["variants"].items():
        assert body["variants"][variant]["by_category"] == want["by_category"], variant
    assert _records(body["request"]) == sorted(
        expected["records"],
        key=lambda r: (r["category"], r["recipients"], r["obtained_in_duty"]),
    )
    for variant, tier in expected.get("tiers", {}).items():
        assert body["variants"][variant]["tier"] == tier
    if "tier_depends_on_counting" in expected:
        assert body["tier_depends_on_counting"] == expected["tier_depends_on_counting"]
    assert body == _cli_answer(folder, expected["conduct_date"])
    result_schema.validate(body)


def test_assess_adds_the_headline_assessment_as_the_cli_does(client: TestClient) -> None:
    """assess=true answers with the assessment of the headline request, as --assess prints it."""
    form = {"conduct_date": "2024-06-30", "key": KEY, "seed": "7", "assess": "true"}
    body = client.post("/v1/ledgers", files=parts(S01), data=form).json()
    assert body["assessment"]["tier"] == body["variants"]["persons"]["tier"]
    assert body == _cli_answer(S01, "2024-06-30", assess=True)
    plain = client.post("/v1/ledgers", files=parts(S01), data={**form, "assess": "false"})
    assert "assessment" not in plain.json()


def test_a_mapping_path_in_a_folder_is_matched_by_base_name(client: TestClient) -> None:
    """paths such as evidence/x.csv or ../raw/x.csv take the upload named x.csv."""
    mapping = (S01 / "mapping.toml").read_text(encoding="utf-8")
    data = (S01 / "gps-points.csv").read_bytes()
    form = {"conduct_date": "2024-06-30", "key": KEY, "seed": "7"}
    want = client.post("/v1/ledgers", files=parts(S01), data=form).json()
    for path in ("evidence/gps-points.csv", "../raw/gps-points.csv", "./a/../gps-points.csv"):
        text = mapping.replace('path = "gps-points.csv"', f'path = "{path}"')
        files = [("mapping", ("m.toml", text.encode())), ("files", ("gps-points.csv", data))]
        response = client.post("/v1/ledgers", files=files, data=form)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["variants"] == want["variants"]
        assert body["report"]["inputs"][0]["name"] == path


# ---------------------------------------------------------------------------
# Errors of the ledger (fixtures/ledger/errors)


@pytest.mark.parametrize("folder", ERRORS, ids=lambda p: p.name)
def test_every_error_case_is_a_4xx_problem_naming_what_it_must(
    client: TestClient, folder: Path
) -> None:
    """Each error case is refused, nothing counted, naming every must_name in both languages."""
    expected = _json(folder / "expected_error.json")
    response = client.post("/v1/ledgers", files=parts(folder))
    assert 400 <= response.status_code < 500
    body = problem_of(response, response.status_code)
    assert body["type"] == LEDGER_INPUT
    for language in ("message", "message_zh"):
        text = json.dumps([e[language] for e in body["errors"]], ensure_ascii=False).lower()
        for name in expected["must_name"]:
            assert name.lower() in text, (language, name)
    assert "variants" not in body


def test_a_ledger_error_points_at_the_file_and_says_the_line(client: TestClient) -> None:
    """The unknown label of labels.csv line 3 points at /files/labels.csv and names the line."""
    response = client.post("/v1/ledgers", files=parts(ROOT / "errors" / "unknown-category-label"))
    body = problem_of(response, 422)
    assert pointers(body) == ["/files/labels.csv"]
    assert "labels.csv:3" in body["errors"][0]["message"]
    assert "unknown_category_label" in body["errors"][0]["message"]


def test_a_mapping_error_points_at_the_mapping_and_names_it(client: TestClient) -> None:
    """A mapping that is not TOML points at /mapping, named as it was uploaded, not its temp path."""
    files = parts(ROOT / "errors" / "bad-toml")
    files[0] = ("mapping", ("case-17.toml", files[0][1][1]))
    body = problem_of(client.post("/v1/ledgers", files=files), 422)
    assert pointers(body) == ["/mapping"]
    assert "case-17.toml" in body["errors"][0]["message"]
    assert tempfile.gettempdir() not in json.dumps(body)


def test_a_problem_is_in_chinese_when_asked(client: TestClient) -> None:
    """Accept-Language: zh gives the Chinese title, detail and entry detail."""
    response = client.post(
        "/v1/ledgers",
        files=parts(ROOT / "errors" / "missing-column"),
        headers={"Accept-Language": "zh-CN"},
    )
    body = problem_of(response, 422)
    assert response.headers["content-language"] == "zh-CN"
    assert body["title"] == "证据无法计数"
    assert body["errors"][0]["detail"] == body["errors"][0]["message_zh"]
    assert "dump-b.csv" in body["errors"][0]["detail"]


# ---------------------------------------------------------------------------
# Refusals of the upload itself


def test_a_mapped_file_not_uploaded_is_named(client: TestClient) -> None:
    """The mapping lists gps-points.csv; without it the problem points at /files/gps-points.csv."""
    body = problem_of(client.post("/v1/ledgers", files=parts(S01, skip=("gps-points.csv",))), 422)
    assert pointers(body) == ["/files/gps-points.csv"]
    assert "gps-points.csv" in body["errors"][0]["message"]


def test_an_upload_the_mapping_does_not_name_is_refused(client: TestClient) -> None:
    """An extra file is refused by name, not silently ignored or counted."""
    files = [*parts(S01), ("files", ("extra.csv", b"a,b\n1,2\n"))]
    body = problem_of(client.post("/v1/ledgers", files=files), 422)
    assert pointers(body) == ["/files/extra.csv"]


def test_two_uploads_with_one_name_are_refused(client: TestClient) -> None:
    """The same file name twice is ambiguous evidence: refused."""
    files = [*parts(S01), ("files", ("gps-points.csv", b"x"))]
    body = problem_of(client.post("/v1/ledgers", files=files), 422)
    assert pointers(body) == ["/files/gps-points.csv"]
    assert body["type"] == INVALID_REQUEST


@pytest.mark.parametrize("name", ["dir/gps-points.csv", "..\\gps-points.csv", "..", ""])
def test_a_file_name_that_is_not_a_plain_base_name_is_refused(
    client: TestClient, name: str
) -> None:
    """A path separator, a dot name or no name at all: refused before anything is written."""
    files = [parts(S01)[0], ("files", (name, b"x"))]
    body = problem_of(client.post("/v1/ledgers", files=files), 422)
    assert body["errors"][0]["pointer"].startswith("/files")
    assert "base name" in body["errors"][0]["message"]


def test_mapped_paths_sharing_a_base_name_are_refused(client: TestClient) -> None:
    """a/x.csv and b/x.csv cannot both be matched by base name."""
    text = (
        '[[file]]\npath = "a/x.csv"\nid_number = "id"\ncategory = "general"\n'
        '[[file]]\npath = "b/x.csv"\nid_number = "id"\ncategory = "general"\n'
    )
    files = [("mapping", ("m.toml", text.encode())), ("files", ("x.csv", b"id\n1\n"))]
    body = problem_of(client.post("/v1/ledgers", files=files), 422)
    assert pointers(body) == ["/files/x.csv"]


@pytest.mark.parametrize(
    "paths",
    [("m.toml",), ("d", "d/x.csv")],
    ids=["the-mappings-own-name", "a-file-and-a-folder"],
)
def test_colliding_mapped_paths_are_refused(client: TestClient, paths: tuple[str, ...]) -> None:
    """A data path on the mapping itself, or a file where another path needs a folder: 422."""
    text = "".join(
        f'[[file]]\npath = "{p}"\nformat = "csv"\nid_number = "id"\ncategory = "general"\n'
        for p in paths
    )
    files = [("mapping", ("m.toml", text.encode()))] + [
        ("files", (p.rsplit("/", 1)[-1], b"id\n1\n")) for p in paths
    ]
    body = problem_of(client.post("/v1/ledgers", files=files), 422)
    assert body["type"] == LEDGER_INPUT
    assert pointers(body)[0].startswith("/files/")


def test_an_absolute_mapped_path_is_refused(client: TestClient) -> None:
    """Over HTTP a path must be relative to the mapping: nothing is looked up on the server."""
    text = '[[file]]\npath = "/etc/x.csv"\nid_number = "id"\ncategory = "general"\n'
    files = [("mapping", ("m.toml", text.encode())), ("files", ("x.csv", b"id\n1\n"))]
    body = problem_of(client.post("/v1/ledgers", files=files), 422)
    assert pointers(body) == ["/mapping"]


def test_a_mapping_over_its_limit_is_413(client: TestClient) -> None:
    """The mapping part alone over 1 MiB is a 413 naming /mapping."""
    big = b"# " + b"x" * MAX_MAPPING_BYTES
    files = [("mapping", ("mapping.toml", big)), parts(S01)[1]]
    body = problem_of(client.post("/v1/ledgers", files=files), 413)
    assert pointers(body) == ["/mapping"]
    assert str(MAX_MAPPING_BYTES) in body["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("conduct_date", "2024-02-30"),
        ("conduct_date", "30.06.2024"),
        ("key", "abc"),
        ("key", "zz"),
        ("seed", "-1"),
        ("seed", "1.5"),
        ("assess", "yes"),
        ("engine", "spark"),
    ],
)
def test_a_bad_form_field_is_422_naming_it(client: TestClient, field: str, value: str) -> None:
    """Each field is checked and named; the value is never echoed (engine's text names spark)."""
    body = problem_of(client.post("/v1/ledgers", files=parts(S01), data={field: value}), 422)
    assert pointers(body) == [f"/{field}"]
    assert body["type"] == INVALID_REQUEST
    if field != "engine":
        assert value not in json.dumps(body)


def test_engine_duckdb_is_accepted(client: TestClient) -> None:
    """engine=duckdb (the only engine over HTTP) is taken."""
    response = client.post(
        "/v1/ledgers", files=parts(S01), data={"engine": "duckdb", "conduct_date": "2024-06-30"}
    )
    assert response.status_code == 200


def test_a_conduct_date_after_today_is_the_ledgers_422(client: TestClient) -> None:
    """A well-formed date in the future is refused by the ledger itself."""
    response = client.post("/v1/ledgers", files=parts(S01), data={"conduct_date": "2999-01-01"})
    body = problem_of(response, 422)
    assert "bad_conduct_date" in body["errors"][0]["message"]


def test_an_unknown_field_is_422_naming_it(client: TestClient) -> None:
    """A part this operation does not take is refused, by name."""
    response = client.post("/v1/ledgers", files=parts(S01), data={"threads": "8"})
    assert pointers(problem_of(response, 422)) == ["/threads"]


def test_a_field_sent_twice_is_refused(client: TestClient) -> None:
    """Two seeds: which one? Refused."""
    response = client.post(
        "/v1/ledgers",
        content=_multipart([*parts(S01)], [("seed", "1"), ("seed", "2")]),
        headers={"Content-Type": "multipart/form-data; boundary=BOUNDARY"},
    )
    assert pointers(problem_of(response, 422)) == ["/seed"]


def test_the_mapping_and_files_are_required(client: TestClient) -> None:
    """Without a mapping, or without files, what is missing is named."""
    only_files = client.post("/v1/ledgers", files=parts(S01)[1:])
    assert pointers(problem_of(only_files, 422)) == ["/mapping"]
    only_mapping = client.post("/v1/ledgers", files=parts(S01)[:1])
    assert pointers(problem_of(only_mapping, 422)) == ["/files/gps-points.csv"]
    not_toml = client.post("/v1/ledgers", files=[("mapping", ("m.toml", b"[[file"))])
    assert pointers(problem_of(not_toml, 422)) == ["/files"]


def test_a_body_that_is_not_multipart_is_415(client: TestClient) -> None:
    """JSON (or anything but multipart/form-data) is a 415 that says what to send."""
    response = client.post("/v1/ledgers", json={"mapping": "x"})
    assert "multipart/form-data" in problem_of(response, 415)["message"]


def test_a_broken_multipart_body_is_400(client: TestClient) -> None:
    """A body cut before its closing boundary is a 400, not a half-read form."""
    whole = _multipart(parts(S01), [])
    response = client.post(
        "/v1/ledgers",
        content=whole[: len(whole) // 2],
        headers={"Content-Type": "multipart/form-data; boundary=BOUNDARY"},
    )
    assert "multipart" in problem_of(response, 400)["message"]


def _multipart(files: list[Part], fields: list[tuple[str, str]]) -> bytes:
    out = bytearray()
    for name, (filename, data) in files:
        out += b"--BOUNDARY\r\n"
        out += f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'.encode()
        out += b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n"
    for name, value in fields:
        out += b"--BOUNDARY\r\n"
        out += f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += value.encode() + b"\r\n"
    return bytes(out + b"--BOUNDARY--\r\n")


# ---------------------------------------------------------------------------
# The body limit of this path


@pytest.fixture(scope="module")
def small_client() -> Iterator[TestClient]:
    """The app with a 4 KiB limit on POST /v1/ledgers."""
    app = create_app(Settings(max_ledger_body_bytes=4096))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_a_body_over_the_ledger_limit_is_413_saying_that_limit(small_client: TestClient) -> None:
    """Declared too long: 413 naming this path's size (not the JSON API's 2 MiB) and the CLI."""
    files = [*parts(S01), ("files", ("big.csv", b"x" * 5000))]
    response = small_client.post("/v1/ledgers", files=files, headers={"Accept-Language": "zh"})
    body = problem_of(response, 413)
    assert "4 KiB" in body["message"]
    assert "4096" in body["message"]
    assert "python -m ledger count" in body["message"]
    assert "4096" in body["message_zh"]
    assert body["detail"] == body["message_zh"]
    assert "2 MiB" not in json.dumps(body)


def test_a_streamed_body_over_the_ledger_limit_is_413_too(small_client: TestClient) -> None:
    """Sent in chunks with no length: refused once past the limit, with the same text."""
    whole = _multipart([*parts(S01), ("files", ("big.csv", b"x" * 5000))], [])

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(whole), 1024):
            yield whole[start : start + 1024]

    response = small_client.post(
        "/v1/ledgers",
        content=chunks(),
        headers={"Content-Type": "multipart/form-data; boundary=BOUNDARY"},
    )
    body = problem_of(response, 413)
    assert "4 KiB (4096 bytes)" in body["message"]


def test_the_json_api_keeps_its_own_limit(small_client: TestClient) -> None:
    """The larger limit is this path's only: a 3 MiB JSON body elsewhere is still refused."""
    response = small_client.post(
        "/v1/assessments",
        content=b" " * (3 * 1024 * 1024),
        headers={"Content-Type": "application/json"},
    )
    assert problem_of(response, 413)["status"] == 413


def test_a_body_between_the_two_limits_is_taken_here(client: TestClient) -> None:
    """3 MiB of evidence (over the JSON API's 2 MiB) is counted by POST /v1/ledgers."""
    header = "身份证号,手机号\n".encode()
    rows = b"".join(b",1380013%04d\n" % (i % 10000) for i in range(260_000))
    mapping = '[[file]]\npath = "big.csv"\nid_number = "身份证号"\nphone = "手机号"\ncategory = "general"\n'
    files = [("mapping", ("m.toml", mapping.encode())), ("files", ("big.csv", header + rows))]
    response = client.post("/v1/ledgers", files=files, data={"conduct_date": "2024-06-30"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["variants"]["as_seized"]["by_category"] == {"general": 260_000}
    assert body["variants"]["persons"]["by_category"] == {"general": 10_000}


# ---------------------------------------------------------------------------
# The private folder, and privacy


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary folders of the request (and of the count) go under a folder of the test."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_the_uploads_live_in_a_private_folder_removed_after_the_answer(
    client: TestClient, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """During the count the uploads sit in a 0700 folder; after it, nothing is left."""
    seen: list[tuple[int, list[Path]]] = []
    real = ledger.count

    def spy(spec: ledger.LedgerSpec, **kwargs: Any) -> dict[str, Any]:
        top = next(temp_root.iterdir())
        seen.append((stat.S_IMODE(top.stat().st_mode), [f.path for f in spec.files]))
        return real(spec, **kwargs)

    monkeypatch.setattr(ledger, "count", spy)
    response = client.post("/v1/ledgers", files=parts(S01), data={"conduct_date": "2024-06-30"})
    assert response.status_code == 200
    ((mode, paths),) = seen
    assert mode == 0o700
    assert all(p.is_relative_to(temp_root) for p in paths)
    assert list(temp_root.iterdir()) == []


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(lambda: parts(ROOT / "errors" / "missing-column"), id="ledger-error"),
        pytest.param(lambda: parts(S01, skip=("gps-points.csv",)), id="file-missing"),
        pytest.param(lambda: [*parts(S01), ("files", ("a/b.csv", b"x"))], id="bad-name"),
    ],
)
def test_nothing_is_left_after_a_refusal(client: TestClient, temp_root: Path, files: Any) -> None:
    """Whatever refused the request, its folder is gone."""
    response = client.post("/v1/ledgers", files=files())
    assert response.status_code == 422
    assert list(temp_root.iterdir()) == []


PLANTED_ID = "11010519491231002X"
PLANTED_PHONE = "13912345678"
PLANTED_NAME = "欧阳秘密人"


def test_no_planted_value_reaches_the_answer_or_the_logs(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """An ID number, a phone number and a name in the evidence appear in no answer or log line."""
    csv = (
        "姓名,身份证号,手机号,买家\n"
        f"{PLANTED_NAME},{PLANTED_ID},{PLANTED_PHONE},{PLANTED_NAME}\n"
        f"{PLANTED_NAME},{PLANTED_ID}, +86 {PLANTED_PHONE},{PLANTED_NAME}\n"
    ).encode()
    mapping = (
        '[[file]]\npath = "dump.csv"\nid_number = "身份证号"\nphone = "手机号"\n'
        'recipient_column = "买家"\ncategory = "whereabouts"\n'
    )
    bad_mapping = mapping.replace('"手机号"', '"电话"')
    caplog.set_level(logging.DEBUG)
    answers = [
        client.post(
            "/v1/ledgers",
            files=[("mapping", ("m.toml", text.encode())), ("files", ("dump.csv", csv))],
            data={"conduct_date": "2024-06-30", "assess": "true"},
        )
        for text in (mapping, bad_mapping)
    ]
    assert [a.status_code for a in answers] == [200, 422]
    assert answers[0].json()["variants"]["persons"]["by_category"] == {"whereabouts": 1}
    shown = "\n".join([a.text for a in answers] + [r.getMessage() for r in caplog.records])
    for planted in (PLANTED_ID, PLANTED_ID[:17], PLANTED_PHONE, PLANTED_NAME):
        assert planted not in shown


# ---------------------------------------------------------------------------
# The documented examples


def test_the_documented_evidence_is_the_fixture_set() -> None:
    """api/v1/example_ledger holds s01's mapping and data, byte for byte."""
    for name in ("mapping.toml", "gps-points.csv"):
        assert (EXAMPLE / name).read_bytes() == (S01 / name).read_bytes()


def test_the_documented_answers_are_the_live_answers(client: TestClient) -> None:
    """Each named example's answer in the OpenAPI document is what the service answers to it."""
    operation = client.get("/openapi.json").json()["paths"]["/v1/ledgers"]["post"]
    requests = operation["requestBody"]["content"]["multipart/form-data"]["examples"]
    good = requests["gps_points_one_recipient"]["value"]
    files = [
        ("mapping", ("mapping.toml", good["mapping"].encode())),
        ("files", ("gps-points.csv", good["files"][0].encode())),
    ]
    fields = {k: str(v) for k, v in good.items() if k not in {"mapping", "files"}}
    assert fields["key"] == EXAMPLE_KEY
    answer = client.post("/v1/ledgers", files=files, data=fields)
    shown = operation["responses"]["200"]["content"]["application/json"]["examples"]
    assert answer.json() == shown["gps_points_one_recipient"]["value"]
    bad = requests["mapped_file_not_uploaded"]["value"]
    refused = operation["responses"]["422"]["content"][PROBLEM_MEDIA_TYPE]["examples"]
    for suffix, language in (("", "en"), ("_zh", "zh-CN")):
        response = client.post(
            "/v1/ledgers",
            files=[("mapping", ("mapping.toml", bad["mapping"].encode()))],
            headers={"Accept-Language": language},
        )
        assert response.json() == refused[f"mapped_file_not_uploaded{suffix}"]["value"]
