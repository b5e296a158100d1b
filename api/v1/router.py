"""The ``/v1`` operations: HTTP in, core call through ``mapping``, JSON out.

Handlers translate and nothing else. Each declares its response model for the OpenAPI
document but returns a body already encoded from the core's results, so nothing is
validated or serialised twice.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine, Mapping, Sequence
from functools import cache
from typing import Any, ClassVar, get_type_hints

from fastapi import APIRouter, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from api.encoding import JsonTextError, NotUtf8Error, dumps, parse
from api.problems import Problem, request_language
from api.settings import Settings, get_settings
from api.v1 import batch, ledgers, mapping, reference, schemas
from api.v1.examples import batch_examples, openapi_examples, response_examples
from calculator import PROVISIONS

__all__ = [
    "JSON_MEDIA_TYPE",
    "BatchBodyRoute",
    "JsonBodyRoute",
    "create_router",
    "item_faults",
    "require_json",
    "with_examples",
]

JSON_MEDIA_TYPE = "application/json"

_NO_STORE = {"Cache-Control": "no-store"}


def require_json(request: Request) -> None:
    """415 unless the request says ``Content-Type: application/json`` (UTF-8)."""
    value = request.headers.get("content-type", "")
    media_type, _, params = value.partition(";")
    charset = params.strip().lower().removeprefix("charset=").strip('"')
    if media_type.strip().lower() != JSON_MEDIA_TYPE or charset not in {"", "utf-8"}:
        raise HTTPException(415)


def _body_errors(exc: ValidationError) -> list[dict[str, Any]]:
    """pydantic's errors located under ``body``, as FastAPI reports them; no input values."""
    return [
        {**error, "loc": ("body", *error["loc"])}
        for error in exc.errors(include_url=False, include_input=False)
    ]


def _under_body(faults: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{**fault, "loc": ("body", *fault["loc"])} for fault in faults]


def item_faults(request: Request) -> Mapping[int, Sequence[Mapping[str, Any]]]:
    """The faults of the body's text found inside each batch item, by index (``BatchBodyRoute``)."""
    found: Mapping[int, Sequence[Mapping[str, Any]]] = getattr(request.state, "item_faults", {})
    return found


class JsonBodyRoute(APIRoute):
    """A POST operation whose body is one JSON document, read and validated directly.

    The OpenAPI document is FastAPI's own, from the endpoint's signature. Handling skips
    FastAPI's generic dependency and body machinery: the body is checked for
    ``Content-Type: application/json`` (415), parsed once with exact numbers
    (``api.encoding.parse``: 400 when it is not UTF-8, a ``json_invalid`` 422 when it is
    not JSON, a 422 naming each repeated key and each lone surrogate escape), validated
    with the model's ``TypeAdapter``, and passed to the endpoint (with the request, to a
    parameter annotated ``Request``). Errors are raised as FastAPI raises them, so the
    same problem handlers answer them.
    """

    items_field: ClassVar[str | None] = None
    """A list field whose items are validated one by one by the endpoint: faults inside an
    item are handed to it (``item_faults``) instead of failing the whole body."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The handler for this operation's endpoint (async, or sync in the thread pool)."""
        hints = {k: v for k, v in get_type_hints(self.endpoint).items() if k != "return"}
        request_params = [k for k, v in hints.items() if v is Request]
        ((body_param, model),) = [(k, v) for k, v in hints.items() if v is not Request]
        adapter: TypeAdapter[Any] = TypeAdapter(model)
        endpoint = self.endpoint
        is_async = inspect.iscoroutinefunction(endpoint)
        items_field = self.items_field

        async def handle(request: Request) -> Response:
            require_json(request)
            raw = await request.body()
            if not raw:
                raise RequestValidationError([{"type": "missing", "loc": ("body",), "msg": ""}])
            try:
                document = parse(raw)
            except NotUtf8Error:
                raise HTTPException(400) from None
            except JsonTextError as exc:
                raise RequestValidationError(
                    [
                        {
                            "type": "json_invalid",
                            "loc": ("body",),
                            "msg": "",
                            "ctx": {"error": exc.reason, "error_zh": exc.reason_zh},
                        }
                    ]
                ) from None
            faults = list(document.faults)
            if faults and items_field is not None:
                per_item: dict[int, list[dict[str, Any]]] = {}
                whole: list[dict[str, Any]] = []
                for fault in faults:
                    loc = fault["loc"]
                    if len(loc) >= 2 and loc[0] == items_field and isinstance(loc[1], int):
                        per_item.setdefault(loc[1], []).append({**fault, "loc": loc[2:]})
                    else:
                        whole.append(fault)
                request.state.item_faults = per_item
                faults = whole
            if faults:
                raise RequestValidationError(_under_body(faults))
            try:
                value = adapter.validate_python(document.value)
            except ValidationError as exc:
                raise RequestValidationError(_body_errors(exc)) from None
            kwargs: dict[str, Any] = {body_param: value}
            kwargs.update(dict.fromkeys(request_params, request))
            if is_async:
                response: Response = await endpoint(**kwargs)
            else:
                response = await run_in_threadpool(endpoint, **kwargs)
            return response

        return handle


class BatchBodyRoute(JsonBodyRoute):
    """``JsonBodyRoute`` for a batch: a fault inside ``items/<i>`` fails only that item."""

    items_field = "items"


def _json(body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(dumps(body), media_type=JSON_MEDIA_TYPE, headers=headers)


async def create_assessment(request: schemas.AssessmentRequest) -> Response:
    """Assess one case."""
    return _json(mapping.assessment_for(request), _NO_STORE)


def create_assessment_batch(request: schemas.BatchRequest, http: Request) -> Response:
    """Assess many cases, one result per item (runs in the thread pool: it may take a while).

    An item's problem is in the language negotiated from ``Accept-Language``, hence ``Vary``.
    """
    body = batch.assess_items(
        request.items, language=request_language(http), faults=item_faults(http)
    )
    return _json(body, {**_NO_STORE, "Vary": "Accept-Language"})


async def list_provisions() -> Response:
    """Every provision the calculator cites."""
    return _json(mapping.provisions())


async def get_provision(provision_id: str) -> Response:
    """One provision by id."""
    found = PROVISIONS.get(provision_id)
    if found is None:
        raise HTTPException(404, "no provision has this id; GET /v1/provisions lists them")
    return _json(mapping.provision(found))


async def list_rulesets() -> Response:
    """Every parameter set (nested as in the law data, too), the texts of CL253-1, the categories."""
    return _json(reference.rulesets())


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {
        400: "请求体不是 UTF-8 文本 / The body is not UTF-8 text",
        404: "未找到 / Not found",
        413: "请求体超过 2 MiB / Request body over 2 MiB",
        415: "Content-Type 不是 application/json / Content-Type is not application/json",
        422: "请求不符合约定，或事实无法适用法律 / The request does not match the contract, "
        "or the facts cannot be assessed",
    }
    return {s: {"model": Problem, "description": descriptions[s]} for s in statuses}


_ASSESSMENT_DESCRIPTION = """\
依法释〔2017〕10号判断案件事实是否达到刑法第二百五十三条之一的“情节严重”或“情节特别严重”，
列出全部成立的依据（条文编号与原文）、计数、到下一档次的距离、法定刑、第十条的适用条件，
以及法院仍须判断的问题。金额一律为字符串。

Assesses whether the facts reach 情节严重 (serious) or 情节特别严重 (especially serious)
under CL253-1 as defined by 法释〔2017〕10号: every ground that holds with its provision
and verbatim text, the counts, the distance to the next tier, the statutory range, Art. 10
eligibility and the points a court must still decide. Money is always a decimal string.
Pick a named example below: one per statutory path.
"""

_BATCH_DESCRIPTION = """\
一次评估 1 至 1000 个案件；结果与请求逐项对应、顺序相同。某一项格式错误或事实无法适用时，
该项返回 422 问题说明（指针以 /items/<i> 开头），其余各项照常评估。

Assesses 1 to 1000 cases in one call, one result per item in the same order. An item
that is malformed, or whose facts cannot be assessed, gets its own 422 problem (pointers
under /items/<i>); the other items are still assessed. A body that is not an object with
1 to 1000 objects under `items` is a 422 for the whole call.
"""


@cache
def _shown_examples() -> dict[str, tuple[dict[str, Any], dict[int, dict[str, Any]]]]:
    """The named request examples and their answers by status, per operation id."""
    return {
        "create_assessment": (openapi_examples(), response_examples()),
        "create_assessment_batch": batch_examples(),
        "create_ledger": ledgers.ledger_examples(),
    }


def with_examples(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with each assessment operation's named examples and real answers.

    Set on the finished document, because FastAPI's own encoding of it drops every
    ``null`` (and an answer's nulls are part of the answer). The examples are computed
    once, when the router is made (``create_router``).
    """
    examples = _shown_examples()
    for path in document.get("paths", {}).values():
        for operation in path.values():
            shown = examples.get(operation.get("operationId", ""))
            if shown is None:
                continue
            requests, responses = shown
            content = operation["requestBody"]["content"]
            media_type = JSON_MEDIA_TYPE if JSON_MEDIA_TYPE in content else next(iter(content))
            content[media_type]["examples"] = requests
            for status, named in responses.items():
                response = operation["responses"][str(status)]
                response.setdefault("content", {}).setdefault(JSON_MEDIA_TYPE, {})
                response["content"][JSON_MEDIA_TYPE]["examples"] = named
    return document


def _ledger_problems(settings: Settings) -> dict[int | str, dict[str, Any]]:
    limit = ledgers.ledger_body_limit(settings)
    en, zh = limit.too_large
    descriptions = {
        400: "请求体不是完整的 multipart/form-data / The body is not complete multipart/form-data",
        413: f"{zh} / {en}",
        415: "Content-Type 不是 multipart/form-data / Content-Type is not multipart/form-data",
        422: "上传与映射不符、字段无效，或证据无法计数 / The uploads do not match the mapping, "
        "a field is invalid, or the evidence cannot be counted",
    }
    return {s: {"model": Problem, "description": d} for s, d in descriptions.items()}


def create_router(settings: Settings | None = None) -> APIRouter:
    """The ``/v1`` router with its operations, stable operation ids and documented errors.

    The assessment operations' named request examples and, beside them, the real answers
    to those requests are computed now from the calculator (``api.v1.examples``) and set
    on the document by ``with_examples``.
    """
    settings = settings if settings is not None else get_settings()
    router = APIRouter(prefix="/v1")
    _shown_examples()  # computed now, at start, not on the first request for the document
    router.add_api_route(
        "/assessments",
        create_assessment,
        methods=["POST"],
        operation_id="create_assessment",
        summary="评估一个案件 / Assess one case",
        description=_ASSESSMENT_DESCRIPTION,
        tags=["assessments"],
        response_model=schemas.Assessment,
        response_description="评估结果 / The assessment",
        responses=_problems(400, 413, 415, 422),
        route_class_override=JsonBodyRoute,
    )
    router.add_api_route(
        "/assessments/batch",
        create_assessment_batch,
        methods=["POST"],
        operation_id="create_assessment_batch",
        summary="批量评估 / Assess many cases",
        description=_BATCH_DESCRIPTION,
        tags=["assessments"],
        response_model=schemas.BatchResponse,
        response_description="逐项结果 / One result per item",
        responses=_problems(400, 413, 415, 422),
        route_class_override=BatchBodyRoute,
    )
    router.add_api_route(
        "/ledgers",
        ledgers.create_ledger,
        methods=["POST"],
        operation_id="create_ledger",
        summary="计数台账：上传证据，按第十一条计数 / Count uploaded evidence under Art. 11",
        description=ledgers.ledger_description(settings),
        tags=["ledgers"],
        response_model=ledgers.LedgerResult,
        response_description="三种计数口径、主结论请求与报告，与命令行相同 / The variants, the "
        "headline request and the report, as the command line prints them",
        responses=_ledger_problems(settings),
        openapi_extra={"requestBody": ledgers.ledger_request_body()},
    )
    router.add_api_route(
        "/provisions",
        list_provisions,
        methods=["GET"],
        operation_id="list_provisions",
        summary="全部条文 / Every provision",
        description="计算器引用的全部条文，原文照录。\n\nEvery provision the calculator "
        "cites, with its verbatim text.",
        tags=["reference"],
        response_model=schemas.ProvisionList,
        response_description="条文 / The provisions",
    )
    router.add_api_route(
        "/provisions/{provision_id}",
        get_provision,
        methods=["GET"],
        operation_id="get_provision",
        summary="一条条文 / One provision",
        description="按编号取一条条文（如 5.1.3、CL253-1.1）。\n\nOne provision by id "
        "(e.g. 5.1.3, CL253-1.1).",
        tags=["reference"],
        response_model=schemas.Provision,
        response_description="条文 / The provision",
        responses=_problems(404),
    )
    router.add_api_route(
        "/rulesets",
        list_rulesets,
        methods=["GET"],
        operation_id="list_rulesets",
        summary="参数集 / Parameter sets",
        description="参数集及其施行日期与数值（数量、倍数、金额），刑法第二百五十三条之一的各时期文本，"
        "以及类别名称。\n\nThe parameter sets with their effective dates and values "
        "(thresholds, factors, amounts), the texts of CL253-1 by date, and the categories' "
        "names.",
        tags=["reference"],
        response_model=schemas.RulesetList,
        response_description="参数集 / The parameter sets",
    )
    return router
