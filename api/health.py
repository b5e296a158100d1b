"""Liveness and readiness, outside ``/v1`` and outside the OpenAPI document.

``/healthz`` answers as long as the process serves requests. ``/readyz`` checks that the
law data is loaded and runs a built-in self-check case through the calculator: fifty
whereabouts records reach 情节严重 under 5.1.3, the simplest statutory path.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from api.encoding import dumps
from api.problems import problem, problem_response
from calculator import PROVISIONS, RULESETS, Case, Category, RecordRow, Tier, assess

__all__ = ["SELF_CHECK_CASE", "SELF_CHECK_TIER", "create_health_router", "self_check"]

SELF_CHECK_CASE = Case(records=(RecordRow(category=Category.WHEREABOUTS, count=50),))
SELF_CHECK_TIER = Tier.SERIOUS
SELF_CHECK_PROVISION = "5.1.3"

_OK = dumps({"status": "ok"})


def self_check() -> bool:
    """The law data is loaded and the self-check case gives the expected tier and ground."""
    if not PROVISIONS or not RULESETS:
        return False
    result = assess(SELF_CHECK_CASE)
    return result.tier is SELF_CHECK_TIER and any(
        g.provision == SELF_CHECK_PROVISION for g in result.grounds
    )


def create_health_router() -> APIRouter:
    """``GET /healthz`` and ``GET /readyz``."""
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    async def healthz() -> Response:
        return Response(_OK, media_type="application/json")

    @router.get("/readyz")
    async def readyz() -> Response:
        if self_check():
            return Response(dumps({"status": "ready"}), media_type="application/json")
        return problem_response(
            problem(503, "the calculator's self-check case did not give the expected tier")
        )

    return router
