"""The quantity standards of Art. 5 para 1 items 三 to 七, at each level the law applies them.

Items 三 to 七 set a record standard per category (50 / 500 / 5,000), the proportional
sum (1) and the gains (¥5,000). The law applies them at four levels: as they stand
(5.1.3 – 5.1.7), halved for the insider part (5.1.8), ten times (5.2.3), and ten times
the halved (5.2.3 on 5.1.8, D13). A ``Level`` holds one level's exact minima and the
``Standard`` each ground reports, derived once per ruleset (``levels``). The functions
below answer one question each: which grounds does this ``Part`` reach at this level.
``calculator/rules/art5.py`` states the statute in these terms.

Exactness (D1): a count ``n`` reaches ``T(c) × multiple`` exactly when
``n >= need_records[c]``; the proportional sum ``units / base`` reaches exactly when
``units >= need_units``; gains reach when ``gains >= need_gains``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from calculator.law import Ruleset, provision_text
from calculator.model import (
    Basis,
    Category,
    GainsDetail,
    Ground,
    PartName,
    RecordsDetail,
    Standard,
    StandardKind,
    SumDetail,
    Tier,
)

__all__ = [
    "Level",
    "Levels",
    "Part",
    "gains_reaching",
    "half_of",
    "levels",
    "may_reach",
    "reaches_a_record_standard",
    "records_reaching",
    "slot_setter",
    "sum_reaching",
    "ten_times",
]


@dataclass(slots=True)  # not frozen: built twice a pass (calculator/evaluate.py, measured there)
class Part:
    """The facts one test of Art. 5 looks at: counted records by category, their sum, the gains.

    ``units`` is the proportional sum in integer form, ``Σ weight(c)·n_c`` over
    ``Ruleset.base`` (D7). The whole case is every Art. 5 row and the total gains; the
    insider part is the duty rows and the duty gains alone (D12).
    """

    name: PartName
    by_category: Mapping[Category, int]
    units: int
    gains: Decimal
    made_sum: Fraction | None = None
    """The proportional sum once ``proportional_sum`` has made it (``None`` before)."""

    @property
    def present(self) -> bool:
        """Whether the part has any records or gains at all."""
        return bool(self.by_category) or bool(self.gains)

    def proportional_sum(self, base: int) -> Fraction:
        """The proportional sum ``units / base`` (D7), made once per part.

        A 5.1.6 ground, the D9 question and the answer's ``quantity`` all carry the sum of
        the whole case; the ``Fraction`` (a gcd and two divisions in Python) is made once for
        all (python -m bench.instructions, 4 mixed rows: 318,700 → 313,600 instructions).
        """
        made = self.made_sum
        if made is None:
            made = self.made_sum = _ZERO if self.units == 0 else Fraction(self.units, base)
        return made


_ZERO = Fraction(0)


@dataclass(frozen=True, kw_only=True, slots=True)
class Level:
    """One level of the standards of items 三 to 七: the tier it supports and its exact minima.

    ``provision`` is what a ground at this level cites when it is not the item's own
    (``5.1.8`` for the insider part, ``5.2.3`` for ten times). ``least_units`` is the
    smallest proportional sum (integer form) at which any record standard or the sum
    can be reached: below it no quantity ground of this level holds.
    """

    tier: Tier
    part: PartName
    provision: str | None
    records: Mapping[Category, Standard]
    need_records: Mapping[Category, int]
    proportional_sum: Standard
    need_units: int
    gains: Standard
    need_gains: Decimal
    least_units: int
    need_of_item: Mapping[str, Mapping[Category, int]]
    """``need_records`` split by item (5.1.3, 5.1.4, 5.1.5): the categories each item tests."""
    cited: Mapping[str, tuple[str, str]]
    """For each item, the provision a ground at this level cites and its verbatim text."""
    least_units_of_item: Mapping[str, int]
    """As ``least_units``, for the categories of one item (5.1.3, 5.1.4, 5.1.5)."""
    per_category: tuple[tuple[Category, int, int], ...]
    """Each category in the statute's order with its ``need_records`` and its weight, for
    ``next_tier`` (callgrind, next_tier() of bench/core.py's 1-row case: 63,900 → 48,800)."""


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)


def _level(
    rs: Ruleset,
    *,
    tier: Tier,
    part: PartName,
    provision: str | None,
    share: Fraction,
    factor: int,
) -> Level:
    halved_by = rs.insider_provision if part is PartName.INSIDER_PART else None
    tenfold_by = rs.tenfold_provision if factor != 1 else None

    def standard(kind: StandardKind, item: str, base: Fraction | Decimal) -> Standard:
        multiple = share * factor
        if isinstance(base, Fraction):
            value: Fraction | Decimal = base * multiple
        else:
            value = base * multiple.numerator / multiple.denominator
        return Standard(
            kind=kind,
            item=item,
            value=value,
            base=base,
            share=share,
            factor=factor,
            multiple=multiple,
            halved_by=halved_by,
            tenfold_by=tenfold_by,
        )

    records = {
        c: standard(StandardKind.RECORDS, s.provision, Fraction(s.records))
        for c, s in rs.standard_of.items()
    }
    need_records = {c: _ceil(Fraction(s.value)) for c, s in records.items()}
    proportional = standard(
        StandardKind.PROPORTIONAL_SUM, rs.proportional_provision, rs.proportional_sum
    )
    need_units = _ceil(rs.base * Fraction(proportional.value))
    gains = standard(StandardKind.YUAN, rs.gains_provision, rs.gains_cny)
    need_of_item: dict[str, dict[Category, int]] = {}
    for c, s in records.items():
        need_of_item.setdefault(s.item, {})[c] = need_records[c]
    items = (*need_of_item, proportional.item, gains.item)
    cited = {item: (provision or item, provision_text(provision or item)) for item in items}
    return Level(
        tier=tier,
        part=part,
        provision=provision,
        records=records,
        need_records=need_records,
        proportional_sum=proportional,
        need_units=need_units,
        gains=gains,
        need_gains=rs.gains_cny * (share * factor).numerator / (share * factor).denominator,
        least_units=min(need_units, *(rs.weight[c] * n for c, n in need_records.items())),
        need_of_item=need_of_item,
        cited=cited,
        least_units_of_item={
            item: min(rs.weight[c] * n for c, n in needs.items())
            for item, needs in need_of_item.items()
        },
        per_category=tuple((c, need_records[c], rs.weight[c]) for c in Category),
    )


def half_of(level: Level, rs: Ruleset) -> Level:
    """5.1.8's modifier: half of every standard of items 三 to 七, for the insider part (D12).

    「数量或者数额达到第三项至第七项规定标准一半以上的」
    """
    return _level(
        rs,
        tier=level.tier,
        part=PartName.INSIDER_PART,
        provision=rs.insider_provision,
        share=level.proportional_sum.share * rs.insider_share,
        factor=level.proportional_sum.factor,
    )


def ten_times(level: Level, rs: Ruleset) -> Level:
    """5.2.3's modifier: ten times a standard of items 三 to 八 (D8, D13).

    「数量或者数额达到前款第三项至第八项规定标准十倍以上的」
    """
    return _level(
        rs,
        tier=Tier.ESPECIALLY_SERIOUS,
        part=level.part,
        provision=rs.tenfold_provision,
        share=level.proportional_sum.share,
        factor=level.proportional_sum.factor * rs.tenfold_factor,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class Levels:
    """The four levels under one ruleset, and the standards of the proportional sums (1 and 10; 1/2 and 5)."""

    ordinary: Level
    insider: Level
    tenfold: Level
    insider_tenfold: Level

    sum_standards: tuple[Fraction, Fraction]
    insider_sum_standards: tuple[Fraction, Fraction]


_LEVELS: dict[str, Levels] = {}
"""The levels of each ruleset, derived on first use (a handful of rulesets, never evicted):
deriving them takes about 410 µs, five times a whole assessment; looking them up, 0.1 µs."""


def levels(rs: Ruleset) -> Levels:
    """The ordinary, halved, ten-fold and ten-fold halved levels of a ruleset."""
    found = _LEVELS.get(rs.id)
    if found is None:
        ordinary = _level(
            rs,
            tier=Tier.SERIOUS,
            part=PartName.WHOLE_CASE,
            provision=None,
            share=Fraction(1),
            factor=1,
        )
        insider = half_of(ordinary, rs)
        tenfold, insider_tenfold = ten_times(ordinary, rs), ten_times(insider, rs)
        found = _LEVELS[rs.id] = Levels(
            ordinary=ordinary,
            insider=insider,
            tenfold=tenfold,
            insider_tenfold=insider_tenfold,
            sum_standards=(_sum_value(ordinary), _sum_value(tenfold)),
            insider_sum_standards=(_sum_value(insider), _sum_value(insider_tenfold)),
        )
    return found


def _sum_value(level: Level) -> Fraction:
    return Fraction(level.proportional_sum.value)


# The functions below run for every part at every level of every pass: each reads the
# level's prebuilt tables (``need_of_item``, ``cited``) and loops without a comprehension.
# The grounds and their details are the public model's frozen dataclasses; a frozen
# ``__init__`` sets each field through ``object.__setattr__`` (about 1,300 instructions a
# field), so the two made here for every quantity ground are filled through their slots
# instead: the same objects, every field set once (tests/calculator/test_slots.py).
# Measured with callgrind, evaluate() of bench/core.py's 1-row case: 99,700 → 91,100
# instructions with the tables, → 83,100 with the grounds filled through their slots
# (a 6-field frozen dataclass: 13,000 instructions by its constructor, 6,100 so).

_new = object.__new__


def slot_setter(cls: type, name: str) -> Callable[[object, object], None]:
    """The setter of one slot of ``cls`` (a frozen dataclass's field)."""
    setter: Callable[[object, object], None] = getattr(cls, name).__set__
    return setter


_set_provision = slot_setter(Ground, "provision")
_set_tier = slot_setter(Ground, "tier")
_set_text = slot_setter(Ground, "text")
_set_basis = slot_setter(Ground, "basis")
_set_detail = slot_setter(Ground, "detail")
_set_records_part = slot_setter(RecordsDetail, "part")
_set_records_category = slot_setter(RecordsDetail, "category")
_set_records_counted = slot_setter(RecordsDetail, "counted")
_set_records_standard = slot_setter(RecordsDetail, "standard")
_set_sum_part = slot_setter(SumDetail, "part")
_set_sum_value = slot_setter(SumDetail, "proportional_sum")
_set_sum_standard = slot_setter(SumDetail, "standard")
_set_gains_part = slot_setter(GainsDetail, "part")
_set_gains_amount = slot_setter(GainsDetail, "amount")
_set_gains_standard = slot_setter(GainsDetail, "standard")


def _ground(level: Level, item: str, detail: RecordsDetail | SumDetail | GainsDetail) -> Ground:
    """``Ground(provision=…, tier=level.tier, text=…, basis=COMPUTED, detail=detail)``."""
    provision, text = level.cited[item]
    g: Ground = _new(Ground)
    _set_provision(g, provision)
    _set_tier(g, level.tier)
    _set_text(g, text)
    _set_basis(g, Basis.COMPUTED)
    _set_detail(g, detail)
    return g


def _records_detail(level: Level, category: Category, counted: int) -> RecordsDetail:
    """``RecordsDetail(part=level.part, category=…, counted=…, standard=…)``."""
    d: RecordsDetail = _new(RecordsDetail)
    _set_records_part(d, level.part)
    _set_records_category(d, category)
    _set_records_counted(d, counted)
    _set_records_standard(d, level.records[category])
    return d


def records_reaching(part: Part, item: str, level: Level) -> list[Ground]:
    """A ground for each category of ``item`` whose counted records reach its standard at ``level``."""
    found: list[Ground] = []
    if part.units < level.least_units:
        return found  # no category can be at its standard: it would weigh at least this much
    need = level.need_of_item[item]
    if part.units < level.least_units_of_item[item]:
        return found  # no category of this item can be at its standard
    for c, n in part.by_category.items():
        if c in need and n >= need[c]:
            found.append(_ground(level, item, _records_detail(level, c, n)))
    return found


def may_reach(part: Part, level: Level) -> bool:
    """Whether the part weighs or gains at least the least standard of items 三 to 七 at ``level``.

    Below both, no ground of these items holds, and the five items are not tried one by one
    (the insider part and the ten-fold levels are mostly below; python -m
    callgrind, evaluate() of bench/core.py's 4 mixed rows: 139,100 → 127,100 instructions).
    """
    return part.units >= level.least_units or part.gains >= level.need_gains


def reaches_a_record_standard(part: Part, level: Level) -> bool:
    """Whether any single category reaches its own record standard at ``level``."""
    if part.units < level.least_units:
        return False
    need = level.need_records
    # A loop, not any() over a generator: 0.30 against 0.57 µs for four categories, and
    # an assessment asks this two or three times.
    for c, n in part.by_category.items():  # noqa: SIM110
        if n >= need[c]:
            return True
    return False


def sum_reaching(part: Part, level: Level, rs: Ruleset) -> Ground | None:
    """A ground if the proportional sum reaches its standard at ``level`` (D7)."""
    if part.units < level.need_units:
        return None
    standard = level.proportional_sum
    detail: SumDetail = _new(SumDetail)  # SumDetail(part=…, proportional_sum=…, standard=…)
    _set_sum_part(detail, level.part)
    _set_sum_value(detail, part.proportional_sum(rs.base))
    _set_sum_standard(detail, standard)
    return _ground(level, standard.item, detail)


def gains_reaching(part: Part, level: Level) -> Ground | None:
    """A ground if the part's gains reach the gains standard at ``level`` (D10)."""
    if part.gains < level.need_gains:
        return None
    detail: GainsDetail = _new(GainsDetail)  # GainsDetail(part=…, amount=…, standard=…)
    _set_gains_part(detail, level.part)
    _set_gains_amount(detail, part.gains)
    _set_gains_standard(detail, level.gains)
    return _ground(level, level.gains.item, detail)
