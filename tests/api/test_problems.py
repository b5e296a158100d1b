"""Every error class as RFC 9457 problem+json; request values never in a problem or a log."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from api.main import create_app
from api.problems import INVALID_FACTS, INVALID_REQUEST, PROBLEM_MEDIA_TYPE
from api.settings import MAX_BODY_BYTES
from api.v1 import mapping
from tests.api.conftest import MARKER, case

PROBLEM_KEYS = {"type", "title", "status", "detail", "errors", "message", "message_zh"}
ERROR_KEYS = {"pointer", "detail", "message", "message_zh"}


def problem_of(response: Any, status: int) -> dict[str, Any]:
    """The response's problem body, after checking status, media type and shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body: dict[str, Any] = response.json()
    assert set(body) == PROBLEM_KEYS
    assert body["status"] == status
    assert all(set(e) == ERROR_KEYS for e in body["errors"])
    return body


def pointers(body: dict[str, Any]) -> list[str]:
    return [e["pointer"] for e in body["errors"]]


# ---------------------------------------------------------------------------
# 415, 413


@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin-1"],
)
def test_a_body_that_is_not_declared_json_utf8_is_415(
    client: TestClient, content_type: str | None
) -> None:
    """Anything but Content-Type: application/json (UTF-8) is refused with 415."""
    headers = {} if content_type is None else {"content-type": content_type}
    for path in ("/v1/assessments", "/v1/assessments/batch"):
        response = client.post(path, content=json.dumps(case()).encode(), headers=headers)
        body = problem_of(response, 415)
        assert "application/json" in body["detail"]


def test_a_body_over_2_mib_is_413_from_its_length(client: TestClient) -> None:
    """A declared Content-Length over 2 MiB is refused before the body is read."""
    response = client.post(
        "/v1/assessments",
        content=b" " * (MAX_BODY_BYTES + 1),
        headers={"content-type": "application/json"},
    )
    problem_of(response, 413)


def test_a_streamed_body_over_2_mib_is_413(client: TestClient) -> None:
    """A chunked body with no Content-Length is cut off once it passes 2 MiB."""

    def chunks() -> Iterator[bytes]:
        for _ in range(3):
            yield b" " * (1024 * 1024)

    response = client.post(
        "/v1/assessments/batch", content=chunks(), headers={"content-type": "application/json"}
    )
    problem_of(response, 413)


def test_a_body_of_exactly_2_mib_is_read(client: TestClient) -> None:
    """2 MiB itself is allowed: the padded request is assessed."""
    raw = json.dumps(case()).encode()
    padded = raw + b" " * (MAX_BODY_BYTES - len(raw))
    response = client.post(
        "/v1/assessments", content=padded, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200


# ---------------------------------------------------------------------------
# 422: the body, a field, the facts


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"",
        b"[]",
        b"null",
        b"42",
        b'"text"',
        b"\xff\xfe\xfd",
        b"{'a': 1}",
        b"NaN",
        b"[" * 5000,
    ],
    ids=[
        "truncated",
        "empty",
        "array",
        "null",
        "number",
        "string",
        "not-utf8",
        "single-quotes",
        "nan",
        "deep",
    ],
)
def test_a_malformed_body_is_a_4xx_problem_never_a_500(client: TestClient, raw: bytes) -> None:
    """Whatever the bytes, the answer is a problem with a 4xx status."""
    response = client.post(
        "/v1/assessments", content=raw, headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500
    problem_of(response, response.status_code)


@pytest.mark.parametrize("path", ["/v1/assessments", "/v1/assessments/batch"])
def test_a_body_that_is_not_utf8_is_400(client: TestClient, path: str) -> None:
    """Bytes that are not UTF-8 are not JSON text at all: 400, before any validation."""
    response = client.post(
        path, content=b"\xff\xfe{}", headers={"content-type": "application/json"}
    )
    body = problem_of(response, 400)
    assert "UTF-8" in body["detail"]


@pytest.mark.parametrize(
    ("raw", "allowed"),
    [(b"", "is required"), (b"NaN", "valid JSON"), (b"[" * 2000, "valid JSON")],
    ids=["empty", "nan", "too-deep"],
)
def test_a_body_that_is_not_a_json_document_is_422_at_the_root(
    client: TestClient, raw: bytes, allowed: str
) -> None:
    """No body, or text that is not JSON (NaN is not JSON), is one error at pointer ""."""
    response = client.post(
        "/v1/assessments", content=raw, headers={"content-type": "application/json"}
    )
    body = problem_of(response, 422)
    assert pointers(body) == [""]
    assert allowed in body["errors"][0]["detail"]


def test_invalid_json_points_at_the_whole_document(client: TestClient) -> None:
    """A JSON syntax error is a 422 whose pointer is "" (the whole body)."""
    response = client.post(
        "/v1/assessments", content=b'{"records": [', headers={"content-type": "application/json"}
    )
    body = problem_of(response, 422)
    assert body["type"] == INVALID_REQUEST
    assert pointers(body) == [""]


@pytest.mark.parametrize(
    ("body", "pointer", "allowed"),
    [
        (case(illegal_gains_cny=5000), "/illegal_gains_cny", "decimal string"),
        (case(illegal_gains_cny="50.001"), "/illegal_gains_cny", "2 decimal places"),
        (case(illegal_gains_cny="-1"), "/illegal_gains_cny", "non-negative"),
        (
            case(business_purchase={"profit_cny": 1.5}),
            "/business_purchase/profit_cny",
            "decimal string",
        ),
        (case(records=[{"category": "general", "count": "5"}]), "/records/0/count", "integer"),
        (case(records=[{"category": "general", "count": -1}]), "/records/0/count", "0 or more"),
        (
            case(records=[{"category": "general", "count": 10**9 + 1}]),
            "/records/0/count",
            "1000000000 or less",
        ),
        (
            case(records=[{"category": "general", "count": 10**23}]),
            "/records/0/count",
            "1000000000 or less",
        ),
        (
            case(records=[{"category": "general", "count": 1, "recipients": 10001}]),
            "/records/0/recipients",
            "10000 or less",
        ),
        (case(records=[{"category": "general", "count": 1.5}]), "/records/0/count", "integer"),
        (case(records=[{"category": "general", "count": True}]), "/records/0/count", "integer"),
        (case(records=[{"category": "secrets", "count": 1}]), "/records/0/category", "whereabouts"),
        (case(records=[{"count": 1}]), "/records/0/category", "required"),
        (
            case(records=[{"category": "general", "count": 1, "obtained_in_duty": 1}]),
            "/records/0/obtained_in_duty",
            "true or false",
        ),
        (
            case(
                records=[
                    {
                        "category": "general",
                        "count": 1,
                        "alternative_categories": ["health", "credit", "property", "transaction"],
                    }
                ]
            ),
            "/records/0/alternative_categories",
            "at most 3",
        ),
        (
            case(records=[{"category": "general", "count": 1, "label": "x" * 201}]),
            "/records/0/label",
            "200 characters",
        ),
        (case(records=[{"category": "general", "count": 1}] * 101), "/records", "at most 100"),
        (case(conduct_date="2023-02-30"), "/conduct_date", "YYYY-MM-DD"),
        (case(conduct_date="2023-04-10T00:00:00"), "/conduct_date", "YYYY-MM-DD"),
        (case(conduct_date=1681084800), "/conduct_date", "YYYY-MM-DD"),
        (case(offender="company"), "/offender", "natural_person"),
        (case(surprise=True), "/surprise", "unknown fields"),
        (
            case(circumstances={"whereabouts_used_in_crime": "yes"}),
            "/circumstances/whereabouts_used_in_crime",
            "true or false",
        ),
        (case(leniency_facts={"remorse": "unknown"}), "/leniency_facts/remorse", "true or false"),
        (case(**{"a/b~c": 1}), "/a~1b~0c", "unknown fields"),
    ],
)
def test_a_field_outside_the_contract_is_a_422_naming_it_and_what_is_allowed(
    client: TestClient, body: dict[str, Any], pointer: str, allowed: str
) -> None:
    """Each error points at the field (a JSON Pointer) and says what is allowed there."""
    problem = problem_of(client.post("/v1/assessments", json=body), 422)
    assert problem["type"] == INVALID_REQUEST
    matching = [e for e in problem["errors"] if e["pointer"] == pointer]
    assert matching, problem
    assert allowed in matching[0]["detail"]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        (case(conduct_date="2009-02-27"), "/conduct_date"),
        (case(conduct_date="2999-01-01"), "/conduct_date"),
        (
            case(illegal_gains_cny="100", illegal_gains_from_duty_cny="100.01"),
            "/illegal_gains_from_duty_cny",
        ),
        (
            {
                "records": [],
                "circumstances": {"prior_administrative_penalty_date": "2022-01-01"},
            },
            "/circumstances/prior_administrative_penalty_date",
        ),
    ],
    ids=["before-cl253-1", "future", "duty-gains-over-total", "penalty-date-without-conduct-date"],
)
def test_facts_the_law_cannot_take_are_a_422_from_the_core(
    client: TestClient, body: dict[str, Any], pointer: str
) -> None:
    """The core's InvalidFacts becomes a 422 invalid-facts problem with its pointers."""
    problem = problem_of(client.post("/v1/assessments", json=body), 422)
    assert problem["type"] == INVALID_FACTS
    assert pointers(problem) == [pointer]


# ---------------------------------------------------------------------------
# 404, 405, 500


def test_an_unknown_address_is_a_404_problem(client: TestClient) -> None:
    """Paths outside the API answer 404 as problem+json."""
    problem_of(client.get("/v2/assessments"), 404)


def test_a_method_not_allowed_is_a_405_problem_with_allow(client: TestClient) -> None:
    """PUT on an assessment route is 405 with the Allow header kept."""
    response = client.put("/v1/assessments", json=case())
    problem_of(response, 405)
    assert response.headers["allow"] == "POST"
    problem_of(client.delete("/v1/provisions"), 405)


@pytest.fixture
def failing_client(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A client whose assessment step raises an exception carrying the marker."""

    def explode(*args: object, **kwargs: object) -> dict[str, Any]:
        raise RuntimeError(MARKER)

    monkeypatch.setattr(mapping, "assessment_for", explode)
    app: FastAPI = create_app()
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_an_unexpected_failure_is_a_500_problem_without_its_message(
    failing_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    """An exception inside the service is a generic 500 problem; the log names only its type."""
    caplog.set_level(logging.DEBUG)
    response = failing_client.post("/v1/assessments", json=case())
    problem_of(response, 500)
    assert MARKER not in response.text
    assert "RuntimeError" in caplog.text
    assert "POST /v1/assessments" in caplog.text
    assert MARKER not in caplog.text


# ---------------------------------------------------------------------------
# No echo, no log


def _marked_bodies() -> list[tuple[str, Any]]:
    m = MARKER
    return [
        ("/v1/assessments", case(illegal_gains_cny=m)),
        ("/v1/assessments", case(records=[{"category": m, "count": 1}])),
        ("/v1/assessments", case(records=[{"category": "general", "count": m}])),
        ("/v1/assessments", case(records=[{"category": "general", "count": 1, "label": m * 20}])),
        ("/v1/assessments", case(conduct_date=m)),
        ("/v1/assessments", case(offender=m)),
        ("/v1/assessments", case(surprise=m)),
        ("/v1/assessments", case(circumstances={"prior_administrative_penalty_date": m})),
        ("/v1/assessments", case(leniency_facts={"remorse": m})),
        ("/v1/assessments", case(business_purchase={"profit_cny": m})),
        ("/v1/assessments", [m]),
        ("/v1/assessments", m),
        ("/v1/assessments/batch", {"items": [case(illegal_gains_cny=m), m]}),
        ("/v1/assessments/batch", {"items": [case(records=[{"category": m, "count": m}])]}),
        ("/v1/assessments/batch", {"items": m}),
        ("/v1/assessments/batch", {"items": [case()], "surprise": m}),
    ]


def test_request_values_are_never_echoed_in_problems_nor_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    """A marker posted as the value of every kind of bad field appears in no problem and no log.

    (An unknown field's *name* is named by its pointer: that is where the error is.) The
    test client's own request log is left out; everything the service logs is searched.
    """
    caplog.set_level(logging.DEBUG)
    for path, body in _marked_bodies():
        response = client.post(path, json=body)
        assert response.status_code in {200, 422}, (path, response.text)
        if response.status_code == 200:  # a batch: every entry with the marker is a problem
            entries = response.json()["results"]
            assert MARKER not in json.dumps([e for e in entries if e["status"] != 200])
        else:
            assert MARKER not in response.text
        assert MARKER.encode("unicode_escape").decode() not in response.text
    # the caller's own label is echoed in the result, never logged
    response = client.post(
        "/v1/assessments", json=case(records=[{"category": "general", "count": 1, "label": MARKER}])
    )
    assert response.json()["quantity"]["rows"][0]["label"] == MARKER
    assert MARKER not in client.get(f"/v1/provisions/{MARKER}").text
    service_logs = [r.getMessage() for r in caplog.records if not r.name.startswith("httpx")]
    assert not any(MARKER in line or "MARKER" in line for line in service_logs)
    captured = capfd.readouterr()
    assert "MARKER" not in captured.out + captured.err


def test_fastapi_telemetry_is_off_so_no_request_value_reaches_an_exporter() -> None:
    """FastAPI's own OpenTelemetry would log validation failures with their input: it is off."""
    app = create_app()
    telemetry = app._telemetry  # FastAPI keeps its merged settings here
    assert telemetry["logs"] is False
    assert telemetry["tracing"] is False
    assert telemetry["metrics"] is False
    assert telemetry["auto_configure"] is False
    assert not app._native_telemetry.enabled()
