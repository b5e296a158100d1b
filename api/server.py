"""The service under uvicorn with its HTTP limits: one definition for every way to run it.

``config()`` is what ``pi-severity serve`` (and so ``make run`` and the container's
command) runs: one worker, no access log, no ``Server`` header, uvicorn's keep-alive
timeout, and ``HardenedProtocol`` as the HTTP/1.1 protocol.

``HardenedProtocol`` is uvicorn's httptools protocol with three limits uvicorn does not
have (neither its httptools nor its h11 protocol can answer 431, count header fields, or
time out a request whose header block never completes; h11's size limit answers 400 and
costs the parser's speed). It subclasses uvicorn's own protocol rather than wrapping the
app, because these requests never reach the app:

- the request target over ``max_target_bytes`` is a 414 problem;
- more than ``max_header_fields`` header fields, or a request line and header block over
  ``max_header_bytes``, is a 431 problem, counted while the bytes arrive, so a huge header
  is refused after at most one read beyond the limit rather than parsed to its end;
- a header block not complete ``head_timeout_seconds`` after the connection opened (or
  after the request's first byte, on a kept-alive connection) is a 408 problem.

Each answer is ``application/problem+json`` with the edge's security headers and
``Connection: close``; the connection is closed after it. Malformed HTTP gets the same
kind of 400 problem instead of uvicorn's plain text. Nothing of the request is logged.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.encoding import dumps
from api.main import create_app
from api.middleware import SECURITY_HEADERS
from api.problems import PROBLEM_MEDIA_TYPE, problem
from api.settings import Settings, get_settings

__all__ = ["HardenedProtocol", "config", "protocol_for", "refusal"]


class _Refused(Exception):
    """Raised inside a parser callback to stop parsing; the answer is already chosen."""


def refusal(status: int, text: tuple[str, str]) -> bytes:
    """A whole HTTP/1.1 response: the problem, the security headers, ``Connection: close``.

    ``text`` is (English, Chinese). The header block is incomplete, so no language can be
    negotiated: ``title``/``detail`` are English and ``message_zh`` carries the Chinese.
    """
    en, zh = text
    body = dumps(problem(status, en, detail_zh=zh))
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}".encode()]
    lines += [b"content-type: " + PROBLEM_MEDIA_TYPE.encode()]
    lines += [b"content-length: " + str(len(body)).encode(), b"connection: close"]
    lines += [name + b": " + value for name, value in SECURITY_HEADERS]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _bilingual(zh: str, en: str) -> tuple[str, str]:
    return en, zh


class HardenedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with limits on the request line, the headers and their time."""

    settings: Settings = Settings()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock for the first request's header block."""
        super().connection_made(transport)
        self._head_read = 0
        self._head_bytes = 0
        self._head_fields = 0
        self._in_head = True
        self._head_began_in_read = False
        self._refusal: bytes | None = None
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clock."""
        self._cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Feed the parser, then count what went into a header block that is still open."""
        self._head_began_in_read = False
        super().data_received(data)
        if self._in_head and not self._head_began_in_read and not self.transport.is_closing():
            self._head_read += len(data)  # the whole read went into the open header block
            if self._head_read > self.settings.max_header_bytes:
                self._refuse(431, self._header_detail())

    def on_message_begin(self) -> None:
        """A new request: its header block is counted (and timed) from here."""
        super().on_message_begin()
        if self._head_timer is None:
            self._arm_head_timer()

    def on_url(self, url: bytes) -> None:
        """Count the request target."""
        super().on_url(url)
        self._head_bytes += len(url)
        if len(self.url) > self.settings.max_target_bytes:
            self._refusal = refusal(
                414,
                _bilingual(
                    f"请求地址不得超过 {self.settings.max_target_bytes} 字节",
                    f"the request target must be at most {self.settings.max_target_bytes} bytes",
                ),
            )
            raise _Refused

    def on_header(self, name: bytes, value: bytes) -> None:
        """Count the header field and its bytes."""
        super().on_header(name, value)
        self._head_fields += 1
        self._head_bytes += len(name) + len(value) + 4
        if (
            self._head_fields > self.settings.max_header_fields
            or self._head_bytes > self.settings.max_header_bytes
        ):
            self._refusal = refusal(431, self._header_detail())
            raise _Refused

    def on_headers_complete(self) -> None:
        """The header block is in: stop its clock and hand the request to the app."""
        self._in_head = False
        self._cancel_head_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        """The request is in; whatever follows on this connection is the next header block."""
        super().on_message_complete()
        self._in_head = True
        self._head_read = 0
        self._head_bytes = 0
        self._head_fields = 0
        self._head_began_in_read = True  # the rest of this read may be the end of the body

    def send_400_response(self, msg: str) -> None:
        """A parse stopped: answer the limit that stopped it, or a 400 problem for bad HTTP."""
        chosen = self._refusal or refusal(
            400,
            _bilingual(
                "请求不是有效的 HTTP/1.1 报文", "the request is not a well-formed HTTP/1.1 message"
            ),
        )
        self._answer_and_close(chosen)

    def _header_detail(self) -> tuple[str, str]:
        s = self.settings
        return _bilingual(
            f"请求头至多 {s.max_header_fields} 个字段、连同请求行共 {s.max_header_bytes} 字节",
            f"the request may have at most {s.max_header_fields} header fields and "
            f"{s.max_header_bytes} bytes of request line and headers",
        )

    def _refuse(self, status: int, detail: tuple[str, str]) -> None:
        self._answer_and_close(refusal(status, detail))

    def _answer_and_close(self, response: bytes) -> None:
        self._cancel_head_timer()
        if not self.transport.is_closing():
            self.transport.write(response)
            self.transport.close()

    def _arm_head_timer(self) -> None:
        self._head_timer = self.loop.call_later(
            self.settings.head_timeout_seconds, self._head_timed_out
        )

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            self._arm_head_timer()  # a pipelined request waits for the one being answered
            return
        self._refuse(
            408,
            _bilingual(
                f"请求头须在 {self.settings.head_timeout_seconds:g} 秒内发送完毕",
                "the request line and headers must arrive within "
                f"{self.settings.head_timeout_seconds:g} seconds",
            ),
        )


def protocol_for(settings: Settings) -> type[HardenedProtocol]:
    """``HardenedProtocol`` holding ``settings``' limits."""
    return type("HardenedProtocol", (HardenedProtocol,), {"settings": settings})


def config(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    settings: Settings | None = None,
    app: Any = None,
    **overrides: Any,
) -> uvicorn.Config:
    """The uvicorn configuration of the service: one worker and every limit of ``settings``.

    ``app`` defaults to ``create_app(settings)``; ``overrides`` are further
    ``uvicorn.Config`` arguments (tests pass ``log_level``).
    """
    settings = settings if settings is not None else get_settings()
    options: dict[str, Any] = {
        "app": app if app is not None else create_app(settings),
        "host": host,
        "port": port,
        "workers": 1,
        "http": protocol_for(settings),
        "access_log": False,
        "server_header": False,
        "timeout_keep_alive": settings.keep_alive_seconds,
        "lifespan": "on",
    }
    options |= overrides
    return uvicorn.Config(**options)
