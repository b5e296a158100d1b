"""The edge of the service: body limit, security headers, and a last-resort 500.

One pure ASGI middleware, outermost, so every response (problems included) gets the
security headers: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``,
``X-Frame-Options: DENY``, a Content-Security-Policy that allows nothing (the docs pages
set their own) and ``Cache-Control: no-store`` unless a response sets its own. A body
over the limit is refused with a 413 problem, from ``Content-Length`` before anything is
read or while a chunked body streams in. An unexpected exception becomes a 500 problem;
the log line names the exception's type and where it was raised, never its message or
the request, so no request value reaches the logs.
"""

from __future__ import annotations

import logging
import traceback

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.encoding import dumps
from api.problems import PROBLEM_MEDIA_TYPE, problem

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


async def _send_problem(send: Send, status: int, detail: str) -> None:
    body = dumps(problem(status, detail))
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return " <- ".join(f"{f.filename}:{f.lineno} {f.name}" for f in reversed(frames[-5:]))


class Edge:
    """Body limit, security headers and the last-resort 500 around the whole app."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_body_bytes
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = _with_security_headers(list(message.get("headers", [])))
            await send(message)

        length = _content_length(scope)
        if length is not None and length > limit:
            await _send_problem(
                send_secured, 413, f"the request body must be at most {limit} bytes"
            )
            return

        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413)
            return message

        try:
            await self.app(scope, receive_limited, send_secured)
        except Exception as exc:
            route = getattr(scope.get("route"), "path", "unmatched route")
            log.error(
                "unhandled %s in %s %s at %s",
                type(exc).__name__,
                scope.get("method"),
                route,
                _where(exc),
            )
            if not started:
                await _send_problem(
                    send_secured, 500, "the service failed to answer; try again later"
                )
