"""Soak at saturation: the service as ``pi-severity serve`` runs it, for a bounded time.

Run ``make bench-soak`` (or ``python -m bench.soak --seconds 120``). It starts the service
in its own process, exactly as ``pi-severity serve`` does (one worker, every limit of
``api.settings``), on a free 127.0.0.1 port, and for ``--seconds`` keeps it saturated with:

- ``--single`` connections each sending ``POST /v1/assessments`` back to back (a 4-row case
  with a duty row, every count shifted so no two requests are the same);
- ``--small-batches`` connections each sending ``POST /v1/assessments/batch`` of 50 items;
- ``--max-batches`` (24) connections each sending a maximal batch back to back: 1000 items,
  each of as many labelled rows as keep the body under the 2 MiB limit.

A 503 is the cap on requests at once doing its job: the client waits the ``Retry-After`` it
was given and sends again. It is counted apart, as deliberate; every other status other than
200, and every broken connection, is an error. The server's resident memory (``VmRSS`` of
its process, from ``/proc``) is sampled every 0.25 s.

It prints requests and statuses per kind, p50/p99 latency of the answered requests, RSS at
the start, after the first 20 s, at its peak and at the end, the lowest and highest RSS of
every 10 s, and checks the targets: no error other than the deliberate 503s; RSS at the end
within 10 % of its value after 20 s, both taken as the high-water of 10 s of samples (a
single sample lands anywhere in the swing of up to four batches in flight, about 75 MB
each); peak under 600 MB. The exit status is 1 when a target is missed. Linux only
(``/proc``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.settings import MAX_BODY_BYTES
from bench.http import HOST, Connection, batch_items, request_bytes, wait_ready

ROOT = Path(__file__).resolve().parents[1]
WARM_SECONDS = 20.0
"""RSS "after the first 20 s" is the reference the end is compared with."""
WINDOW_SECONDS = 10.0
"""RSS swings by a batch's worth as batches start and end, so the end and the 20 s mark are
compared as the high-water of a window of samples (each one is printed too)."""
RSS_TOLERANCE = 0.10
PEAK_LIMIT_MB = 600
MAX_ITEMS = 1000


def maximal_batch() -> bytes:
    """A batch of 1000 distinct items, each with as many labelled rows as fit under 2 MiB."""
    categories = ["whereabouts", "credit", "health", "general", "property", "transaction"]

    def item(i: int, rows: int) -> dict[str, Any]:
        return {
            "conduct_date": "2023-04-10",
            "records": [
                {
                    "category": categories[r % len(categories)],
                    "count": 7 + i + 13 * r,
                    "recipients": 1 + r % 3,
                    "obtained_in_duty": r % 4 == 0,
                    "label": f"证据{i}-{r} exhibit",
                }
                for r in range(rows)
            ],
            "illegal_gains_cny": f"{1000 + i}.50",
            "illegal_gains_from_duty_cny": "100",
        }

    rows = 1
    best = b""
    while True:
        body = json.dumps(
            {"items": [item(i, rows) for i in range(MAX_ITEMS)]}, ensure_ascii=False
        ).encode()
        if len(body) > MAX_BODY_BYTES:
            return best
        best, rows = body, rows + 1


@dataclass
class Tally:
    """What one kind of request got: statuses, latencies of answers, errors."""

    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.errors.values())


async def exchange(conn: Connection, raw: bytes) -> tuple[int, int, dict[str, str]]:
    """Send one request; its status, body length and headers (``Content-Length`` framed)."""
    reader, writer = conn
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    headers: dict[str, str] = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name:
            headers[name.strip().lower().decode()] = value.strip().decode()
    length = int(headers.get("content-length", "0"))
    await reader.readexactly(length)
    return status, length, headers


async def client(port: int, requests: list[bytes], tally: Tally, deadline: float) -> None:
    """One connection sending ``requests`` in turn until the deadline; reconnects when closed."""
    loop = asyncio.get_running_loop()
    conn: Connection | None = None
    i = 0
    while loop.time() < deadline:
        raw = requests[i % len(requests)]
        i += 1
        try:
            if conn is None:
                conn = await asyncio.open_connection(HOST, port)
            start = time.perf_counter()
            status, _, headers = await exchange(conn, raw)
        except (OSError, asyncio.IncompleteReadError) as exc:
            tally.errors[type(exc).__name__] += 1
            conn = None
            continue
        tally.statuses[status] += 1
        if status == 200:
            tally.latencies.append(time.perf_counter() - start)
        if headers.get("connection") == "close":
            conn[1].close()
            conn = None
        if status == 503:
            await asyncio.sleep(float(headers.get("retry-after", "1")))
    if conn is not None:
        conn[1].close()


def rss_mb(pid: int) -> float:
    """The process's resident set size in MB (``VmRSS``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc")


async def sample(
    pid: int, every: float, out: list[tuple[float, float]], stop: asyncio.Event
) -> None:
    """Append ``(seconds since start, RSS MB)`` every ``every`` seconds until ``stop``."""
    t0 = time.monotonic()
    while not stop.is_set():
        out.append((time.monotonic() - t0, rss_mb(pid)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)


def window_max(samples: list[tuple[float, float]], start: float, stop: float) -> float:
    """The highest RSS sampled in ``[start, stop)`` seconds (the nearest sample if none)."""
    inside = [rss for t, rss in samples if start <= t < stop]
    if inside:
        return max(inside)
    return min(samples, key=lambda s: abs(s[0] - start))[1]


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank), in milliseconds; 0 with no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank] * 1000


async def soak(port: int, pid: int, args: argparse.Namespace) -> dict[str, Any]:
    """Run the load for ``args.seconds``; the tallies and the RSS samples."""
    await wait_ready(port)
    single = [
        request_bytes("POST", "/v1/assessments", json.dumps(item).encode())
        for item in batch_items(500)
    ]
    small = [
        request_bytes(
            "POST", "/v1/assessments/batch", json.dumps({"items": batch_items(50)}).encode()
        )
    ]
    big_body = maximal_batch()
    big = [request_bytes("POST", "/v1/assessments/batch", big_body)]
    tallies = {"single": Tally(), "batch-50": Tally(), "batch-1000": Tally()}
    samples: list[tuple[float, float]] = []
    stop = asyncio.Event()
    start_rss = rss_mb(pid)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + args.seconds
    sampler = asyncio.create_task(sample(pid, 0.25, samples, stop))
    clients = [client(port, single, tallies["single"], deadline) for _ in range(args.single)]
    clients += [
        client(port, small, tallies["batch-50"], deadline) for _ in range(args.small_batches)
    ]
    clients += [client(port, big, tallies["batch-1000"], deadline) for _ in range(args.max_batches)]
    await asyncio.gather(*clients)
    stop.set()
    await sampler
    return {
        "tallies": tallies,
        "samples": samples,
        "start_rss": start_rss,
        "big_body": len(big_body),
    }


def report(result: dict[str, Any], args: argparse.Namespace) -> bool:
    """Print the numbers and the targets; whether every target is met."""
    tallies: dict[str, Tally] = result["tallies"]
    samples: list[tuple[float, float]] = result["samples"]
    print(
        f"soak: {args.seconds:g} s against pi-severity serve (one worker); clients: "
        f"{args.single} single, {args.small_batches} batch-50, {args.max_batches} batch-1000 "
        f"(body {result['big_body']} bytes)"
    )
    total_errors = 0
    deliberate = 0
    for kind, t in tallies.items():
        ok = t.statuses.get(200, 0)
        refused = t.statuses.get(503, 0)
        other = {s: n for s, n in t.statuses.items() if s not in (200, 503)}
        errors = sum(t.errors.values()) + sum(other.values())
        total_errors += errors
        deliberate += refused
        print(
            f"  {kind:<11} requests {t.requests:>7}  200: {ok:>7}  503 (cap): {refused:>6}  "
            f"errors: {errors} {dict(t.errors) | {str(s): n for s, n in other.items()}}  "
            f"p50 {percentile(t.latencies, 50):8.1f} ms  p99 {percentile(t.latencies, 99):8.1f} ms"
        )
    requests = sum(t.requests for t in tallies.values())
    print(
        f"  all         requests {requests:>7}  503 (cap, deliberate): {deliberate}  errors: {total_errors}"
    )
    peak = max(rss for _, rss in samples)
    end_at = samples[-1][0]
    at_warm = next((rss for t, rss in samples if t >= WARM_SECONDS), samples[-1][1])
    end = samples[-1][1]
    warm_window = window_max(samples, WARM_SECONDS, WARM_SECONDS + WINDOW_SECONDS)
    end_window = window_max(samples, end_at - WINDOW_SECONDS, end_at + 1)
    print(
        f"  server RSS  start {result['start_rss']:.1f} MB  after {WARM_SECONDS:g} s "
        f"{at_warm:.1f} MB  peak {peak:.1f} MB  end {end:.1f} MB  ({len(samples)} samples, "
        f"end/after-{WARM_SECONDS:g}-s {(end - at_warm) / at_warm:+.1%})"
    )
    windows = []
    for start in range(0, int(end_at) + 1, int(WINDOW_SECONDS)):
        window = [rss for t, rss in samples if start <= t < start + WINDOW_SECONDS]
        if window:
            windows.append(f"{min(window):.0f}-{max(window):.0f}")
    print(f"  server RSS by {WINDOW_SECONDS:g} s window (min-max MB): {' '.join(windows)}")
    print(
        f"  server RSS high-water {WARM_SECONDS:g}-{WARM_SECONDS + WINDOW_SECONDS:g} s "
        f"{warm_window:.1f} MB, last {WINDOW_SECONDS:g} s {end_window:.1f} MB"
    )
    drift = (end_window - warm_window) / warm_window
    checks = [
        (f"no errors other than the cap's 503s ({total_errors})", total_errors == 0),
        (
            f"RSS at the end within {RSS_TOLERANCE:.0%} of after {WARM_SECONDS:g} s, as the "
            f"high-water of the last {WINDOW_SECONDS:g} s against that of "
            f"{WARM_SECONDS:g}-{WARM_SECONDS + WINDOW_SECONDS:g} s ({drift:+.1%})",
            abs(drift) <= RSS_TOLERANCE,
        ),
        (f"peak RSS under {PEAK_LIMIT_MB} MB ({peak:.1f} MB)", peak < PEAK_LIMIT_MB),
    ]
    for text, held in checks:
        print(f"  {'PASS' if held else 'FAIL'}  {text}")
    return all(held for _, held in checks)


def free_port() -> int:
    """A free port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def main() -> int:
    """Start the server, soak it, stop it; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="how long (default 120)")
    parser.add_argument("--single", type=int, default=8, help="single-case connections")
    parser.add_argument("--small-batches", type=int, default=2, help="50-item batch connections")
    parser.add_argument("--max-batches", type=int, default=24, help="maximal batch connections")
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--host", HOST, "--port", str(port)],
        cwd=ROOT,
    )
    try:
        result = asyncio.run(soak(port, server.pid, args))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0 if report(result, args) else 1


if __name__ == "__main__":
    sys.exit(main())
