"""Security headers on every response; no CORS unless configured."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from api.main import create_app
from api.settings import Settings
from tests.api.conftest import case

COMMON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/healthz", 200),
        ("GET", "/readyz", 200),
        ("GET", "/v1/provisions", 200),
        ("GET", "/v1/provisions/nope", 404),
        ("GET", "/openapi.json", 200),
        ("GET", "/docs", 200),
        ("GET", "/redoc", 200),
        ("GET", "/docs-assets/swagger-ui.css", 200),
        ("POST", "/v1/assessments", 200),
        ("POST", "/v1/assessments/batch", 415),
        ("PATCH", "/v1/rulesets", 405),
    ],
)
def test_every_response_carries_the_security_headers(
    client: TestClient, method: str, path: str, status: int
) -> None:
    """nosniff, no referrer, no framing and a Content-Security-Policy, whatever the status."""
    body = case() if path == "/v1/assessments" else None
    response = client.request(method, path, json=body)
    assert response.status_code == status
    for name, value in COMMON.items():
        assert response.headers[name] == value
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_api_responses_allow_nothing_to_load(client: TestClient) -> None:
    """JSON answers get default-src 'none' and no-store."""
    response = client.get("/v1/rulesets")
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["cache-control"] == "no-store"


def test_no_cors_headers_by_default(client: TestClient) -> None:
    """A cross-origin request or preflight gets no Access-Control-Allow-Origin."""
    response = client.get("/v1/provisions", headers={"origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/v1/assessments",
        headers={
            "origin": "https://elsewhere.example",
            "access-control-request-method": "POST",
        },
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_only_for_configured_origins() -> None:
    """With PI_SEVERITY_CORS_ORIGINS set, only those origins are allowed."""
    app = create_app(Settings(cors_origins=("https://cms.example",)))
    with TestClient(app) as c:
        ok = c.get("/v1/provisions", headers={"origin": "https://cms.example"})
        other = c.get("/v1/provisions", headers={"origin": "https://elsewhere.example"})
    assert ok.headers["access-control-allow-origin"] == "https://cms.example"
    assert "access-control-allow-origin" not in other.headers
    assert ok.headers["x-content-type-options"] == "nosniff"
