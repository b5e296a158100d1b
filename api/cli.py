"""``pi-severity``: the service and the calculator from the command line.

``pi-severity serve [--host H] [--port P]`` runs the service as ``make run`` and the
container do (``api.server.config``: one worker, every HTTP limit).

``pi-severity assess FILE`` (``-`` reads standard input) answers one request exactly as
``POST /v1/assessments`` would: the request goes through the app itself, in this process,
and the response body is printed unchanged. A file whose top-level object has ``items``
is a batch and goes to ``POST /v1/assessments/batch``. ``--lang zh`` asks for Chinese
problem texts (``Accept-Language``).

Exit status: 0 with an answer; 1 when the service refuses the request (its problem+json is
printed on standard output, and each error on standard error in both languages); 2 when
the command cannot run (no such file, the ``api`` extra not installed, wrong arguments).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import MutableMapping, Sequence
from typing import Any, BinaryIO, TextIO

__all__ = ["assess_bytes", "main"]

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_CANNOT_RUN = 2

_API_MODULES = frozenset({"fastapi", "starlette", "pydantic", "pydantic_core", "uvicorn", "orjson"})
"""The `api` extra's packages: when one is missing, the command says which extra to install."""

_NO_API = (
    "未安装服务所需的依赖：pip install 'pi-severity[api]'\n"
    "the service's dependencies are not installed: pip install 'pi-severity[api]'"
)


def _batch(raw: bytes) -> bool:
    """Whether the request is a batch: a JSON object with ``items`` (any other text is not)."""
    try:
        value = json.loads(raw)
    except ValueError:
        return False
    return isinstance(value, dict) and "items" in value


async def _post(path: str, raw: bytes, lang: str) -> tuple[int, bytes]:
    """POST ``raw`` to ``path`` of a new app, in this process; the status and the body."""
    from api.main import create_app  # noqa: PLC0415 - needs the `api` extra

    app = create_app()
    headers = [
        (b"host", b"localhost"),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(raw)).encode()),
        (b"accept-language", lang.encode()),
    ]
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": None,
        "server": ("localhost", 80),
        "state": {},
    }
    sent = False
    status = 0
    body = bytearray()

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    await app(scope, receive, send)
    return status, bytes(body)


def assess_bytes(raw: bytes, *, lang: str = "en") -> tuple[int, bytes]:
    """The HTTP status and body the API gives for the request ``raw`` (one case or a batch)."""
    path = "/v1/assessments/batch" if _batch(raw) else "/v1/assessments"
    return asyncio.run(_post(path, raw, lang))


def _explain(body: bytes, err: TextIO) -> None:
    """Each error of a problem on its own line: where, then what is allowed."""
    try:
        problem = json.loads(body)
    except ValueError:
        return
    print(f"请求被拒绝 / the request was refused: {problem.get('detail', '')}", file=err)
    for error in problem.get("errors", []):
        where = error.get("pointer") or "(整个请求 / the whole body)"
        message = error.get("message_zh") or ""
        text = error.get("message") or error.get("detail") or ""
        print(f"  {where}: {message + ' / ' if message else ''}{text}", file=err)


def _read(name: str, stdin: BinaryIO) -> bytes:
    if name == "-":
        return stdin.read()
    with open(name, "rb") as f:
        return f.read()


def _assess(args: argparse.Namespace, stdin: BinaryIO, out: BinaryIO, err: TextIO) -> int:
    try:
        raw = _read(args.file, stdin)
    except OSError as exc:
        print(f"无法读取 {args.file} / cannot read {args.file}: {exc.strerror}", file=err)
        return EXIT_CANNOT_RUN
    try:
        status, body = assess_bytes(raw, lang=args.lang)
    except ModuleNotFoundError as exc:
        if exc.name not in _API_MODULES:
            raise
        print(_NO_API, file=err)
        return EXIT_CANNOT_RUN
    out.write(body + b"\n")
    out.flush()
    if status == 200:
        return EXIT_OK
    _explain(body, err)
    return EXIT_REFUSED


def _serve(args: argparse.Namespace, err: TextIO) -> int:
    try:
        import uvicorn  # noqa: PLC0415 - needs the `api` extra

        from api.server import config  # noqa: PLC0415
    except ModuleNotFoundError as exc:
        if exc.name not in _API_MODULES:
            raise
        print(_NO_API, file=err)
        return EXIT_CANNOT_RUN
    uvicorn.Server(config(host=args.host, port=args.port)).run()
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pi-severity",
        description="法释〔2017〕10号 情节严重计算器 / CL253-1 severity calculator",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the HTTP API, its docs and the page")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    assess = commands.add_parser(
        "assess", help="print the API's answer for a request in a JSON file ('-': stdin)"
    )
    assess.add_argument("file", help="a JSON request (one case, or a batch with items)")
    assess.add_argument(
        "--lang", choices=["zh", "en"], default="en", help="language of problem texts"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args, sys.stderr)
    return _assess(args, sys.stdin.buffer, sys.stdout.buffer, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
