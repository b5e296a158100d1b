"""Service settings: the limits every request is held to, in one place, read once.

The app (``api.main.create_app``) and the server (``api.server``) both read them from
here, so ``make run``, ``pi-severity serve`` and the container's command apply the same
limits. Each limit says which mechanism enforces it:

- the HTTP connection (``api.server.HardenedProtocol``, under uvicorn): the request line
  and header block, the number of header fields, the time to send them;
- the app's edge (``api.middleware.Edge``): the body's size and the time to send it (the
  JSON operations' own, and a larger pair for the evidence upload of ``POST /v1/ledgers``),
  the number of requests handled at once;
- uvicorn's own configuration (``api.server.config``): no ``Server`` header, keep-alive.

``PI_SEVERITY_CORS_ORIGINS``: comma-separated origins allowed to call the API from a
browser; empty by default, so no CORS headers are sent at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

__all__ = [
    "BODY_TIMEOUT_SECONDS",
    "HEAD_TIMEOUT_SECONDS",
    "KEEP_ALIVE_SECONDS",
    "LEDGER_BODY_TIMEOUT_SECONDS",
    "MAX_BODY_BYTES",
    "MAX_CONCURRENT_REQUESTS",
    "MAX_HEADER_BYTES",
    "MAX_HEADER_FIELDS",
    "MAX_LEDGER_BODY_BYTES",
    "MAX_RECEIVING_REQUESTS",
    "MAX_TARGET_BYTES",
    "RETRY_AFTER_SECONDS",
    "Settings",
    "get_settings",
]

MAX_BODY_BYTES = 2 * 1024 * 1024
"""The largest request body accepted (API.md: 2 MiB); a larger one is a 413 problem."""

MAX_LEDGER_BODY_BYTES = 16 * 1024 * 1024
"""The largest body of ``POST /v1/ledgers`` (a mapping and its evidence files, multipart):
16 MiB; a larger one is a 413 problem that points to the command line
(``python -m ledger count``), which has no such limit. The upload is streamed to a private
temporary folder, never held in memory whole."""

LEDGER_BODY_TIMEOUT_SECONDS = 120.0
"""From the end of the headers until a ``POST /v1/ledgers`` body has arrived (16 MiB in
120 s needs about 140 kB/s); after that a 408 problem, as for every other body."""

MAX_HEADER_BYTES = 16 * 1024
"""The request line and header fields together, in bytes; more is a 431 problem.

16 KiB is Node's and h11's default and four times what a browser sends with cookies; this
API takes no cookies and no tokens."""

MAX_HEADER_FIELDS = 100
"""Header fields in one request; more is a 431 problem (Apache's ``LimitRequestFields``)."""

MAX_TARGET_BYTES = 8 * 1024
"""The request target (path and query); a longer one is a 414 problem. The longest
address of the API (``/v1/provisions/{id}``) is under 40 bytes."""

HEAD_TIMEOUT_SECONDS = 10.0
"""From a connection's first byte of a request (or from connecting) until its header
block is complete; after that the connection gets a 408 problem and is closed."""

BODY_TIMEOUT_SECONDS = 20.0
"""From the end of the headers until the whole body has arrived; after that a 408
problem, and the connection is closed. 2 MiB in 20 s needs about 105 kB/s."""

KEEP_ALIVE_SECONDS = 5
"""An idle keep-alive connection is closed after this (uvicorn's ``timeout_keep_alive``)."""

MAX_CONCURRENT_REQUESTS = 4
"""Requests one worker handles at once, their bodies complete; one more is a 503 problem
with ``Retry-After``.

Chosen from measured memory (``bench/soak.py``'s maximal batch: 1000 items of 17 labelled
rows, 2.09 MB in, 17.5 MB out): each one handled at once adds about 75 MB to the worker's
peak; four at once peaked at 357 MB, six at 491 MB, from 54 MB idle. Four keeps a worker
well under 600 MB and still keeps two cores busy (batches run in the thread pool, under
the GIL). ``GET /healthz`` is not counted, so a liveness probe is answered however busy
the worker is."""

MAX_RECEIVING_REQUESTS = 64
"""Requests whose body is still arriving, at once; one more is a 503 problem.

A body is held in memory as it arrives (at most ``MAX_BODY_BYTES``), so these take at most
128 MiB; counted apart from the requests being handled, a body sent slowly (or not at
all, until ``BODY_TIMEOUT_SECONDS``) never takes a place a complete request could use."""

RETRY_AFTER_SECONDS = 1
"""``Retry-After`` of a 503 answered because the worker is at its limit."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Settings:
    """What an operator or a test can change without touching the code."""

    max_body_bytes: int = MAX_BODY_BYTES
    max_ledger_body_bytes: int = MAX_LEDGER_BODY_BYTES
    ledger_body_timeout_seconds: float = LEDGER_BODY_TIMEOUT_SECONDS
    cors_origins: tuple[str, ...] = ()
    max_concurrent_requests: int = MAX_CONCURRENT_REQUESTS
    max_receiving_requests: int = MAX_RECEIVING_REQUESTS
    body_timeout_seconds: float = BODY_TIMEOUT_SECONDS
    retry_after_seconds: int = RETRY_AFTER_SECONDS
    max_header_bytes: int = MAX_HEADER_BYTES
    max_header_fields: int = MAX_HEADER_FIELDS
    max_target_bytes: int = MAX_TARGET_BYTES
    head_timeout_seconds: float = HEAD_TIMEOUT_SECONDS
    keep_alive_seconds: int = KEEP_ALIVE_SECONDS


@cache
def get_settings() -> Settings:
    """The settings from the environment."""
    origins = os.environ.get("PI_SEVERITY_CORS_ORIGINS", "")
    return Settings(cors_origins=tuple(o.strip() for o in origins.split(",") if o.strip()))
