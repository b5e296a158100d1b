"""Input that would change a legal result is refused, naming its field (single and batch)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from starlette.testclient import TestClient

from api.encoding import JsonTextError, parse
from api.problems import INVALID_REQUEST
from api.v1.schemas import RecordRow
from tests.api.conftest import case
from tests.api.test_problems import problem_of

JSON = {"content-type": "application/json"}


def post(client: TestClient, path: str, raw: str) -> Any:
    """POST raw JSON text (so that its exact spelling reaches the service)."""
    return client.post(path, content=raw.encode("utf-8"), headers=JSON)


def batch_of(*items: str) -> str:
    return '{"items": [' + ", ".join(items) + "]}"


def single_problem(client: TestClient, raw: str) -> dict[str, Any]:
    return problem_of(post(client, "/v1/assessments", raw), 422)


def batch_results(client: TestClient, raw: str) -> list[dict[str, Any]]:
    response = post(client, "/v1/assessments/batch", raw)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


VALID = json.dumps(case())


# ---------------------------------------------------------------------------
# Money: ASCII digits only


@pytest.mark.parametrize(
    "amount",
    ["５０００", "٥٠٠٠", "۵۰۰۰", "५०००", "5０00", "50.０0", "𝟓000"],
    ids=[
        "full-width",
        "arabic-indic",
        "extended-arabic-indic",
        "devanagari",
        "mixed",
        "cents",
        "math",
    ],
)
@pytest.mark.parametrize(
    "field", ["illegal_gains_cny", "illegal_gains_from_duty_cny", "business_purchase/profit_cny"]
)
def test_money_in_non_ascii_digits_is_a_422_naming_the_field(
    client: TestClient, amount: str, field: str
) -> None:
    """Unicode digits other than 0-9 are not money, however Decimal would read them."""
    body = case(illegal_gains_cny="99999")
    if field == "business_purchase/profit_cny":
        body["business_purchase"] = {"profit_cny": amount}
    else:
        body[field] = amount
    problem = single_problem(client, json.dumps(body, ensure_ascii=False))
    assert problem["type"] == INVALID_REQUEST
    assert [e["pointer"] for e in problem["errors"]] == [f"/{field}"]
    assert "ASCII digits" in problem["errors"][0]["message"]


def test_money_in_full_width_digits_fails_only_its_batch_item(client: TestClient) -> None:
    """In a batch, the item with full-width money gets its own 422; the others are assessed."""
    bad = json.dumps(case(illegal_gains_cny="５０００"), ensure_ascii=False)
    results = batch_results(client, batch_of(VALID, bad, VALID))
    assert [r["status"] for r in results] == [200, 422, 200]
    assert [e["pointer"] for e in results[1]["problem"]["errors"]] == ["/items/1/illegal_gains_cny"]


def test_money_in_ascii_digits_is_still_read(client: TestClient) -> None:
    """The ordinary spelling keeps working: ¥5000 reaches 5.1.7."""
    response = post(client, "/v1/assessments", json.dumps(case(illegal_gains_cny="5000.00")))
    assert response.status_code == 200
    assert "5.1.7" in [g["provision"] for g in response.json()["grounds"]]


# ---------------------------------------------------------------------------
# Integers: exact decimal value


def _row(count: str, recipients: str = "1") -> str:
    return (
        '{"conduct_date": "2023-04-10", "records": [{"category": "whereabouts", '
        f'"count": {count}, "recipients": {recipients}}}]}}'
    )


@pytest.mark.parametrize(
    ("written", "tier"),
    [
        ("50", "serious"),
        ("50.0", "serious"),
        ("5e1", "serious"),
        ("0.5e2", "serious"),
        ("50.000000000000000000000000000000000", "serious"),
        ("1e3", "especially_serious"),
        ("49", "not_serious"),
        ("4.9E1", "not_serious"),
    ],
)
def test_a_count_whose_exact_value_is_whole_is_accepted(
    client: TestClient, written: str, tier: str
) -> None:
    """50.0, 5e1 and 1e3 are whole numbers as JSON Schema reads them: they are counts."""
    response = post(client, "/v1/assessments", _row(written))
    assert response.status_code == 200, response.text
    assert response.json()["tier"] == tier


@pytest.mark.parametrize(
    "written",
    [
        "49.99999999999999999",
        "49.999999999999999999999999999999999999",
        "50.00000000000000001",
        "4.99999999999999999e1",
        "0.5",
        "1e-1",
    ],
)
def test_a_count_whose_exact_value_is_not_whole_is_a_422(client: TestClient, written: str) -> None:
    """49.99999999999999999 is not 50, although a float would read it so and cross 5.1.3's line."""
    problem = single_problem(client, _row(written))
    assert [e["pointer"] for e in problem["errors"]] == ["/records/0/count"]
    assert "whole number" in problem["errors"][0]["message"]


def test_recipients_whose_exact_value_is_not_whole_is_a_422(client: TestClient) -> None:
    """Every integer field is read exactly: recipients 1.0000000000000000001 is refused."""
    problem = single_problem(client, _row("50", "1.0000000000000000001"))
    assert [e["pointer"] for e in problem["errors"]] == ["/records/0/recipients"]


@pytest.mark.parametrize("written", ["1e999999999", "-1e999999999", "1e16", "123456789012345678.0"])
def test_a_huge_count_is_refused_without_being_expanded(client: TestClient, written: str) -> None:
    """A number past every field's maximum is a 422 at its field (never a slow or failing expansion)."""
    problem = single_problem(client, _row(written))
    assert [e["pointer"] for e in problem["errors"]] == ["/records/0/count"]


def test_a_not_whole_count_fails_only_its_batch_item(client: TestClient) -> None:
    """In a batch, only the item with 49.99999999999999999 fails, at /items/1/records/0/count."""
    results = batch_results(client, batch_of(_row("50"), _row("49.99999999999999999"), _row("5e1")))
    assert [r["status"] for r in results] == [200, 422, 200]
    errors = results[1]["problem"]["errors"]
    assert [e["pointer"] for e in errors] == ["/items/1/records/0/count"]


def test_an_integer_of_more_digits_than_python_reads_is_a_422_at_the_root(
    client: TestClient,
) -> None:
    """A 5000-digit integer is not read at all: the body is refused as a whole, never a 500."""
    problem = single_problem(client, _row("9" * 5000))
    assert [e["pointer"] for e in problem["errors"]] == [""]


# ---------------------------------------------------------------------------
# Duplicate keys


@pytest.mark.parametrize(
    ("raw", "pointer"),
    [
        (_row("5").replace('"count": 5', '"count": 5, "count": 5000'), "/records/0/count"),
        ('{"illegal_gains_cny": "1", "illegal_gains_cny": "5000"}', "/illegal_gains_cny"),
        ('{"records": [], "records": []}', "/records"),
        (
            '{"circumstances": {"severe_consequences": false, "severe_consequences": true}}',
            "/circumstances/severe_consequences",
        ),
        ('{"a/b": 1, "a/b": 2}', "/a~1b"),
    ],
    ids=["count", "gains", "records", "nested", "escaped-key"],
)
def test_a_duplicate_key_is_a_422_naming_its_pointer(
    client: TestClient, raw: str, pointer: str
) -> None:
    """A key written twice is never silently resolved to the last one."""
    problem = single_problem(client, raw)
    assert problem["type"] == INVALID_REQUEST
    assert [e["pointer"] for e in problem["errors"]] == [pointer]
    assert "more than once" in problem["errors"][0]["message"]
    assert "不止一次" in problem["errors"][0]["message_zh"]


def test_a_duplicate_key_in_a_batch_item_fails_only_that_item(client: TestClient) -> None:
    """In a batch, the pointer is /items/3/records/0/count and the other items are assessed."""
    dup = _row("5").replace('"count": 5', '"count": 5, "count": 5000')
    results = batch_results(client, batch_of(VALID, VALID, VALID, dup, VALID))
    assert [r["status"] for r in results] == [200, 200, 200, 422, 200]
    assert [e["pointer"] for e in results[3]["problem"]["errors"]] == ["/items/3/records/0/count"]


def test_a_duplicate_key_of_the_envelope_fails_the_whole_batch(client: TestClient) -> None:
    """A repeated "items" is the call's own fault: 422 for the whole call."""
    problem = problem_of(
        post(client, "/v1/assessments/batch", '{"items": [{}], "items": [{}]}'), 422
    )
    assert [e["pointer"] for e in problem["errors"]] == ["/items"]


def test_every_duplicate_key_is_named_once_in_document_order(client: TestClient) -> None:
    """Several repeated keys give one error each, in the order they appear."""
    raw = (
        '{"records": [{"category": "general", "count": 1, "count": 2, "count": 3}, '
        '{"category": "general", "category": "health", "count": 1}], '
        '"offender": "unit", "offender": "unit"}'
    )
    problem = single_problem(client, raw)
    assert [e["pointer"] for e in problem["errors"]] == [
        "/records/0/count",
        "/records/1/category",
        "/offender",
    ]


# ---------------------------------------------------------------------------
# Lone surrogate escapes


def test_a_lone_surrogate_in_a_label_names_the_label(client: TestClient) -> None:
    """\\ud800 alone is not Unicode text: the error is at /records/0/label, not the whole body."""
    raw = _row("50").replace('"recipients": 1', '"recipients": 1, "label": "exhibit \\ud800"')
    problem = single_problem(client, raw)
    assert [e["pointer"] for e in problem["errors"]] == ["/records/0/label"]
    assert "surrogate" in problem["errors"][0]["message"]


def test_a_lone_surrogate_in_a_batch_item_fails_only_that_item(client: TestClient) -> None:
    """In a batch, the item with the lone surrogate gets its own 422 at its label."""
    bad = _row("50").replace('"recipients": 1', '"recipients": 1, "label": "\\udfff"')
    results = batch_results(client, batch_of(VALID, bad))
    assert [r["status"] for r in results] == [200, 422]
    assert [e["pointer"] for e in results[1]["problem"]["errors"]] == ["/items/1/records/0/label"]


def test_a_lone_surrogate_in_a_key_is_named_as_it_was_escaped(client: TestClient) -> None:
    """A key no UTF-8 text can carry is named by the escape the client wrote."""
    problem = single_problem(client, '{"x\\ud800": 1}')
    assert [e["pointer"] for e in problem["errors"]] == ["/x\\ud800"]


def test_a_surrogate_pair_is_ordinary_text(client: TestClient) -> None:
    """A correctly paired escape (\\ud83d\\ude00, 😀) is a character like any other."""
    raw = _row("50").replace('"recipients": 1', '"recipients": 1, "label": "\\ud83d\\ude00"')
    response = post(client, "/v1/assessments", raw)
    assert response.status_code == 200
    assert response.json()["quantity"]["rows"][0]["label"] == "😀"


# ---------------------------------------------------------------------------
# The parser itself


def test_the_parser_keeps_fractions_exact_and_integers_as_integers() -> None:
    """Numbers with a fraction or exponent are Decimal as written; integers stay int."""
    document = parse(b'{"a": 49.99999999999999999, "b": 50, "c": 1e3}')
    assert document.value == {"a": Decimal("49.99999999999999999"), "b": 50, "c": Decimal("1E+3")}
    assert type(document.value["b"]) is int
    assert document.faults == ()


@pytest.mark.parametrize("raw", [b"NaN", b"[Infinity]", b'{"a": -Infinity}', b"[" * 5000, b"{} {}"])
def test_the_parser_refuses_what_is_not_one_json_document(raw: bytes) -> None:
    """NaN, Infinity, nesting past the recursion limit and trailing data are not JSON."""
    with pytest.raises(JsonTextError):
        parse(raw)


def test_a_repeated_key_inside_an_overwritten_value_is_reported_at_the_outer_key() -> None:
    """When the object holding a repeat is itself overwritten, the outer repeat is the fault."""
    document = parse(b'{"a": {"x": 1, "x": 2}, "a": 3}')
    assert document.faults == ({"type": "duplicate_key", "loc": ("a",)},)


_ROW = TypeAdapter(RecordRow)


def _row_count(text: str) -> int:
    row = _ROW.validate_python(
        parse(('{"category": "general", "count": ' + text + "}").encode()).value
    )
    return row.count


@given(n=st.integers(0, 10**9), zeros=st.integers(1, 40), exponent=st.integers(0, 8))
def test_a_whole_count_in_any_spelling_is_that_count(n: int, zeros: int, exponent: int) -> None:
    """n, n.000…, and n·10^-e written with exponent e all read as exactly n."""
    assert _row_count(str(n)) == n
    assert _row_count(f"{n}.{'0' * zeros}") == n
    digits = str(n * 10**exponent)
    assert _row_count(f"{digits}e-{exponent}") == n


@given(n=st.integers(0, 10**9 - 1), nines=st.integers(1, 40))
def test_a_count_a_hair_below_a_whole_number_is_refused(n: int, nines: int) -> None:
    """n.999…9 is never rounded up to n + 1, however many nines a float would lose."""
    with pytest.raises(ValidationError) as refused:
        _row_count(f"{n}.{'9' * nines}")
    assert [e["loc"] for e in refused.value.errors()] == [("count",)]
