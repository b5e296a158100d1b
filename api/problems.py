"""Every error as ``application/problem+json`` (RFC 9457), in one place.

A problem is ``{type, title, status, detail, errors}``; ``errors`` lists
``{pointer, detail}`` where ``pointer`` is a JSON Pointer into the request and
``detail`` says what is allowed there. The request's values are never copied into a
problem: pydantic's ``input`` is dropped and every detail is written from the error's
kind and the schema's limits, never from what was sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.responses import Response

from api.encoding import dumps
from calculator import InvalidFacts

__all__ = [
    "INVALID_FACTS",
    "INVALID_REQUEST",
    "PROBLEM_MEDIA_TYPE",
    "Problem",
    "ProblemError",
    "install_problem_handlers",
    "invalid_facts_problem",
    "pointer",
    "problem",
    "problem_response",
    "validation_problem",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
INVALID_REQUEST = "urn:pi-severity:problem:invalid-request"
INVALID_FACTS = "urn:pi-severity:problem:invalid-facts"

_MONEY_DETAIL = (
    "must be a decimal string of yuan: non-negative, at most 2 decimal places, at most "
    '999999999999.99 (e.g. "5000" or "4999.99"); a JSON number is not accepted'
)
_DATE_DETAIL = "must be a calendar date written YYYY-MM-DD"


def _doc(zh: str, en: str) -> str:
    return f"{zh}\n\n{en}"


class ProblemError(BaseModel):
    """一处错误：指向请求中位置的 JSON Pointer 及允许的取值。

    One error: a JSON Pointer into the request and what is allowed there.
    """

    model_config = ConfigDict(extra="forbid")

    pointer: Annotated[
        str,
        Field(
            description=_doc(
                "指向请求中出错位置的 JSON Pointer（如 /records/2/count）；空字符串指整个请求体。",
                "JSON Pointer into the request (e.g. /records/2/count, "
                "/items/5/illegal_gains_cny); the empty string is the whole body.",
            )
        ),
    ]
    detail: Annotated[str, Field(description=_doc("允许的取值。", "What is allowed there."))]


class Problem(BaseModel):
    """错误说明（RFC 9457 application/problem+json），从不回显请求中的值。

    An error (RFC 9457 application/problem+json). The request's values are never echoed.
    """

    model_config = ConfigDict(extra="forbid")

    type: Annotated[str, Field(description=_doc("问题类型（URI）。", "Problem type (a URI)."))]
    title: Annotated[str, Field(description=_doc("简短标题。", "Short summary."))]
    status: Annotated[int, Field(description=_doc("HTTP 状态码。", "HTTP status code."))]
    detail: Annotated[str, Field(description=_doc("说明。", "Explanation."))]
    errors: Annotated[
        list[ProblemError],
        Field(description=_doc("逐项错误（可能为空）。", "Errors one by one (may be empty).")),
    ]


def problem(
    status: int,
    detail: str,
    *,
    type_: str = "about:blank",
    title: str | None = None,
    errors: Sequence[Mapping[str, str]] = (),
) -> dict[str, Any]:
    """A problem body; ``title`` defaults to the HTTP status phrase."""
    return {
        "type": type_,
        "title": title if title is not None else HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": list(errors),
    }


def problem_response(body: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> Response:
    """The problem as an ``application/problem+json`` response."""
    return Response(
        dumps(body), status_code=body["status"], headers=headers, media_type=PROBLEM_MEDIA_TYPE
    )


def pointer(location: Iterable[str | int], prefix: str = "") -> str:
    """A JSON Pointer (RFC 6901) from a location path, after ``prefix``."""
    parts = [prefix]
    for part in location:
        parts.append(str(part).replace("~", "~0").replace("/", "~1"))
    return "/".join(parts)


def _allowed(error: Mapping[str, Any]) -> str:
    """What is allowed where the error is, from its kind and the schema's limits only."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    loc = error.get("loc") or ()
    field = loc[-1] if loc else ""
    money = isinstance(field, str) and field.endswith("_cny")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of this object: unknown fields are rejected"
    if money and kind in {"string_type", "string_pattern_mismatch"}:
        return _MONEY_DETAIL
    if kind.startswith("date_"):
        return _DATE_DETAIL
    if kind == "enum":
        return f"must be one of: {ctx.get('expected', '')}"
    if kind == "literal_error":
        return f"must be {ctx.get('expected', '')}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "must be a whole number (a JSON integer)"
    if kind == "int_parsing_size":
        return "must be a whole number within the field's documented maximum"
    if kind == "bool_type":
        return "must be true or false"
    if kind == "string_type":
        return "must be a string"
    if kind == "string_unicode":
        return "must be Unicode text (no unpaired surrogate escapes)"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be a JSON object"
    if kind == "list_type":
        return "must be a JSON array"
    if kind == "greater_than_equal":
        return f"must be {ctx.get('ge')} or more"
    if kind == "less_than_equal":
        return f"must be {ctx.get('le')} or less"
    if kind == "too_long":
        return f"must have at most {ctx.get('max_length')} items"
    if kind == "too_short":
        return f"must have at least {ctx.get('min_length')} item(s)"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return f"must match the pattern {ctx.get('pattern')}"
    if kind == "json_invalid":
        return f"must be valid JSON ({ctx.get('error', 'not JSON')})"
    return str(error.get("msg", "is not allowed here"))


def validation_errors(
    errors: Iterable[Mapping[str, Any]], prefix: str = "", *, skip: int = 0
) -> list[dict[str, str]]:
    """``{pointer, detail}`` for each pydantic error; ``skip`` drops leading location parts."""
    out: list[dict[str, str]] = []
    for error in errors:
        loc = tuple(error.get("loc") or ())[skip:]
        if error.get("type") == "json_invalid":
            loc = ()  # the location is a character offset, not a place in the document
        out.append({"pointer": pointer(loc, prefix), "detail": _allowed(error)})
    return out


def validation_problem(
    errors: Iterable[Mapping[str, Any]], prefix: str = "", *, skip: int = 0
) -> dict[str, Any]:
    """422: the body does not match the contract."""
    listed = validation_errors(errors, prefix, skip=skip)
    return problem(
        422,
        f"{len(listed)} part(s) of the request do not match the contract; see errors",
        type_=INVALID_REQUEST,
        title="Request does not match the contract",
        errors=listed,
    )


def invalid_facts_problem(exc: InvalidFacts, prefix: str = "") -> dict[str, Any]:
    """422: facts the law cannot be applied to (the core's ``InvalidFacts``)."""
    return problem(
        422,
        "the facts cannot be assessed under CL253-1 as stated; see errors",
        type_=INVALID_FACTS,
        title="Facts the law cannot be applied to",
        errors=[{"pointer": prefix + e.pointer, "detail": e.detail} for e in exc.errors],
    )


_FIXED_DETAIL = {
    400: "the request body must be JSON text in UTF-8",
    405: "this method is not allowed here; the Allow header lists the methods that are",
    413: "the request body must be at most 2 MiB",
    415: "requests must send Content-Type: application/json",
}
_DEFAULT_DETAIL = {
    404: "there is no resource at this address; GET /openapi.json lists the operations",
}


async def _on_validation_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, RequestValidationError):  # pragma: no cover - registered for it
        raise exc
    return problem_response(validation_problem(exc.errors(), skip=1))


async def _on_invalid_facts(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, InvalidFacts):  # pragma: no cover - registered for it
        raise exc
    return problem_response(invalid_facts_problem(exc))


async def _on_http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):  # pragma: no cover - registered for it
        raise exc
    code = exc.status_code
    phrase = HTTPStatus(code).phrase
    detail = _FIXED_DETAIL.get(code) or (
        exc.detail if exc.detail != phrase else _DEFAULT_DETAIL.get(code, phrase)
    )
    return problem_response(problem(code, detail), headers=exc.headers)


def install_problem_handlers(app: FastAPI) -> None:
    """Answer validation errors, invalid facts and HTTP errors with problem+json."""
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(InvalidFacts, _on_invalid_facts)
    app.add_exception_handler(HTTPException, _on_http_error)
