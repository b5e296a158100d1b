"""Wire ⇄ core: validated requests become ``calculator`` inputs, results become JSON-ready dicts.

A plain mapping, field for field; no legal logic lives here. The answer is built as
dicts straight from the core's frozen dataclasses (fractions as ``"p/q"``, money as
decimal strings, enums as their values), so it is encoded once, without a second
validation pass. The writer of each result type written plainly is derived from its
dataclass fields at import; the few types and fields whose wire differs are written by
hand, each listed with its reason (``HAND_WRITTEN_TYPES``, ``HAND_WRITTEN_FIELDS``).
``tests/api/test_mapping.py`` checks these dicts against the response models, checks that
every field of every core result type is carried, and that a field added to a result type
reaches the wire with no line here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from operator import attrgetter
from typing import Any, Union, get_args, get_origin, get_type_hints

import orjson

from api.encoding import canonical, dumps
from api.v1 import schemas
from calculator import (
    PROVISIONS,
    RULESETS,
    STATUTES,
    Addition,
    Assessment,
    Case,
    Category,
    Circumstances,
    Classification,
    FineGuide,
    Ground,
    Leniency,
    LeniencyFacts,
    NextTier,
    Offender,
    OpenQuestion,
    Penalty,
    Provision,
    ProvisionRef,
    Quantity,
    RowCount,
    Ruleset,
    RulesetRef,
    Statute,
    Warning,
    assess,
)
from calculator.citation import cite_en, cite_zh
from calculator.law import CATEGORY_NAMES
from calculator.model import (
    Basis,
    BusinessPurchase,
    Finding,
    FindingDetail,
    GainsDetail,
    LeniencyStatus,
    OptionBasis,
    PartName,
    PriorPunishmentDetail,
    ProfitDetail,
    RecordRow,
    RecordsDetail,
    Standard,
    StandardKind,
    SumDetail,
    Tier,
)
from calculator.numbers import decimal_text, multiple_text
from calculator.rules.common import fraction_text, money_text, number_or_fraction
from calculator.standards import slot_setter

__all__ = [
    "assessment",
    "assessment_for",
    "case",
    "input_digest",
    "provision",
    "provisions",
    "rulesets",
]

_CATEGORY = {w: Category(w.value) for w in schemas.Category}
_WIRE: dict[Enum, str] = {
    member: member.value
    for kind in (Category, Tier, PartName, Basis, OptionBasis, LeniencyStatus, Finding)
    for member in kind
}
"""The wire string of each of the core's enums written into every answer. ``Enum.value`` is
a Python-level property, read about 18 times an answer (python -m bench.instructions,
batch item, with the records-item gate of calculator/standards.py: 844,400 → 803,200)."""
_OFFENDER = {w: Offender(w.value) for w in schemas.Offender}

JSON = dict[str, Any]


# ---------------------------------------------------------------------------
# Request → core


_NO_FINDINGS = Circumstances()
_NO_LENIENCY_FACTS = LeniencyFacts()


# The request's case and rows are the core's frozen dataclasses; a frozen ``__init__`` sets
# each field through ``object.__setattr__`` (about 1,300 instructions a field), so they are
# filled through their slots instead: the same objects, every field set
# (tests/api/test_mapping.py compares them with the constructors' own).
_new = object.__new__
(
    _set_row_category,
    _set_row_count,
    _set_row_recipients,
    _set_row_in_duty,
    _set_row_alternatives,
    _set_row_label,
) = (
    slot_setter(RecordRow, name)
    for name in (
        "category",
        "count",
        "recipients",
        "obtained_in_duty",
        "alternative_categories",
        "label",
    )
)
(
    _set_case_conduct_date,
    _set_case_offender,
    _set_case_records,
    _set_case_gains,
    _set_case_duty_gains,
    _set_case_circumstances,
    _set_case_purchase,
    _set_case_leniency_facts,
) = (
    slot_setter(Case, name)
    for name in (
        "conduct_date",
        "offender",
        "records",
        "illegal_gains_cny",
        "illegal_gains_from_duty_cny",
        "circumstances",
        "business_purchase",
        "leniency_facts",
    )
)


def _record_row(row: schemas.RecordRow) -> RecordRow:
    """``RecordRow(category=…, count=…, …)`` for a validated row, filled through its slots."""
    r: RecordRow = _new(RecordRow)
    _set_row_category(r, _CATEGORY[row.category])
    _set_row_count(r, row.count)
    _set_row_recipients(r, row.recipients)
    _set_row_in_duty(r, row.obtained_in_duty)
    _set_row_alternatives(r, tuple(map(_CATEGORY.__getitem__, row.alternative_categories)))
    _set_row_label(r, row.label)
    return r


def case(request: schemas.AssessmentRequest) -> Case:
    """The core's ``Case`` for a validated request.

    Circumstances and Art. 10 facts the request leaves wholly to their defaults become
    the core's shared default objects (they are immutable).
    """
    purchase = request.business_purchase
    c = request.circumstances
    facts = request.leniency_facts
    made: Case = _new(Case)
    _set_case_conduct_date(made, request.conduct_date)
    _set_case_offender(made, _OFFENDER[request.offender])
    _set_case_records(made, tuple(map(_record_row, request.records)))
    _set_case_gains(made, Decimal(request.illegal_gains_cny))
    _set_case_duty_gains(made, Decimal(request.illegal_gains_from_duty_cny))
    _set_case_circumstances(
        made,
        _NO_FINDINGS
        if not c.model_fields_set
        else Circumstances(
            whereabouts_used_in_crime=c.whereabouts_used_in_crime,
            knowingly_supplied_criminal_user=c.knowingly_supplied_criminal_user,
            prior_criminal_punishment=c.prior_criminal_punishment,
            prior_administrative_penalty_date=c.prior_administrative_penalty_date,
            other_serious_circumstances=c.other_serious_circumstances,
            severe_consequences=c.severe_consequences,
            major_loss_or_bad_social_impact=c.major_loss_or_bad_social_impact,
            other_especially_serious_circumstances=c.other_especially_serious_circumstances,
        ),
    )
    _set_case_purchase(
        made,
        None
        if purchase is None
        else BusinessPurchase(profit_cny=Decimal(purchase.profit_cny), resold=purchase.resold),
    )
    _set_case_leniency_facts(
        made,
        _NO_LENIENCY_FACTS
        if not facts.model_fields_set
        else LeniencyFacts(
            first_offender=facts.first_offender,
            full_restitution=facts.full_restitution,
            remorse=facts.remorse,
        ),
    )
    return made


def input_digest(request: schemas.AssessmentRequest) -> str:
    """``sha256:`` + hex digest of the canonical JSON of the validated request, defaults included.

    The request's serializer is called directly: it is what ``model_dump()`` calls, with
    the same defaults, less the wrapper's keyword handling (5.5 → 4.9 µs per item of the
    bench/http.py batch).
    """
    dumped = request.__pydantic_serializer__.to_python(request)
    return "sha256:" + hashlib.sha256(canonical(dumped)).hexdigest()


# ---------------------------------------------------------------------------
# Core → wire


class _Encoded:
    """The JSON of the core's shared, immutable objects, encoded once and kept by identity.

    The core hands out one object per distinct penalty section, Art. 10 section,
    provision list, ruleset reference, records option and standard (they are made once
    there), so each is encoded once and then spliced into every answer as an
    ``orjson.Fragment``. An entry holds its object, so its ``id`` is not reused while
    cached; the table is cleared when it reaches ``limit`` entries. Measured on the
    bench/http.py items, CPU time to map and encode one answer: 15 µs with these, 68 µs
    without.
    """

    def __init__(self, encode: Callable[[Any], Any], limit: int = 4096) -> None:
        self._encode = encode
        self._limit = limit
        self._by_id: dict[int, tuple[object, orjson.Fragment]] = {}

    def __call__(self, value: object) -> orjson.Fragment:
        hit = self._by_id.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        fragment = orjson.Fragment(dumps(self._encode(value)))
        if len(self._by_id) >= self._limit:
            self._by_id.clear()
        self._by_id[id(value)] = (value, fragment)
        return fragment

    @property
    def known(self) -> Callable[[int], tuple[object, orjson.Fragment] | None]:
        """The table's look-up by ``id``: an entry is (object, fragment); check the object."""
        return self._by_id.get


def _standard_fields(s: Standard) -> JSON:
    """The standard compared with: records as an integer where whole, sums and yuan as decimal strings."""
    records = s.kind is StandardKind.RECORDS
    return {
        "kind": s.kind.value,
        "item": s.item,
        "value": _standard_number(s.value, records=records),
        "base": _standard_number(s.base, records=records),
        "multiple": decimal_text(s.multiple),
        "halved": s.halved,
        "tenfold": s.tenfold,
    }


def _standard_number(value: Fraction | Decimal, *, records: bool) -> int | str:
    """Yuan as money, a whole count of records as an integer, anything else as a decimal string."""
    if isinstance(value, Decimal):
        return money_text(value)
    if records and value.denominator == 1:
        return value.numerator
    return decimal_text(value)


def _standard_value(s: Standard) -> int | str:
    """The standard as a ground's detail writes it: yuan as money, records as a whole number
    or ``"p/q"``, a proportional sum as ``"p/q"``."""
    if s.kind is StandardKind.YUAN:
        return _standard_number(s.value, records=False)
    if s.kind is StandardKind.RECORDS:
        return number_or_fraction(_fraction(s.value))
    return fraction_text(_fraction(s.value))


@dataclasses.dataclass(frozen=True, slots=True)
class _GroundParts:
    """What a ground writes from its provision and its standard alone.

    ``fragment`` is the ground's ``standard`` (encoded once, ``_standard_json``), ``value``
    and ``share`` the detail's standard and share as texts, then the two citations; a ground
    with no standard (a finding, a prior punishment) has ``None`` for the first four.
    """

    standard: Standard | None
    fragment: orjson.Fragment | None
    value: int | str | None
    share: str | None
    cite_zh: str
    cite_en: str


_GROUND_PARTS: dict[tuple[str, int], _GroundParts] = {}
"""``_GroundParts`` by provision and the standard's ``id``. Standards are the core's shared
objects (a few per ruleset) and provisions a few dozen, so each pair is written once and
kept; an entry holds its standard, so the ``id`` is not reused while it is kept. Looked up
in ``_ground_plain`` instead of five calls per ground (callgrind over the 1,000 distinct items
of the bench/http.py batch, each validated, assessed, mapped and encoded: 916,700 →
894,900 instructions per item)."""

_GROUND_PARTS_LIMIT = 1024


def _ground_parts(provision: str, s: Standard | None) -> _GroundParts:
    """Write and keep the parts of a ground citing ``provision`` and compared with ``s``."""
    made = _GroundParts(
        standard=s,
        fragment=None if s is None else _standard_json(s),
        value=None if s is None else _standard_value(s),
        share=None if s is None else fraction_text(s.multiple),
        cite_zh=cite_zh(provision),
        cite_en=cite_en(provision),
    )
    if len(_GROUND_PARTS) >= _GROUND_PARTS_LIMIT:
        _GROUND_PARTS.clear()
    _GROUND_PARTS[provision, id(s)] = made
    return made


def _records_detail(d: RecordsDetail, p: _GroundParts) -> JSON:
    return {
        "part": _WIRE[d.part],
        "item": d.standard.item,
        "category": _WIRE[d.category],
        "counted": d.counted,
        "standard": p.value,
        "share": p.share,
    }


def _sum_detail(d: SumDetail, p: _GroundParts) -> JSON:
    return {
        "part": _WIRE[d.part],
        "item": d.standard.item,
        "proportional_sum": fraction_text(d.proportional_sum),
        "standard": p.value,
        "share": p.share,
    }


def _gains_key(d: GainsDetail) -> str:
    """The amount's key: the gains from duty for the insider part, else all gains."""
    if d.part is PartName.INSIDER_PART:
        return "illegal_gains_from_duty_cny"
    return "illegal_gains_cny"


def _gains_detail(d: GainsDetail, p: _GroundParts) -> JSON:
    return {
        "part": _WIRE[d.part],
        "item": d.standard.item,
        _gains_key(d): money_text(d.amount),
        "standard_cny": p.value,
        "share": p.share,
    }


def _profit_detail(d: ProfitDetail, p: _GroundParts) -> JSON:
    return {
        "part": PartName.BUSINESS_PURCHASE.value,
        "profit_cny": money_text(d.profit),
        "standard_cny": _standard_number(d.standard.value, records=False),
    }


def _finding_detail(d: FindingDetail, p: _GroundParts) -> JSON:
    if d.part is None:
        return {"finding": _WIRE[d.finding]}
    return {"part": _WIRE[d.part], "finding": _WIRE[d.finding]}


def _prior_detail(d: PriorPunishmentDetail, p: _GroundParts) -> JSON:
    out: JSON = {"part": _WIRE[d.part]}
    if d.prior_criminal_punishment:
        out["prior_criminal_punishment"] = True
    if d.prior_administrative_penalty_date and d.window_start and d.window_end:
        out["prior_administrative_penalty_date"] = d.prior_administrative_penalty_date.isoformat()
        out["window_start"] = d.window_start.isoformat()
        out["window_end"] = d.window_end.isoformat()
    return out


_DETAIL: dict[type, Callable[[Any, _GroundParts], JSON]] = {
    RecordsDetail: _records_detail,
    SumDetail: _sum_detail,
    GainsDetail: _gains_detail,
    ProfitDetail: _profit_detail,
    FindingDetail: _finding_detail,
    PriorPunishmentDetail: _prior_detail,
}
"""A ground's detail as ``/v1`` writes it, keyed as in API.md: one writer per detail type,
with the ground's parts (``_GroundParts``). The documentation models of these shapes are
derived from the same detail types (``schemas.SHAPES``, ``schemas.WIRE_ONLY``):
tests/api/test_descriptions.py checks that every real answer's detail has exactly the keys
of one of them, and tests/api/test_mapping.py validates the answers against the models."""


def _fraction(value: Fraction | Decimal) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


# ---------------------------------------------------------------------------
# The result types written plainly: one writer per dataclass, derived from its fields
#
# A field is written plainly when its wire value follows from its type alone: an enum as
# its value, a fraction as its text (``fraction_text``), money as its text (``money_text``),
# a date in ISO form, a nested result by that type's writer, a tuple as a list, a mapping
# as an object (keys and values written alike), ``None`` as null, anything else as it is.
# Each such writer is derived once, at import, from ``dataclasses.fields()``: a field
# added to one of these types reaches the wire with no line here (tests/api/test_mapping.py). The wire's own keys (citations, the request's
# echoes, the digest) are the writer's arguments, in their place in the key order.
#
# The derived fields are then compiled into one function that builds the dict in a single
# display, as ``dataclasses`` compiles ``__init__``: the same instructions as a writer
# typed by hand. A loop over (name, converter) pairs cost 11 % more instructions per
# batch item (python -m bench.instructions: 844,100 against 760,600).

Convert = Callable[[Any], Any]

_WRITERS: dict[type[Any], Convert] = {}
"""The writer of each result type written plainly (or shared as one encoded fragment)."""

_wire_enum: Convert = _WIRE.__getitem__
"""An enum of ``_WIRE`` as its value (compiled as a subscript of the table)."""

_OPTIONAL: dict[Convert, Convert] = {}
"""Each converter of an optional value, with the converter of its value when present."""


def _optional(convert: Convert) -> Convert:
    def write(value: Any) -> Any:
        return None if value is None else convert(value)

    _OPTIONAL[write] = convert
    return write


def _each(convert: Convert) -> Convert:
    def write(values: Any) -> list[Any]:
        return [convert(v) for v in values]

    return write


def _pairs(key: Convert | None, value: Convert | None) -> Convert:
    def write(pairs: Mapping[Any, Any]) -> dict[Any, Any]:
        return {
            k if key is None else key(k): v if value is None else value(v) for k, v in pairs.items()
        }

    return write


def _converter(hint: Any) -> Convert | None:
    """How a value of this annotation is written: a function, or ``None`` for as it is."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        args = get_args(hint)
        kinds = [a for a in args if a is not type(None)]
        if len(kinds) != 1:
            raise TypeError(f"no plain wire form for {hint}: write the field by hand")
        inner = _converter(kinds[0])
        if inner is None or len(kinds) == len(args):
            return inner
        return _optional(inner)
    if origin is tuple:
        inner = _converter(get_args(hint)[0])
        return list if inner is None else _each(inner)
    if origin in (dict, Mapping):
        key, value = get_args(hint)
        return _pairs(_converter(key), _converter(value))
    if isinstance(hint, type):
        if issubclass(hint, Enum):
            return _wire_enum if all(m in _WIRE for m in hint) else attrgetter("value")
        if hint is Fraction:
            return fraction_text
        if hint is Decimal:
            return money_text
        if hint is date:
            return date.isoformat
        if dataclasses.is_dataclass(hint):
            return _WRITERS[hint]
    return None


@dataclasses.dataclass(frozen=True, slots=True)
class Derived:
    """How one result type (or one shape of it) is written: its fields in order, each with
    its converter (``None``: as it is), and the wire's own keys around them.

    ``fields`` is derived from ``dataclasses.fields()``; ``by_hand`` names the fields whose
    value is written otherwise (``HAND_WRITTEN_FIELDS`` says why); ``left_out`` the fields
    the shape does not carry (``schemas.SHAPES``); ``source`` is the compiled writer.
    """

    cls: type[Any]
    fields: tuple[tuple[str, Convert | None], ...]
    by_hand: frozenset[str]
    left_out: frozenset[str]
    before: tuple[str, ...]
    after: tuple[str, ...]
    source: str


DERIVED: dict[tuple[type[Any], frozenset[str]], Derived] = {}
"""Every derived writer, by type and the fields its shape leaves out."""


def _plain(
    cls: type[Any],
    *,
    convert: Mapping[str, Convert] | None = None,
    by_caller: tuple[str, ...] = (),
    left_out: frozenset[str] = frozenset(),
    before: tuple[str, ...] = (),
    after: tuple[str, ...] = (),
) -> Callable[..., JSON]:
    """The writer of a result type, derived from its fields once: ``write(value, *keys)``.

    ``convert`` overrides a field's converter; a field in ``by_caller`` keeps its place and
    its value is an argument; ``before`` and ``after`` are the wire's own keys around the
    fields, also arguments. The arguments come in the order of their keys.
    ``HAND_WRITTEN_FIELDS`` says why for each field written otherwise.
    """
    hints = get_type_hints(cls)
    given = convert or {}
    spec = tuple(
        (
            f.name,
            None
            if f.name in by_caller
            else given[f.name]
            if f.name in given
            else _converter(hints[f.name]),
        )
        for f in dataclasses.fields(cls)
        if f.name not in left_out
    )
    env: dict[str, Any] = {"W": _WIRE}
    items = [f"{name!r}: {name}" for name in before]
    arguments = [*before]
    for i, (name, c) in enumerate(spec):
        if name in by_caller:
            expr = name
            arguments.append(name)
        elif c is None:
            expr = f"value.{name}"
        elif c is _wire_enum:
            expr = f"W[value.{name}]"
        elif c in _OPTIONAL:
            env[f"c{i}"] = _OPTIONAL[c]
            expr = f"(None if (v{i} := value.{name}) is None else c{i}(v{i}))"
        else:
            env[f"c{i}"] = c
            expr = f"c{i}(value.{name})"
        items.append(f"{name!r}: {expr}")
    items += [f"{name!r}: {name}" for name in after]
    arguments += after
    if {"value", "W"} & set(arguments):
        raise ValueError(f"{cls.__name__}: a wire key cannot be named value or W")
    source = (
        f"def write_{cls.__name__}({', '.join(['value', *arguments])}):\n"
        f"    return {{{', '.join(items)}}}\n"
    )
    exec(source, env)  # the field names are identifiers of the core's own dataclasses
    DERIVED[cls, left_out] = Derived(
        cls=cls,
        fields=spec,
        by_hand=frozenset(given) | frozenset(by_caller),
        left_out=left_out,
        before=before,
        after=after,
        source=source,
    )
    write: Callable[..., JSON] = env[f"write_{cls.__name__}"]
    return write


HAND_WRITTEN_TYPES: dict[type[Any], str] = {
    Standard: (
        "the wire writes what the standard makes: value and base as a whole count or money, "
        "share and factor as multiple, halved_by and tenfold_by as two flags (schemas.CORE_ONLY)"
    ),
    RecordsDetail: "a ground's detail is keyed as API.md writes it: item from the standard, "
    "standard and share as texts written once per standard",
    SumDetail: "as RecordsDetail",
    GainsDetail: "as RecordsDetail; the amount is keyed illegal_gains_cny or "
    "illegal_gains_from_duty_cny by its part, the standard as standard_cny",
    ProfitDetail: "keyed as API.md writes it: the part (always the business purchase), "
    "profit_cny, standard_cny",
    FindingDetail: "the part only when there is one",
    PriorPunishmentDetail: "each prior punishment only when it counts",
    Quantity: "each row repeats its index and the request's obtained_in_duty and label; the "
    "sums' standards are shared fragments; the multiples are the wire's own",
}
"""Result types whose wire differs from their fields, each written by hand, and why."""

HAND_WRITTEN_FIELDS: dict[tuple[type[Any], str], str] = {
    (Ground, "detail"): "written by its type's writer (HAND_WRITTEN_TYPES)",
    (NextTier, "options"): "a computed option is a shared object of the core, encoded once",
    (Assessment, "quantity"): "needs the request's rows (HAND_WRITTEN_TYPES[Quantity])",
    (Assessment, "provisions_applied"): "the list is a shared object of the core, encoded once",
}
"""Fields of a plainly written type whose value is written otherwise, and why."""

_standard_json = _Encoded(_standard_fields, limit=1024)
_row_count = _plain(RowCount, before=("index",), after=("obtained_in_duty", "label"))
_WRITERS[Classification] = _plain(Classification)
_WRITERS[FineGuide] = _plain(FineGuide)
_WRITERS[OpenQuestion] = _plain(OpenQuestion)
_WRITERS[Warning] = _plain(Warning)
_WRITERS[ProvisionRef] = _plain(ProvisionRef)
_WRITERS[Standard] = _standard_json
# The penalty and Art. 10 sections and the ruleset reference are shared objects of the core
# (calculator/assess.py): each distinct one is written and encoded once.
_penalty = _WRITERS[Penalty] = _Encoded(_plain(Penalty))
_leniency = _WRITERS[Leniency] = _Encoded(_plain(Leniency))
_ruleset_ref = _WRITERS[RulesetRef] = _Encoded(_plain(RulesetRef))
_provisions_applied = _Encoded(_each(_WRITERS[ProvisionRef]))

_ground_fields = _plain(Ground, by_caller=("detail",), after=("standard", "cite_zh", "cite_en"))


def _ground_plain(g: Ground) -> JSON:
    """A ground as a dict: its fields, its detail by its type's writer, its standard, citations."""
    # The detail's own slot, not ``Ground.standard`` (a property that matches on the
    # detail's type): the same value, since only the details with a standard have the slot.
    d = g.detail
    s = getattr(d, "standard", None)
    p = _GROUND_PARTS.get((g.provision, id(s)))
    if p is None or p.standard is not s:
        p = _ground_parts(g.provision, s)
    return _ground_fields(g, _DETAIL[type(d)](d, p), p.fragment, p.cite_zh, p.cite_en)


# ---------------------------------------------------------------------------
# A ground written around its one number
#
# Two grounds with records, a sum or gains that agree in every field but their number (the
# records counted, the sum, the amount) and compare it with the same standard are written
# alike but for that number. So such a ground's JSON is written once per key (the ground's
# fields, the detail's other fields, the standard) with a marker in the number's place and
# split there; every later ground with that key is its two halves around its own number,
# one ``orjson.Fragment``, which the answer's encoding copies as it is. The key is derived
# from the dataclasses' fields, so a field added to ``Ground`` or to a detail type joins it;
# the halves are checked against the plainly written ground they were made from, and
# tests/api/test_mapping.py checks grounds of random cases, and grounds changed in each
# field but the number, against it. Measured with callgrind over the 1,000 distinct items
# of the bench/http.py batch, each validated, assessed, mapped and encoded: 928,100 →
# 880,200 instructions per item (the grounds alone: 42,300 → 33,000 with the key read in
# one compiled step, ``_key_reader``).


@dataclasses.dataclass(frozen=True, slots=True)
class _Number:
    """The one number of a detail type that differs between grounds written alike.

    ``field`` is the number's field, ``key`` reads a ground's key (``_key_reader``),
    ``wire_key`` is the number's key in the written detail, ``text`` the number as JSON.
    """

    field: str
    key: Callable[[Ground, Any], tuple[Any, ...]]
    wire_key: Callable[[Any], str]
    text: Callable[[Any], bytes]


def _key_reader(cls: type[Any], number: str) -> Callable[[Ground, Any], tuple[Any, ...]]:
    """``key(g, d)``: the detail's type, every field of the ground but its detail, every
    field of the detail but its number and standard, and the standard's ``id``, in one
    flat tuple; compiled from the fields, as the writers are (``_plain``); three calls of
    ``attrgetter`` and a nested tuple cost about twice as much per ground."""
    names = [f"g.{f.name}" for f in dataclasses.fields(Ground) if f.name != "detail"]
    names += [f"d.{f.name}" for f in dataclasses.fields(cls) if f.name not in (number, "standard")]
    source = f"def key(g, d):\n    return (d.__class__, {', '.join(names)}, id(d.standard))\n"
    env: dict[str, Any] = {}
    exec(source, env)  # the names are fields of the core's own dataclasses
    key: Callable[[Ground, Any], tuple[Any, ...]] = env["key"]
    return key


def _counted_text(d: RecordsDetail) -> bytes:
    return b"%d" % d.counted


def _sum_text(d: SumDetail) -> bytes:
    return b'"' + fraction_text(d.proportional_sum).encode() + b'"'


def _amount_text(d: GainsDetail) -> bytes:
    return b'"' + money_text(d.amount).encode() + b'"'


def _number(
    cls: type[Any], field: str, wire_key: Callable[[Any], str], text: Callable[[Any], bytes]
) -> _Number:
    return _Number(field=field, key=_key_reader(cls, field), wire_key=wire_key, text=text)


_NUMBER: dict[type[Any], _Number] = {
    RecordsDetail: _number(RecordsDetail, "counted", lambda d: "counted", _counted_text),
    SumDetail: _number(SumDetail, "proportional_sum", lambda d: "proportional_sum", _sum_text),
    GainsDetail: _number(GainsDetail, "amount", _gains_key, _amount_text),
}
"""Each detail type whose ground is written around its number (RecordsDetail, SumDetail,
GainsDetail); the others are written plainly."""

_MARK = "\x00number\x00"
_MARK_JSON = dumps(_MARK)


@dataclasses.dataclass(frozen=True, slots=True)
class _Halves:
    """A ground's JSON before and after its number, and the standard it was written with."""

    standard: Standard
    head: bytes
    tail: bytes


_HALVES: dict[tuple[Any, ...], _Halves] = {}
"""``_Halves`` by key; an entry holds its standard, so the standard's ``id`` in the key is
not reused while it is kept. Cleared when it reaches ``_HALVES_LIMIT`` entries."""

_HALVES_LIMIT = 4096


def _halves(g: Ground, s: Standard, number: _Number, key: tuple[Any, ...]) -> _Halves:
    """Write ``g`` with the marker for its number, split it there, check it, keep it."""
    written = _ground_plain(g)
    whole = dumps(written)
    written["detail"][number.wire_key(g.detail)] = _MARK
    parts = dumps(written).split(_MARK_JSON)
    if len(parts) != 2 or parts[0] + number.text(g.detail) + parts[1] != whole:
        raise RuntimeError(f"ground {g.provision}: its number is not where it was written")
    made = _Halves(standard=s, head=parts[0], tail=parts[1])
    if len(_HALVES) >= _HALVES_LIMIT:
        _HALVES.clear()
    _HALVES[key] = made
    return made


def _ground(g: Ground) -> JSON | orjson.Fragment:
    """A ground: around its number when its detail has one (``_NUMBER``), else plainly."""
    d: Any = g.detail  # one of _NUMBER's types once it has a number, each with a standard
    number = _NUMBER.get(type(d))
    if number is None:
        return _ground_plain(g)
    s = d.standard
    key = number.key(g, d)
    try:
        halves = _HALVES.get(key)
    except TypeError:  # a field that cannot be part of a key (a mapping): written plainly
        return _ground_plain(g)
    if halves is None or halves.standard is not s:
        halves = _halves(g, s, number, key)
    return orjson.Fragment(b"".join((halves.head, number.text(d), halves.tail)))


_WRITERS[Ground] = _ground


def _quantity(q: Quantity, rows: tuple[schemas.RecordRow, ...]) -> JSON:
    whole, whole_exact = multiple_text(q.proportional_sum)
    insider, insider_exact = multiple_text(q.insider_proportional_sum)
    return {
        "rows": [
            _row_count(r, i, row.obtained_in_duty, row.label)
            for i, (r, row) in enumerate(zip(q.rows, rows, strict=True))
        ],
        "by_category": {_WIRE[c]: n for c, n in q.by_category.items()},
        "insider_by_category": {_WIRE[c]: n for c, n in q.insider_by_category.items()},
        "business_purchase_counted": q.business_purchase_counted,
        "proportional_sum": fraction_text(q.proportional_sum),
        "insider_proportional_sum": fraction_text(q.insider_proportional_sum),
        "proportional_sum_standards": _standards(q.proportional_sum_standards),
        "insider_proportional_sum_standards": _standards(q.insider_proportional_sum_standards),
        # Each sum as a multiple of its standard for display, rounded down to two places.
        "proportional_sum_multiple": {"value": whole, "exact": whole_exact},
        "insider_proportional_sum_multiple": {"value": insider, "exact": insider_exact},
    }


def _fraction_texts(values: tuple[Fraction, ...]) -> list[str]:
    return [fraction_text(f) for f in values]


_standards = _Encoded(_fraction_texts)

_RECORDS_SHAPE, _GAINS_SHAPE = (
    _plain(Addition, left_out=schemas.SHAPES[Addition][name][0], after=("cite_zh", "cite_en"))
    for name in ("RecordsAddition", "GainsAddition")
)
"""An addition is written in one of two shapes (schemas.SHAPES): records of a category, or
gains; each leaves out the other's fields."""


def _addition(a: Addition) -> JSON:
    shape = _RECORDS_SHAPE if a.category is not None else _GAINS_SHAPE
    return shape(a, cite_zh(a.provision), cite_en(a.provision))


_option = _Encoded(_addition, limit=16384)
"""A records or gains option is a shared object of the core (``calculator.next_tier``)."""


def _options(options: tuple[Addition, ...]) -> list[JSON | orjson.Fragment]:
    """Each option's fragment, looked up in ``_option``'s table in this loop rather than
    through a call per option (a case has eleven; python -m bench.instructions, batch
    item: 759,200 → 736,900 instructions). A caller-finding option is made afresh per
    case: it is written, not kept.
    """
    known = _option.known
    out: list[JSON | orjson.Fragment] = []
    for a in options:
        hit = known(id(a))
        if hit is not None and hit[0] is a:
            out.append(hit[1])
        elif a.basis is OptionBasis.CALLER_FINDING:
            out.append(_addition(a))
        else:
            out.append(_option(a))
    return out


_WRITERS[NextTier] = _plain(NextTier, convert={"options": _options})
_assessment_fields = _plain(
    Assessment,
    convert={"provisions_applied": _provisions_applied},
    by_caller=("quantity",),
    after=("input_digest",),
)


def assessment(a: Assessment, request: schemas.AssessmentRequest, *, digest: str) -> JSON:
    """The wire ``Assessment``: API.md's fields, every extra field of the core, the digest.

    Each row of ``quantity.rows`` also repeats its position, ``obtained_in_duty`` and the
    caller's ``label`` from the request.
    """
    return _assessment_fields(a, _quantity(a.quantity, request.records), digest)


def assessment_for(request: schemas.AssessmentRequest) -> JSON:
    """Assess a validated request and answer on the wire; ``InvalidFacts`` passes through."""
    return assessment(assess(case(request)), request, digest=input_digest(request))


# ---------------------------------------------------------------------------
# Reference data


def provision(p: Provision) -> JSON:
    """The wire ``Provision``."""
    return {
        "id": p.id,
        "title": p.title,
        "text": p.text,
        "source": p.source,
        "status": p.status,
        "reason": p.reason,
    }


def provisions() -> JSON:
    """Every provision the calculator cites."""
    return {"provisions": [provision(p) for p in PROVISIONS.values()]}


def _ruleset(r: Ruleset) -> JSON:
    return {
        "id": r.id,
        "title": r.title,
        "effective_from": r.effective_from.isoformat(),
        "effective_from_provision": r.effective_from_provision,
        "record_standards": [
            {
                "provision": s.provision,
                "records": s.records,
                "categories": [c.value for c in s.categories],
            }
            for s in r.standards
        ],
        "proportional_standard": {
            "provision": r.proportional_provision,
            "value": fraction_text(r.proportional_sum),
        },
        "gains_standard": {"provision": r.gains_provision, "amount_cny": money_text(r.gains_cny)},
        "insider_share": {
            "provision": r.insider_provision,
            "value": fraction_text(r.insider_share),
        },
        "tenfold": {"provision": r.tenfold_provision, "factor": r.tenfold_factor},
        "prior_administrative_penalty": {
            "provision": r.admin_provision,
            "window_years": r.admin_window_years,
            "edge_days": r.admin_edge_days,
        },
        "business_profit_standard": {
            "provision": r.profit_provision,
            "amount_cny": money_text(r.profit_cny),
        },
        "fine_guide": {
            "provision": r.fine_provision,
            "min_multiple": r.fine_min_multiple,
            "max_multiple": r.fine_max_multiple,
        },
        "catch_all_hint": {
            "provision": r.catch_all_hint_provision,
            "value": fraction_text(r.catch_all_hint_share),
        },
    }


def _statute(s: Statute) -> JSON:
    return {
        "id": s.id,
        "title": s.title,
        "effective_from": s.effective_from.isoformat(),
        "provision": s.provision,
        "serious_max_months": s.serious_max_months,
        "especially_serious_min_months": s.especially_serious_min_months,
        "especially_serious_max_months": s.especially_serious_max_months,
        "especially_serious_range": s.especially_serious_range,
        "serious_fine": s.serious_fine,
        "especially_serious_fine": s.especially_serious_fine,
        "serious_range_zh": s.serious_range_zh,
        "serious_range_en": s.serious_range_en,
        "especially_serious_range_zh": s.especially_serious_range_zh,
        "especially_serious_range_en": s.especially_serious_range_en,
    }


def rulesets() -> JSON:
    """Every parameter set, every text of CL253-1, and the categories' names."""
    return {
        "rulesets": [_ruleset(r) for r in RULESETS],
        "statutes": [_statute(s) for s in STATUTES],
        "categories": [
            {"category": c.value, "zh": n.zh, "en": n.en} for c, n in CATEGORY_NAMES.items()
        ],
    }
