"""Shared fixtures: one app and one in-process client for the API tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from api.main import create_app

MARKER = "Q7-MARKER-c0ffee-私密"
"""A string no response or log line may contain unless the caller's own label echoes it."""


def case(**overrides: Any) -> dict[str, Any]:
    """A small valid request: 50 whereabouts records sold once (情节严重 under 5.1.3)."""
    body: dict[str, Any] = {
        "conduct_date": "2023-04-10",
        "records": [{"category": "whereabouts", "count": 50, "recipients": 1}],
    }
    body.update(overrides)
    return body


@pytest.fixture(scope="session")
def app() -> FastAPI:
    """The app, as ``make run`` serves it."""
    return create_app()


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    """An in-process client (lifespan run) that answers server errors as responses."""
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
