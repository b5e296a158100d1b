"""Paired timing of an old checkout against this tree: short alternating chunks, the median ratio.

``bench.compare`` runs each benchmark for seconds at a time; on a shared virtual machine the
speed of the CPU itself drifts by ±10 % over such spans (the same tree measured twice in one
process moves that much), which hides a 5 % difference. Here each tree runs in its own
worker process (importing only its own ``calculator`` and ``api``), both stay loaded, and
the two take turns on short chunks of the same work (about ``--chunk`` seconds each, the
order swapped every round). A drift then touches both sides of a round alike: the ratio of
the two chunk times of each round is a paired measurement, and the median over
``--rounds`` rounds is the figure, printed with its quartiles.

The work: the three case shapes of ``bench/core.py`` (``calculator.assess`` alone) and one
item of the ``bench/http.py`` batch through the adapter (validation, the mapping to the
core, ``assess``, the mapping back and the JSON encoding), 1,000 and 200 distinct inputs,
and its whole 1,000-item batch through the server's steps without HTTP (the body parsed,
the envelope validated, every item assessed, one encoding of the answer), which separates
the server's work from the bytes on the wire.
Each runs in a worker that imports what its benchmark's process imports: the core shapes
in one with ``calculator`` alone, as ``bench/core.py`` runs them, the batch item in one with
``api`` too. The same core case ran 3–5 % slower in a worker that had also imported the
API (a larger heap around the same work), which no benchmark of the core sees.

With ``--http`` both trees' servers run side by side (``bench.http.start_server``) and are
called in turn the same way: the 4-row request of ``bench/http.py`` one after another on
one keep-alive connection, and its 1,000-item batch, one call per chunk. A batch call
includes the response's bytes on the wire, which the answer's added fields make larger.

    python -m bench.paired --old /tmp/core-old [--new .] [--rounds 41] [--chunk 0.15] [--http]
        [--only batch_body --only batch]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any, Protocol

from bench import http

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.95

WORKER = r"""
import sys, time
sys.path.insert(0, ".")
from bench import core
from calculator import assess

if sys.argv[1] == "adapter":
    import json
    from pydantic import TypeAdapter
    from api.encoding import dumps, parse
    from api.v1 import batch, mapping, schemas
    from bench.http import BATCH_ITEMS, batch_items

    adapter = TypeAdapter(schemas.AssessmentRequest)
    envelope = TypeAdapter(schemas.BatchRequest)
    items = batch_items(200)
    body = json.dumps({"items": batch_items(BATCH_ITEMS)}).encode()
    works = ("batch_item", "batch_body")
else:
    shapes = {
        "one_row": [core.one_row(i) for i in range(1000)],
        "four_mixed_rows": [core.four_mixed_rows(i) for i in range(1000)],
        "ten_rows_with_alternatives": [core.ten_rows_with_alternatives(i) for i in range(1000)],
    }
    works = tuple(shapes)


def run(work, n):
    if work == "batch_item":
        for k in range(n):
            dumps(mapping.assessment_for(adapter.validate_python(items[k % 200])))
    elif work == "batch_body":
        for _ in range(n):
            dumps(batch.assess_items(envelope.validate_python(parse(body).value).items))
    else:
        cases = shapes[work]
        for k in range(n):
            assess(cases[k % 1000], today=core.TODAY)


for work in works:
    run(work, 2 if work == "batch_body" else 1000)
print("ready", flush=True)
for line in sys.stdin:
    work, n = line.split()
    start = time.perf_counter()
    run(work, int(n))
    print(time.perf_counter() - start, flush=True)
"""

WORKS = (
    ("one_row", "core", "core: 1 row", 200),
    ("four_mixed_rows", "core", "core: 4 mixed rows with a duty row", 200),
    ("ten_rows_with_alternatives", "core", "core: 10 rows with alternatives", 200),
    ("batch_item", "adapter", "batch item through the adapter", 200),
    ("batch_body", "adapter", f"batch of {http.BATCH_ITEMS:,} items, the server's steps", 1),
)
"""Each work, the kind of worker it runs in (``core``: calculator alone; ``adapter``: api
too), its label, and the number of items its first chunk tries."""

HTTP_WORKS = (
    ("post", "POST /v1/assessments over HTTP, 4 rows"),
    ("batch", f"batch of {http.BATCH_ITEMS:,} items over HTTP"),
)
"""With ``--http``: each tree's server, called in turn on one keep-alive connection."""


class Worker:
    """One tree's worker process: it runs ``n`` items of a work and answers the seconds."""

    def __init__(self, tree: Path, kind: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, kind],
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self._read() != "ready":
            raise RuntimeError(f"the worker of {tree} did not start")

    def _read(self) -> str:
        out: IO[str] | None = self.process.stdout
        if out is None:  # pragma: no cover - the pipe is always opened above
            raise RuntimeError("no pipe")
        return out.readline().strip()

    def time(self, work: str, n: int) -> float:
        """Seconds for ``n`` items of ``work``."""
        if self.process.stdin is None:  # pragma: no cover - the pipe is always opened above
            raise RuntimeError("no pipe")
        self.process.stdin.write(f"{work} {n}\n")
        self.process.stdin.flush()
        return float(self._read())

    def close(self) -> None:
        """End the worker."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


class HttpSide:
    """One tree's server (``bench.http.start_server``) and a keep-alive connection to it.

    ``time("post", n)`` sends ``n`` requests of the 4-row case of ``bench/http.py`` one
    after the other; ``time("batch", n)`` sends ``n`` calls of its 1,000-item batch. Each
    answer must be 200.
    """

    def __init__(self, tree: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.port = http.free_port()
        self.server = http.start_server(tree, self.port)
        self.loop.run_until_complete(http.wait_ready(self.port))
        self.conn = self.loop.run_until_complete(http.connect(self.port))
        self.raw = {
            "post": http.request_bytes("POST", "/v1/assessments", json.dumps(http.CASE).encode()),
            "batch": http.request_bytes(
                "POST",
                "/v1/assessments/batch",
                json.dumps({"items": http.batch_items(http.BATCH_ITEMS)}).encode(),
            ),
        }
        for raw in self.raw.values():
            self.loop.run_until_complete(self._send(raw, 3))

    async def _send(self, raw: bytes, n: int) -> None:
        for _ in range(n):
            status, _ = await http.exchange(self.conn, raw)
            if status != 200:
                raise RuntimeError(f"unexpected status {status}")

    def time(self, work: str, n: int) -> float:
        """Seconds for ``n`` calls of ``work``."""
        start = time.perf_counter()
        self.loop.run_until_complete(self._send(self.raw[work], n))
        return time.perf_counter() - start

    def close(self) -> None:
        """Close the connection and stop the server."""
        self.conn[1].close()
        http.stop_server(self.server)
        self.loop.close()


class Timed(Protocol):
    """Either side of a paired measurement: seconds for ``n`` items of a work."""

    def time(self, work: str, n: int) -> float: ...


def measure(
    old: Timed, new: Timed, work: str, rounds: int, chunk: float, start: int = 200
) -> dict[str, Any]:
    """The paired ratios (old seconds / new seconds, above 1: new faster) of one work."""
    n = start
    while old.time(work, n) < chunk / 2:
        n *= 2
    ratios = []
    for r in range(rounds):
        if r % 2:
            t_new, t_old = new.time(work, n), old.time(work, n)
        else:
            t_old, t_new = old.time(work, n), new.time(work, n)
        ratios.append(t_old / t_new)
    q1, median, q3 = statistics.quantiles(ratios, n=4)
    return {"items": n, "median": median, "q1": q1, "q3": q3}


def main() -> None:
    """Start both workers, measure every work, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="a checkout of the old tree")
    parser.add_argument("--new", type=Path, default=ROOT, help="this tree (default)")
    parser.add_argument("--rounds", type=int, default=41, help="alternating rounds per work")
    parser.add_argument("--chunk", type=float, default=0.15, help="seconds of one chunk")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument(
        "--http", action="store_true", help="also each tree's server: one request, one batch"
    )
    every = [w for w, *_ in WORKS] + [w for w, _ in HTTP_WORKS]
    parser.add_argument(
        "--only",
        action="append",
        choices=every,
        help="measure only this work (repeatable)",
    )
    args = parser.parse_args()
    chosen = set(args.only or every)
    works = [w for w in WORKS if w[0] in chosen]
    http_works = [w for w in HTTP_WORKS if w[0] in chosen] if args.http else []
    print(f"{os.cpu_count()} CPUs; load average before: {' '.join(map(str, os.getloadavg()))}")
    found: dict[str, dict[str, Any]] = {}
    for kind in dict.fromkeys(k for _, k, _, _ in works):
        old, new = Worker(args.old.resolve(), kind), Worker(args.new.resolve(), kind)
        try:
            for work, of_kind, _, start in works:
                if of_kind == kind:
                    found[work] = measure(old, new, work, args.rounds, args.chunk, start)
        finally:
            old.close()
            new.close()
    if http_works:
        old_http, new_http = HttpSide(args.old.resolve()), HttpSide(args.new.resolve())
        try:
            for work, _ in http_works:
                found[work] = measure(old_http, new_http, work, args.rounds, args.chunk, 1)
        finally:
            old_http.close()
            new_http.close()
    print(f"load average after: {' '.join(map(str, os.getloadavg()))}")
    print(f"paired chunks, {args.rounds} rounds; old = {args.old}, new = {args.new}")
    print(f"{'work':40s} {'items':>6s} {'new/old':>8s} {'quartiles':>15s}")
    labels = [(w, label) for w, _, label, _ in works] + http_works
    for work, label in labels:
        f = found[work]
        mark = "" if f["median"] >= TARGET else f"  < {TARGET}"
        print(f"{label:40s} {f['items']:6d} {f['median']:8.3f} {f['q1']:7.3f}–{f['q3']:.3f}{mark}")
    if args.json:
        print(json.dumps(found))


if __name__ == "__main__":
    main()
