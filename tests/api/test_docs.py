"""/docs and /redoc run offline: every asset is served here, nothing points or loads outside."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from starlette.testclient import TestClient

from api.docs import REDOC_LOGO_CDN

OUTSIDE = re.compile(rb"cdn\.|jsdelivr|unpkg|googleapis|gstatic|fonts\.|redocly\.com/redoc/logo")


class Links(HTMLParser):
    """Every src and href in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("src", "href"):
            if values.get(name):
                self.urls.append(values[name] or "")
        self._in_inline_script = tag == "script" and not values.get("src")

    def handle_data(self, data: str) -> None:
        if self._in_inline_script:
            self.inline_scripts.append(data)
            self._in_inline_script = False


def links(client: TestClient, page: str) -> Links:
    response = client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    parser = Links()
    parser.feed(response.text)
    return parser


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_every_asset_from_this_service(client: TestClient, page: str) -> None:
    """Each src/href is same-origin, answers 200 and loads nothing outside by itself."""
    parsed = links(client, page)
    assert parsed.urls, "the page loads its assets"
    for url in parsed.urls:
        parts = urlsplit(url)
        assert not parts.scheme, url
        assert not parts.netloc, url
        absolute = urljoin(f"http://testserver{page}", url)
        response = client.get(absolute)
        assert response.status_code == 200, url
        assert not OUTSIDE.search(response.content), url


def test_the_openapi_document_the_pages_load_is_served(client: TestClient) -> None:
    """Both pages read openapi.json relative to themselves, so the path resolves to /openapi.json."""
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "'openapi.json'" in html or '"openapi.json"' in html
    assert client.get("/openapi.json").status_code == 200


def test_redoc_bundle_fetches_no_logo_from_a_cdn(client: TestClient) -> None:
    """The ReDoc script as served has its run-time CDN logo replaced by an inline image."""
    script = client.get("/docs-assets/redoc.standalone.js").content
    assert REDOC_LOGO_CDN.encode() not in script
    assert b"data:image/svg+xml" in script


def test_swagger_page_csp_allows_exactly_its_inline_script(client: TestClient) -> None:
    """The docs CSP admits only 'self' scripts plus the hash of the page's one inline script."""
    response = client.get("/docs")
    csp = response.headers["content-security-policy"]
    parser = Links()
    parser.feed(response.text)
    (inline,) = parser.inline_scripts
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}';" in csp
    assert "default-src 'none'" in csp
    assert "connect-src 'self'" in csp
    assert "unsafe-eval" not in csp


@pytest.mark.parametrize(
    "name",
    [
        "swagger-ui.LICENSE.txt",
        "swagger-ui.NOTICE.txt",
        "swagger-ui-bundle.js.LICENSE.txt",
        "redoc.LICENSE.txt",
        "redoc.standalone.js.LICENSE.txt",
        "fastapi-offline.LICENSE.txt",
    ],
)
def test_the_asset_licences_are_served_beside_them(client: TestClient, name: str) -> None:
    """Swagger UI (Apache-2.0), ReDoc (MIT) and fastapi-offline (MIT) licences are served."""
    response = client.get(f"/docs-assets/{name}")
    assert response.status_code == 200
    assert response.text.strip()


def test_an_unknown_asset_is_a_404_problem(client: TestClient) -> None:
    """Only the known files are served."""
    response = client.get("/docs-assets/../../etc/passwd")
    assert response.status_code == 404
    response = client.get("/docs-assets/nothing.js")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
