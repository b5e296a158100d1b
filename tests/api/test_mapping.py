"""Wire ⇄ core: every core field reaches the wire, the wire matches the documented models."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, TypeAdapter
from starlette.testclient import TestClient

import calculator
import calculator.model
from api.v1 import mapping, reference, schemas
from api.v1.examples import load_examples

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Fields the wire adds to a core type (the API's own, echoed from the request, or written
# from the core's values by calculator.citation and calculator.numbers).
WIRE_ONLY = {
    "Assessment": {"input_digest"},
    "RowCount": {"index", "obtained_in_duty", "label"},
    "Ground": {"standard", "cite_zh", "cite_en"},
    "Quantity": {"proportional_sum_multiple", "insider_proportional_sum_multiple"},
    "Standard": {"multiple", "halved", "tenfold"},
}
# Core fields the wire writes as what they make (a standard's share and factor as its multiple,
# the provisions that halve or multiply it as two flags).
CORE_ONLY = {"Standard": {"share", "factor", "halved_by", "tenfold_by"}}
# Core result types and their wire models (Addition is split in two on the wire).
RESULT_TYPES: dict[type[Any], type[BaseModel]] = {
    calculator.Assessment: schemas.Assessment,
    calculator.Ground: schemas.Ground,
    calculator.Quantity: schemas.Quantity,
    calculator.RowCount: schemas.RowCount,
    calculator.NextTier: schemas.NextTier,
    calculator.Classification: schemas.Classification,
    calculator.Penalty: schemas.Penalty,
    calculator.FineGuide: schemas.FineGuide,
    calculator.Leniency: schemas.Leniency,
    calculator.OpenQuestion: schemas.OpenQuestion,
    calculator.Warning: schemas.Warning,
    calculator.ProvisionRef: schemas.ProvisionRef,
    calculator.RulesetRef: schemas.RulesetRef,
    calculator.model.Standard: schemas.Standard,
}
INPUT_TYPES: dict[type[Any], type[BaseModel]] = {
    calculator.Case: schemas.AssessmentRequest,
    calculator.RecordRow: schemas.RecordRow,
    calculator.Circumstances: schemas.Circumstances,
    calculator.BusinessPurchase: schemas.BusinessPurchase,
    calculator.LeniencyFacts: schemas.LeniencyFacts,
}


def _requests() -> list[dict[str, Any]]:
    """Every example request and every boundary/published fixture request that is assessable."""
    found = [e["request"] for e in load_examples()]
    for folder in ("boundary", "published"):
        for path in sorted((FIXTURES / folder).glob("*.json")):
            fixture = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(fixture.get("request"), dict):
                found.append(fixture["request"])
    return found


REQUESTS = _requests()


@pytest.mark.parametrize(("core", "wire"), list(RESULT_TYPES.items()), ids=lambda t: t.__name__)
def test_every_core_result_field_is_on_the_wire(core: type[Any], wire: type[BaseModel]) -> None:
    """The wire model has exactly the core type's fields, plus the wire's own additions."""
    core_fields = {f.name for f in dataclasses.fields(core)} - CORE_ONLY.get(core.__name__, set())
    assert set(wire.model_fields) == core_fields | WIRE_ONLY.get(core.__name__, set())


def test_an_addition_is_one_of_two_wire_shapes() -> None:
    """Addition's fields are split between the records option and the gains option."""
    core_fields = {f.name for f in dataclasses.fields(calculator.Addition)}
    wire = set(schemas.RecordsAddition.model_fields) | set(schemas.GainsAddition.model_fields)
    assert wire == core_fields | {"cite_zh", "cite_en"}


@pytest.mark.parametrize(("core", "wire"), list(INPUT_TYPES.items()), ids=lambda t: t.__name__)
def test_every_request_field_is_a_core_input(core: type[Any], wire: type[BaseModel]) -> None:
    """The request models mirror the core's input dataclasses field for field."""
    assert set(wire.model_fields) == {f.name for f in dataclasses.fields(core)}


@pytest.mark.parametrize(
    "core",
    [
        calculator.Category,
        calculator.Offender,
        calculator.Tier,
        calculator.Basis,
        calculator.LeniencyStatus,
    ],
    ids=lambda t: t.__name__,
)
def test_wire_enums_are_the_core_enums(core: Any) -> None:
    """The wire's enums are the core's own classes, not copies."""
    assert getattr(schemas, core.__name__) is core
    assert core in schemas.ENUMS


@pytest.mark.parametrize("request_body", REQUESTS)
def test_the_wire_answer_validates_against_the_documented_model(
    client: TestClient, request_body: dict[str, Any]
) -> None:
    """Each answer built from the dataclasses is a valid Assessment of the OpenAPI document."""
    response = client.post("/v1/assessments", json=request_body)
    if response.status_code == 422:
        return
    assert response.status_code == 200, response.text
    answer = response.json()
    TypeAdapter(schemas.Assessment).validate_python(answer)
    assert answer["input_digest"] == mapping.input_digest(
        TypeAdapter(schemas.AssessmentRequest).validate_python(request_body)
    )


def test_reference_answers_validate_against_their_models() -> None:
    """Provisions and rulesets as built match ProvisionList and RulesetList."""
    schemas.ProvisionList.model_validate(mapping.provisions())
    schemas.RulesetList.model_validate(json.loads(json.dumps(reference.rulesets())))


def test_the_case_filled_through_slots_is_the_constructed_one() -> None:
    """``mapping.case`` makes the ``Case`` and rows the constructors make, every field set."""
    request = TypeAdapter(schemas.AssessmentRequest).validate_python(
        {
            "conduct_date": "2023-04-10",
            "records": [
                {
                    "category": "health",
                    "count": 100,
                    "recipients": 2,
                    "obtained_in_duty": True,
                    "alternative_categories": ["general"],
                    "label": "exhibit 7",
                }
            ],
            "illegal_gains_cny": "1200.50",
        }
    )
    made = mapping.case(request)
    assert made == calculator.Case(
        conduct_date=request.conduct_date,
        records=(
            calculator.RecordRow(
                category=calculator.Category.HEALTH,
                count=100,
                recipients=2,
                obtained_in_duty=True,
                alternative_categories=(calculator.Category.GENERAL,),
                label="exhibit 7",
            ),
        ),
        illegal_gains_cny=Decimal("1200.50"),
    )
    for cls in (calculator.Case, calculator.RecordRow):
        assert [f.name for f in dataclasses.fields(cls)] == list(cls.__slots__)
