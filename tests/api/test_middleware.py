"""Security headers on every response; no CORS unless configured; the edge's limits."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
from starlette.requests import ClientDisconnect
from starlette.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from api.main import create_app
from api.middleware import BodyLimit, Edge
from api.settings import Settings
from tests.api.conftest import case

COMMON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/healthz", 200),
        ("GET", "/readyz", 200),
        ("GET", "/v1/provisions", 200),
        ("GET", "/v1/provisions/nope", 404),
        ("GET", "/openapi.json", 200),
        ("GET", "/docs", 200),
        ("GET", "/redoc", 200),
        ("GET", "/docs-assets/swagger-ui.css", 200),
        ("POST", "/v1/assessments", 200),
        ("POST", "/v1/assessments/batch", 415),
        ("PATCH", "/v1/rulesets", 405),
    ],
)
def test_every_response_carries_the_security_headers(
    client: TestClient, method: str, path: str, status: int
) -> None:
    """nosniff, no referrer, no framing and a Content-Security-Policy, whatever the status."""
    body = case() if path == "/v1/assessments" else None
    response = client.request(method, path, json=body)
    assert response.status_code == status
    for name, value in COMMON.items():
        assert response.headers[name] == value
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_api_responses_allow_nothing_to_load(client: TestClient) -> None:
    """JSON answers get default-src 'none' and no-store."""
    response = client.get("/v1/rulesets")
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["cache-control"] == "no-store"


def test_no_cors_headers_by_default(client: TestClient) -> None:
    """A cross-origin request or preflight gets no Access-Control-Allow-Origin."""
    response = client.get("/v1/provisions", headers={"origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/v1/assessments",
        headers={
            "origin": "https://elsewhere.example",
            "access-control-request-method": "POST",
        },
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_only_for_configured_origins() -> None:
    """With PI_SEVERITY_CORS_ORIGINS set, only those origins are allowed."""
    app = create_app(Settings(cors_origins=("https://cms.example",)))
    with TestClient(app) as c:
        ok = c.get("/v1/provisions", headers={"origin": "https://cms.example"})
        other = c.get("/v1/provisions", headers={"origin": "https://elsewhere.example"})
    assert ok.headers["access-control-allow-origin"] == "https://cms.example"
    assert "access-control-allow-origin" not in other.headers
    assert ok.headers["x-content-type-options"] == "nosniff"


# ---------------------------------------------------------------------------
# The edge's limits, called directly as ASGI (the same limits over real sockets are in
# test_hardening.py)


def _scope(method: str = "GET", path: str = "/v1/rulesets", body: int = 0) -> dict[str, Any]:
    headers = [(b"content-length", str(body).encode())] if body else []
    return {"type": "http", "method": method, "path": path, "headers": headers}


async def _call(
    edge: Edge, scope: dict[str, Any], arrived: asyncio.Event | None = None
) -> list[Message]:
    """Call the edge; the body (if any) is one message, sent once ``arrived`` is set."""
    sent: list[Message] = []

    async def receive() -> Message:
        if arrived is not None:
            await arrived.wait()
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await edge(scope, receive, send)
    return sent


def test_head_is_answered_as_get_without_the_body(client: TestClient) -> None:
    """HEAD on a GET route: 200, GET's Content-Length, no body bytes."""
    got = client.get("/v1/rulesets")
    head = client.head("/v1/rulesets")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"] != "0"


def test_beyond_the_cap_the_edge_answers_503_with_retry_after() -> None:
    """With the cap's requests in the app, the next is a 503 problem; /healthz still passes."""
    release = asyncio.Event()
    entered = 0

    async def slow_app(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal entered
        entered += 1
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    edge = Edge(slow_app, max_body_bytes=10, max_concurrent_requests=2, retry_after_seconds=3)

    async def scenario() -> tuple[list[Message], list[Message], int]:
        held = [asyncio.create_task(_call(edge, _scope())) for _ in range(2)]
        await asyncio.sleep(0.01)
        refused = await _call(edge, _scope())
        health = asyncio.create_task(_call(edge, _scope(path="/healthz")))
        await asyncio.sleep(0.01)
        release.set()
        await asyncio.gather(*held, health)
        after = await _call(edge, _scope())
        return refused, after, edge.handling

    refused, after, active = asyncio.run(scenario())
    start = refused[0]
    assert start["status"] == 503
    headers = dict(start["headers"])
    assert headers[b"retry-after"] == b"3"
    assert headers[b"content-type"] == b"application/problem+json"
    assert entered == 4  # two held, /healthz past the cap, one after the release
    assert after[0]["status"] == 200
    assert active == 0


def test_an_unexpected_error_is_logged_with_module_relative_paths(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The 500's log line names the exception type and module-relative places, no absolute path."""

    async def failing(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("a value that must not be logged")

    caplog.set_level(logging.INFO)
    sent = asyncio.run(_call(Edge(failing, max_body_bytes=10), _scope()))
    assert sent[0]["status"] == 500
    (record,) = [r for r in caplog.records if r.name == "api"]
    line = record.getMessage()
    assert "RuntimeError" in line
    assert "tests/api/test_middleware.py" in line
    assert str(Path(__file__).resolve().parents[2]) not in line
    assert "must not be logged" not in line


def test_a_client_that_leaves_mid_body_is_one_info_line(caplog: pytest.LogCaptureFixture) -> None:
    """ClientDisconnect from the app: no answer, one INFO line naming nothing of the request."""

    async def leaving(scope: Scope, receive: Receive, send: Send) -> None:
        raise ClientDisconnect

    caplog.set_level(logging.DEBUG)
    sent = asyncio.run(_call(Edge(leaving, max_body_bytes=10), _scope("POST", "/v1/assessments")))
    assert sent == []
    (record,) = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert (record.name, record.levelno) == ("api", logging.INFO)
    assert "/" not in record.getMessage()


def test_a_body_still_arriving_holds_a_receiving_place_not_a_handling_one() -> None:
    """Bodies on their way count apart: past their limit a POST is a 503, a GET still passes.

    And a body that completes while the handling places are full is a 503 too.
    """
    release = asyncio.Event()

    async def reading_app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] == "POST":
            await receive()
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    edge = Edge(reading_app, max_body_bytes=10, max_concurrent_requests=1, max_receiving_requests=2)
    post = _scope("POST", "/v1/assessments", body=2)

    async def scenario() -> tuple[int, int, int, int, int]:
        slow = asyncio.Event()
        uploading = [asyncio.create_task(_call(edge, post, slow)) for _ in range(2)]
        await asyncio.sleep(0.01)
        receiving = edge.receiving
        third_post = (await _call(edge, post))[0]["status"]
        get = asyncio.create_task(_call(edge, _scope()))  # takes the one handling place
        await asyncio.sleep(0.01)
        slow.set()  # the two bodies complete while the handling place is taken
        done = await asyncio.gather(*uploading)
        release.set()
        get_status = (await get)[0]["status"]
        return receiving, third_post, done[0][0]["status"], get_status, edge.receiving

    receiving, third_post, completed_late, get_status, left = asyncio.run(scenario())
    assert receiving == 2
    assert third_post == 503
    assert completed_late == 503
    assert get_status == 200
    assert left == 0
    assert edge.handling == 0


def test_a_path_with_its_own_body_limit_has_its_own_time_and_size() -> None:
    """BodyLimit: that path's body times out on its own clock and is measured by its own size."""

    async def reading_app(scope: Scope, receive: Receive, send: Send) -> None:
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    own = BodyLimit(max_bytes=100, timeout_seconds=0.05, too_large=("too large", "过大"))
    edge = Edge(
        reading_app, max_body_bytes=10, body_timeout_seconds=60, body_limits={"/v1/ledgers": own}
    )
    never = asyncio.Event()
    timed_out = asyncio.run(_call(edge, _scope("POST", "/v1/ledgers", body=50), never))
    assert timed_out[0]["status"] == 408
    assert b"0.05 seconds" in timed_out[1]["body"]
    taken = asyncio.run(_call(edge, _scope("POST", "/v1/ledgers", body=50)))
    assert taken[0]["status"] == 200
    refused = asyncio.run(_call(edge, _scope("POST", "/v1/ledgers", body=101)))
    assert refused[0]["status"] == 413
    assert b"too large" in refused[1]["body"]
    elsewhere = asyncio.run(_call(edge, _scope("POST", "/v1/assessments", body=50)))
    assert elsewhere[0]["status"] == 413
