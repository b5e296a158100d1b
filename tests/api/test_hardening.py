"""The HTTP limits, checked over raw sockets against the real server (uvicorn, ``api.server``).

One server runs in a background thread with the service's configuration and short
timeouts (so a timeout test takes a second, not twenty); one more runs as
``python -m api.cli serve`` in its own process, to show the command applies the same
limits with their real values.
"""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.routing import APIRoute
from starlette.routing import Route

from api.main import create_app
from api.problems import PROBLEM_MEDIA_TYPE
from api.server import config
from api.settings import (
    BODY_TIMEOUT_SECONDS,
    HEAD_TIMEOUT_SECONDS,
    MAX_HEADER_BYTES,
    MAX_HEADER_FIELDS,
    Settings,
)
from tests.api.conftest import case

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
SETTINGS = Settings(
    head_timeout_seconds=1.0,
    body_timeout_seconds=1.0,
    max_concurrent_requests=2,
    max_receiving_requests=2,
)


@dataclass
class Response:
    """One raw HTTP/1.1 response: status, headers (lower-case names), body bytes."""

    status: int
    headers: dict[str, str]
    body: bytes

    def problem(self) -> dict[str, Any]:
        """The problem+json body, after checking the media type and the status in it."""
        assert self.headers["content-type"] == PROBLEM_MEDIA_TYPE
        body: dict[str, Any] = json.loads(self.body)
        assert body["status"] == self.status
        assert {"type", "title", "status", "detail", "errors"} <= set(body)
        return body


def read_response(sock: socket.socket, *, head_only: bool = False) -> Response:
    """Read one response from ``sock`` (``Content-Length`` framed, or up to EOF)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before a full response head: {data[:200]!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if head_only:
        return Response(int(lines[0].split()[1]), headers, rest)
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return Response(int(lines[0].split()[1]), headers, rest)


def closed_by_peer(sock: socket.socket, within: float = 3.0) -> bool:
    """Whether the server closes the connection (EOF or reset) within ``within`` seconds."""
    sock.settimeout(within)
    try:
        while sock.recv(65536):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return True


@dataclass
class Server:
    """A running server's port."""

    port: int

    def connect(self, timeout: float = 5.0) -> socket.socket:
        """A new connection to the server."""
        return socket.create_connection((HOST, self.port), timeout=timeout)

    def exchange(self, raw: bytes, *, head_only: bool = False) -> Response:
        """Send ``raw`` on a new connection and read one response."""
        with self.connect() as sock:
            sock.sendall(raw)
            return read_response(sock, head_only=head_only)


def get(path: str, *extra: str, method: str = "GET") -> bytes:
    """A request without a body (``extra`` header lines)."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", *extra, "", ""]
    return "\r\n".join(lines).encode()


def post(path: str, body: bytes, *extra: str) -> bytes:
    """A JSON POST with its whole body."""
    head = [
        f"POST {path} HTTP/1.1",
        f"Host: {HOST}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        *extra,
        "",
        "",
    ]
    return "\r\n".join(head).encode() + body


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """The service under uvicorn in a thread, with ``SETTINGS`` (short timeouts, a cap of 2)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    port = sock.getsockname()[1]
    running = uvicorn.Server(config(settings=SETTINGS, port=port, log_level="info"))
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, "the server did not start in 20 s"
        time.sleep(0.05)
    yield Server(port)
    running.should_exit = True
    thread.join(timeout=10)


# ---------------------------------------------------------------------------
# Header size and count: 431 (and 414 for the target), before the app is reached


def test_a_header_block_over_16_kib_is_431(server: Server) -> None:
    """One header field that takes the block past 16 KiB is refused with a 431 problem."""
    response = server.exchange(get("/healthz", "X-Pad: " + "a" * MAX_HEADER_BYTES))
    assert response.status == 431
    assert "16384" in response.problem()["detail"]
    assert response.headers["connection"] == "close"


def test_more_than_100_header_fields_is_431(server: Server) -> None:
    """101 small header fields are refused; 90 are answered."""
    many = [f"X-F{i}: 1" for i in range(MAX_HEADER_FIELDS + 1)]
    assert server.exchange(get("/healthz", *many)).status == 431
    assert server.exchange(get("/healthz", *many[:90])).status == 200


def test_a_huge_header_is_refused_while_it_streams(server: Server) -> None:
    """A header that never ends is answered once 16 KiB are in, not read to its end."""
    with server.connect() as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ")
        sent = 0
        response = None
        sock.settimeout(0.2)
        while sent < 8 * 1024 * 1024 and response is None:
            try:
                sock.sendall(b"a" * 4096)
                sent += 4096
            except OSError:
                break
            try:
                peek = sock.recv(65536, socket.MSG_PEEK)
            except TimeoutError:
                continue
            if peek:
                response = peek
        sock.settimeout(5)
        assert response is not None, "no answer while the header kept coming"
        assert response.startswith(b"HTTP/1.1 431 ")
        assert sent < 1024 * 1024


def test_a_long_request_target_is_414(server: Server) -> None:
    """A path over 8 KiB is refused with a 414 problem."""
    response = server.exchange(get("/v1/provisions/" + "x" * 9000))
    assert response.status == 414
    response.problem()


def test_a_large_body_arriving_with_its_headers_is_not_taken_for_headers(server: Server) -> None:
    """A 1.9 MiB body sent in the same write as its headers is read as a body (not a 431)."""
    body = json.dumps(case(records=[{"category": "general", "count": 1}] * 100)).encode()
    body += b" " * (1_900_000 - len(body))
    with server.connect(timeout=20) as sock:
        sock.sendall(post("/v1/assessments", body))
        assert read_response(sock).status == 200


def test_malformed_http_is_a_400_problem(server: Server) -> None:
    """Bytes that are not HTTP get a 400 problem, not uvicorn's plain text."""
    response = server.exchange(b"GET / HTTP/1.1\r\nHo st\x00: x\r\n\r\n")
    assert response.status == 400
    response.problem()


# ---------------------------------------------------------------------------
# Time: headers and body that stop arriving


def test_headers_that_stop_arriving_get_a_408_and_the_connection_closes(server: Server) -> None:
    """A header block still open after the head timeout is answered 408 and closed."""
    with server.connect() as sock:
        start = time.monotonic()
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        response = read_response(sock)
        elapsed = time.monotonic() - start
        assert response.status == 408
        response.problem()
        assert 0.9 <= elapsed < 3
        assert closed_by_peer(sock)


def test_a_connection_that_sends_nothing_is_closed(server: Server) -> None:
    """An idle new connection is answered 408 and closed after the head timeout too."""
    with server.connect() as sock:
        assert read_response(sock).status == 408
        assert closed_by_peer(sock)


def test_a_body_that_stops_arriving_gets_a_408_and_the_connection_closes(server: Server) -> None:
    """A body still short of its Content-Length after the body timeout: 408 problem, closed."""
    with server.connect() as sock:
        raw = post("/v1/assessments", b'{"records": []}' + b" " * 100)
        start = time.monotonic()
        sock.sendall(raw[:-50])
        response = read_response(sock)
        elapsed = time.monotonic() - start
        assert response.status == 408
        assert "1" in response.problem()["detail"]
        assert 0.9 <= elapsed < 3
        assert closed_by_peer(sock)


def test_the_default_timeouts_answer_within_30_seconds() -> None:
    """As configured for serving, a stalled header block or body is answered within 30 s."""
    assert 0 < HEAD_TIMEOUT_SECONDS <= 30
    assert 0 < BODY_TIMEOUT_SECONDS <= 30
    assert Settings().body_timeout_seconds == BODY_TIMEOUT_SECONDS


# ---------------------------------------------------------------------------
# Requests at once: 503 with Retry-After beyond the cap


def test_beyond_the_cap_a_request_is_503_with_retry_after(server: Server) -> None:
    """With two bodies still arriving (the limit here), a third POST is a 503 with Retry-After.

    Requests without a body are still handled (a slow body never takes a handling place),
    ``/healthz`` too, and once the held requests end, POSTs are served again.
    """
    held = []
    try:
        for _ in range(SETTINGS.max_receiving_requests):
            sock = server.connect()
            sock.sendall(post("/v1/assessments", b"{" + b" " * 200)[:-100])
            held.append(sock)
        time.sleep(0.2)
        refused = server.exchange(post("/v1/assessments", json.dumps(case()).encode()))
        assert refused.status == 503
        assert refused.headers["retry-after"] == "1"
        refused.problem()
        assert server.exchange(get("/v1/rulesets")).status == 200
        assert server.exchange(get("/healthz")).status == 200
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.3)
    assert server.exchange(post("/v1/assessments", json.dumps(case()).encode())).status == 200


# ---------------------------------------------------------------------------
# HEAD, the Server header, a client that leaves


def _routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, set[str]]]:
    """``(path, methods)`` of every route, through included routers."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _routes(included.routes, prefix + route.include_context.prefix)
        elif isinstance(route, APIRoute | Route):
            yield prefix + route.path, set(route.methods or ())


def _get_paths() -> list[str]:
    """Every GET route of the app, with its path parameters filled in with a real value."""
    filled = {"{provision_id}": "5.1.3", "/page/{name}": "/page/page.css"}
    filled["/docs-assets/{name}"] = "/docs-assets/swagger-ui.css"
    paths = set()
    for path, methods in _routes(create_app().routes):
        if "GET" in methods:
            for param, value in filled.items():
                path = path.replace(param, value)  # noqa: PLW2901 - the same path, filled in
            assert "{" not in path, f"no value to fill {path} with"
            paths.add(path)
    return sorted(paths)


def test_every_get_route_is_found() -> None:
    """The HEAD check below covers the app's GET routes (an empty list would prove nothing)."""
    paths = _get_paths()
    assert {"/", "/healthz", "/readyz", "/docs", "/openapi.json", "/v1/provisions"} <= set(paths)


@pytest.mark.parametrize("path", _get_paths())
def test_head_answers_every_get_route_with_its_headers_and_no_body(
    server: Server, path: str
) -> None:
    """HEAD gives GET's status and headers (Content-Length included) and not one body byte."""
    got = server.exchange(get(path, "Connection: close"))
    with server.connect() as sock:
        sock.sendall(get(path, "Connection: close", method="HEAD"))
        head = read_response(sock, head_only=True)
        rest = head.body
        while chunk := sock.recv(65536):
            rest += chunk
    assert got.status == 200
    assert head.status == 200
    assert rest == b""
    ignored = {"date"}
    assert {k: v for k, v in head.headers.items() if k not in ignored} == {
        k: v for k, v in got.headers.items() if k not in ignored
    }


def test_no_server_header(server: Server) -> None:
    """Responses do not name the server software."""
    response = server.exchange(get("/healthz"))
    assert response.status == 200
    assert "server" not in response.headers


def test_a_client_leaving_mid_body_is_one_info_line_without_paths(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    """No ERROR, no traceback: one INFO line that names no path, address or value."""
    caplog.set_level(logging.DEBUG)
    with server.connect() as sock:
        sock.sendall(post("/v1/assessments", b'{"records": [' + b" " * 500)[:-400])
        time.sleep(0.2)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and not [r for r in caplog.records if r.name == "api"]:
        time.sleep(0.05)
    time.sleep(0.2)
    ours = [r for r in caplog.records if r.name == "api"]
    assert [r.levelno for r in ours] == [logging.INFO]
    line = ours[0].getMessage()
    assert "/" not in line
    assert "127.0.0.1" not in line
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert all(r.exc_info is None for r in caplog.records)


# ---------------------------------------------------------------------------
# The command applies the same limits, with their real values


@pytest.fixture(scope="module")
def served() -> Iterator[Server]:
    """``python -m api.cli serve`` on a free port, in its own process."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--host", HOST, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, "serve stopped while starting"
            assert time.monotonic() < deadline, "serve did not start in 30 s"
            time.sleep(0.1)
    yield Server(port)
    process.terminate()
    process.wait(timeout=10)


def test_serve_applies_the_limits(served: Server) -> None:
    """``pi-severity serve``: 431 past 100 fields, HEAD without a body, no Server header."""
    many = [f"X-F{i}: 1" for i in range(MAX_HEADER_FIELDS + 1)]
    assert served.exchange(get("/healthz", *many)).status == 431
    ok = served.exchange(get("/healthz"))
    assert ok.status == 200
    assert "server" not in ok.headers
    head = served.exchange(get("/v1/provisions", method="HEAD"), head_only=True)
    assert head.status == 200
    assert head.body == b""
