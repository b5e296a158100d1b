"""Swagger UI at ``/docs`` and ReDoc at ``/redoc``, served entirely by this service.

The scripts, style sheet and favicon come from the pinned ``fastapi-offline`` package
(unchanged npm builds of ``swagger-ui-dist`` and ``redoc``); their licences are in
``api/static/licenses`` and served beside them. The pages use relative addresses, so
they also work behind a path prefix. ReDoc's bundle loads its sidebar logo from a CDN at
run time: that address is replaced by an inline image when the bundle is served, so
neither page makes any outside request. Each page carries a Content-Security-Policy that
allows only this origin (and the Swagger page's one inline script, by its hash).
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, HTTPException
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from starlette.responses import HTMLResponse, Response

__all__ = ["ASSETS_PATH", "DOCS_CSP", "create_docs_router", "load_assets"]

ASSETS_PATH = "/docs-assets"
_ASSETS = ASSETS_PATH.lstrip("/")  # relative to /docs and /redoc
_OFFLINE = Path(fastapi_offline.__file__).parent / "static"
_LICENSES = Path(__file__).parent / "static" / "licenses"

REDOC_LOGO_CDN = "https://cdn.redoc.ly/redoc/logo-mini.svg"
_EMPTY_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"

DOCS_CSP = (
    "default-src 'none'; script-src 'self'{script}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""The docs pages' policy; ``{script}`` takes the hash of an inline script, if any."""

_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Asset:
    """One file the docs pages load, held in memory."""

    content: bytes
    media_type: str


def load_assets() -> dict[str, Asset]:
    """The docs assets and their licences, by file name; ReDoc's CDN logo made inline."""
    files = [_OFFLINE / n for n in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon.png")]
    files += sorted(_LICENSES.iterdir())
    assets = {f.name: Asset(f.read_bytes(), _TYPES[f.suffix]) for f in files}
    redoc = (_OFFLINE / "redoc.standalone.js").read_bytes()
    redoc = redoc.replace(REDOC_LOGO_CDN.encode(), _EMPTY_SVG.encode())
    assets["redoc.standalone.js"] = Asset(redoc, _TYPES[".js"])
    return assets


def _inline_script_sources(html: str) -> str:
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    ]
    return "".join(" " + h for h in hashes)


def _page(response: HTMLResponse) -> tuple[bytes, str]:
    html = bytes(response.body).decode()
    return html.encode(), DOCS_CSP.format(script=_inline_script_sources(html))


def create_docs_router(*, title: str, openapi_url: str) -> APIRouter:
    """``/docs``, ``/redoc`` and ``/docs-assets/{name}``, none of them in the OpenAPI document."""
    assets = load_assets()
    relative_openapi = openapi_url.lstrip("/")
    swagger, swagger_csp = _page(
        get_swagger_ui_html(
            openapi_url=relative_openapi,
            title=f"{title} – Swagger UI",
            swagger_js_url=f"{_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{_ASSETS}/favicon.png",
            oauth2_redirect_url=None,
            swagger_ui_parameters={"validatorUrl": None, "displayRequestDuration": True},
        )
    )
    redoc, redoc_csp = _page(
        get_redoc_html(
            openapi_url=relative_openapi,
            title=f"{title} – ReDoc",
            redoc_js_url=f"{_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{_ASSETS}/favicon.png",
            with_google_fonts=False,
        )
    )
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    async def swagger_ui() -> Response:
        return Response(
            swagger,
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": swagger_csp},
        )

    @router.get("/redoc")
    async def redoc_ui() -> Response:
        return Response(
            redoc,
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": redoc_csp},
        )

    @router.get(ASSETS_PATH + "/{name}")
    async def docs_asset(name: str) -> Response:
        asset = assets.get(name)
        if asset is None:
            raise HTTPException(404)
        return Response(
            asset.content,
            media_type=asset.media_type,
            headers={"Cache-Control": "public, max-age=86400"},
        )

    return router
