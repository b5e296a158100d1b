"""The ``/v1`` wire models: what a case-management system sends and what it gets back.

Names and enum values are the contract of ``docs/spec/API.md``; the enums are the core's
own (``calculator.model``). Requests are validated strictly (``extra="forbid"``, no type
coercion): money is a decimal string (a JSON number is refused, D2), dates are
``YYYY-MM-DD``, counts are bounded as API.md says. The response models only describe the
document (the handlers send JSON built from the core's results by ``api.v1.mapping``), so
they are made from the core's result dataclasses, field for field, with the wire's few
additions and narrower types below. Every model's and field's Chinese and English
description comes from the one table of ``api.v1.descriptions``.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import types
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal, Union, cast, get_args, get_origin, get_type_hints

from annotated_types import Ge, Le
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, create_model
from pydantic_core import PydanticCustomError

import calculator
import calculator.law
import calculator.model
from api.problems import Problem
from api.v1.descriptions import description
from api.v1.parameters import ruleset_tables
from calculator import Basis, Category, LeniencyStatus, Offender, Tier
from calculator.model import Finding, OptionBasis, PartName, StandardKind

__all__ = [
    "CORE_ONLY",
    "ENUMS",
    "MAX_BATCH_ITEMS",
    "MAX_RECORD_ROWS",
    "MONEY_PATTERN",
    "SHAPES",
    "WIRE_ONLY",
    "Addition",
    "Assessment",
    "AssessmentRequest",
    "Basis",
    "BatchAssessed",
    "BatchFailed",
    "BatchRequest",
    "BatchResponse",
    "BusinessPurchase",
    "Category",
    "CategoryName",
    "Circumstances",
    "Classification",
    "Finding",
    "FineGuide",
    "GainsAddition",
    "Ground",
    "Leniency",
    "LeniencyFacts",
    "LeniencyStatus",
    "Multiple",
    "NextTier",
    "Offender",
    "OpenQuestion",
    "OptionBasis",
    "PartName",
    "Penalty",
    "Provision",
    "ProvisionList",
    "ProvisionRef",
    "Quantity",
    "RecordRow",
    "RecordsAddition",
    "RowCount",
    "Ruleset",
    "RulesetList",
    "RulesetRef",
    "Standard",
    "StandardKind",
    "Statute",
    "Tier",
    "Warning",
    "describe_enums",
]

MONEY_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
"""Yuan as a decimal string: non-negative, at most 2 places, at most 999,999,999,999.99 (D2).

ASCII digits only: a ``\\d`` would also match full-width (``５``), Arabic-Indic (``٥``) and
every other Unicode digit, which ``Decimal`` reads as their values."""

FRACTION_PATTERN = r"^\d+/[1-9]\d*$"
DIGEST_PATTERN = r"^sha256:[0-9a-f]{64}$"

MAX_RECORD_ROWS = 100
MAX_BATCH_ITEMS = 1000
MAX_COUNT = 10**9
MAX_RECIPIENTS = 10**4
MAX_ALTERNATIVES = 3
MAX_LABEL = 200

ENUMS: tuple[type[enum.Enum], ...] = (
    Category,
    Offender,
    Tier,
    Basis,
    LeniencyStatus,
    OptionBasis,
    StandardKind,
    PartName,
    Finding,
)
"""The core's enums on the wire; their descriptions are set by ``describe_enums``."""

_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _describe(schema: dict[str, Any], model: type[Any]) -> None:
    """Every model's and field's description, from the one table (a missing line fails)."""
    name = model.__name__
    schema["description"] = description(name)
    for field, sub in schema.get("properties", {}).items():
        sub["description"] = description(f"{name}.{field}")


def describe_enums(document: dict[str, Any]) -> dict[str, Any]:
    """The finished OpenAPI document with each core enum described from the table."""
    components = document.get("components", {}).get("schemas", {})
    for e in ENUMS:
        if e.__name__ in components:
            components[e.__name__]["description"] = description(e.__name__)
    return document


def _date_text(value: object) -> object:
    """Dates travel as ``YYYY-MM-DD`` strings only: no timestamps, no times."""
    if isinstance(value, str) and _DATE_TEXT.fullmatch(value):
        return value
    raise PydanticCustomError("date_type", "must be a date written YYYY-MM-DD")


_INTEGER_DIGITS = 16
"""Every integer field's maximum has fewer digits (API.md: all integers below 2^53)."""


_WHOLE_OR_FLOAT = int | float
"""Made once: ``int | float`` written in the check makes a new union on every call (86 ns
against 27 ns a check, run for every count and recipients of every row)."""


def _json_integer(value: object) -> object:
    """A JSON integer, or a JSON number whose exact value is whole (``50.0``, ``1e3``), as
    JSON Schema allows; never text or a boolean.

    The body parser keeps a number with a fraction or an exponent as the exact
    ``Decimal`` written (``api.encoding.parse``), so ``49.99999999999999999`` is refused
    here instead of being read as the float 50.0. A whole number of 16 digits or more is
    past every field's maximum and is refused without being expanded (``1e999999``).
    Python callers may pass a float, which pydantic accepts only when it is whole.
    """
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "must be a whole number (a JSON integer)")
    if isinstance(value, _WHOLE_OR_FLOAT):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise PydanticCustomError("int_from_float", "must be a whole number")
        if value.adjusted() >= _INTEGER_DIGITS:
            raise PydanticCustomError("int_parsing_size", "must be within the maximum")
        return int(value)
    raise PydanticCustomError("int_type", "must be a whole number (a JSON integer)")


_REQUEST = ConfigDict(extra="forbid", strict=True, frozen=True, json_schema_extra=_describe)
_RESPONSE = ConfigDict(extra="forbid", json_schema_extra=_describe)

Money = Annotated[str, Field(pattern=MONEY_PATTERN, examples=["5000", "4999.99"])]
FractionText = Annotated[str, Field(pattern=FRACTION_PATTERN, examples=["6/5", "0/1"])]
MoneyText = Annotated[str, Field(pattern=r"^\d+(\.\d{2})?$", examples=["5000", "6002.50"])]
"""Yuan in a result: whole amounts without decimals, others with two places (a fine guide
may pass the request's limit: five times the largest gains)."""
DigestText = Annotated[str, Field(pattern=DIGEST_PATTERN)]
IsoDate = Annotated[date, Strict(False), BeforeValidator(_date_text)]
Count = Annotated[int, Ge(0), Le(MAX_COUNT), Strict(False), BeforeValidator(_json_integer)]
Recipients = Annotated[
    int, Ge(0), Le(MAX_RECIPIENTS), Strict(False), BeforeValidator(_json_integer)
]
Lax = Strict(False)
"""Enum values arrive as JSON strings; a JSON array arrives as a list (held as a tuple)."""


# ---------------------------------------------------------------------------
# Request


class RecordRow(BaseModel):
    """One row of records of one category, counted after Art. 11 para 3 (D3)."""

    model_config = _REQUEST

    category: Annotated[Category, Lax]
    count: Count
    recipients: Recipients = 0
    obtained_in_duty: bool = False
    alternative_categories: Annotated[
        tuple[Annotated[Category, Lax], ...], Lax, Field(max_length=MAX_ALTERNATIVES)
    ] = ()
    label: Annotated[str | None, Field(max_length=MAX_LABEL)] = None


class Circumstances(BaseModel):
    """Findings the calculator cannot make itself; the caller asserts them (D15 – D17)."""

    model_config = _REQUEST

    whereabouts_used_in_crime: bool = False
    knowingly_supplied_criminal_user: bool = False
    prior_criminal_punishment: bool = False
    prior_administrative_penalty_date: IsoDate | None = None
    other_serious_circumstances: bool = False
    severe_consequences: bool = False
    major_loss_or_bad_social_impact: bool = False
    other_especially_serious_circumstances: bool = False


class BusinessPurchase(BaseModel):
    """Bought or received for a lawful business (Art. 6, D18 – D20)."""

    model_config = _REQUEST

    profit_cny: Money = "0"
    resold: bool = False


class LeniencyFacts(BaseModel):
    """The facts Art. 10 needs; null means unknown (D25)."""

    model_config = _REQUEST

    first_offender: bool | None = None
    full_restitution: bool | None = None
    remorse: bool | None = None


class AssessmentRequest(BaseModel):
    """The facts of one case; across fields, illegal_gains_from_duty_cny ≤ illegal_gains_cny."""

    model_config = _REQUEST

    conduct_date: IsoDate | None = None
    offender: Annotated[Offender, Lax] = Offender.NATURAL_PERSON
    records: Annotated[tuple[RecordRow, ...], Lax, Field(max_length=MAX_RECORD_ROWS)] = ()
    illegal_gains_cny: Money = "0"
    illegal_gains_from_duty_cny: Money = "0"
    circumstances: Circumstances = Circumstances()
    business_purchase: BusinessPurchase | None = None
    leniency_facts: LeniencyFacts = LeniencyFacts()


class BatchRequest(BaseModel):
    """Many cases in one call: 1 to 1000 items, each an ``AssessmentRequest``."""

    model_config = _REQUEST

    items: Annotated[
        list[dict[str, Any]],
        Field(
            min_length=1,
            max_length=MAX_BATCH_ITEMS,
            json_schema_extra={
                "items": {
                    "anyOf": [
                        {"$ref": "#/components/schemas/AssessmentRequest"},
                        {"type": "object"},
                    ]
                }
            },
        ),
    ]


# ---------------------------------------------------------------------------
# Responses, made from the core's result dataclasses

_WIRE_TYPES: dict[str, Any] = {
    "Assessment.tier_zh": Literal.__getitem__(tuple(t.zh for t in Tier)),
    "RecordsDetail.standard": int | FractionText,
    "SumDetail.standard": FractionText,
    "Standard.value": int | str,
    "Standard.base": int | str,
    "RowCount.path": Literal["art5", "art6"],
    "RulesetRef.selected_by": Literal["conduct_date", "in_force_today"],
}
"""Fields whose wire type is narrower than (or differs from) the core's annotation."""


class Multiple(BaseModel):
    """A proportional sum as a multiple of its standard, for display."""

    model_config = _RESPONSE

    value: Annotated[str, Field(pattern=r"^\d+(\.\d{1,2})?$", examples=["8.4", "0.33"])]
    exact: bool


_CITES: dict[str, Any] = {"cite_zh": str, "cite_en": str}

WIRE_ONLY: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "Assessment": ({}, {"input_digest": DigestText}),
    "Ground": ({}, {"standard": calculator.model.Standard | None, **_CITES}),
    "RecordsAddition": ({}, _CITES),
    "GainsAddition": ({}, _CITES),
    "Quantity": (
        {},
        {"proportional_sum_multiple": Multiple, "insider_proportional_sum_multiple": Multiple},
    ),
    "Standard": ({}, {"multiple": str, "halved": bool, "tenfold": bool}),
    "RowCount": ({"index": int}, {"obtained_in_duty": bool, "label": str | None}),
    "CategoryName": ({"category": Category}, {}),
    # A ground's detail is keyed as API.md writes it (api/v1/mapping.py, HAND_WRITTEN_TYPES).
    "RecordsDetail": ({}, {"item": str, "share": FractionText}),
    "SumDetail": ({}, {"item": str, "share": FractionText}),
    **{
        shape: (
            {},
            {"item": str, amount: MoneyText, "standard_cny": MoneyText, "share": FractionText},
        )
        for shape, amount in (
            ("GainsDetail", "illegal_gains_cny"),
            ("DutyGainsDetail", "illegal_gains_from_duty_cny"),
        )
    },
    "ProfitDetail": ({"part": PartName}, {"profit_cny": MoneyText, "standard_cny": MoneyText}),
}
"""Fields the wire adds to a core type, before and after the core's own: the API's, echoed
from the request, or written from the core's values (``calculator.citation``,
``calculator.numbers``). A core type among them is written as its response model. The
documented order is this one; a detail's keys come on the wire in API.md's order
(``api.v1.mapping``), which JSON does not bind."""

CORE_ONLY: dict[str, frozenset[str]] = {
    "Standard": frozenset({"share", "factor", "halved_by", "tenfold_by"}),
    "ProfitDetail": frozenset({"profit", "standard"}),
}
"""Core fields the wire writes as what they make (a standard's multiple, halved, tenfold), or
under other keys (a profit detail's profit and standard, as ``*_cny``)."""

SHAPES: dict[type[Any], dict[str, tuple[frozenset[str], frozenset[str]]]] = {
    calculator.Addition: {
        "RecordsAddition": (
            frozenset({"additional_gains_cny"}),
            frozenset({"category", "additional_records"}),
        ),
        "GainsAddition": (
            frozenset({"category", "additional_records"}),
            frozenset({"additional_gains_cny"}),
        ),
    },
    # The gains of the whole case, or the gains from duty of the insider part (D11, D12),
    # each with its amount and standard under its own keys (WIRE_ONLY).
    calculator.model.GainsDetail: {
        "GainsDetail": (frozenset({"amount", "standard"}), frozenset()),
        "DutyGainsDetail": (frozenset({"amount", "standard"}), frozenset()),
    },
    # A finding of Art. 5 has no part; one of Art. 6 names it (D18).
    calculator.model.FindingDetail: {
        "FindingDetail": (frozenset({"part"}), frozenset()),
        "BusinessFindingDetail": (frozenset(), frozenset({"part"})),
    },
    # Each prior punishment is written only when it counts (D17).
    calculator.model.PriorPunishmentDetail: {
        "PriorCriminalPunishmentDetail": (
            frozenset({"prior_administrative_penalty_date", "window_start", "window_end"}),
            frozenset(),
        ),
        "PriorAdministrativePenaltyDetail": (
            frozenset({"prior_criminal_punishment"}),
            frozenset({"prior_administrative_penalty_date", "window_start", "window_end"}),
        ),
        "PriorPunishmentsDetail": (
            frozenset(),
            frozenset({"prior_administrative_penalty_date", "window_start", "window_end"}),
        ),
    },
}
"""A core type written in several shapes on the wire: per shape, the fields it leaves out and
the optional fields it always carries (non-null)."""

_SCALARS: dict[type[Any], Any] = {Fraction: FractionText, Decimal: MoneyText}


def _wire_type(hint: Any) -> Any:
    """The wire type of a core annotation: fractions as ``"p/q"``, money as a decimal string,
    tuples as arrays, mappings as objects, a result as its model (or the union of its shapes)."""
    origin = get_origin(hint)
    if isinstance(hint, type) and hint in _SCALARS:
        return _SCALARS[hint]
    if isinstance(hint, type) and hint in SHAPES:
        return Union[tuple(_model(hint, name) for name in SHAPES[hint])]  # noqa: UP007
    if dataclasses.is_dataclass(hint):
        return _model(cast(type[Any], hint))
    if origin in (Union, types.UnionType):
        return Union[tuple(_wire_type(a) for a in get_args(hint))]  # noqa: UP007 - built from parts
    if origin is tuple:
        return list[_wire_type(get_args(hint)[0])]  # type: ignore[misc]
    if origin in (dict, Mapping):
        key, value = get_args(hint)
        return dict[_wire_type(key), _wire_type(value)]  # type: ignore[misc]
    return hint


_MODELS: dict[str, type[BaseModel]] = {}


def _model(core: type[Any], name: str | None = None) -> type[BaseModel]:
    """The response model of a core result dataclass, or of one of its shapes (made once).

    Every field is required on the wire (null is written, never left out).
    """
    name = name or core.__name__
    if name in _MODELS:
        return _MODELS[name]
    drop, present = SHAPES.get(core, {}).get(name, (frozenset(), frozenset()))
    drop |= CORE_ONLY.get(name, frozenset())
    hints = get_type_hints(core)
    before, after = WIRE_ONLY.get(name, ({}, {}))
    fields: dict[str, Any] = {k: (_wire_type(v), ...) for k, v in before.items()}
    for f in dataclasses.fields(core):
        if f.name in drop:
            continue
        wire = _WIRE_TYPES.get(f"{name}.{f.name}")
        if wire is None:
            hint = hints[f.name]
            if f.name in present:
                hint = Union[tuple(a for a in get_args(hint) if a is not type(None))]  # noqa: UP007
            wire = _wire_type(hint)
        fields[f.name] = (wire, ...)
    fields.update({k: (_wire_type(v), ...) for k, v in after.items()})
    model: type[BaseModel] = create_model(
        name, __config__=_RESPONSE, __doc__=core.__doc__, **fields
    )
    model.__module__ = __name__
    _MODELS[name] = model
    return model


Assessment = _model(calculator.Assessment)
Ground = _model(calculator.Ground)
Quantity = _model(calculator.Quantity)
RowCount = _model(calculator.RowCount)
NextTier = _model(calculator.NextTier)
Classification = _model(calculator.Classification)
Penalty = _model(calculator.Penalty)
FineGuide = _model(calculator.FineGuide)
Leniency = _model(calculator.Leniency)
OpenQuestion = _model(calculator.OpenQuestion)
Warning = _model(calculator.Warning)
ProvisionRef = _model(calculator.ProvisionRef)
RulesetRef = _model(calculator.RulesetRef)
Standard = _model(calculator.model.Standard)
RecordsAddition = _model(calculator.Addition, "RecordsAddition")
GainsAddition = _model(calculator.Addition, "GainsAddition")
Addition = RecordsAddition | GainsAddition
Provision = _model(calculator.law.Provision)
Statute = _model(calculator.law.Statute)
CategoryName = _model(calculator.law.CategoryName)


# ---------------------------------------------------------------------------
# Batch (response)


class BatchAssessed(BaseModel):
    """One item of a batch that was assessed."""

    model_config = _RESPONSE

    index: int
    status: Literal[200]
    assessment: Assessment  # type: ignore[valid-type]


class BatchFailed(BaseModel):
    """One item of a batch that could not be assessed, with its problem."""

    model_config = _RESPONSE

    index: int
    status: Literal[422]
    problem: Problem


class BatchResponse(BaseModel):
    """Exactly one result per item, in the same order."""

    model_config = _RESPONSE

    results: list[BatchAssessed | BatchFailed]


# ---------------------------------------------------------------------------
# Reference data (response)


class ProvisionList(BaseModel):
    """Every provision the calculator cites."""

    model_config = _RESPONSE

    provisions: list[Provision]  # type: ignore[valid-type]


class RecordStandard(BaseModel):
    """A record standard of 5.1.3 – 5.1.5."""

    model_config = _RESPONSE

    provision: str
    records: int
    categories: list[Category]


class FractionStandard(BaseModel):
    """A standard or share written as an exact fraction."""

    model_config = _RESPONSE

    provision: str
    value: FractionText


class AmountStandard(BaseModel):
    """A standard in yuan."""

    model_config = _RESPONSE

    provision: str
    amount_cny: MoneyText


class TenfoldStandard(BaseModel):
    """The multiple for 情节特别严重 (5.2.3)."""

    model_config = _RESPONSE

    provision: str
    factor: int


class AdministrativePenaltyWindow(BaseModel):
    """The window for a prior administrative penalty (5.1.9, D17)."""

    model_config = _RESPONSE

    provision: str
    window_years: int
    edge_days: int


class FineMultiples(BaseModel):
    """The fine guide's multiples of the gains (Art. 12, D24)."""

    model_config = _RESPONSE

    provision: str
    min_multiple: int
    max_multiple: int


def _camel(key: str) -> str:
    return "".join(part.capitalize() for part in key.split("_"))


def _tree_model(name: str, tables: list[dict[str, Any]]) -> type[BaseModel]:
    """The model of tables of the law data, inferred from the tables themselves: a key in
    every table is required, a nested table is a nested model named after its key."""
    fields: dict[str, Any] = {}
    for key in dict.fromkeys(k for t in tables for k in t):
        values = [t[key] for t in tables if key in t]
        inner = [v for v in values if isinstance(v, dict)]
        rows = [r for v in values if isinstance(v, list) for r in v if isinstance(r, dict)]
        if inner:
            wire: Any = _tree_model(name + _camel(key), inner)
        elif rows:
            wire = list[_tree_model(name + _camel(key), rows)]  # type: ignore[misc]
        elif isinstance(values[0], list):
            wire = list[type(values[0][0])] if values[0] else list[Any]  # type: ignore[misc]
        else:
            wire = type(values[0])
        required = len(values) == len(tables)
        fields[key] = (wire, ...) if required else (wire | None, None)
    model: type[BaseModel] = create_model(name, __config__=_RESPONSE, **fields)
    model.__module__ = __name__
    return model


Parameters = _tree_model("Parameters", ruleset_tables())
"""One ``[[ruleset]]`` table of ``calculator/law/parameters.toml``, as the data holds it."""


class Ruleset(BaseModel):
    """One parameter set with its effective date, each value with its provision."""

    model_config = _RESPONSE

    id: str
    title: str
    effective_from: date
    effective_from_provision: str
    record_standards: list[RecordStandard]
    proportional_standard: FractionStandard
    gains_standard: AmountStandard
    insider_share: FractionStandard
    tenfold: TenfoldStandard
    prior_administrative_penalty: AdministrativePenaltyWindow
    business_profit_standard: AmountStandard
    fine_guide: FineMultiples
    catch_all_hint: FractionStandard
    parameters: Parameters  # type: ignore[valid-type]


class RulesetList(BaseModel):
    """Every parameter set, every text of CL253-1, and the categories' names."""

    model_config = _RESPONSE

    rulesets: list[Ruleset]
    statutes: list[Statute]  # type: ignore[valid-type]
    categories: list[CategoryName]  # type: ignore[valid-type]
