"""JSON in and out: the exact reading of request bodies, one encoder, and the canonical form.

In: a body is read with the standard library's parser (its C scanner) so that nothing
that changes a legal result is lost on the way. Numbers with a fraction or an exponent
are kept as ``Decimal`` with their exact written value (a float would read
``49.99999999999999999`` as 50 and cross the 50-record line); ``NaN`` and ``Infinity``
are refused; a key written twice in one object, and a string (key or value) holding a
lone surrogate escape such as ``\\ud800``, are reported as faults at their JSON
location, so the answer names them instead of silently keeping the last key or failing
the whole body. Objects are checked for repeated keys as they are built (one length
comparison each); the document is walked to locate a fault only when there is one.

Out: bodies are plain dicts, lists, strings, integers, booleans and ``None`` made
directly from the core's results, so they are encoded once, with no second validation
pass. orjson writes compact UTF-8 with non-ASCII text (the statute's Chinese) unescaped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NoReturn

import orjson

__all__ = ["Document", "JsonTextError", "NotUtf8Error", "canonical", "dumps", "parse"]

Location = tuple[str | int, ...]


class NotUtf8Error(ValueError):
    """The body's bytes are not UTF-8 text."""


_REASONS_ZH = {
    "Expecting value": "此处应为一个值",
    "Expecting ',' delimiter": "此处应为逗号",
    "Expecting ':' delimiter": "此处应为冒号",
    "Expecting property name enclosed in double quotes": "此处应为用双引号括起的键名",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "字符串中有未转义的控制字符",
    "Invalid \\escape": "无效的转义序列",
    "Invalid \\uXXXX escape": "无效的 \\uXXXX 转义序列",
    "Extra data": "一个 JSON 文档之后还有其他内容",
    "Illegal trailing comma before end of object": "对象末尾有多余的逗号",
    "Illegal trailing comma before end of array": "数组末尾有多余的逗号",
}


class JsonTextError(ValueError):
    """The body is UTF-8 text but not one JSON document; ``reason`` says why (no input).

    ``reason_zh`` says it in Chinese (the parser's own words are kept when it has no
    translation here).
    """

    def __init__(self, reason: str, reason_zh: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_zh = reason_zh if reason_zh is not None else reason


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed body and the faults found in its text, each ``{type, loc}`` like pydantic's.

    ``type`` is ``duplicate_key`` (``loc`` names the repeated key) or ``string_unicode``
    (``loc`` names the string, or the key, holding a lone surrogate).
    """

    value: Any
    faults: tuple[dict[str, Any], ...]


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _refuse_constant(name: str) -> NoReturn:
    raise JsonTextError(f"{name} is not a JSON number", f"{name} 不是 JSON 数字")


def _is_unicode(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _repeated(pairs: list[tuple[str, Any]]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for key, _ in pairs:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    return repeated


def _locate(value: Any, repeated: dict[int, list[str]], surrogates: bool) -> list[dict[str, Any]]:
    """Every fault, in document order, found by one walk (iterative: depth costs no stack).

    A stack entry is a value to visit at its location, or (``kind`` set) a fault to record.
    """
    faults: list[dict[str, Any]] = []
    stack: list[tuple[Any, Location, str | None]] = [(value, (), None)]
    while stack:
        node, loc, kind = stack.pop()
        if kind is not None:
            faults.append({"type": kind, "loc": loc})
        elif isinstance(node, dict):
            twice = repeated.get(id(node), ())
            children: list[tuple[Any, Location, str | None]] = []
            for key, child in node.items():
                here = (*loc, key)
                if key in twice:
                    children.append((None, here, "duplicate_key"))
                if surrogates and not _is_unicode(key):
                    children.append((None, here, "string_unicode"))
                children.append((child, here, None))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend(reversed([(child, (*loc, i), None) for i, child in enumerate(node)]))
        elif surrogates and isinstance(node, str) and not _is_unicode(node):
            faults.append({"type": "string_unicode", "loc": loc})
    return faults


def parse(raw: bytes) -> Document:
    """The body as one JSON document with exact numbers, and the faults in its text.

    Raises ``NotUtf8Error`` for bytes that are not UTF-8 and ``JsonTextError`` for text
    that is not one JSON document (including ``NaN``, a number of more than 4300 digits,
    and nesting deeper than the parser's recursion limit).
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise NotUtf8Error from None
    repeated: dict[int, list[str]] = {}
    kept: list[dict[str, Any]] = []  # keeps every object with a repeat alive, so ids stay unique

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            kept.append(obj)
            repeated[id(obj)] = _repeated(pairs)
        return obj

    decoder = json.JSONDecoder(
        object_pairs_hook=build, parse_float=Decimal, parse_constant=_refuse_constant
    )
    try:
        value = decoder.decode(text)
    except json.JSONDecodeError as exc:
        zh = _REASONS_ZH.get(exc.msg, exc.msg)
        raise JsonTextError(
            f"{exc.msg} at line {exc.lineno} column {exc.colno}",
            f"第 {exc.lineno} 行第 {exc.colno} 列：{zh}",
        ) from None
    except RecursionError:
        raise JsonTextError("nested too deeply", "嵌套层数过多") from None
    except ValueError as exc:  # an integer longer than Python converts (4300 digits)
        if isinstance(exc, JsonTextError):
            raise
        raise JsonTextError("a number has too many digits", "数字的位数过多") from None
    surrogates = _SURROGATE_ESCAPE.search(raw) is not None
    if not repeated and not surrogates:
        return Document(value, ())
    return Document(value, tuple(_locate(value, repeated, surrogates)))


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON."""
    return orjson.dumps(value)


def canonical(value: Any) -> bytes:
    """Canonical JSON: sorted keys, compact separators, UTF-8 with non-ASCII unescaped.

    Dates are written ``YYYY-MM-DD`` and enums as their values.
    """
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
