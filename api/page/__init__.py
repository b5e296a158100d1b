"""The lawyer's page at ``GET /``: one plain HTML page, a style sheet and a small script.

The page is served by the service itself and loads nothing from anywhere else: no CDN,
no web font, no build step. It talks only to the service's own ``POST /v1/assessments``.
What it needs to know beyond that is put into the HTML when it is first served:

- the law's names and standards: the answer of ``GET /v1/rulesets`` as it is (category
  names as the statute words them, each parameter set nested as the law data holds it,
  the texts of CL253-1), so the page writes no threshold of its own;
- the citation of every provision and article, written by the core's one citation
  function (``calculator.citation``), so the page writes no citation of its own;
- the request's limits (rows, counts, recipients, alternatives, label length, the money
  pattern), read from the app's own OpenAPI document, so the page's checks are the API's.

``install_page(app)`` adds ``GET /`` and ``GET /page/{name}`` (the style sheet and the
script) to an app, outside the OpenAPI document, each with a Content-Security-Policy
that allows only this origin.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException
from starlette.responses import Response

from api.v1 import reference
from calculator import PROVISIONS
from calculator.citation import cite_en, cite_zh

__all__ = ["ASSETS_PATH", "PAGE_CSP", "cites", "install_page", "law_data"]

ASSETS_PATH = "/page"

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""Everything from this origin only; no inline script or style."""

_TYPES = {
    "page.css": "text/css; charset=utf-8",
    "page.js": "text/javascript; charset=utf-8",
    "ledger.css": "text/css; charset=utf-8",
    "ledger.js": "text/javascript; charset=utf-8",
}
_DATA_MARK = "<!--PAGE-DATA-->"


@dataclass(frozen=True, slots=True)
class _Asset:
    content: bytes
    media_type: str


def _read(name: str) -> bytes:
    return files("api.page").joinpath("static", name).read_bytes()


def cites() -> dict[str, dict[str, str]]:
    """Every provision's citation as the core writes it (``calculator.citation``), and each
    article's of the Interpretation, by id: ``{"5.1.3": {"zh": …, "en": …}}``.

    The time-effect rules, which the citation function does not write, are cited by their
    title (and, in English, by their id).
    """
    ids = list(PROVISIONS)
    ids += sorted({p.split(".")[0] for p in PROVISIONS if p[0].isdigit()}, key=int)
    found: dict[str, dict[str, str]] = {}
    for provision in ids:
        try:
            found[provision] = {"zh": cite_zh(provision), "en": cite_en(provision)}
        except ValueError:
            found[provision] = {"zh": PROVISIONS[provision].title, "en": provision}
    return found


def law_data() -> dict[str, Any]:
    """The law's names, standards and texts the page shows: the ``GET /v1/rulesets`` answer
    (each parameter set nested as the law data holds it), as is, and the citations."""
    return {"law": reference.rulesets(), "cites": cites()}


def _bound(schema: dict[str, Any], *names: str) -> Any:
    """A numeric bound under the first of its names the schema uses (``minimum`` or ``ge`` …)."""
    for name in names:
        if name in schema:
            return schema[name]
    raise KeyError(f"the OpenAPI schema states none of {names}")


def _limits(document: dict[str, Any]) -> dict[str, Any]:
    """The request's limits as the app's OpenAPI document states them."""
    schemas = document["components"]["schemas"]
    request = schemas["AssessmentRequest"]["properties"]
    row = schemas["RecordRow"]["properties"]
    label = next(s for s in row["label"]["anyOf"] if s.get("type") == "string")
    return {
        "max_rows": request["records"]["maxItems"],
        "count_min": _bound(row["count"], "minimum", "ge"),
        "count_max": _bound(row["count"], "maximum", "le"),
        "recipients_min": _bound(row["recipients"], "minimum", "ge"),
        "recipients_max": _bound(row["recipients"], "maximum", "le"),
        "max_alternatives": row["alternative_categories"]["maxItems"],
        "max_label": label["maxLength"],
        "money_pattern": request["illegal_gains_cny"]["pattern"],
    }


def _page_html(app: FastAPI) -> bytes:
    data = {**law_data(), "limits": _limits(app.openapi())}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    block = f'<script type="application/json" id="page-data">{text}</script>'
    html = _read("index.html").decode("utf-8")
    if _DATA_MARK not in html:
        raise RuntimeError("api/page/static/index.html lost its page-data mark")
    return html.replace(_DATA_MARK, block).encode("utf-8")


def install_page(app: FastAPI) -> None:
    """Add the lawyer's page: ``GET /`` and its assets under ``/page/``, outside the API document.

    Idempotent: a second call on the same app changes nothing.
    """
    if getattr(app.state, "page_installed", False):
        return
    app.state.page_installed = True
    assets = {name: _Asset(_read(name), media_type) for name, media_type in _TYPES.items()}
    rendered: list[bytes] = []
    headers = {"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"}
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    async def page() -> Response:
        if not rendered:
            rendered.append(_page_html(app))
        return Response(rendered[0], media_type="text/html; charset=utf-8", headers=headers)

    @router.get(ASSETS_PATH + "/{name}")
    async def page_asset(name: str) -> Response:
        asset = assets.get(name)
        if asset is None:
            raise HTTPException(404)
        return Response(asset.content, media_type=asset.media_type, headers=headers)

    app.include_router(router)
