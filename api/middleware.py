"""The edge of the service: the limits on a request's body and on requests at once, HEAD,
security headers, and a last-resort 500.

One pure ASGI middleware, outermost, so every response (problems included) gets the
security headers: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
``X-Frame-Options: DENY``, a Content-Security-Policy that allows nothing (the docs pages
set their own) and ``Cache-Control: no-store`` unless a response sets its own. Around the
app it enforces, in this order:

- **requests at once**: beyond ``max_concurrent_requests`` requests being handled, a 503
  problem with ``Retry-After``; ``GET``/``HEAD /healthz`` is never refused, so a liveness
  probe does not fail because the worker is busy. Neither uvicorn nor Starlette has such a
  cap that answers with a problem and ``Retry-After`` (uvicorn's ``limit_concurrency``
  answers plain text and counts idle keep-alive connections too);
- **HEAD**: answered as GET without the body (RFC 9110 §9.3.2) on every GET route. FastAPI's
  routes answer only the methods they declare, and declaring HEAD on each would put a second
  operation per path into the OpenAPI document;
- **the body**: over the limit it is refused with a 413 problem, from ``Content-Length``
  before anything is read or while a chunked body streams in; a body that has not fully
  arrived ``body_timeout_seconds`` after the headers is a 408 problem and the connection is
  closed.

A client that leaves before its body is complete is logged as one INFO line, without the
address or anything else of the request. An unexpected exception becomes a 500 problem; the
log line names the exception's type and where it was raised (module-relative paths), never
its message or the request, so no request value reaches the logs.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import traceback
from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.encoding import dumps
from api.problems import PROBLEM_MEDIA_TYPE, problem
from api.settings import BODY_TIMEOUT_SECONDS, MAX_CONCURRENT_REQUESTS, RETRY_AFTER_SECONDS

__all__ = ["API_CSP", "SECURITY_HEADERS", "Edge"]

log = logging.getLogger("api")

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"content-security-policy", API_CSP.encode()),
    (b"cache-control", b"no-store"),
)
_NAMES = frozenset(name for name, _ in SECURITY_HEADERS)


def _with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    present = {name.lower() for name, _ in headers} & _NAMES
    return headers + [h for h in SECURITY_HEADERS if h[0] not in present]


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _bilingual(zh: str, en: str) -> str:
    return f"{zh} / {en}"


async def _send_problem(
    send: Send, status: int, detail: str, *, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = dumps(problem(status, detail))
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _relative(filename: str) -> str:
    """A source file's path below the ``sys.path`` entry it was imported from."""
    roots = [p for p in sys.path if p and filename.startswith(p.rstrip("/") + "/")]
    return filename[len(max(roots, key=len).rstrip("/")) + 1 :] if roots else filename


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return " <- ".join(
        f"{_relative(f.filename)}:{f.lineno} {f.name}" for f in reversed(frames[-5:])
    )


class _BodyTimedOut(Exception):
    """The request body did not arrive in time."""


class Edge:
    """The request limits, HEAD, security headers and the last-resort 500 around the whole app."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        max_concurrent_requests: int = MAX_CONCURRENT_REQUESTS,
        body_timeout_seconds: float = BODY_TIMEOUT_SECONDS,
        retry_after_seconds: int = RETRY_AFTER_SECONDS,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_concurrent_requests = max_concurrent_requests
        self.body_timeout_seconds = body_timeout_seconds
        self.retry_after = str(retry_after_seconds).encode()
        self.active = 0
        """Requests being handled now (``/healthz`` not counted)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        head = scope["method"] == "HEAD"

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = _with_security_headers(list(message.get("headers", [])))
            elif head and message["type"] == "http.response.body" and message.get("body"):
                message = {**message, "body": b""}
            await send(message)

        if head:
            scope = {**scope, "method": "GET"}
        if scope["path"] == "/healthz":
            await self._handle(scope, receive, send_secured, lambda: started)
            return
        if self.active >= self.max_concurrent_requests:
            await _send_problem(
                send_secured,
                503,
                _bilingual(
                    "服务正忙，请稍后重试（见 Retry-After）",
                    "the service is at its limit of requests at once; retry after the "
                    "number of seconds in Retry-After",
                ),
                extra=[(b"retry-after", self.retry_after)],
            )
            return
        self.active += 1
        try:
            await self._handle(scope, receive, send_secured, lambda: started)
        finally:
            self.active -= 1

    async def _handle(
        self, scope: Scope, receive: Receive, send: Send, started: Callable[[], bool]
    ) -> None:
        limit = self.max_body_bytes
        length = _content_length(scope)
        if length is not None and length > limit:
            await _send_problem(
                send,
                413,
                _bilingual(
                    f"请求体不得超过 {limit} 字节",
                    f"the request body must be at most {limit} bytes",
                ),
            )
            return

        received = 0
        complete = False
        deadline = asyncio.get_running_loop().time() + self.body_timeout_seconds

        async def receive_limited() -> Message:
            nonlocal received, complete
            if complete:
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise _BodyTimedOut from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413)
                complete = not message.get("more_body", False)
            return message

        try:
            await self.app(scope, receive_limited, send)
        except ClientDisconnect:
            log.info("a client left before its request body was complete")
        except _BodyTimedOut:
            if not started():
                await _send_problem(
                    send,
                    408,
                    _bilingual(
                        f"请求体须在 {self.body_timeout_seconds:g} 秒内发送完毕",
                        f"the request body must arrive within {self.body_timeout_seconds:g} "
                        "seconds of the headers",
                    ),
                    extra=[(b"connection", b"close")],
                )
        except Exception as exc:
            route = getattr(scope.get("route"), "path", "unmatched route")
            log.error(
                "unhandled %s in %s %s at %s",
                type(exc).__name__,
                scope.get("method"),
                route,
                _where(exc),
            )
            if not started():
                await _send_problem(
                    send,
                    500,
                    _bilingual(
                        "服务未能作答，请稍后重试", "the service failed to answer; try again later"
                    ),
                )
