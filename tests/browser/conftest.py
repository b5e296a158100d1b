"""Fixtures for the browser scenarios: the real app under uvicorn, and Debian's Chromium.

The app runs in a background thread on a free 127.0.0.1 port, on a socket bound before
the server starts (no race for the port). Chromium is the system's ``/usr/bin/chromium``
(``scripts/install-browser-deps.sh`` installs it), driven by Playwright for Python;
nothing downloads a browser. Its host resolver maps every name except 127.0.0.1 to
nothing, and every context routes each request through a guard that refuses anything
not addressed to the service, so a page that reached outside would fail its test. If
Chromium cannot start, the browser fixture fails loudly: these tests are never skipped.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, sync_playwright

from api.main import create_app
from api.page import install_page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def page_app() -> FastAPI:
    """The service as ``make run`` serves it, with the page mounted if the factory does not yet.

    ``install_page`` is idempotent, so this is a no-op once ``create_app()`` mounts the page.
    """
    app = create_app()
    install_page(app)
    return app


@dataclass
class Service:
    """The running service: its base URL and every request the browser tried elsewhere."""

    base_url: str
    host: str
    port: int
    refused: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def service() -> Iterator[Service]:
    """The real app under uvicorn on a free 127.0.0.1 port, in a background thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(page_app(), log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the service did not start under uvicorn")
        time.sleep(0.05)
    try:
        yield Service(base_url=f"http://127.0.0.1:{port}", host="127.0.0.1", port=port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver for the session."""
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's headless Chromium; fails the run loudly when it cannot start."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `bash scripts/install-browser-deps.sh` (as root). "
            "The browser tests are never skipped.",
            pytrace=False,
        )
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:  # the launch error names the cause; keep it
        pytest.fail(f"Chromium at {CHROMIUM} could not start: {exc}", pytrace=False)
    try:
        yield browser
    finally:
        browser.close()


def _guard(service: Service) -> Callable[[Route], None]:
    def route(route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        local = parts.scheme in {"http", "https", "ws"} and parts.hostname == service.host
        if parts.scheme in {"data", "blob", "about"} or (local and parts.port == service.port):
            route.continue_()
        else:
            service.refused.append(url)
            route.abort("blockedbyclient")

    return route


def new_context(browser: Browser, service: Service, *, width: int, height: int) -> BrowserContext:
    """A fresh context whose every request must go to the service itself."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        base_url=service.base_url,
        locale="zh-CN",
        service_workers="block",
    )
    context.route("**/*", _guard(service))
    return context


def _console_error(kind: str, text: str, errors: list[str]) -> None:
    """Script errors count; the browser's own note on a 4xx answer (an expected 422) does not."""
    if kind == "error" and not text.startswith("Failed to load resource: the server responded"):
        errors.append(text)


@pytest.fixture
def page(browser: Browser, service: Service) -> Iterator[Page]:
    """A desktop-width page (1280 px) in its own guarded context; no outside request allowed."""
    service.refused.clear()
    context = new_context(browser, service, width=1280, height=900)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: _console_error(m.type, m.text, errors))
    try:
        yield page
    finally:
        context.close()
    assert service.refused == [], f"the page tried to reach outside: {service.refused}"
    assert errors == [], f"script errors on the page: {errors}"
