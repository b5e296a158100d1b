"""HTTP benchmark: the service as a client sees it, with one uvicorn worker on 127.0.0.1.

Run ``make bench-http`` (or ``python -m bench.http``). It starts uvicorn with one worker
on a free loopback port, then, in one run:

1. measures ``GET /healthz`` and ``POST /v1/assessments`` (a 4-row case with a duty row)
   in alternating rounds over 32 keep-alive connections, and prints both rates and their
   ratio (target: at least 0.5);
2. measures ``POST /v1/assessments/batch`` with 1000 distinct items and prints items per
   second with the full response read and checked (target: at least 12,000);
3. for context, times the same items in this process: ``calculator.assess`` alone, and
   with the adapter's validation and mapping around it.

The client speaks HTTP/1.1 over raw asyncio streams so that its own cost stays small
next to the server's. Every request goes to 127.0.0.1 only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from api.v1 import mapping, schemas
from calculator import assess

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
CONNECTIONS = 32
BATCH_ITEMS = 1000

CASE: dict[str, Any] = {
    "conduct_date": "2023-04-10",
    "records": [
        {"category": "whereabouts", "count": 30, "recipients": 1},
        {"category": "general", "count": 2000, "recipients": 2},
        {
            "category": "health",
            "count": 100,
            "recipients": 1,
            "obtained_in_duty": True,
            "label": "exhibit 7",
        },
        {"category": "communication_records", "count": 120},
    ],
    "illegal_gains_cny": "1200.50",
    "illegal_gains_from_duty_cny": "200",
}


def batch_items(n: int) -> list[dict[str, Any]]:
    """``n`` distinct variants of the 4-row case (every count shifted by the item's index)."""
    return [
        {**CASE, "records": [{**r, "count": r["count"] + i} for r in CASE["records"]]}
        for i in range(n)
    ]


def request_bytes(method: str, path: str, body: bytes | None = None) -> bytes:
    """One HTTP/1.1 keep-alive request."""
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\n"
    if body is None:
        return (head + "\r\n").encode()
    head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


READ_LIMIT = 1 << 22
"""The client's read buffer (4 MiB): a batch answer of several MB arrives in few reads."""


async def connect(port: int) -> Connection:
    """A keep-alive connection to the server on ``port``."""
    return await asyncio.open_connection(HOST, port, limit=READ_LIMIT)


async def exchange(conn: Connection, raw: bytes) -> tuple[int, bytes]:
    """Send one request and read the whole response (``Content-Length`` framed).

    The body is read as it comes and joined once. ``readexactly`` of a body of several MB
    cost the client time that grew faster than the body (a batch answer of 9.4 MB took
    9.7 ms to read, one of 11.6 MB 19.3 ms; read so, 5.1 and 7.5 ms), which a benchmark
    of the server should not count.
    """
    reader, writer = conn
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    parts: list[bytes] = []
    left = length
    while left:
        part = await reader.read(min(left, READ_LIMIT))
        if not part:
            raise ConnectionError("the server closed the connection mid-answer")
        parts.append(part)
        left -= len(part)
    return status, b"".join(parts)


async def rate(conns: list[Connection], raw: bytes, seconds: float) -> tuple[int, float]:
    """Requests completed on all connections for ``seconds``; every answer must be 200."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    done = 0

    async def worker(conn: Connection) -> None:
        nonlocal done
        while loop.time() < deadline:
            status, _ = await exchange(conn, raw)
            if status != 200:
                raise RuntimeError(f"unexpected status {status}")
            done += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in conns))
    return done, time.perf_counter() - start


async def wait_ready(port: int, timeout: float = 30.0) -> None:
    """Poll ``/healthz`` until the server answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = await connect(port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        try:
            status, _ = await exchange(conn, request_bytes("GET", "/healthz"))
        finally:
            conn[1].close()
        if status == 200:
            return
    raise RuntimeError("the server did not become ready")


async def measure(port: int, rounds: int, seconds: float, batches: int) -> dict[str, float]:
    """Interleaved rates of /healthz and /v1/assessments, then batch items per second."""
    conns = [await connect(port) for _ in range(CONNECTIONS)]
    health = request_bytes("GET", "/healthz")
    single = request_bytes("POST", "/v1/assessments", json.dumps(CASE).encode())
    totals = {"healthz": [0, 0.0], "assessments": [0, 0.0]}
    await rate(conns, health, 0.5)  # warm-up
    await rate(conns, single, 0.5)
    for _ in range(rounds):
        for name, raw in (("healthz", health), ("assessments", single)):
            n, t = await rate(conns, raw, seconds)
            totals[name][0] += n
            totals[name][1] += t
    for _, writer in conns:
        writer.close()

    items = batch_items(BATCH_ITEMS)
    raw = request_bytes("POST", "/v1/assessments/batch", json.dumps({"items": items}).encode())
    conn = await connect(port)
    await exchange(conn, raw)  # warm-up
    times: list[float] = []
    size = 0
    for _ in range(batches):
        start = time.perf_counter()
        status, body = await exchange(conn, raw)
        times.append(time.perf_counter() - start)
        results = json.loads(body)["results"]
        if status != 200 or len(results) != BATCH_ITEMS:
            raise RuntimeError("the batch did not answer every item")
        if any(r["status"] != 200 for r in results):
            raise RuntimeError("a batch item was not assessed")
        size = len(body)
    conn[1].close()
    return {
        "healthz": totals["healthz"][0] / totals["healthz"][1],
        "assessments": totals["assessments"][0] / totals["assessments"][1],
        "batch_seconds": statistics.median(times),
        "batch_bytes": size,
    }


def in_process(seconds: float = 2.0) -> tuple[float, float]:
    """Per-item seconds, in this process, of the core alone and of the adapter's whole step.

    The adapter's step is what one batch item costs the service: validation, the mapping
    to the core, ``assess()``, the digest and the mapping back (not the JSON encoding).
    """
    adapter = TypeAdapter(schemas.AssessmentRequest)
    items = batch_items(200)
    cases = [mapping.case(adapter.validate_python(item)) for item in items]

    def per_item(step: Any, inputs: list[Any]) -> float:
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            for x in inputs:
                step(x)
            done += len(inputs)
        return (time.perf_counter() - start) / done

    core = per_item(assess, cases)
    whole = per_item(lambda item: mapping.assessment_for(adapter.validate_python(item)), items)
    return core, whole


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def start_server(tree: Path, port: int) -> subprocess.Popen[bytes]:
    """uvicorn with one worker serving the app of ``tree`` on ``port`` (no access log)."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.main:create_app",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
    )


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop a server started by ``start_server``."""
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)


def main() -> None:
    """Start the server, measure, print, stop the server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per endpoint")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one round")
    parser.add_argument("--batches", type=int, default=5, help="timed batch calls")
    parser.add_argument(
        "--tree",
        type=Path,
        default=ROOT,
        help="the checkout whose app the server runs (default this one; bench/compare.py "
        "measures an old checkout's server with this client)",
    )
    args = parser.parse_args()
    port = free_port()
    server = start_server(args.tree.resolve(), port)
    try:
        asyncio.run(wait_ready(port))
        r = asyncio.run(measure(port, args.rounds, args.seconds, args.batches))
    finally:
        stop_server(server)
    core, whole = in_process()
    ratio = r["assessments"] / r["healthz"]
    items_per_second = BATCH_ITEMS / r["batch_seconds"]
    print(f"uvicorn, 1 worker, {HOST}; {CONNECTIONS} keep-alive connections")
    print(f"GET  /healthz                 {r['healthz']:10.1f} req/s")
    print(f"POST /v1/assessments (4 rows) {r['assessments']:10.1f} req/s")
    print(f"ratio assessments / healthz   {ratio:10.2f}   (target >= 0.5)")
    print(
        f"POST /v1/assessments/batch    {items_per_second:10.1f} items/s "
        f"({BATCH_ITEMS} items, {r['batch_seconds'] * 1000:.0f} ms per call, "
        f"{r['batch_bytes'] / 1e6:.1f} MB full response; target >= 12000)"
    )
    print(
        f"in process, same items: calculator.assess {1 / core:10.1f} items/s "
        f"({core * 1e6:.0f} us); with the adapter's validation and mapping "
        f"{1 / whole:.1f} items/s ({(whole - core) * 1e6:.0f} us more)"
    )


if __name__ == "__main__":
    main()
