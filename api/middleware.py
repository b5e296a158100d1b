"""The edge of the service: the limits on a request's body and on requests at once, HEAD,
security headers, and a last-resort 500.

One pure ASGI middleware, outermost, so every response (problems included) gets the
security headers: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
``X-Frame-Options: DENY``, a Content-Security-Policy that allows nothing (the docs pages
set their own) and ``Cache-Control: no-store`` unless a response sets its own. Around the
app it enforces, in this order:

- **requests at once**: at most ``max_receiving_requests`` requests whose body is still
  arriving and ``max_concurrent_requests`` being handled (see ``Edge``); beyond either, a
  503 problem with ``Retry-After``. ``GET``/``HEAD /healthz`` is never refused, so a
  liveness probe does not fail because the worker is busy. Neither uvicorn nor Starlette
  has such a cap that answers with a problem and ``Retry-After`` (uvicorn's
  ``limit_concurrency`` answers plain text and counts idle keep-alive connections too);
- **HEAD**: answered as GET without the body (RFC 9110 §9.3.2) on every GET route. FastAPI's
  routes answer only the methods they declare, and declaring HEAD on each would put a second
  operation per path into the OpenAPI document;
- **the body**: over the limit it is refused with a 413 problem, from ``Content-Length``
  before anything is read or while a chunked body streams in; a body that has not fully
  arrived ``body_timeout_seconds`` after the headers is a 408 problem and the connection is
  closed. A path may have its own limit and time (``BodyLimit``: the evidence upload of
  ``POST /v1/ledgers``), whose 413 says its own size.

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.encoding import dumps
from api.problems import PROBLEM_MEDIA_TYPE, Language, language_headers, negotiate, problem
from api.settings import (
    BODY_TIMEOUT_SECONDS,
    MAX_CONCURRENT_REQUESTS,
    MAX_RECEIVING_REQUESTS,
    RETRY_AFTER_SECONDS,
)

__all__ = ["API_CSP", "SECURITY_HEADERS", "BodyLimit", "Edge"]

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


def _bilingual(zh: str, en: str) -> tuple[str, str]:
    return en, zh


def _language(scope: Scope) -> Language:
    """The problem language the request asks for (``Accept-Language``, see ``negotiate``)."""
    for name, value in scope["headers"]:
        if name == b"accept-language":
            return negotiate(value.decode("latin-1"))
    return "en"


async def _send_problem(
    send: Send,
    scope: Scope,
    status: int,
    text: tuple[str, str],
    *,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """A problem in the negotiated language; ``text`` is (English, Chinese)."""
    language = _language(scope)
    en, zh = text
    body = dumps(problem(status, en, detail_zh=zh, language=language))
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        *[(k.lower().encode(), v.encode()) for k, v in language_headers(language).items()],
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


@dataclass(frozen=True, kw_only=True, slots=True)
class BodyLimit:
    """One path's own body limit: its size, the time to send it, and the 413's texts."""

    max_bytes: int
    timeout_seconds: float
    too_large: tuple[str, str]
    """The 413's detail, (English, Chinese): the size, and where a larger body goes."""


class _BodyTimedOut(Exception):
    """The request body did not arrive in time."""


class _TooLarge(Exception):
    """A body streamed past its path's own limit (``BodyLimit``)."""


class _AtCapacity(Exception):
    """A body is complete but the requests being handled are at their limit."""


def _has_body(scope: Scope) -> bool:
    """Whether the request announces a body (a ``Content-Length`` above 0, or chunks)."""
    for name, value in scope["headers"]:
        if name == b"transfer-encoding" or (name == b"content-length" and value.strip() != b"0"):
            return True
    return False


class _Slot:
    """Which of the edge's two counts a request holds now: receiving, handling, or none."""

    __slots__ = ("edge", "held")

    def __init__(self, edge: Edge) -> None:
        self.edge = edge
        self.held: str | None = None

    def take(self, kind: str) -> bool:
        """Hold ``kind`` ("receiving" or "handling") instead of what was held; False when full."""
        edge = self.edge
        self.release()
        if kind == "receiving":
            if edge.receiving >= edge.max_receiving_requests:
                return False
            edge.receiving += 1
        else:
            if edge.handling >= edge.max_concurrent_requests:
                return False
            edge.handling += 1
        self.held = kind
        return True

    def release(self) -> None:
        """Give back what is held."""
        if self.held == "receiving":
            self.edge.receiving -= 1
        elif self.held == "handling":
            self.edge.handling -= 1
        self.held = None


class Edge:
    """The request limits, HEAD, security headers and the last-resort 500 around the whole app.

    Two counts bound what the worker holds at once. A request with a body is *receiving*
    until its last byte is in (at most ``max_receiving_requests``, each at most
    ``max_body_bytes``), then *handling*; one without a body is handling from the start.
    At most ``max_concurrent_requests`` are handling: that is where a batch's results take
    their memory and the CPU. A body arriving slowly therefore never keeps a handling place,
    and a request that finds either count full is a 503 problem with ``Retry-After``.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        max_concurrent_requests: int = MAX_CONCURRENT_REQUESTS,
        max_receiving_requests: int = MAX_RECEIVING_REQUESTS,
        body_timeout_seconds: float = BODY_TIMEOUT_SECONDS,
        retry_after_seconds: int = RETRY_AFTER_SECONDS,
        body_limits: Mapping[str, BodyLimit] | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_limits: Mapping[str, BodyLimit] = dict(body_limits or {})
        """Paths with their own body limit instead of ``max_body_bytes``."""
        self.max_concurrent_requests = max_concurrent_requests
        self.max_receiving_requests = max_receiving_requests
        self.body_timeout_seconds = body_timeout_seconds
        self.retry_after = str(retry_after_seconds).encode()
        self.handling = 0
        """Requests whose body is complete (or that have none) being handled now."""
        self.receiving = 0
        """Requests whose body is still arriving."""

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
            await self._handle(scope, receive, send_secured, lambda: started, None)
            return
        slot = _Slot(self)
        if not slot.take("receiving" if _has_body(scope) else "handling"):
            await self._busy(send_secured, scope)
            return
        try:
            await self._handle(scope, receive, send_secured, lambda: started, slot)
        except _AtCapacity:
            if not started:
                await self._busy(send_secured, scope)
        finally:
            slot.release()

    async def _busy(self, send: Send, scope: Scope) -> None:
        await _send_problem(
            send,
            scope,
            503,
            _bilingual(
                "服务正忙，请按 Retry-After 所示秒数后重试",
                "the service is at its limit of requests at once; retry after the "
                "number of seconds in Retry-After",
            ),
            extra=[(b"retry-after", self.retry_after)],
        )

    async def _handle(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        started: Callable[[], bool],
        slot: _Slot | None,
    ) -> None:
        own = self.body_limits.get(scope["path"])
        limit = own.max_bytes if own is not None else self.max_body_bytes
        timeout = own.timeout_seconds if own is not None else self.body_timeout_seconds
        length = _content_length(scope)
        if length is not None and length > limit:
            await _send_problem(
                send,
                scope,
                413,
                own.too_large
                if own is not None
                else _bilingual(
                    f"请求体不得超过 {limit} 字节",
                    f"the request body must be at most {limit} bytes",
                ),
            )
            return

        received = 0
        complete = False
        deadline = asyncio.get_running_loop().time() + timeout

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
                    if own is not None:
                        raise _TooLarge
                    raise HTTPException(413)
                complete = not message.get("more_body", False)
                moving = complete and slot is not None and slot.held == "receiving"
                if moving and slot is not None and not slot.take("handling"):
                    raise _AtCapacity
            return message

        try:
            await self.app(scope, receive_limited, send)
        except _AtCapacity:
            raise
        except ClientDisconnect:
            log.info("a client left before its request body was complete")
        except _TooLarge:
            if not started() and own is not None:
                await _send_problem(send, scope, 413, own.too_large)
        except _BodyTimedOut:
            if not started():
                await _send_problem(
                    send,
                    scope,
                    408,
                    _bilingual(
                        f"请求体须在 {timeout:g} 秒内发送完毕",
                        f"the request body must arrive within {timeout:g} seconds of the headers",
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
                    scope,
                    500,
                    _bilingual(
                        "服务未能作答，请稍后重试", "the service failed to answer; try again later"
                    ),
                )
