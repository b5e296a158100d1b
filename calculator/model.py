"""The calculator's vocabulary: frozen, keyword-only inputs and results.

The types mirror the ``/v1`` contract (``docs/spec/API.md``) field for field, so
the HTTP adapter is a plain mapping. English identifiers carry one word per legal
term (情节严重 ``serious``, 违法所得 ``illegal_gains``, 在履行职责或者提供服务过程中获得
``obtained_in_duty``); the Chinese term is in the docstrings and in the law data.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "Addition",
    "Assessment",
    "Basis",
    "BusinessPurchase",
    "Case",
    "Category",
    "Circumstances",
    "Classification",
    "Detail",
    "FieldError",
    "Finding",
    "FindingDetail",
    "FineGuide",
    "GainsDetail",
    "Ground",
    "InvalidFacts",
    "Leniency",
    "LeniencyFacts",
    "LeniencyStatus",
    "NextTier",
    "Offender",
    "OpenQuestion",
    "OptionBasis",
    "PartName",
    "Penalty",
    "PriorPunishmentDetail",
    "ProfitDetail",
    "ProvisionRef",
    "Quantity",
    "RecordRow",
    "RecordsDetail",
    "RowCount",
    "RulesetRef",
    "Standard",
    "StandardKind",
    "SumDetail",
    "Tier",
    "Warning",
]


class Category(enum.Enum):
    """Which quantity standard of Art. 5 para 1 a record falls under (D4)."""

    WHEREABOUTS = "whereabouts"  # 行踪轨迹信息 (5.1.3)
    COMMUNICATION_CONTENT = "communication_content"  # 通信内容 (5.1.3)
    CREDIT = "credit"  # 征信信息 (5.1.3)
    PROPERTY = "property"  # 财产信息 (5.1.3)
    ACCOMMODATION = "accommodation"  # 住宿信息 (5.1.4)
    COMMUNICATION_RECORDS = "communication_records"  # 通信记录 (5.1.4)
    HEALTH = "health"  # 健康生理信息 (5.1.4)
    TRANSACTION = "transaction"  # 交易信息 (5.1.4)
    OTHER_SAFETY = "other_safety"  # 其他可能影响人身、财产安全的公民个人信息 (5.1.4)
    GENERAL = "general"  # 第三项、第四项规定以外的公民个人信息 (5.1.5)

    # Members are singletons, so identity hashing is exact; Enum's own __hash__ is Python
    # code, run on each of the ~40 dict look-ups by category or tier an assessment makes
    # (cProfile of bench/core.py: ~40,000 Enum.__hash__ calls per 1,000 assessments).
    __hash__ = object.__hash__


class Tier(enum.Enum):
    """The three outcomes, ordered by ``rank``: 不构成情节严重 < 情节严重 < 情节特别严重."""

    NOT_SERIOUS = "not_serious"
    SERIOUS = "serious"
    ESPECIALLY_SERIOUS = "especially_serious"

    __hash__ = object.__hash__  # identity hashing, as for Category

    @property
    def rank(self) -> int:
        """0, 1 or 2, so tiers compare by severity."""
        return _TIER_RANK[self]

    @property
    def zh(self) -> str:
        """The statute's own term for the tier."""
        return _TIER_ZH[self]

    @classmethod
    def of_rank(cls, rank: int) -> Tier:
        """The tier with the given rank."""
        return _TIERS_BY_RANK[rank]


_TIER_RANK = {Tier.NOT_SERIOUS: 0, Tier.SERIOUS: 1, Tier.ESPECIALLY_SERIOUS: 2}
_TIERS_BY_RANK = (Tier.NOT_SERIOUS, Tier.SERIOUS, Tier.ESPECIALLY_SERIOUS)
_TIER_ZH = {
    Tier.NOT_SERIOUS: "不构成情节严重",
    Tier.SERIOUS: "情节严重",
    Tier.ESPECIALLY_SERIOUS: "情节特别严重",
}


class Offender(enum.Enum):
    """Natural person or unit (单位, Art. 7, D26)."""

    NATURAL_PERSON = "natural_person"
    UNIT = "unit"

    __hash__ = object.__hash__  # identity hashing, as for Category


class Basis(enum.Enum):
    """Whether a ground was computed from the facts or rests on the caller's finding (D15, D16)."""

    COMPUTED = "computed"
    CALLER_FINDING = "caller_finding"

    __hash__ = object.__hash__  # identity hashing, as for Category


class OptionBasis(enum.Enum):
    """How a next-tier option reaches the tier: the route of the ground it would make hold."""

    SINGLE_CATEGORY = "single_category"  # one category reaches its own standard (5.1.3 – 5.1.5)
    PROPORTIONAL_SUM = "proportional_sum"  # the proportional sum reaches it (5.1.6, D7, D8)
    GAINS = "gains"  # the illegal gains reach it (5.1.7, D10)
    CALLER_FINDING = (
        "caller_finding"  # a finding held back by D20 applies once Art. 5 conduct is added
    )

    __hash__ = object.__hash__  # identity hashing, as for Category


class StandardKind(enum.Enum):
    """What a standard counts: records of one category, the proportional sum, or yuan."""

    RECORDS = "records"
    PROPORTIONAL_SUM = "proportional_sum"
    YUAN = "yuan"

    __hash__ = object.__hash__  # identity hashing, as for Category


class LeniencyStatus(enum.Enum):
    """Art. 10 eligibility (D25)."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    FACTS_MISSING = "facts_missing"
    EXCLUDED_ESPECIALLY_SERIOUS = "excluded_especially_serious"
    NO_OFFENCE = "no_offence"

    __hash__ = object.__hash__  # identity hashing, as for Category


# ---------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True, kw_only=True, slots=True)
class RecordRow:
    """Records of one category (D4), counted after Art. 11 para 3 (D3)."""

    category: Category
    count: int
    recipients: int = 0
    obtained_in_duty: bool = False
    alternative_categories: tuple[Category, ...] = ()
    label: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Circumstances:
    """Findings the calculator cannot make itself (D15 – D17)."""

    whereabouts_used_in_crime: bool = False
    knowingly_supplied_criminal_user: bool = False
    prior_criminal_punishment: bool = False
    prior_administrative_penalty_date: date | None = None
    other_serious_circumstances: bool = False
    severe_consequences: bool = False
    major_loss_or_bad_social_impact: bool = False
    other_especially_serious_circumstances: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class BusinessPurchase:
    """Bought or received for a lawful business (Art. 6, D18 – D20)."""

    profit_cny: Decimal = Decimal(0)
    resold: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class LeniencyFacts:
    """Art. 10 facts; ``None`` means unknown (D25)."""

    first_offender: bool | None = None
    full_restitution: bool | None = None
    remorse: bool | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Case:
    """One case as the caller states it (``AssessmentRequest``)."""

    conduct_date: date | None = None
    offender: Offender = Offender.NATURAL_PERSON
    records: tuple[RecordRow, ...] = ()
    illegal_gains_cny: Decimal = Decimal(0)
    illegal_gains_from_duty_cny: Decimal = Decimal(0)
    circumstances: Circumstances = field(default_factory=Circumstances)
    business_purchase: BusinessPurchase | None = None
    leniency_facts: LeniencyFacts = field(default_factory=LeniencyFacts)


# ---------------------------------------------------------------------------
# Errors


@dataclass(frozen=True, kw_only=True, slots=True)
class FieldError:
    """One invalid fact: a JSON Pointer into the request and what is allowed."""

    pointer: str
    detail: str


class InvalidFacts(ValueError):
    """Facts the law cannot be applied to; the API answers 422 (D22, D17, D11)."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e.pointer}: {e.detail}" for e in errors))


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True, kw_only=True, slots=True)
class Standard:
    """The standard a quantity was compared with, and how it derives from its item's own.

    ``value`` is ``base × share × factor``: ``base`` is the item's own standard
    (5.1.3 – 5.1.7, 6.1.1); ``share`` is the half of 5.1.8 for the insider part
    (``halved_by`` names it) or 1; ``factor`` is the ten times of 5.2.3 (``tenfold_by``)
    or 1. Records and sums are exact fractions, yuan a ``Decimal``.
    """

    kind: StandardKind
    item: str
    value: Fraction | Decimal
    base: Fraction | Decimal
    share: Fraction = Fraction(1)
    factor: int = 1
    multiple: Fraction = Fraction(1)  # share × factor: 1, 1/2, 10 or 5
    halved_by: str | None = None
    tenfold_by: str | None = None

    @property
    def halved(self) -> bool:
        """Whether the half standard of 5.1.8 applies (the insider part)."""
        return self.halved_by is not None

    @property
    def tenfold(self) -> bool:
        """Whether the ten times of 5.2.3 applies."""
        return self.tenfold_by is not None


class PartName(enum.Enum):
    """Which facts a ground was tested on (D12, D18)."""

    WHOLE_CASE = "whole_case"  # every Art. 5 row and the total gains
    INSIDER_PART = "insider_part"  # the rows and gains from duty or service alone (5.1.8)
    BUSINESS_PURCHASE = "business_purchase"  # the Art. 6 conduct

    __hash__ = object.__hash__  # identity hashing, as for Category


class Finding(enum.Enum):
    """A finding only a court makes, as the caller states it (D15, D16): each is the name
    of the ``Circumstances`` field that states it."""

    WHEREABOUTS_USED_IN_CRIME = "whereabouts_used_in_crime"  # 5.1.1
    KNOWINGLY_SUPPLIED_CRIMINAL_USER = "knowingly_supplied_criminal_user"  # 5.1.2
    OTHER_SERIOUS_CIRCUMSTANCES = "other_serious_circumstances"  # 5.1.10, 6.1.3
    SEVERE_CONSEQUENCES = "severe_consequences"  # 5.2.1
    MAJOR_LOSS_OR_BAD_SOCIAL_IMPACT = "major_loss_or_bad_social_impact"  # 5.2.2
    OTHER_ESPECIALLY_SERIOUS_CIRCUMSTANCES = "other_especially_serious_circumstances"  # 5.2.4

    __hash__ = object.__hash__  # identity hashing, as for Category


@dataclass(frozen=True, kw_only=True, slots=True)
class RecordsDetail:
    """Records of one category reached a record standard (5.1.3 – 5.1.5, at any level)."""

    part: PartName
    category: Category
    counted: int
    standard: Standard


@dataclass(frozen=True, kw_only=True, slots=True)
class SumDetail:
    """The proportional sum reached its standard (5.1.6, at any level)."""

    part: PartName
    proportional_sum: Fraction
    standard: Standard


@dataclass(frozen=True, kw_only=True, slots=True)
class GainsDetail:
    """The illegal gains (of the whole case or from duty) reached the gains standard (5.1.7)."""

    part: PartName
    amount: Decimal
    standard: Standard


@dataclass(frozen=True, kw_only=True, slots=True)
class ProfitDetail:
    """The profit from using bought information reached 6.1.1's standard (D18)."""

    profit: Decimal
    standard: Standard


@dataclass(frozen=True, kw_only=True, slots=True)
class FindingDetail:
    """The ground rests on the caller's finding (D15, D16); ``part`` only for Art. 6."""

    finding: Finding
    part: PartName | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class PriorPunishmentDetail:
    """The prior punishment that counts under 5.1.9 or 6.1.2 (D17)."""

    part: PartName
    prior_criminal_punishment: bool
    prior_administrative_penalty_date: date | None
    window_start: date | None
    window_end: date | None


Detail = (
    RecordsDetail | SumDetail | GainsDetail | ProfitDetail | FindingDetail | PriorPunishmentDetail
)
"""The numbers or the finding a ground rests on, one type per kind of ground."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Ground:
    """One ground that holds: provision id, the tier it supports, the verbatim text, the numbers."""

    provision: str
    tier: Tier
    text: str
    basis: Basis
    detail: Detail

    @property
    def on_insider_part(self) -> bool:
        """Whether the ground rests on the insider part alone (5.1.8, or 5.2.3 on it; D12, D14)."""
        match self.detail:
            case RecordsDetail() | SumDetail() | GainsDetail():
                return self.detail.part is PartName.INSIDER_PART
            case _:
                return False

    @property
    def standard(self) -> Standard | None:
        """The standard the ground's quantity reached; ``None`` for a finding or a prior punishment."""
        match self.detail:
            case RecordsDetail() | SumDetail() | GainsDetail() | ProfitDetail():
                return self.detail.standard
            case _:
                return None


@dataclass(frozen=True, kw_only=True, slots=True)
class RowCount:
    """The counted quantity of one input row, in input order (Art. 11, D21).

    ``path`` is ``"art5"`` or ``"art6"``: the article the row is assessed under (D18).
    """

    category: Category
    count: int
    recipients: int
    counted: int
    provision: str
    path: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Quantity:
    """Counted quantities and the proportional sums (D6, D7, D12, D18)."""

    rows: tuple[RowCount, ...]
    by_category: Mapping[Category, int]
    insider_by_category: Mapping[Category, int]
    business_purchase_counted: int
    proportional_sum: Fraction
    insider_proportional_sum: Fraction
    proportional_sum_standards: tuple[Fraction, Fraction]
    insider_proportional_sum_standards: tuple[Fraction, Fraction]


@dataclass(frozen=True, kw_only=True, slots=True)
class Addition:
    """The least addition that alone reaches the next tier: records of a category or gains.

    ``basis`` is the route (one category's own standard, the proportional sum, the
    gains, or a finding held back by D20); ``contested`` is true when the route rests
    on a reading the answer would mark as an open question (``open_question``, its
    code: D8's proportional sum at ten times); ``standard`` is the standard reached.
    """

    provision: str
    category: Category | None = None
    additional_records: int | None = None
    additional_gains_cny: Decimal | None = None
    basis: OptionBasis = OptionBasis.GAINS
    contested: bool = False
    open_question: str | None = None
    standard: Standard | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class NextTier:
    """The next tier and every single addition that reaches it."""

    tier: Tier
    options: tuple[Addition, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Classification:
    """The tier with every row in its most lenient and in its strictest candidate category (D5)."""

    sensitive: bool
    lenient_tier: Tier
    strict_tier: Tier


@dataclass(frozen=True, kw_only=True, slots=True)
class FineGuide:
    """Art. 12: normally one to five times the gains, both ends included (D24)."""

    provision: str
    text: str
    applies: bool
    min_cny: Decimal | None
    max_cny: Decimal | None
    note_zh: str
    note_en: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Penalty:
    """Statutory range for the tier and conduct date (D22, D23), fine guide, 从重, unit note."""

    statute_version: str
    provision: str
    text: str
    offence: bool
    imprisonment_min_months: int | None
    imprisonment_max_months: int | None
    criminal_detention_available: bool
    fine: str
    range_zh: str
    range_en: str
    fine_guide: FineGuide
    heavier_for_insider: bool
    heavier_for_insider_provision: str | None
    unit_offender: bool
    unit_note_zh: str | None
    unit_note_en: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Leniency:
    """Art. 10 eligibility, never a decision (D25)."""

    status: LeniencyStatus
    provision: str
    text: str
    missing_facts: tuple[str, ...]
    note_zh: str
    note_en: str


@dataclass(frozen=True, kw_only=True, slots=True)
class OpenQuestion:
    """A point a court must still decide (D8, D9, D12, D17, D18, D20)."""

    code: str
    provision: str
    text: str
    text_en: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Warning:
    """Something the reader must know about how the law was applied (D18, D22)."""

    code: str
    text: str
    text_en: str


@dataclass(frozen=True, kw_only=True, slots=True)
class RulesetRef:
    """The parameter set applied and why it was chosen (D22)."""

    id: str
    effective_from: date
    selected_by: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ProvisionRef:
    """A provision the assessment applied beyond the grounds (counting, Art. 6 para 2, CL99 …)."""

    provision: str
    text: str
    role: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Assessment:
    """The whole answer for one case."""

    tier: Tier
    tier_zh: str
    grounds: tuple[Ground, ...]
    quantity: Quantity
    next_tier: NextTier | None
    classification: Classification
    penalty: Penalty
    leniency: Leniency
    open_questions: tuple[OpenQuestion, ...]
    warnings: tuple[Warning, ...]
    provisions_applied: tuple[ProvisionRef, ...]
    ruleset: RulesetRef
    engine_version: str
    opinion_zh: str
    opinion_en: str
