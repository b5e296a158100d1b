"""/healthz and /readyz: outside /v1, outside the OpenAPI document, readiness runs a real case."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from api import health
from calculator import Tier


def test_healthz_answers_ok(client: TestClient) -> None:
    """Liveness is a plain 200."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_runs_the_self_check_case(client: TestClient) -> None:
    """Readiness is 200 when the self-check case gives 情节严重 on 5.1.3."""
    assert health.self_check()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


def test_readyz_is_503_when_the_self_check_fails(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrong answer from the core makes the service not ready."""
    monkeypatch.setattr(health, "SELF_CHECK_TIER", Tier.ESPECIALLY_SERIOUS)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


def test_health_routes_are_not_in_the_openapi_document(client: TestClient) -> None:
    """The probes stay out of the contract."""
    paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if "healthz" in p or "readyz" in p or not p.startswith("/v1/")]
