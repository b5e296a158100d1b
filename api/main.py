"""The app factory: ``create_app()`` wires the ``/v1`` router, problems, docs, the page, the edge.

Run it with ``pi-severity serve`` (``make run``), which adds the HTTP limits of
``api.server``; ``python -m uvicorn --factory api.main:create_app`` serves the same app
with uvicorn's defaults.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.telemetry import TelemetryConfig

from api.docs import create_docs_router
from api.health import create_health_router
from api.middleware import Edge
from api.page import install_page
from api.problems import PROBLEM_MEDIA_TYPE, install_problem_handlers
from api.settings import Settings, get_settings
from api.v1 import ledgers
from api.v1.router import create_router, with_examples
from api.v1.schemas import describe_enums
from calculator import ENGINE_VERSION

__all__ = ["TELEMETRY", "TITLE", "Service", "create_app"]

TITLE = "法释〔2017〕10号 情节严重计算器 / CL253-1 severity calculator"

DESCRIPTION = """\
依《最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》
（法释〔2017〕10号），判断非法获取、出售或者提供公民个人信息的事实是否达到刑法第二百五十三条之一
规定的“情节严重”或“情节特别严重”，并逐项引用条文原文说明理由。计算器只作计算，不作裁判：
需要法院认定的情节由调用方提供，尚待法院判断的问题在结果中列明。

Answers whether facts about illegally obtaining, selling or providing citizens' personal
information reach 情节严重 (serious) or 情节特别严重 (especially serious) under Article
253-1 of the Criminal Law as defined by 法释〔2017〕10号, citing the verbatim text of every
provision applied. The calculator computes; it does not decide: findings only a court can
make are the caller's, and the points a court must still decide are listed in the result.

Errors are `application/problem+json` (RFC 9457) with JSON Pointers into the request.
Money is always a decimal string (`"5000"`, `"4999.99"`), never a JSON number.
"""

TAGS = [
    {
        "name": "assessments",
        "description": "评估案件 / Assess cases under 法释〔2017〕10号",
    },
    {
        "name": "ledgers",
        "description": "计数台账 / Count seized record-level data under Art. 11 (COUNTING.md)",
    },
    {
        "name": "reference",
        "description": "条文与参数 / Provision texts and parameter sets",
    },
]


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Once started, move everything loaded so far out of the garbage collector's way.

    The modules, the law data and the app live as long as the process; freezing them
    keeps each full collection from walking them again while a batch allocates its results.
    """
    gc.collect()
    gc.freeze()
    yield


_FASTAPI_422 = "#/components/schemas/HTTPValidationError"

TELEMETRY: TelemetryConfig = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
    "auto_configure": False,
}
"""FastAPI's built-in OpenTelemetry, off: its log records of validation failures would
carry the request's values, and no request value may leave the service (nor is the
per-request provider check worth its cost when nothing is exported)."""


class Service(FastAPI):
    """FastAPI whose OpenAPI document types every error body as ``application/problem+json``."""

    def openapi(self) -> dict[str, Any]:
        """The OpenAPI 3.1 document, built once."""
        if self.openapi_schema is None:
            document = describe_enums(with_examples(super().openapi()))
            for path in document["paths"].values():
                for operation in path.values():
                    responses = operation.get("responses", {})
                    if _FASTAPI_422 in str(responses.get("422")):
                        del responses["422"]  # a path parameter that cannot fail validation
                    for status, response in responses.items():
                        content = response.get("content", {})
                        if int(status) >= 400 and "application/json" in content:
                            content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
            schemas = document.get("components", {}).get("schemas", {})
            if _FASTAPI_422 not in str(document["paths"]):
                schemas.pop("HTTPValidationError", None)
                schemas.pop("ValidationError", None)
        return self.openapi_schema  # type: ignore[return-value]


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app; ``settings`` default to the environment's (``get_settings()``)."""
    settings = settings if settings is not None else get_settings()
    app = Service(
        title=TITLE,
        version=ENGINE_VERSION,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
        telemetry=TELEMETRY,
    )
    install_problem_handlers(app)
    app.include_router(create_router(settings))
    app.include_router(create_health_router())
    app.include_router(create_docs_router(title=TITLE, openapi_url=app.openapi_url or ""))
    install_page(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(
        Edge,
        max_body_bytes=settings.max_body_bytes,
        max_concurrent_requests=settings.max_concurrent_requests,
        max_receiving_requests=settings.max_receiving_requests,
        body_timeout_seconds=settings.body_timeout_seconds,
        retry_after_seconds=settings.retry_after_seconds,
        body_limits={ledgers.LEDGERS_PATH: ledgers.ledger_body_limit(settings)},
    )
    return app
