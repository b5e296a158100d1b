"""Wire ⇄ core: every core field reaches the wire, the wire matches the documented models."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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
        calculator.model.OptionBasis,
        calculator.model.StandardKind,
        calculator.model.PartName,
        calculator.model.Finding,
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


# ---------------------------------------------------------------------------
# The writers of the result types are derived from their fields


def _derived_for(cls: type[Any]) -> list[mapping.Derived]:
    return [d for (c, _), d in mapping.DERIVED.items() if c is cls]


@pytest.mark.parametrize("core", [*RESULT_TYPES, calculator.Addition], ids=lambda t: t.__name__)
def test_every_result_field_is_written_by_a_derived_writer_or_listed(core: type[Any]) -> None:
    """Each result type is written by a writer derived from its fields, every field in
    order, unless ``HAND_WRITTEN_TYPES`` says why its wire differs; a field of a derived
    writer is written otherwise only when ``HAND_WRITTEN_FIELDS`` says why."""
    derived = _derived_for(core)
    if core in mapping.HAND_WRITTEN_TYPES:
        assert derived == [], core
        return
    assert derived, f"{core.__name__} has no derived writer and is not listed as hand-written"
    names = [f.name for f in dataclasses.fields(core)]
    for d in derived:
        assert [n for n, _ in d.fields] == [n for n in names if n not in d.left_out]
        for name in d.by_hand:
            assert mapping.HAND_WRITTEN_FIELDS[core, name], (core, name)
    listed = {name for (c, name) in mapping.HAND_WRITTEN_FIELDS if c is core}
    assert listed == set().union(*(d.by_hand for d in derived))


def test_every_exception_names_a_reason_and_a_real_field() -> None:
    """The exceptions tables list real result types and fields, each with its reason."""
    for cls, reason in mapping.HAND_WRITTEN_TYPES.items():
        assert dataclasses.is_dataclass(cls)
        assert reason
    for (cls, name), reason in mapping.HAND_WRITTEN_FIELDS.items():
        assert name in {f.name for f in dataclasses.fields(cls)}
        assert reason


# ---------------------------------------------------------------------------
# A ground with a number is written around it (mapping._NUMBER)

_CATEGORIES = [c.value for c in calculator.Category]
_ROW = st.fixed_dictionaries(
    {
        "category": st.sampled_from(_CATEGORIES),
        "count": st.integers(min_value=1, max_value=200_000),
        "obtained_in_duty": st.booleans(),
    }
)
_MONEY = st.decimals(min_value=0, max_value=200_000, places=2).map(str)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(_ROW, min_size=1, max_size=5),
    gains=_MONEY,
    duty_gains=_MONEY,
)
def test_a_ground_written_around_its_number_is_the_ground_written_plainly(
    rows: list[dict[str, Any]], gains: str, duty_gains: str
) -> None:
    """Grounds written around their number (records counted, a sum, gains) are byte for byte
    the grounds written plainly, also when their halves were made by an earlier case."""
    request = TypeAdapter(schemas.AssessmentRequest).validate_python(
        {
            "conduct_date": "2023-04-10",
            "records": rows,
            "illegal_gains_cny": max(gains, duty_gains, key=Decimal),
            "illegal_gains_from_duty_cny": duty_gains,
        }
    )
    try:
        answer = calculator.assess(mapping.case(request))
    except calculator.InvalidFacts:
        return
    for g in answer.grounds:
        assert orjson.dumps(mapping._ground(g)) == orjson.dumps(mapping._ground_plain(g))


def _grounds_with_numbers() -> list[calculator.Ground]:
    """A ground of each detail type written around its number, the whole case and the insider part."""
    requests: list[dict[str, Any]] = [
        {"records": [{"category": "whereabouts", "count": 50}]},
        {
            "records": [
                {"category": "whereabouts", "count": 30},
                {"category": "general", "count": 3000},
            ]
        },
        {"records": [{"category": "general", "count": 1}], "illegal_gains_cny": "5000"},
        {
            "records": [{"category": "health", "count": 300, "obtained_in_duty": True}],
            "illegal_gains_cny": "2600",
            "illegal_gains_from_duty_cny": "2600",
        },
    ]
    found: list[calculator.Ground] = []
    for body in requests:
        request = TypeAdapter(schemas.AssessmentRequest).validate_python(
            {"conduct_date": "2023-04-10", **body}
        )
        found += calculator.assess(mapping.case(request)).grounds
    assert {type(g.detail) for g in found} == set(mapping._NUMBER)
    return found


def _changed(name: str, value: Any, others: list[Any]) -> Any:
    """Another value of a field: another provision, member or standard, or longer text."""
    if name == "provision":
        return "5.1.4" if value != "5.1.4" else "5.1.3"
    if isinstance(value, Enum):
        return next(m for m in type(value) if m is not value)
    if isinstance(value, str):
        return value + "·"
    if name == "standard":
        return next(s for s in others if s is not value)
    raise AssertionError(f"no other value for {name}={value!r}")


def test_a_ground_written_around_its_number_is_keyed_by_every_other_field() -> None:
    """A ground that differs from a ground already written in any field but its number
    (the ground's own, the detail's, its standard) is not written from the other's halves."""
    grounds = _grounds_with_numbers()
    standards = [g.detail.standard for g in grounds]  # type: ignore[union-attr]
    for g in grounds:
        number = mapping._NUMBER[type(g.detail)].field
        changes = [
            dataclasses.replace(g, **{f.name: _changed(f.name, getattr(g, f.name), standards)})
            for f in dataclasses.fields(g)
            if f.name != "detail"
        ] + [
            dataclasses.replace(
                g,
                detail=dataclasses.replace(
                    g.detail, **{f.name: _changed(f.name, getattr(g.detail, f.name), standards)}
                ),
            )
            for f in dataclasses.fields(g.detail)
            if f.name != number
        ]
        mapping._ground(g)
        for other in changes:
            assert orjson.dumps(mapping._ground(other)) == orjson.dumps(
                mapping._ground_plain(other)
            ), other


_ADDED_FIELDS = r'''
import dataclasses, json, sys
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction

import orjson

import calculator
import calculator.model as model
from calculator.model import Category, Tier

ADDED = {
    "added_note": "a note",
    "added_on": date(2026, 1, 2),
    "added_share": Fraction(1, 3),
    "added_cny": Decimal("12.50"),
    "added_missing": None,
    "added_tier": Tier.SERIOUS,
    "added_list": (Category.HEALTH, Category.GENERAL),
    "added_counts": {Category.HEALTH: 3},
}


def variant(base):
    """``base`` with one more field of each kind, as a core change would add them."""
    cls = dataclasses.make_dataclass(
        base.__name__,
        [
            ("added_note", str),
            ("added_on", date),
            ("added_share", Fraction),
            ("added_cny", Decimal | None),
            ("added_missing", Decimal | None),
            ("added_tier", Tier),
            ("added_list", tuple[Category, ...]),
            ("added_counts", Mapping[Category, int]),
        ],
        bases=(base,),
        frozen=True,
        kw_only=True,
        slots=True,
    )
    cls.__module__ = __name__
    setattr(model, base.__name__, cls)
    setattr(calculator, base.__name__, cls)
    return cls


names = ["Assessment", "NextTier", "Addition", "Ground", "RowCount", "Penalty", "FineGuide",
         "Classification", "Leniency", "OpenQuestion", "Warning", "ProvisionRef", "RulesetRef"]
real = calculator.assess(calculator.Case(
    records=(calculator.RecordRow(category=Category.WHEREABOUTS, count=50),)))
original = {n: getattr(model, n) for n in names}
made = {n: variant(original[n]) for n in names}
globals().update(made)

from api.v1 import mapping  # the writers are derived now, from the changed types
from calculator.standards import levels

STANDARD = levels(calculator.RULESETS[0]).ordinary.records[Category.WHEREABOUTS]

tier = model.Tier.SERIOUS
fine = made["FineGuide"](provision="12", text="t", applies=False, min_cny=None, max_cny=None,
                         note_zh="z", note_en="e", **ADDED)
objects = {
    "NextTier": made["NextTier"](tier=tier, options=(), **ADDED),
    "Addition": made["Addition"](provision="5.1.7", additional_gains_cny=Decimal("1"), **ADDED),
    "Ground": made["Ground"](provision="5.1.1", tier=tier, text="t", basis=model.Basis.CALLER_FINDING,
                             detail=model.FindingDetail(finding=model.Finding.SEVERE_CONSEQUENCES), **ADDED),
    "GroundWithNumber": made["Ground"](
        provision="5.1.3", tier=tier, text="t", basis=model.Basis.COMPUTED,
        detail=model.RecordsDetail(part=model.PartName.WHOLE_CASE, category=Category.WHEREABOUTS,
                                   counted=50, standard=STANDARD),
        **ADDED),
    "Penalty": made["Penalty"](statute_version="v", provision="CL253-1.1", text="t", offence=True,
                               imprisonment_min_months=None, imprisonment_max_months=36,
                               criminal_detention_available=True, fine="plus", range_zh="z",
                               range_en="e", fine_guide=fine, heavier_for_insider=False,
                               heavier_for_insider_provision=None, unit_offender=False,
                               unit_note_zh=None, unit_note_en=None, **ADDED),
    "Classification": made["Classification"](sensitive=False, lenient_tier=tier, strict_tier=tier, **ADDED),
    "Leniency": made["Leniency"](status=model.LeniencyStatus.ELIGIBLE, provision="10", text="t",
                                 missing_facts=(), note_zh="z", note_en="e", **ADDED),
    "OpenQuestion": made["OpenQuestion"](code="c", provision="5.2", text="t", text_en="e", **ADDED),
    "Warning": made["Warning"](code="c", text="t", text_en="e", **ADDED),
    "ProvisionRef": made["ProvisionRef"](provision="CL99", text="t", role="r", **ADDED),
    "RulesetRef": made["RulesetRef"](id="r", effective_from=date(2017, 6, 1), selected_by="s", **ADDED),
    "RowCount": made["RowCount"](category=Category.WHEREABOUTS, count=50, recipients=1, counted=50,
                                 provision="5.1.3", path="art5", **ADDED),
}
parts = {"grounds": (objects["Ground"], objects["GroundWithNumber"]), "next_tier": objects["NextTier"],
         "classification": objects["Classification"], "penalty": objects["Penalty"],
         "leniency": objects["Leniency"], "open_questions": (objects["OpenQuestion"],),
         "warnings": (objects["Warning"],), "provisions_applied": (objects["ProvisionRef"],),
         "ruleset": objects["RulesetRef"]}
objects["Assessment"] = made["Assessment"](
    **{f.name: parts.get(f.name, getattr(real, f.name))
       for f in dataclasses.fields(original["Assessment"])},
    **ADDED)
writers = dict(mapping._WRITERS)
writers["Addition"] = mapping._addition
writers["RowCount"] = lambda r: mapping._row_count(r, 0, False, None)
writers["Assessment"] = lambda a: mapping._assessment_fields(a, {}, "sha256:0")
out = {}
for name, obj in objects.items():
    writer = writers.get(name) or writers[made[name.removesuffix("WithNumber")]]
    out[name] = json.loads(orjson.dumps(writer(obj)))
out["fine_guide_in_penalty"] = out["Penalty"]["fine_guide"]

from api.v1 import schemas  # imported by mapping above: its models come from the changed types
from api.v1.descriptions import DESCRIPTIONS

documented = {n: getattr(schemas, n) for n in names if n != "Addition"}
documented.update(RecordsAddition=schemas.RecordsAddition, GainsAddition=schemas.GainsAddition)
out["undescribed"] = {
    n: sorted(f for f in m.model_fields if f"{n}.{f}" not in DESCRIPTIONS)
    for n, m in documented.items()
}
json.dump(out, sys.stdout)
'''


def test_a_field_added_to_a_result_type_needs_no_line_in_the_mapping() -> None:
    """Fields added to the core's result types reach the wire and its documentation unaided.

    In a fresh interpreter, each result type written plainly (the answer itself included)
    is replaced by a variant with one more field of each kind (text, date, fraction, money,
    null, enum, tuple, mapping) before ``api.v1.mapping`` is imported; every writer then
    writes the new fields, plainly, after the type's own, and the wire's own additions
    still come last. The documentation models, derived from the changed types as well,
    carry the new fields, and all they lack is each new field's line in the descriptions
    table. A ground with records counted is written plainly too: its added mapping cannot
    be part of the key under which grounds are written around their number.
    """
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", _ADDED_FIELDS],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    written = json.loads(done.stdout)
    undescribed = written.pop("undescribed")
    added = {
        "added_note": "a note",
        "added_on": "2026-01-02",
        "added_share": "1/3",
        "added_cny": "12.50",
        "added_missing": None,
        "added_tier": "serious",
        "added_list": ["health", "general"],
        "added_counts": {"health": 3},
    }
    for name, answer in written.items():
        assert {k: answer[k] for k in added} == added, name
    for name in ("Ground", "GroundWithNumber"):
        assert list(written[name])[-3:] == ["standard", "cite_zh", "cite_en"]
    assert written["GroundWithNumber"]["detail"]["counted"] == 50
    assert list(written["Addition"])[-2:] == ["cite_zh", "cite_en"]
    assert "category" not in written["Addition"]  # the gains shape still leaves it out
    assert list(written["Assessment"])[-1] == "input_digest"
    assert next(iter(written["RowCount"])) == "index"
    assert list(written["RowCount"])[-2:] == ["obtained_in_duty", "label"]
    # The documentation models carry the new fields too; what they lack is exactly one
    # line each in the descriptions table (tests/api/test_descriptions.py asks for it).
    assert len(undescribed) == 14
    for name, missing in undescribed.items():
        assert missing == sorted(added), name
