"""Every problem in English and Chinese: title and detail by Accept-Language, both texts always."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.problems import INVALID_FACTS, INVALID_REQUEST, negotiate, translate
from api.settings import MAX_BODY_BYTES
from tests.api.conftest import case
from tests.api.test_problems import problem_of

CJK = re.compile(r"[\u4e00-\u9fff]")
ZH = {"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"}
EN = {"accept-language": "en-GB,en;q=0.9"}
JSON = {"content-type": "application/json"}


def is_chinese(text: str) -> bool:
    return CJK.search(text) is not None


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("", "en"),
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("ZH-hant-TW", "zh"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
        ("fr-FR, zh;q=0.5", "zh"),
        ("fr-FR, de", "en"),
        ("*", "en"),
        ("en;q=0.4, *;q=0.5", "zh"),
        ("zh;q=0, *", "en"),
        ("zh;q=0.5, en;q=0.5", "en"),
        ("zh;q=1.5", "en"),
        ("zhx, chinese", "en"),
        ("zh;q=0.001", "zh"),
        ("garbage;;;,,", "en"),
    ],
)
def test_the_language_follows_accept_language(header: str, language: str) -> None:
    """Chinese when a zh range outweighs every en range (RFC 9110 §12.5.4); English otherwise."""
    assert negotiate(header) == language


def _check_language(response: Any, status: int, language: str) -> dict[str, Any]:
    body = problem_of(response, status)
    assert response.headers["content-language"] == ("zh-CN" if language == "zh" else "en")
    assert "Accept-Language" in response.headers["vary"]
    assert is_chinese(body["message_zh"])
    assert not is_chinese(body["message"])
    chosen = body["message_zh"] if language == "zh" else body["message"]
    assert body["detail"] == chosen
    assert is_chinese(body["title"]) == (language == "zh")
    for error in body["errors"]:
        assert is_chinese(error["message_zh"]), error
        assert not is_chinese(error["message"]), error
        assert error["detail"] == (error["message_zh"] if language == "zh" else error["message"])
    return body


@pytest.mark.parametrize(("headers", "language"), [(ZH, "zh"), (EN, "en"), ({}, "en")])
def test_a_validation_problem_is_in_the_negotiated_language_with_both_texts(
    client: TestClient, headers: dict[str, str], language: str
) -> None:
    """pydantic's errors: title, detail and each error's detail in the language asked for."""
    body = case(illegal_gains_cny=5000, records=[{"category": "secrets", "count": -1}])
    response = client.post("/v1/assessments", json=body, headers=headers)
    problem = _check_language(response, 422, language)
    assert problem["type"] == INVALID_REQUEST
    by_pointer = {e["pointer"]: e for e in problem["errors"]}
    assert "whereabouts" in by_pointer["/records/0/category"]["message_zh"]
    assert "必须是以下之一" in by_pointer["/records/0/category"]["message_zh"]
    assert "0 或以上" in by_pointer["/records/0/count"]["message_zh"]
    assert "十进制字符串" in by_pointer["/illegal_gains_cny"]["message_zh"]


@pytest.mark.parametrize(
    ("body", "pointer", "zh"),
    [
        (case(conduct_date="2009-02-27"), "/conduct_date", "不得早于 2009-02-28"),
        (case(conduct_date="2999-01-01"), "/conduct_date", "不得晚于今天"),
        (
            case(illegal_gains_cny="100", illegal_gains_from_duty_cny="100.01"),
            "/illegal_gains_from_duty_cny",
            "不得超过 illegal_gains_cny",
        ),
        (
            {"circumstances": {"prior_administrative_penalty_date": "2022-01-01"}},
            "/circumstances/prior_administrative_penalty_date",
            "二年期间",
        ),
    ],
    ids=["before-cl253-1", "future", "duty-gains-over-total", "penalty-date-without-conduct-date"],
)
def test_the_cores_invalid_facts_are_translated_into_chinese(
    client: TestClient, body: dict[str, Any], pointer: str, zh: str
) -> None:
    """Each InvalidFacts text of the core has its own Chinese, not a generic fallback."""
    response = client.post("/v1/assessments", json=body, headers=ZH)
    problem = _check_language(response, 422, "zh")
    assert problem["type"] == INVALID_FACTS
    assert problem["title"] == "事实无法依法适用"
    (error,) = problem["errors"]
    assert error["pointer"] == pointer
    assert zh in error["message_zh"]
    assert error["message_zh"] != translate("no such text", 422)


def test_a_future_date_keeps_its_date_in_chinese(client: TestClient) -> None:
    """The date the core names (today, China Standard Time) is kept in the Chinese text."""
    response = client.post("/v1/assessments", json=case(conduct_date="2999-01-01"), headers=ZH)
    error = response.json()["errors"][0]
    (day,) = re.findall(r"\d{4}-\d{2}-\d{2}", error["message"])
    assert error["message_zh"] == f"不得晚于今天（{day}，北京时间）"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_http_errors_are_in_the_negotiated_language(client: TestClient, language: str) -> None:
    """404, 405, 415, 400, a streamed 413 and a provision not found: both texts, one shown."""
    headers = ZH if language == "zh" else EN
    checks = [
        (client.get("/v2/nothing", headers=headers), 404, "此地址没有资源"),
        (client.get("/v1/provisions/9.9.9", headers=headers), 404, "没有此编号的条文"),
        (client.put("/v1/assessments", json=case(), headers=headers), 405, "Allow"),
        (
            client.post("/v1/assessments", content=b"{}", headers=headers),
            415,
            "Content-Type",
        ),
        (
            client.post("/v1/assessments", content=b"\xff{}", headers={**headers, **JSON}),
            400,
            "UTF-8",
        ),
    ]
    for response, status, zh in checks:
        body = _check_language(response, status, language)
        assert zh in body["message_zh"]

    def chunks() -> Any:
        for _ in range(3):
            yield b" " * (1024 * 1024)

    streamed = client.post("/v1/assessments/batch", content=chunks(), headers={**headers, **JSON})
    assert "2 MiB" in _check_language(streamed, 413, language)["message_zh"]


def test_a_413_from_the_declared_length_still_carries_chinese(client: TestClient) -> None:
    """Refused before the app (no negotiation there), the problem still has message_zh."""
    response = client.post(
        "/v1/assessments", content=b" " * (MAX_BODY_BYTES + 1), headers={**ZH, **JSON}
    )
    body = problem_of(response, 413)
    assert is_chinese(body["message_zh"])
    assert str(MAX_BODY_BYTES) in body["message_zh"]


def test_batch_item_problems_are_in_the_negotiated_language(client: TestClient) -> None:
    """Each failed item's problem follows Accept-Language; the response varies on it."""
    items = [
        case(),
        case(records=[{"category": "general", "count": "5"}]),
        case(conduct_date="2999-01-01"),
    ]
    response = client.post("/v1/assessments/batch", json={"items": items}, headers=ZH)
    assert response.status_code == 200
    assert "Accept-Language" in response.headers["vary"]
    results = response.json()["results"]
    assert [r["status"] for r in results] == [200, 422, 422]
    for result in results[1:]:
        problem = result["problem"]
        assert is_chinese(problem["title"])
        assert problem["detail"] == problem["message_zh"]
        for error in problem["errors"]:
            assert error["detail"] == error["message_zh"]
            assert is_chinese(error["detail"])
            assert not is_chinese(error["message"])
    english = client.post("/v1/assessments/batch", json={"items": items}).json()["results"]
    assert not is_chinese(english[1]["problem"]["errors"][0]["detail"])


def test_body_faults_are_in_both_languages(client: TestClient) -> None:
    """Repeated keys, lone surrogates, not-JSON text and not-whole counts have Chinese too."""
    bodies = [
        '{"offender": "unit", "offender": "unit"}',
        '{"records": [{"category": "general", "count": 1, "label": "\\ud800"}]}',
        '{"records": [{"category": "general", "count": 49.99999999999999999}]}',
        '{"records": [',
        "NaN",
    ]
    for raw in bodies:
        response = client.post("/v1/assessments", content=raw.encode(), headers={**ZH, **JSON})
        _check_language(response, 422, "zh")


def test_every_field_error_kind_has_chinese(client: TestClient) -> None:
    """Every bad field of the bad-input tests gets a Chinese message of its own kind."""
    bodies: list[Any] = [
        case(records=[{"category": "general", "count": 1, "obtained_in_duty": 1}]),
        case(records=[{"category": "general", "count": 10**10, "recipients": 10**5}]),
        case(records=[{"category": "general", "count": 1, "label": "x" * 201}]),
        case(records=[{"category": "general", "count": 1}] * 101),
        case(
            records=[
                {"count": 1, "alternative_categories": ["health", "credit", "property", "general"]}
            ]
        ),
        case(conduct_date="2023-02-30", offender="company", surprise=1),
        case(circumstances=[], leniency_facts={"remorse": "x"}, business_purchase=1),
        case(records={}),
        [],
    ]
    messages: set[str] = set()
    for body in bodies:
        response = client.post("/v1/assessments", json=body, headers=ZH)
        problem = _check_language(response, 422, "zh")
        messages.update(e["message_zh"] for e in problem["errors"])
    assert "此处的值不符合约定" not in messages  # no kind fell through to the generic sentence
    expected = [
        "必须为 true 或 false",
        "必须为 1000000000 或以下",
        "必须为 10000 或以下",
        "最多 200 个字符",
        "最多 100 项",
        "最多 3 项",
        "必须填写",
        "必须是写作 YYYY-MM-DD 的公历日期",
        "必须是以下之一：'natural_person'、'unit'",
        "不是此对象的字段：不接受未知字段",
        "必须是 JSON 对象",
        "必须是 JSON 数组",
    ]
    assert [m for m in expected if m not in messages] == []
    batch = client.post("/v1/assessments/batch", json={"items": []}, headers=ZH)
    assert "至少 1 项" in _check_language(batch, 422, "zh")["errors"][0]["message_zh"]


def test_a_problem_never_carries_the_requests_values_in_either_language(
    client: TestClient,
) -> None:
    """The Chinese texts, like the English, are written from the error's kind, not its input."""
    marker = "Q7-私密-标记"
    body = case(
        illegal_gains_cny=marker, offender=marker, records=[{"category": marker, "count": 1}]
    )
    response = client.post("/v1/assessments", json=body, headers=ZH)
    assert marker not in response.text
    assert marker not in json.dumps(response.json(), ensure_ascii=False)


def test_a_long_accept_language_is_read_like_a_short_one() -> None:
    """A header past the remembered length gives the same answer, read afresh."""
    long_header = "fr;q=0.1, " * 20 + "zh-CN;q=0.9, en;q=0.8"
    assert len(long_header) > 128
    assert negotiate(long_header) == "zh"
    assert negotiate("de;q=0.1, " * 20 + "en") == "en"


@pytest.mark.parametrize(
    ("raw", "zh"),
    [
        (b'{"records": [', "第 1 行第 14 列：此处应为一个值"),
        (b'{"records" []}', "此处应为冒号"),
        (b'{"label": "\\q"}', "无效的转义序列"),
        (b"{} {}", "一个 JSON 文档之后还有其他内容"),
        (b"NaN", "NaN 不是 JSON 数字"),
    ],
)
def test_text_that_is_not_json_is_explained_in_chinese(
    client: TestClient, raw: bytes, zh: str
) -> None:
    """The parser's reason and the place (line, column) are said in Chinese too."""
    response = client.post("/v1/assessments", content=raw, headers={**ZH, **JSON})
    problem = _check_language(response, 422, "zh")
    (error,) = problem["errors"]
    assert error["pointer"] == ""
    assert zh in error["message_zh"]
