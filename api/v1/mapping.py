"""Wire ⇄ core: validated requests become ``calculator`` inputs, results become JSON-ready dicts.

A plain mapping, field for field; no legal logic lives here. The answer is built as
dicts straight from the core's frozen dataclasses (fractions as ``"p/q"``, money as
decimal strings, enums as their values), so it is encoded once, without a second
validation pass. ``tests/api/test_mapping.py`` checks these dicts against the response
models and checks that every field of every core result type is carried.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Any

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
    Ground,
    Leniency,
    LeniencyFacts,
    NextTier,
    Offender,
    Penalty,
    Provision,
    ProvisionRef,
    Quantity,
    Ruleset,
    RulesetRef,
    Statute,
    assess,
)
from calculator.citation import cite_en, cite_zh
from calculator.law import CATEGORY_NAMES
from calculator.model import (
    Basis,
    BusinessPurchase,
    Detail,
    FindingDetail,
    GainsDetail,
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
    for kind in (Category, Tier, PartName, Basis, OptionBasis)
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
    """``sha256:`` + hex digest of the canonical JSON of the validated request, defaults included."""
    return "sha256:" + hashlib.sha256(canonical(request.model_dump())).hexdigest()


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


def _standard(s: Standard | None) -> JSON | orjson.Fragment | None:
    return None if s is None else _standard_json(s)


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


class _StandardTexts:
    """The texts a ground's detail writes for its standard, written once per standard.

    Standards are the core's shared objects (a few per ruleset), so the detail's
    ``standard`` / ``standard_cny`` and ``share`` are written once each and kept by
    identity, as ``_Encoded`` keeps fragments (its share of the batch item's instructions
    was not measured apart).
    """

    def __init__(self, limit: int = 1024) -> None:
        self._limit = limit
        self._by_id: dict[int, tuple[Standard, int | str, str]] = {}

    def __call__(self, s: Standard) -> tuple[int | str, str]:
        hit = self._by_id.get(id(s))
        if hit is not None and hit[0] is s:
            return hit[1], hit[2]
        if s.kind is StandardKind.YUAN:
            value: int | str = _standard_number(s.value, records=False)
        elif s.kind is StandardKind.RECORDS:
            value = number_or_fraction(_fraction(s.value))
        else:
            value = fraction_text(_fraction(s.value))
        share = fraction_text(s.multiple)
        if len(self._by_id) >= self._limit:
            self._by_id.clear()
        self._by_id[id(s)] = (s, value, share)
        return value, share


_standard_texts = _StandardTexts()


def _records_detail(d: RecordsDetail) -> JSON:
    standard, share = _standard_texts(d.standard)
    return {
        "part": _WIRE[d.part],
        "item": d.standard.item,
        "category": _WIRE[d.category],
        "counted": d.counted,
        "standard": standard,
        "share": share,
    }


def _sum_detail(d: SumDetail) -> JSON:
    standard, share = _standard_texts(d.standard)
    return {
        "part": _WIRE[d.part],
        "item": d.standard.item,
        "proportional_sum": fraction_text(d.proportional_sum),
        "standard": standard,
        "share": share,
    }


def _gains_detail(d: GainsDetail) -> JSON:
    standard, share = _standard_texts(d.standard)
    insider = d.part is PartName.INSIDER_PART
    return {
        "part": _WIRE[d.part],
        "item": d.standard.item,
        "illegal_gains_from_duty_cny" if insider else "illegal_gains_cny": money_text(d.amount),
        "standard_cny": standard,
        "share": share,
    }


def _profit_detail(d: ProfitDetail) -> JSON:
    return {
        "part": PartName.BUSINESS_PURCHASE.value,
        "profit_cny": money_text(d.profit),
        "standard_cny": _standard_number(d.standard.value, records=False),
    }


def _finding_detail(d: FindingDetail) -> JSON:
    if d.part is None:
        return {"finding": d.finding}
    return {"part": _WIRE[d.part], "finding": d.finding}


def _prior_detail(d: PriorPunishmentDetail) -> JSON:
    out: JSON = {"part": _WIRE[d.part]}
    if d.prior_criminal_punishment:
        out["prior_criminal_punishment"] = True
    if d.prior_administrative_penalty_date and d.window_start and d.window_end:
        out["prior_administrative_penalty_date"] = d.prior_administrative_penalty_date.isoformat()
        out["window_start"] = d.window_start.isoformat()
        out["window_end"] = d.window_end.isoformat()
    return out


_DETAIL: dict[type, Callable[[Any], JSON]] = {
    RecordsDetail: _records_detail,
    SumDetail: _sum_detail,
    GainsDetail: _gains_detail,
    ProfitDetail: _profit_detail,
    FindingDetail: _finding_detail,
    PriorPunishmentDetail: _prior_detail,
}
"""A ground's detail as ``/v1`` writes it, keyed as in API.md: one writer per detail type."""


def _detail(d: Detail) -> JSON:
    """A ground's detail as ``/v1`` writes it: the numbers used, keyed as in API.md."""
    return _DETAIL[type(d)](d)


def _fraction(value: Fraction | Decimal) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def _ground(g: Ground) -> JSON:
    return {
        "provision": g.provision,
        "tier": _WIRE[g.tier],
        "text": g.text,
        "basis": _WIRE[g.basis],
        "detail": _detail(g.detail),
        # The detail's own slot, not ``Ground.standard`` (a property that matches on the
        # detail's type): the same value, since only the quantity details have the slot.
        "standard": _standard(getattr(g.detail, "standard", None)),
        "cite_zh": cite_zh(g.provision),
        "cite_en": cite_en(g.provision),
    }


def _quantity(q: Quantity, rows: tuple[schemas.RecordRow, ...]) -> JSON:
    return {
        "rows": [
            {
                "index": i,
                "category": _WIRE[r.category],
                "count": r.count,
                "recipients": r.recipients,
                "counted": r.counted,
                "provision": r.provision,
                "path": r.path,
                "obtained_in_duty": row.obtained_in_duty,
                "label": row.label,
            }
            for i, (r, row) in enumerate(zip(q.rows, rows, strict=True))
        ],
        "by_category": {_WIRE[c]: n for c, n in q.by_category.items()},
        "insider_by_category": {_WIRE[c]: n for c, n in q.insider_by_category.items()},
        "business_purchase_counted": q.business_purchase_counted,
        "proportional_sum": fraction_text(q.proportional_sum),
        "insider_proportional_sum": fraction_text(q.insider_proportional_sum),
        "proportional_sum_standards": _standards(q.proportional_sum_standards),
        "insider_proportional_sum_standards": _standards(q.insider_proportional_sum_standards),
        "proportional_sum_multiple": _multiple(q.proportional_sum),
        "insider_proportional_sum_multiple": _multiple(q.insider_proportional_sum),
    }


def _multiple(value: Fraction) -> JSON:
    """The sum as a multiple of its standard for display, rounded down to two places."""
    text, exact = multiple_text(value)
    return {"value": text, "exact": exact}


def _fraction_texts(values: tuple[Fraction, ...]) -> list[str]:
    return [fraction_text(f) for f in values]


_standards = _Encoded(_fraction_texts)


def _addition(a: Addition) -> JSON:
    route = {
        "basis": _WIRE[a.basis],
        "contested": a.contested,
        "open_question": a.open_question,
        "standard": _standard(a.standard),
        "cite_zh": cite_zh(a.provision),
        "cite_en": cite_en(a.provision),
    }
    if a.category is not None:
        return {
            "provision": a.provision,
            "category": _WIRE[a.category],
            "additional_records": a.additional_records,
            **route,
        }
    gains = a.additional_gains_cny
    return {
        "provision": a.provision,
        "additional_gains_cny": None if gains is None else money_text(gains),
        **route,
    }


_option = _Encoded(_addition, limit=16384)
"""A records or gains option is a shared object of the core (``calculator.next_tier``)."""


def _next_tier(n: NextTier | None) -> JSON | None:
    if n is None:
        return None
    return {
        "tier": _WIRE[n.tier],
        "options": [
            _addition(a) if a.basis is OptionBasis.CALLER_FINDING else _option(a) for a in n.options
        ],
    }


def _money(value: Decimal | None) -> str | None:
    return None if value is None else money_text(value)


def _penalty_json(p: Penalty) -> JSON:
    f = p.fine_guide
    return {
        "statute_version": p.statute_version,
        "provision": p.provision,
        "text": p.text,
        "offence": p.offence,
        "imprisonment_min_months": p.imprisonment_min_months,
        "imprisonment_max_months": p.imprisonment_max_months,
        "criminal_detention_available": p.criminal_detention_available,
        "fine": p.fine,
        "range_zh": p.range_zh,
        "range_en": p.range_en,
        "fine_guide": {
            "provision": f.provision,
            "text": f.text,
            "applies": f.applies,
            "min_cny": _money(f.min_cny),
            "max_cny": _money(f.max_cny),
            "note_zh": f.note_zh,
            "note_en": f.note_en,
        },
        "heavier_for_insider": p.heavier_for_insider,
        "heavier_for_insider_provision": p.heavier_for_insider_provision,
        "unit_offender": p.unit_offender,
        "unit_note_zh": p.unit_note_zh,
        "unit_note_en": p.unit_note_en,
    }


def _leniency_json(le: Leniency) -> JSON:
    return {
        "status": le.status.value,
        "provision": le.provision,
        "text": le.text,
        "missing_facts": list(le.missing_facts),
        "note_zh": le.note_zh,
        "note_en": le.note_en,
    }


def _provisions_applied_json(refs: tuple[ProvisionRef, ...]) -> list[JSON]:
    return [{"provision": r.provision, "text": r.text, "role": r.role} for r in refs]


def _classification_json(c: Classification) -> JSON:
    return {
        "sensitive": c.sensitive,
        "lenient_tier": _WIRE[c.lenient_tier],
        "strict_tier": _WIRE[c.strict_tier],
    }


def _ruleset_json(r: RulesetRef) -> JSON:
    return {
        "id": r.id,
        "effective_from": r.effective_from.isoformat(),
        "selected_by": r.selected_by,
    }


_penalty = _Encoded(_penalty_json)
_leniency = _Encoded(_leniency_json)
_provisions_applied = _Encoded(_provisions_applied_json)
_ruleset_ref = _Encoded(_ruleset_json)
_standard_json = _Encoded(_standard_fields, limit=1024)


def assessment(a: Assessment, request: schemas.AssessmentRequest, *, digest: str) -> JSON:
    """The wire ``Assessment``: API.md's fields, every extra field of the core, the digest.

    Each row of ``quantity.rows`` also repeats its position, ``obtained_in_duty`` and the
    caller's ``label`` from the request.
    """
    c = a.classification
    return {
        "tier": _WIRE[a.tier],
        "tier_zh": a.tier_zh,
        "grounds": [_ground(g) for g in a.grounds],
        "quantity": _quantity(a.quantity, request.records),
        "next_tier": _next_tier(a.next_tier),
        "classification": _classification_json(c),
        "penalty": _penalty(a.penalty),
        "leniency": _leniency(a.leniency),
        "open_questions": [
            {"code": q.code, "provision": q.provision, "text": q.text, "text_en": q.text_en}
            for q in a.open_questions
        ],
        "warnings": [{"code": w.code, "text": w.text, "text_en": w.text_en} for w in a.warnings],
        "provisions_applied": _provisions_applied(a.provisions_applied),
        "ruleset": _ruleset_ref(a.ruleset),
        "engine_version": a.engine_version,
        "opinion_zh": a.opinion_zh,
        "opinion_en": a.opinion_en,
        "input_digest": digest,
    }


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
