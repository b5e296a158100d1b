"""Every error as ``application/problem+json`` (RFC 9457), in one place, in two languages.

A problem is ``{type, title, status, detail, errors, message, message_zh}``; ``errors``
lists ``{pointer, detail, message, message_zh}`` where ``pointer`` is a JSON Pointer into
the request and the texts say what is allowed there. ``message`` is English and stable,
``message_zh`` Chinese; ``title`` and every ``detail`` are in the language the client
asked for (RFC 9457 §3.1, content negotiation on ``Accept-Language``: Chinese when a
``zh`` range is preferred, English otherwise), and the response says which in
``Content-Language`` (with ``Vary: Accept-Language``).

The request's values are never copied into a problem: pydantic's ``input`` is dropped
and every text is written from the error's kind and the schema's limits, never from what
was sent. The core's ``InvalidFacts`` carry English texts; their Chinese is looked up here
from fixed patterns (``translate``), and a text with no pattern falls back to a Chinese
sentence for its status, so no problem is ever without Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from http import HTTPStatus
from typing import Annotated, Any, Literal

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
    "Language",
    "Problem",
    "ProblemError",
    "error_entry",
    "install_problem_handlers",
    "invalid_facts_problem",
    "language_headers",
    "negotiate",
    "pointer",
    "problem",
    "problem_response",
    "request_language",
    "translate",
    "validation_errors",
    "validation_problem",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
INVALID_REQUEST = "urn:pi-severity:problem:invalid-request"
INVALID_FACTS = "urn:pi-severity:problem:invalid-facts"

Language = Literal["en", "zh"]
"""The two languages of every problem: English (``en``, the default) and Chinese (``zh``)."""

_CONTENT_LANGUAGE: dict[Language, str] = {"en": "en", "zh": "zh-CN"}

_MONEY = (
    "must be a decimal string of yuan in ASCII digits 0-9: non-negative, at most 2 decimal "
    'places, at most 999999999999.99 (e.g. "5000" or "4999.99"); a JSON number is not accepted',
    "必须是以元为单位、只用 ASCII 数字 0-9 书写的十进制字符串：非负，最多两位小数，不超过 "
    '999999999999.99（如 "5000" 或 "4999.99"）；不接受 JSON 数字或全角、其他文字的数字',
)
_DATE = ("must be a calendar date written YYYY-MM-DD", "必须是写作 YYYY-MM-DD 的公历日期")
_WHOLE = (
    "must be a whole number (a JSON integer, or a number whose exact value is whole, "
    "such as 50.0 or 1e3)",
    "必须是整数（JSON 整数，或精确值为整数的数，如 50.0、1e3）",
)


def _doc(zh: str, en: str) -> str:
    return f"{zh}\n\n{en}"


_MESSAGE_DOC = _doc("英文说明（文字固定，可供程序比对）。", "The text in English (stable).")
_MESSAGE_ZH_DOC = _doc("中文说明。", "The text in Chinese.")


class ProblemError(BaseModel):
    """一处错误：指向请求中位置的 JSON Pointer 及允许的取值（中英文）。

    One error: a JSON Pointer into the request and what is allowed there, in English and
    Chinese.
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
    detail: Annotated[
        str,
        Field(
            description=_doc(
                "允许的取值，使用按 Accept-Language 协商的语言（message 或 message_zh）。",
                "What is allowed there, in the language negotiated from Accept-Language "
                "(message or message_zh).",
            )
        ),
    ]
    message: Annotated[str, Field(description=_MESSAGE_DOC)]
    message_zh: Annotated[str, Field(description=_MESSAGE_ZH_DOC)]


class Problem(BaseModel):
    """错误说明（RFC 9457 application/problem+json），中英文，从不回显请求中的值。

    An error (RFC 9457 application/problem+json) in English and Chinese. The request's
    values are never echoed.
    """

    model_config = ConfigDict(extra="forbid")

    type: Annotated[str, Field(description=_doc("问题类型（URI）。", "Problem type (a URI)."))]
    title: Annotated[
        str,
        Field(
            description=_doc(
                "简短标题，使用按 Accept-Language 协商的语言。",
                "Short summary, in the language negotiated from Accept-Language.",
            )
        ),
    ]
    status: Annotated[int, Field(description=_doc("HTTP 状态码。", "HTTP status code."))]
    detail: Annotated[
        str,
        Field(
            description=_doc(
                "说明，使用按 Accept-Language 协商的语言（中文：zh；其他：英文）。",
                "Explanation, in the language negotiated from Accept-Language (Chinese for "
                "zh, English otherwise).",
            )
        ),
    ]
    errors: Annotated[
        list[ProblemError],
        Field(description=_doc("逐项错误（可能为空）。", "Errors one by one (may be empty).")),
    ]
    message: Annotated[str, Field(description=_MESSAGE_DOC)]
    message_zh: Annotated[str, Field(description=_MESSAGE_ZH_DOC)]


# ---------------------------------------------------------------------------
# Language


_RANGE = re.compile(
    r"^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$"
)


def _quality(text: str | None) -> int:
    """A q-value (RFC 9110 §12.4.2) in thousandths, read as text; malformed is 0."""
    if text is None:
        return 1000
    if not re.fullmatch(r"0(\.\d{0,3})?|1(\.0{0,3})?", text):
        return 0
    whole, _, fraction = text.partition(".")
    return int(whole) * 1000 + int((fraction + "000")[:3])


def negotiate(accept_language: str) -> Language:
    """The language of a problem for an ``Accept-Language`` header (see ``_negotiate``).

    Ordinary headers are remembered (a few hundred distinct values): reading
    ``zh-CN,zh;q=0.9,en;q=0.8`` takes 6.8 µs, remembering it 0.1 µs, on every batch and
    every problem. A long one is read each time, so the memory kept stays small whatever
    clients send.
    """
    if len(accept_language) > 128:
        return _negotiate.__wrapped__(accept_language)
    return _negotiate(accept_language)


@lru_cache(maxsize=512)
def _negotiate(accept_language: str) -> Language:
    """The language of a problem for an ``Accept-Language`` header (RFC 9110 §12.5.4).

    Chinese when a ``zh`` range (``zh``, ``zh-CN``, ``zh-Hant-TW`` …) weighs more than
    every ``en`` range; English otherwise, including when there is no header, when it
    names neither language, and on a tie (English is the default). ``*`` weighs for
    whichever language is not named. A range weighted ``q=0`` excludes its language.
    """
    weights: dict[str, int] = {}
    wildcard = 0
    for part in accept_language.split(",")[:32]:
        match = _RANGE.match(part)
        if match is None:
            continue
        tag, q = match.group(1).lower(), _quality(match.group(2))
        primary = tag.split("-", 1)[0]
        if tag == "*":
            wildcard = max(wildcard, q)
        elif primary in {"zh", "en"}:
            weights[primary] = max(weights.get(primary, 0), q)
    zh = weights.get("zh", wildcard)
    en = weights.get("en", wildcard)
    return "zh" if zh > en else "en"


def request_language(request: Request) -> Language:
    """The negotiated language of a request's problems."""
    return negotiate(request.headers.get("accept-language", ""))


def language_headers(language: Language) -> dict[str, str]:
    """``Content-Language`` of a problem and ``Vary: Accept-Language``."""
    return {"Content-Language": _CONTENT_LANGUAGE[language], "Vary": "Accept-Language"}


# ---------------------------------------------------------------------------
# Texts


_STATUS_ZH = {
    400: ("请求错误", "请求体必须是 UTF-8 编码的 JSON 文本"),
    404: ("未找到", "此地址没有资源；GET /openapi.json 列出全部操作"),
    405: ("不允许的请求方法", "此处不允许该请求方法；允许的方法见 Allow 响应头"),
    408: ("请求超时", "请求体未在规定时间内送达"),
    413: ("请求体过大", "请求体超过本服务允许的大小"),
    415: ("不支持的媒体类型", "请求必须带有 Content-Type: application/json"),
    422: ("请求无法处理", "请求的内容无法处理；见 errors"),
    429: ("请求过多", "请求过多，请稍后再试"),
    431: ("请求头过大", "请求头的大小或数量超过本服务允许的范围"),
    500: ("服务内部错误", "服务未能作答，请稍后再试"),
    503: ("服务暂不可用", "服务暂时无法作答，请稍后再试"),
}
"""Chinese title and fallback detail per status."""

_FIXED = {
    400: ("the request body must be JSON text in UTF-8", "请求体必须是 UTF-8 编码的 JSON 文本"),
    405: (
        "this method is not allowed here; the Allow header lists the methods that are",
        "此处不允许该请求方法；允许的方法见 Allow 响应头",
    ),
    413: ("the request body must be at most 2 MiB", "请求体不得超过 2 MiB"),
    415: (
        "requests must send Content-Type: application/json",
        "请求必须带有 Content-Type: application/json",
    ),
}
_DEFAULT = {
    404: (
        "there is no resource at this address; GET /openapi.json lists the operations",
        "此地址没有资源；GET /openapi.json 列出全部操作",
    ),
}

_DATE_RE = r"(\d{4}-\d{2}-\d{2})"
_TRANSLATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), zh)
    for pattern, zh in (
        # calculator.assess.validate (InvalidFacts)
        (
            rf"must be on or after {_DATE_RE}, when CL253-1 came into force \(Amendment VII\); "
            r"earlier conduct is not an offence under this article",
            r"不得早于 \1（刑法第二百五十三条之一自《刑法修正案（七）》施行之日起施行）；"
            r"此前的行为不构成本条之罪",
        ),
        (
            rf"must not be after today \({_DATE_RE}, China Standard Time\)",
            r"不得晚于今天（\1，北京时间）",
        ),
        (
            r"requires conduct_date: the two-year window of 5\.1\.9 is counted back from the "
            r"conduct date",
            "须同时填写 conduct_date（行为日期）：第五条第一款第九项的二年期间自行为日期起向前计算",
        ),
        (r"must be 0 or more", "必须为 0 或以上"),
        (
            r"must be a non-negative amount in yuan with at most 2 decimal places",
            "必须是非负的金额（元），最多两位小数",
        ),
        (
            r"must not exceed illegal_gains_cny: it is the part of the total that came from "
            r"information obtained in duty",
            "不得超过 illegal_gains_cny（违法所得总额）：它是总额中来自履行职责或者提供服务过程中"
            "获得的信息的部分",
        ),
        (r"no statute in force", "行为日期时没有施行中的法条"),
        # HTTP errors raised with their own detail
        (
            r"no provision has this id; GET /v1/provisions lists them",
            "没有此编号的条文；GET /v1/provisions 列出全部条文",
        ),
        (r"the request body must be at most (\d+) bytes", r"请求体不得超过 \1 字节"),
        (r"the service failed to answer; try again later", "服务未能作答，请稍后再试"),
        (
            r"the calculator's self-check case did not give the expected tier",
            "计算器的自检案例未得出预期的档次",
        ),
    )
)


def translate(english: str, status: int) -> str:
    """The Chinese of one of the service's own English texts; the status's sentence if unknown."""
    for pattern, zh in _TRANSLATIONS:
        if pattern.fullmatch(english):
            return pattern.sub(zh, english)
    return _STATUS_ZH.get(status, ("", "请求无法处理"))[1]


def _title_zh(status: int) -> str:
    return _STATUS_ZH[status][0] if status in _STATUS_ZH else HTTPStatus(status).phrase


def error_entry(pointer: str, en: str, zh: str, language: Language = "en") -> dict[str, str]:
    """One entry of ``errors``: the pointer, the negotiated ``detail``, both texts."""
    return {
        "pointer": pointer,
        "detail": zh if language == "zh" else en,
        "message": en,
        "message_zh": zh,
    }


def problem(
    status: int,
    detail: str,
    *,
    type_: str = "about:blank",
    title: str | None = None,
    errors: Sequence[Mapping[str, str]] = (),
    detail_zh: str | None = None,
    title_zh: str | None = None,
    language: Language = "en",
) -> dict[str, Any]:
    """A problem body in ``language``, carrying both texts as ``message``/``message_zh``.

    ``title`` defaults to the HTTP status phrase (its Chinese to a fixed name per status);
    ``detail_zh`` defaults to the Chinese of ``detail`` (``translate``). ``errors`` are
    entries made by ``error_entry``.
    """
    zh = detail_zh if detail_zh is not None else translate(detail, status)
    if language == "zh":
        shown_title = title_zh if title_zh is not None else _title_zh(status)
    else:
        shown_title = title if title is not None else HTTPStatus(status).phrase
    return {
        "type": type_,
        "title": shown_title,
        "status": status,
        "detail": zh if language == "zh" else detail,
        "errors": list(errors),
        "message": detail,
        "message_zh": zh,
    }


def problem_response(
    body: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
    *,
    language: Language = "en",
) -> Response:
    """The problem as an ``application/problem+json`` response in ``language``."""
    return Response(
        dumps(body),
        status_code=body["status"],
        headers={**(headers or {}), **language_headers(language)},
        media_type=PROBLEM_MEDIA_TYPE,
    )


def _pointer_text(part: str | int) -> str:
    text = str(part)
    if not text.isascii():
        # A lone surrogate escape cannot be written in UTF-8: it is named as it was escaped.
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text.replace("~", "~0").replace("/", "~1")


def pointer(location: Iterable[str | int], prefix: str = "") -> str:
    """A JSON Pointer (RFC 6901) from a location path, after ``prefix``.

    A key holding a lone surrogate (which no UTF-8 text can carry) is written with the
    escape the client sent (``\\ud800``).
    """
    parts = [prefix]
    for part in location:
        parts.append(_pointer_text(part))
    return "/".join(parts)


# ---------------------------------------------------------------------------
# Validation errors


def _zh_list(expected: str) -> str:
    """pydantic's ``'a', 'b' or 'c'`` written the Chinese way: ``'a'、'b'、'c'``."""
    return expected.replace(" or ", ", ").replace(", ", "、")


def _allowed(error: Mapping[str, Any]) -> tuple[str, str]:
    """What is allowed where the error is (English, Chinese), from its kind and limits only."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    loc = error.get("loc") or ()
    field = loc[-1] if loc else ""
    money = isinstance(field, str) and field.endswith("_cny")
    if kind == "missing":
        return "is required", "必须填写"
    if kind == "extra_forbidden":
        return (
            "is not a field of this object: unknown fields are rejected",
            "不是此对象的字段：不接受未知字段",
        )
    if kind == "duplicate_key":
        return (
            "is a key that appears more than once in its object: each key must appear once",
            "此键在同一对象中出现了不止一次：每个键只能出现一次",
        )
    if money and kind in {"string_type", "string_pattern_mismatch"}:
        return _MONEY
    if kind.startswith("date_"):
        return _DATE
    if kind == "enum":
        expected = str(ctx.get("expected", ""))
        return f"must be one of: {expected}", f"必须是以下之一：{_zh_list(expected)}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        return f"must be {expected}", f"必须为 {_zh_list(expected)}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return _WHOLE
    if kind == "int_parsing_size":
        return (
            "must be a whole number within the field's documented maximum",
            "必须是不超过此字段所载上限的整数",
        )
    if kind == "bool_type":
        return "must be true or false", "必须为 true 或 false"
    if kind == "string_type":
        return "must be a string", "必须是字符串"
    if kind == "string_unicode":
        return (
            "must be Unicode text (no unpaired surrogate escapes such as \\ud800)",
            "必须是有效的 Unicode 文本（不得含有未配对的代理项转义，如 \\ud800）",
        )
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be a JSON object", "必须是 JSON 对象"
    if kind in {"list_type", "tuple_type"}:
        return "must be a JSON array", "必须是 JSON 数组"
    if kind == "greater_than_equal":
        ge = ctx.get("ge")
        return f"must be {ge} or more", f"必须为 {ge} 或以上"
    if kind == "less_than_equal":
        le = ctx.get("le")
        return f"must be {le} or less", f"必须为 {le} 或以下"
    if kind == "too_long":
        most = ctx.get("max_length")
        return f"must have at most {most} items", f"最多 {most} 项"
    if kind == "too_short":
        least = ctx.get("min_length")
        return f"must have at least {least} item(s)", f"至少 {least} 项"
    if kind == "string_too_long":
        most = ctx.get("max_length")
        return f"must be at most {most} characters", f"最多 {most} 个字符"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        return f"must match the pattern {pattern}", f"必须符合格式 {pattern}"
    if kind == "json_invalid":
        reason = ctx.get("error", "not JSON")
        return (
            f"must be valid JSON ({reason})",
            f"必须是有效的 JSON 文本（{ctx.get('error_zh', reason)}）",
        )
    return str(error.get("msg", "is not allowed here")), "此处的值不符合约定"


def validation_errors(
    errors: Iterable[Mapping[str, Any]],
    prefix: str = "",
    *,
    skip: int = 0,
    language: Language = "en",
) -> list[dict[str, str]]:
    """An ``errors`` entry for each pydantic error; ``skip`` drops leading location parts."""
    out: list[dict[str, str]] = []
    for error in errors:
        loc = tuple(error.get("loc") or ())[skip:]
        if error.get("type") == "json_invalid":
            loc = ()  # the location is a character offset, not a place in the document
        en, zh = _allowed(error)
        out.append(error_entry(pointer(loc, prefix), en, zh, language))
    return out


def validation_problem(
    errors: Iterable[Mapping[str, Any]],
    prefix: str = "",
    *,
    skip: int = 0,
    language: Language = "en",
) -> dict[str, Any]:
    """422: the body does not match the contract."""
    listed = validation_errors(errors, prefix, skip=skip, language=language)
    return problem(
        422,
        f"{len(listed)} part(s) of the request do not match the contract; see errors",
        detail_zh=f"请求中有 {len(listed)} 处不符合约定；见 errors",
        type_=INVALID_REQUEST,
        title="Request does not match the contract",
        title_zh="请求不符合约定",
        errors=listed,
        language=language,
    )


def invalid_facts_problem(
    exc: InvalidFacts, prefix: str = "", *, language: Language = "en"
) -> dict[str, Any]:
    """422: facts the law cannot be applied to (the core's ``InvalidFacts``)."""
    return problem(
        422,
        "the facts cannot be assessed under CL253-1 as stated; see errors",
        detail_zh="所述事实无法依刑法第二百五十三条之一评估；见 errors",
        type_=INVALID_FACTS,
        title="Facts the law cannot be applied to",
        title_zh="事实无法依法适用",
        errors=[
            error_entry(prefix + e.pointer, e.detail, translate(e.detail, 422), language)
            for e in exc.errors
        ],
        language=language,
    )


# ---------------------------------------------------------------------------
# Handlers


async def _on_validation_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, RequestValidationError):  # pragma: no cover - registered for it
        raise exc
    language = request_language(request)
    return problem_response(
        validation_problem(exc.errors(), skip=1, language=language), language=language
    )


async def _on_invalid_facts(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, InvalidFacts):  # pragma: no cover - registered for it
        raise exc
    language = request_language(request)
    return problem_response(invalid_facts_problem(exc, language=language), language=language)


async def _on_http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):  # pragma: no cover - registered for it
        raise exc
    code = exc.status_code
    phrase = HTTPStatus(code).phrase
    en, zh = _FIXED.get(code) or (
        (exc.detail, translate(exc.detail, code))
        if exc.detail != phrase
        else _DEFAULT.get(code, (phrase, _STATUS_ZH.get(code, ("", phrase))[1]))
    )
    language = request_language(request)
    return problem_response(
        problem(code, en, detail_zh=zh, language=language),
        headers=exc.headers,
        language=language,
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Answer validation errors, invalid facts and HTTP errors with problem+json."""
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(InvalidFacts, _on_invalid_facts)
    app.add_exception_handler(HTTPException, _on_http_error)
