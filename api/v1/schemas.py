"""The ``/v1`` wire models: what a case-management system sends and what it gets back.

Names and enum values are the contract of ``docs/spec/API.md``; every model and
field carries a Chinese and an English description, which the OpenAPI document shows.
Requests are validated strictly (``extra="forbid"``, no type coercion): money is a
decimal string (a JSON number is refused, D2), dates are ``YYYY-MM-DD``, counts are
bounded as API.md says. The response models describe the document only; the handlers
send JSON built directly from the core's results (``api.v1.mapping``).
"""

from __future__ import annotations

import enum
import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from annotated_types import Ge, Le
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict
from pydantic_core import PydanticCustomError

from api.problems import Problem

__all__ = [
    "MAX_BATCH_ITEMS",
    "MAX_RECORD_ROWS",
    "MONEY_PATTERN",
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
    "FineGuide",
    "GainsAddition",
    "Ground",
    "Leniency",
    "LeniencyFacts",
    "LeniencyStatus",
    "NextTier",
    "Offender",
    "OpenQuestion",
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
    "Statute",
    "Tier",
    "Warning",
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

_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _doc(zh: str, en: str) -> str:
    return f"{zh}\n\n{en}"


def _date_text(value: object) -> object:
    """Dates travel as ``YYYY-MM-DD`` strings only: no timestamps, no times."""
    if isinstance(value, str) and _DATE_TEXT.fullmatch(value):
        return value
    raise PydanticCustomError("date_type", "must be a date written YYYY-MM-DD")


_INTEGER_DIGITS = 16
"""Every integer field's maximum has fewer digits (API.md: all integers below 2^53)."""


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
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise PydanticCustomError("int_from_float", "must be a whole number")
        if value.adjusted() >= _INTEGER_DIGITS:
            raise PydanticCustomError("int_parsing_size", "must be within the maximum")
        return int(value)
    raise PydanticCustomError("int_type", "must be a whole number (a JSON integer)")


_REQUEST = ConfigDict(extra="forbid", strict=True, frozen=True)
_RESPONSE = ConfigDict(extra="forbid")

Money = Annotated[
    str,
    Field(pattern=MONEY_PATTERN, examples=["5000", "4999.99"]),
]
FractionText = Annotated[str, Field(pattern=FRACTION_PATTERN, examples=["6/5", "0/1"])]
MoneyText = Annotated[str, Field(pattern=r"^\d+(\.\d{2})?$", examples=["5000", "6002.50"])]
"""Yuan in a result: whole amounts without decimals, others with two places (a fine guide
may pass the request's limit: five times the largest gains)."""
IsoDate = Annotated[date, Strict(False), BeforeValidator(_date_text)]
Count = Annotated[int, Ge(0), Le(MAX_COUNT), Strict(False), BeforeValidator(_json_integer)]
Recipients = Annotated[
    int, Ge(0), Le(MAX_RECIPIENTS), Strict(False), BeforeValidator(_json_integer)
]


# ---------------------------------------------------------------------------
# Enums


class Category(enum.Enum):
    """记录所属类别，决定适用第五条第一款第三、四、五项的哪一数量标准（D4）。

    Which quantity standard of Art. 5 para 1 a record falls under (D4): 50 records for
    `whereabouts` 行踪轨迹信息, `communication_content` 通信内容, `credit` 征信信息,
    `property` 财产信息 (5.1.3); 500 for `accommodation` 住宿信息, `communication_records`
    通信记录, `health` 健康生理信息, `transaction` 交易信息, `other_safety`
    其他可能影响人身、财产安全的公民个人信息 (5.1.4); 5000 for `general` (5.1.5).
    """

    WHEREABOUTS = "whereabouts"
    COMMUNICATION_CONTENT = "communication_content"
    CREDIT = "credit"
    PROPERTY = "property"
    ACCOMMODATION = "accommodation"
    COMMUNICATION_RECORDS = "communication_records"
    HEALTH = "health"
    TRANSACTION = "transaction"
    OTHER_SAFETY = "other_safety"
    GENERAL = "general"

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact and fast


class Offender(enum.Enum):
    """行为人：自然人或单位（第七条，D26）。

    The offender: a natural person or a unit (单位, Art. 7, D26).
    """

    NATURAL_PERSON = "natural_person"
    UNIT = "unit"

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact and fast


class Tier(enum.Enum):
    """结论档次：不构成情节严重、情节严重、情节特别严重。

    The outcome: `not_serious` 不构成情节严重, `serious` 情节严重, `especially_serious`
    情节特别严重.
    """

    NOT_SERIOUS = "not_serious"
    SERIOUS = "serious"
    ESPECIALLY_SERIOUS = "especially_serious"


class Basis(enum.Enum):
    """依据的来源：由计算得出，或依据调用方（法院）的认定（D15、D16）。

    Whether a ground was `computed` from the facts or rests on the caller's (a court's)
    finding, `caller_finding` (D15, D16).
    """

    COMPUTED = "computed"
    CALLER_FINDING = "caller_finding"


class LeniencyStatus(enum.Enum):
    """第十条的适用情况（D25）：仅为是否符合条件，从不作出决定。

    Art. 10 eligibility (D25), never a decision: `eligible`, `not_eligible`,
    `facts_missing`, `excluded_especially_serious`, `no_offence`.
    """

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    FACTS_MISSING = "facts_missing"
    EXCLUDED_ESPECIALLY_SERIOUS = "excluded_especially_serious"
    NO_OFFENCE = "no_offence"


_LaxEnum = Strict(False)  # enum values arrive as JSON strings
_JsonArray = Strict(False)  # a JSON array arrives as a list; held as an immutable tuple


# ---------------------------------------------------------------------------
# Request


class RecordRow(BaseModel):
    """一行记录：同一类别的公民个人信息条数，已依第十一条第三款剔除查证不实或重复的信息（D3）。

    One row of records of one category, counted after Art. 11 para 3: records proven
    false or duplicated are already removed (D3).
    """

    model_config = _REQUEST

    category: Annotated[
        Category,
        _LaxEnum,
        Field(description=_doc("信息类别（D4）。", "Which standard the records fall under (D4).")),
    ]
    count: Annotated[
        Count,
        Field(
            description=_doc(
                "条数：剔除查证不实或重复的信息之后的数量（第十一条第三款，D3），0 至 10^9。",
                "Records after removing proven duplicates and false records (11.3, D3); 0 to 10^9.",
            ),
        ),
    ]
    recipients: Annotated[
        Recipients,
        Field(
            description=_doc(
                "同一批信息出售或者提供给的不同对象数；计数为 count × max(1, recipients)"
                "（第十一条第一、二款，D21）。0 表示仅获取、未提供，0 至 10^4。",
                "Distinct recipients the same records went to; counted quantity = "
                "count × max(1, recipients) (11.1, 11.2, D21). 0 means obtained, not passed "
                "on; 0 to 10^4.",
            ),
        ),
    ] = 0
    obtained_in_duty: Annotated[
        bool,
        Field(
            description=_doc(
                "是否为在履行职责或者提供服务过程中获得、又出售或者提供的信息（第五条第一款第八项，D11）。",
                "Obtained in performing duties or providing services, then sold or "
                "provided (5.1.8, D11).",
            )
        ),
    ] = False
    alternative_categories: Annotated[
        tuple[Annotated[Category, _LaxEnum], ...],
        _JsonArray,
        Field(
            max_length=MAX_ALTERNATIVES,
            description=_doc(
                "法院可能认定的其他类别，最多 3 个；结果同时报告从宽与从严归类下的档次（D5）。",
                "Other categories a court might choose, at most 3; the result reports the "
                "tier under the most lenient and the strictest choice (D5).",
            ),
        ),
    ] = ()
    label: Annotated[
        str | None,
        Field(
            max_length=MAX_LABEL,
            description=_doc(
                "调用方自己的名称（如证据编号），最多 200 字符；原样返回，从不记录到日志。",
                "The caller's own name for the row (e.g. an exhibit number), at most 200 "
                "characters; echoed back, never logged.",
            ),
        ),
    ] = None


class Circumstances(BaseModel):
    """计算器无法自行认定、由调用方（法院）认定的情节（D15 – D17）。

    Findings the calculator cannot make itself; the caller (a court) asserts them
    (D15 – D17).
    """

    model_config = _REQUEST

    whereabouts_used_in_crime: Annotated[
        bool,
        Field(
            description=_doc(
                "出售或者提供行踪轨迹信息，被他人用于犯罪（第五条第一款第一项）。",
                "Whereabouts information sold or provided was used by others to commit a "
                "crime (5.1.1).",
            )
        ),
    ] = False
    knowingly_supplied_criminal_user: Annotated[
        bool,
        Field(
            description=_doc(
                "知道或者应当知道他人利用公民个人信息实施犯罪，向其出售或者提供（第五条第一款第二项）。",
                "Sold or provided to someone known, or who should have been known, to use "
                "it for a crime (5.1.2).",
            )
        ),
    ] = False
    prior_criminal_punishment: Annotated[
        bool,
        Field(
            description=_doc(
                "曾因侵犯公民个人信息受过刑事处罚，不受时间限制（第五条第一款第九项，D17）。",
                "A prior criminal punishment for infringing personal information, with no "
                "time limit (5.1.9, D17).",
            )
        ),
    ] = False
    prior_administrative_penalty_date: Annotated[
        IsoDate | None,
        Field(
            description=_doc(
                "因侵犯公民个人信息受行政处罚的决定日期（YYYY-MM-DD）；在行为日之前二年内的计入"
                "（第五条第一款第九项，D17）。填写此项必须同时填写 conduct_date。",
                "Decision date (YYYY-MM-DD) of a prior administrative penalty for "
                "infringing personal information; it counts within two years before the "
                "conduct date (5.1.9, D17). Requires conduct_date.",
            )
        ),
    ] = None
    other_serious_circumstances: Annotated[
        bool,
        Field(
            description=_doc(
                "法院认定的其他情节严重的情形（第五条第一款第十项，D16）。",
                "A court's finding of other serious circumstances (5.1.10, D16).",
            )
        ),
    ] = False
    severe_consequences: Annotated[
        bool,
        Field(
            description=_doc(
                "造成被害人死亡、重伤、精神失常或者被绑架等严重后果（第五条第二款第一项）。",
                "Caused the victim's death, serious injury, mental disorder, kidnapping or "
                "similar severe consequences (5.2.1).",
            )
        ),
    ] = False
    major_loss_or_bad_social_impact: Annotated[
        bool,
        Field(
            description=_doc(
                "造成重大经济损失或者恶劣社会影响（第五条第二款第二项）。",
                "Caused major economic loss or a bad social impact (5.2.2).",
            )
        ),
    ] = False
    other_especially_serious_circumstances: Annotated[
        bool,
        Field(
            description=_doc(
                "法院认定的其他情节特别严重的情形（第五条第二款第四项，D16）。",
                "A court's finding of other especially serious circumstances (5.2.4, D16).",
            )
        ),
    ] = False


class BusinessPurchase(BaseModel):
    """为合法经营活动而购买、收受信息（第六条，D18 – D20）；出现即表示属于此种情形。

    Present when the information was bought or received for a lawful business (Art. 6,
    D18 – D20).
    """

    model_config = _REQUEST

    profit_cny: Annotated[
        Money,
        Field(
            description=_doc(
                "利用非法购买、收受的信息获利（元，十进制字符串，最多两位小数；第六条第一款第一项）。",
                "Profit from using the information bought or received, yuan as a decimal "
                "string with at most 2 places (6.1.1).",
            )
        ),
    ] = "0"
    resold: Annotated[
        bool,
        Field(
            description=_doc(
                "是否又将购买、收受的信息出售或者提供；是则全案适用第五条（第六条第二款，D19）。",
                "The information bought was sold or provided on; the whole case is then "
                "assessed under Art. 5 (6.2, D19).",
            )
        ),
    ] = False


class LeniencyFacts(BaseModel):
    """第十条所需事实；null 表示未知（D25）。

    The facts Art. 10 needs; null means unknown (D25).
    """

    model_config = _REQUEST

    first_offender: Annotated[
        bool | None,
        Field(description=_doc("是否初犯。", "First offence.")),
    ] = None
    full_restitution: Annotated[
        bool | None,
        Field(description=_doc("是否全部退赃。", "All illegal gains returned.")),
    ] = None
    remorse: Annotated[
        bool | None,
        Field(description=_doc("是否确有悔罪表现。", "Genuine remorse shown.")),
    ] = None


class AssessmentRequest(BaseModel):
    """一个案件的事实：依法释〔2017〕10号判断是否达到情节严重或情节特别严重。
    字段之间须满足 illegal_gains_from_duty_cny ≤ illegal_gains_cny（履职部分不得超过违法所得总额）。

    The facts of one case, to be assessed under 法释〔2017〕10号 for 情节严重 or
    情节特别严重. Unknown fields are rejected; money is a decimal string, never a JSON
    number. Across fields: illegal_gains_from_duty_cny ≤ illegal_gains_cny.
    """

    model_config = _REQUEST

    conduct_date: Annotated[
        IsoDate | None,
        Field(
            description=_doc(
                "行为日期（最后一次行为，YYYY-MM-DD），决定适用的法律（D22）及第五条第一款第九项"
                "的期间（D17）；不得早于 2009-02-28，不得晚于今天（北京时间）。为空时适用现行规定。",
                "When the conduct took place (last act, YYYY-MM-DD); selects the law in "
                "force (D22) and the 5.1.9 window (D17). Not before 2009-02-28, not after "
                "today (China Standard Time). Null: the rules in force today apply.",
            )
        ),
    ] = None
    offender: Annotated[
        Offender,
        _LaxEnum,
        Field(
            description=_doc(
                "自然人或单位（第七条，D26）。", "Natural person or unit (Art. 7, D26)."
            )
        ),
    ] = Offender.NATURAL_PERSON
    records: Annotated[
        tuple[RecordRow, ...],
        _JsonArray,
        Field(
            max_length=MAX_RECORD_ROWS,
            description=_doc(
                "非法获取、出售或者提供的信息，按行列出，最多 100 行。",
                "The information obtained, sold or provided, row by row; at most 100 rows.",
            ),
        ),
    ] = ()
    illegal_gains_cny: Annotated[
        Money,
        Field(
            description=_doc(
                "违法所得总额（元，十进制字符串，最多两位小数，D10）。须满足 "
                "illegal_gains_from_duty_cny ≤ illegal_gains_cny：履职部分不得超过总额。",
                "违法所得, illegal gains in total: yuan as a decimal string with at most 2 "
                "places (D10). Must hold: illegal_gains_from_duty_cny ≤ illegal_gains_cny "
                "(the duty part is part of this total).",
            )
        ),
    ] = "0"
    illegal_gains_from_duty_cny: Annotated[
        Money,
        Field(
            description=_doc(
                "违法所得中来自履职或提供服务过程中获得的信息的部分（D11）；不得超过总额："
                "illegal_gains_from_duty_cny ≤ illegal_gains_cny，否则为 422（invalid-facts）。",
                "The part of the total that came from information obtained in duty or "
                "service (D11); must not exceed illegal_gains_cny: "
                "illegal_gains_from_duty_cny ≤ illegal_gains_cny, or the answer is a 422 "
                "(invalid-facts).",
            )
        ),
    ] = "0"
    circumstances: Annotated[
        Circumstances,
        Field(
            description=_doc(
                "由调用方认定的情节（D15 – D17），默认全部为否。",
                "Findings the calculator cannot make itself (D15 – D17); all false by default.",
            )
        ),
    ] = Circumstances()
    business_purchase: Annotated[
        BusinessPurchase | None,
        Field(
            description=_doc(
                "为合法经营活动而购买、收受（第六条，D18 – D20）；为空表示不属于此种情形。",
                "Bought or received for a lawful business (Art. 6, D18 – D20); null when not.",
            )
        ),
    ] = None
    leniency_facts: Annotated[
        LeniencyFacts,
        Field(
            description=_doc(
                "第十条所需事实（D25），默认全部未知。",
                "Art. 10 facts (D25); all unknown by default.",
            )
        ),
    ] = LeniencyFacts()


class BatchRequest(BaseModel):
    """批量评估：1 至 1000 个案件，每个案件的格式与单件评估相同。

    Many cases in one call: 1 to 1000 items, each an `AssessmentRequest`. An item that is
    an object but not a valid request gets its own problem entry in the results; the other
    items are still assessed.
    """

    model_config = _REQUEST

    items: Annotated[
        list[dict[str, Any]],
        Field(
            min_length=1,
            max_length=MAX_BATCH_ITEMS,
            description=_doc(
                "待评估的案件，1 至 1000 个，每个为一个 AssessmentRequest 对象；"
                "格式错误的对象单独返回问题说明，其余照常评估。",
                "The cases to assess, 1 to 1000, each an AssessmentRequest object; an "
                "object that is not a valid request gets its own problem entry and the "
                "others are still assessed.",
            ),
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
# Assessment (response)


class Ground(BaseModel):
    """成立的一项依据：条文编号、支持的档次、条文原文、来源与所用数字。

    One ground that holds: the provision, the tier it supports, the verbatim text, whether
    it was computed or rests on the caller's finding, and the numbers used.
    """

    model_config = _RESPONSE

    provision: Annotated[
        str,
        Field(
            description=_doc(
                "条文编号（如 5.1.3、5.2.3、6.1.1）。", "Provision id (e.g. 5.1.3, 5.2.3, 6.1.1)."
            )
        ),
    ]
    tier: Annotated[
        Tier, Field(description=_doc("该依据支持的档次。", "The tier this ground supports."))
    ]
    text: Annotated[str, Field(description=_doc("条文原文。", "The provision's verbatim text."))]
    basis: Annotated[
        Basis,
        Field(description=_doc("计算得出或调用方认定。", "Computed, or the caller's finding.")),
    ]
    detail: Annotated[
        dict[str, int | str | bool | None],
        Field(
            description=_doc(
                "所用数字：计数、标准、比例合计、金额等（分数写作 p/q，金额为字符串）。",
                "The numbers used: counted quantity, standard, sum, amounts (fractions as "
                "p/q, money as strings).",
            )
        ),
    ]


class RowCount(BaseModel):
    """一行输入的计数结果（第十一条，D21），与请求中的行一一对应、顺序相同。

    The counted quantity of one input row (Art. 11, D21), in the request's order.
    """

    model_config = _RESPONSE

    index: Annotated[
        int,
        Field(
            description=_doc(
                "该行在请求中的位置（从 0 开始）。", "Position of the row in the request (from 0)."
            )
        ),
    ]
    category: Annotated[Category, Field(description=_doc("适用的类别。", "The category applied."))]
    count: Annotated[int, Field(description=_doc("输入的条数。", "The count as given."))]
    recipients: Annotated[
        int, Field(description=_doc("输入的提供对象数。", "The recipients as given."))
    ]
    counted: Annotated[
        int,
        Field(
            description=_doc(
                "计入的条数：count × max(1, recipients)。",
                "Counted quantity: count × max(1, recipients).",
            )
        ),
    ]
    provision: Annotated[
        str,
        Field(
            description=_doc(
                "适用的第十一条条款（11.1、11.2 或 11.3）。",
                "The Art. 11 provision applied (11.1, 11.2 or 11.3).",
            )
        ),
    ]
    path: Annotated[
        Literal["art5", "art6"],
        Field(
            description=_doc(
                "该行适用第五条还是第六条（D18）。",
                "Whether the row is assessed under Art. 5 or Art. 6 (D18).",
            )
        ),
    ]
    obtained_in_duty: Annotated[
        bool,
        Field(
            description=_doc(
                "请求中该行是否为履职中获得的信息（D11）。",
                "The row's obtained_in_duty, as given (D11).",
            )
        ),
    ]
    label: Annotated[
        str | None,
        Field(
            description=_doc(
                "调用方的行名称，原样返回。", "The caller's label for the row, echoed."
            )
        ),
    ]


class Quantity(BaseModel):
    """计数与按比例合计（D6、D7、D12、D18），分数以最简 p/q 表示。

    Counted quantities and the proportional sums (D6, D7, D12, D18); fractions are exact,
    written p/q in lowest terms.
    """

    model_config = _RESPONSE

    rows: Annotated[
        list[RowCount],
        Field(description=_doc("每一输入行的计数。", "Per input row: the counted quantity.")),
    ]
    by_category: Annotated[
        dict[Category, int],
        Field(
            description=_doc(
                "按类别合计的计入条数（适用第五条的行）。",
                "Counted totals by category (rows under Art. 5), keyed by category.",
            )
        ),
    ]
    insider_by_category: Annotated[
        dict[Category, int],
        Field(
            description=_doc(
                "履职中获得的信息按类别合计（D12）。",
                "Counted totals of the duty rows by category (D12).",
            )
        ),
    ]
    business_purchase_counted: Annotated[
        int,
        Field(
            description=_doc(
                "适用第六条的行的计入条数合计（D18）。",
                "Counted total of the rows on the Art. 6 path (D18).",
            )
        ),
    ]
    proportional_sum: Annotated[
        FractionText,
        Field(
            description=_doc(
                "Σ 计入条数 / T(c)（第五条的行），与 1 和 10 比较（第五条第一款第六项，D7、D8）。",
                "Σ counted/T(c) over the Art. 5 rows, compared with 1 and 10 (5.1.6, D7, D8).",
            )
        ),
    ]
    insider_proportional_sum: Annotated[
        FractionText,
        Field(
            description=_doc(
                "仅履职信息行的按比例合计，与 1/2 和 5 比较（D12、D13）。",
                "The same sum over the duty rows only, compared with 1/2 and 5 (D12, D13).",
            )
        ),
    ]
    proportional_sum_standards: Annotated[
        list[FractionText],
        Field(
            description=_doc(
                "按比例合计的两个标准：情节严重、情节特别严重。",
                "The two standards for the proportional sum: serious, especially serious.",
            )
        ),
    ]
    insider_proportional_sum_standards: Annotated[
        list[FractionText],
        Field(
            description=_doc(
                "履职部分按比例合计的两个标准。",
                "The two standards for the insider proportional sum.",
            )
        ),
    ]


class RecordsAddition(BaseModel):
    """单独增加某一类别的最少条数即可达到下一档次（新增行：非履职，recipients 为 0）。

    The least number of records of one category that alone reaches the next tier (a new
    row, not from duty, recipients 0); one record fewer would not.
    """

    model_config = _RESPONSE

    provision: Annotated[
        str, Field(description=_doc("将成立的依据。", "The ground that would then hold."))
    ]
    category: Annotated[Category, Field(description=_doc("增加的类别。", "The category added."))]
    additional_records: Annotated[
        int, Field(description=_doc("最少增加条数。", "The least number of records to add."))
    ]


class GainsAddition(BaseModel):
    """单独增加的最少违法所得（非履职）即可达到下一档次。

    The least illegal gains (not from duty) that alone reach the next tier; ¥0.01 less
    would not.
    """

    model_config = _RESPONSE

    provision: Annotated[
        str, Field(description=_doc("将成立的依据。", "The ground that would then hold."))
    ]
    additional_gains_cny: Annotated[
        MoneyText,
        Field(description=_doc("最少增加金额（元）。", "The least amount to add (yuan).")),
    ]


Addition = RecordsAddition | GainsAddition


class NextTier(BaseModel):
    """下一档次，以及单独即可达到该档次的每一种最少增加量。

    The next tier and every single least addition that reaches it.
    """

    model_config = _RESPONSE

    tier: Annotated[Tier, Field(description=_doc("下一档次。", "The next tier."))]
    options: Annotated[
        list[Addition],
        Field(
            description=_doc(
                "每一类别与违法所得各自的最少增加量。",
                "Each category's and the gains' least addition.",
            )
        ),
    ]


class Classification(BaseModel):
    """类别有争议时的档次：全部按最宽与最严的候选类别计算（D5）。

    The tier with every row in its most lenient and in its strictest candidate category
    (D5); `sensitive` when they differ.
    """

    model_config = _RESPONSE

    sensitive: Annotated[
        bool,
        Field(
            description=_doc(
                "档次是否取决于类别的选择。", "Whether the tier depends on the choice of category."
            )
        ),
    ]
    lenient_tier: Annotated[
        Tier,
        Field(
            description=_doc("从宽归类下的档次。", "Tier under the most lenient classification.")
        ),
    ]
    strict_tier: Annotated[
        Tier,
        Field(description=_doc("从严归类下的档次。", "Tier under the strictest classification.")),
    ]


class FineGuide(BaseModel):
    """罚金参考（第十二条，D24）：一般为违法所得的一倍以上五倍以下。

    Fine guide (Art. 12, D24): normally one to five times the gains, both ends included.
    """

    model_config = _RESPONSE

    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    text: Annotated[str, Field(description=_doc("条文原文。", "Verbatim text."))]
    applies: Annotated[
        bool,
        Field(
            description=_doc(
                "是否有违法所得可据以计算。", "Whether there are gains to apply it to."
            )
        ),
    ]
    min_cny: Annotated[
        MoneyText | None, Field(description=_doc("下限（元）。", "Lower end (yuan)."))
    ]
    max_cny: Annotated[
        MoneyText | None, Field(description=_doc("上限（元）。", "Upper end (yuan)."))
    ]
    note_zh: Annotated[str, Field(description=_doc("中文说明。", "Note in Chinese."))]
    note_en: Annotated[str, Field(description=_doc("英文说明。", "Note in English."))]


class Penalty(BaseModel):
    """该档次在行为时法律下的法定刑（D22、D23）、罚金参考（D24）、从重（D14）与单位说明（D26）。

    The statutory range for the tier and conduct date (D22, D23), the fine guide (D24),
    heavier punishment for insiders (D14) and the unit note (D26).
    """

    model_config = _RESPONSE

    statute_version: Annotated[
        str,
        Field(
            description=_doc(
                "适用的刑法文本（修正案七或九）。",
                "The text of CL253-1 applied (Amendment VII or IX).",
            )
        ),
    ]
    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    text: Annotated[str, Field(description=_doc("条文原文。", "Verbatim text."))]
    offence: Annotated[
        bool,
        Field(
            description=_doc(
                "依这些事实是否构成本罪。", "Whether these facts make an offence under CL253-1."
            )
        ),
    ]
    imprisonment_min_months: Annotated[
        int | None,
        Field(
            description=_doc("有期徒刑下限（月）。", "Minimum fixed-term imprisonment (months).")
        ),
    ]
    imprisonment_max_months: Annotated[
        int | None,
        Field(
            description=_doc("有期徒刑上限（月）。", "Maximum fixed-term imprisonment (months).")
        ),
    ]
    criminal_detention_available: Annotated[
        bool, Field(description=_doc("可否判处拘役。", "Whether criminal detention is available."))
    ]
    fine: Annotated[
        str,
        Field(
            description=_doc(
                "罚金：plus_or_only 并处或者单处，plus 并处，none 不适用。",
                "Fine: plus_or_only (in addition or alone), plus (in addition), none.",
            )
        ),
    ]
    range_zh: Annotated[
        str, Field(description=_doc("法定刑（中文）。", "Statutory range in Chinese."))
    ]
    range_en: Annotated[
        str, Field(description=_doc("法定刑（英文）。", "Statutory range in English."))
    ]
    fine_guide: Annotated[
        FineGuide, Field(description=_doc("罚金参考（第十二条）。", "Fine guide (Art. 12)."))
    ]
    heavier_for_insider: Annotated[
        bool,
        Field(
            description=_doc(
                "是否依刑法第二百五十三条之一第二款从重处罚（D14）。",
                "Whether CL253-1.2 requires heavier punishment within the range (D14).",
            )
        ),
    ]
    heavier_for_insider_provision: Annotated[
        str | None,
        Field(description=_doc("从重的条文编号。", "Provision requiring heavier punishment.")),
    ]
    unit_offender: Annotated[
        bool, Field(description=_doc("是否为单位犯罪。", "Whether the offender is a unit."))
    ]
    unit_note_zh: Annotated[
        str | None, Field(description=_doc("单位犯罪说明（中文）。", "Unit note in Chinese."))
    ]
    unit_note_en: Annotated[
        str | None, Field(description=_doc("单位犯罪说明（英文）。", "Unit note in English."))
    ]


class Leniency(BaseModel):
    """第十条（情节轻微、从宽）的适用条件是否具备（D25），从不作出决定。

    Art. 10 eligibility (D25), never a decision.
    """

    model_config = _RESPONSE

    status: Annotated[LeniencyStatus, Field(description=_doc("适用情况。", "Eligibility."))]
    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    text: Annotated[str, Field(description=_doc("条文原文。", "Verbatim text."))]
    missing_facts: Annotated[
        list[str], Field(description=_doc("尚未查明的事实。", "The Art. 10 facts still unknown."))
    ]
    note_zh: Annotated[str, Field(description=_doc("中文说明。", "Note in Chinese."))]
    note_en: Annotated[str, Field(description=_doc("英文说明。", "Note in English."))]


class OpenQuestion(BaseModel):
    """法院仍须判断的问题（D8、D9、D12、D17、D18、D20）。

    A point a court must still decide (D8, D9, D12, D17, D18, D20).
    """

    model_config = _RESPONSE

    code: Annotated[str, Field(description=_doc("问题代码。", "Stable code of the question."))]
    provision: Annotated[str, Field(description=_doc("相关条文编号。", "The provision concerned."))]
    text: Annotated[str, Field(description=_doc("问题说明（中文）。", "The question in Chinese."))]
    text_en: Annotated[
        str, Field(description=_doc("问题说明（英文）。", "The question in English."))
    ]


class Warning(BaseModel):
    """关于如何适用法律的提示（D18、D22 等）。

    Something the reader must know about how the law was applied (D18, D22 and similar).
    """

    model_config = _RESPONSE

    code: Annotated[str, Field(description=_doc("提示代码。", "Stable code of the warning."))]
    text: Annotated[str, Field(description=_doc("提示（中文）。", "The warning in Chinese."))]
    text_en: Annotated[str, Field(description=_doc("提示（英文）。", "The warning in English."))]


class ProvisionRef(BaseModel):
    """依据之外所适用的条文（计数、第六条第二款、刑法第九十九条等）。

    A provision applied beyond the grounds (counting, Art. 6 para 2, CL99 …).
    """

    model_config = _RESPONSE

    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    text: Annotated[str, Field(description=_doc("条文原文。", "Verbatim text."))]
    role: Annotated[str, Field(description=_doc("该条文的作用。", "What the provision did here."))]


class RulesetRef(BaseModel):
    """所适用的参数集及其选择理由（D22）。

    The parameter set applied and why it was chosen (D22).
    """

    model_config = _RESPONSE

    id: Annotated[str, Field(description=_doc("参数集编号。", "Ruleset id."))]
    effective_from: Annotated[date, Field(description=_doc("施行日期。", "Effective date."))]
    selected_by: Annotated[
        Literal["conduct_date", "in_force_today"],
        Field(
            description=_doc(
                "依行为日期选择，或因无行为日期而适用现行规定。",
                "Chosen by the conduct date, or the rules in force today for want of one.",
            )
        ),
    ]


class Assessment(BaseModel):
    """一个案件的评估结果：档次、全部成立的依据及其理由。

    The whole answer for one case: the tier, every ground that holds, the counts, the
    distance to the next tier, the consequences and what a court must still decide.
    """

    model_config = _RESPONSE

    tier: Annotated[Tier, Field(description=_doc("结论档次。", "The tier reached."))]
    tier_zh: Annotated[
        Literal["不构成情节严重", "情节严重", "情节特别严重"],
        Field(description=_doc("档次的法定用语。", "The statute's term for the tier.")),
    ]
    grounds: Annotated[
        list[Ground],
        Field(
            description=_doc(
                "全部成立的依据（不只第一项）。", "Every ground that holds, not only the first."
            )
        ),
    ]
    quantity: Annotated[
        Quantity, Field(description=_doc("计数与按比例合计。", "Counts and proportional sums."))
    ]
    next_tier: Annotated[
        NextTier | None,
        Field(
            description=_doc(
                "到下一档次的距离；已为情节特别严重时为空。",
                "The distance to the next tier; null when already especially serious.",
            )
        ),
    ]
    classification: Annotated[
        Classification,
        Field(
            description=_doc(
                "类别争议下的档次（D5）。", "Tier under contested classification (D5)."
            )
        ),
    ]
    penalty: Annotated[
        Penalty, Field(description=_doc("法定刑与罚金参考。", "Statutory range and fine guide."))
    ]
    leniency: Annotated[
        Leniency, Field(description=_doc("第十条的适用条件。", "Art. 10 eligibility."))
    ]
    open_questions: Annotated[
        list[OpenQuestion],
        Field(description=_doc("法院仍须判断的问题。", "Points a court must still decide.")),
    ]
    warnings: Annotated[
        list[Warning],
        Field(description=_doc("适用法律的提示。", "Warnings on how the law was applied.")),
    ]
    provisions_applied: Annotated[
        list[ProvisionRef],
        Field(description=_doc("依据之外所适用的条文。", "Provisions applied beyond the grounds.")),
    ]
    ruleset: Annotated[
        RulesetRef, Field(description=_doc("所适用的参数集。", "The parameter set applied."))
    ]
    engine_version: Annotated[
        str, Field(description=_doc("计算器版本。", "The calculator's version."))
    ]
    opinion_zh: Annotated[
        str,
        Field(
            description=_doc(
                "以中文写成的结论意见，逐项说明依据。",
                "The conclusion as a short reasoned opinion, in Chinese.",
            )
        ),
    ]
    opinion_en: Annotated[
        str,
        Field(
            description=_doc(
                "以英文写成的结论意见。", "The conclusion as a short reasoned opinion, in English."
            )
        ),
    ]
    input_digest: Annotated[
        str,
        Field(
            pattern=DIGEST_PATTERN,
            description=_doc(
                "经校验（含默认值）的请求的规范 JSON（键排序、紧凑分隔符、UTF-8）的 SHA-256，"
                "用于复现结果。",
                "sha256 of the canonical JSON of the validated request, defaults included "
                "(sorted keys, separators ',' and ':', UTF-8, non-ASCII unescaped), so a "
                "result can be reproduced.",
            ),
        ),
    ]


# ---------------------------------------------------------------------------
# Batch (response)


class BatchAssessed(BaseModel):
    """批量中成功评估的一项。

    One item of a batch that was assessed.
    """

    model_config = _RESPONSE

    index: Annotated[
        int,
        Field(
            description=_doc(
                "该项在请求中的位置（从 0 开始）。", "Position of the item in the request (from 0)."
            )
        ),
    ]
    status: Annotated[Literal[200], Field(description=_doc("200：已评估。", "200: assessed."))]
    assessment: Annotated[Assessment, Field(description=_doc("评估结果。", "The assessment."))]


class BatchFailed(BaseModel):
    """批量中无法评估的一项及其问题说明，指针以 /items/<i> 开头。

    One item of a batch that could not be assessed, with its problem; pointers start with
    /items/<i>.
    """

    model_config = _RESPONSE

    index: Annotated[
        int,
        Field(
            description=_doc(
                "该项在请求中的位置（从 0 开始）。", "Position of the item in the request (from 0)."
            )
        ),
    ]
    status: Annotated[
        Literal[422], Field(description=_doc("422：该项无效。", "422: the item is invalid."))
    ]
    problem: Annotated[Problem, Field(description=_doc("问题说明。", "The problem."))]


class BatchResponse(BaseModel):
    """批量结果：每个请求项恰好一项，顺序相同。

    Exactly one result per item, in the same order.
    """

    model_config = _RESPONSE

    results: Annotated[
        list[BatchAssessed | BatchFailed],
        Field(description=_doc("逐项结果。", "The results, one per item, in order.")),
    ]


# ---------------------------------------------------------------------------
# Reference data (response)


class Provision(BaseModel):
    """计算器引用的一条条文，原文照录。

    A provision the calculator cites, with its verbatim text.
    """

    model_config = _RESPONSE

    id: Annotated[
        str, Field(description=_doc("条文编号（见 LAW.md）。", "Provision id (as in LAW.md)."))
    ]
    title: Annotated[str, Field(description=_doc("条文名称。", "Title."))]
    text: Annotated[str, Field(description=_doc("条文原文。", "Verbatim text."))]
    source: Annotated[str, Field(description=_doc("出处。", "The instrument it comes from."))]
    status: Annotated[
        str,
        Field(
            description=_doc(
                "用途：rule 已计算；definition、other_offence、not_calculable 不计算（附理由）。",
                "How it is used: rule (applied), or definition / other_offence / "
                "not_calculable (not computed, with the reason).",
            )
        ),
    ]
    reason: Annotated[
        str | None, Field(description=_doc("不计算的理由。", "Why it is not computed."))
    ]


class ProvisionList(BaseModel):
    """计算器引用的全部条文。

    Every provision the calculator cites.
    """

    model_config = _RESPONSE

    provisions: Annotated[list[Provision], Field(description=_doc("全部条文。", "The provisions."))]


class RecordStandard(BaseModel):
    """第五条第一款第三至五项的一项数量标准。

    A record standard of 5.1.3 – 5.1.5.
    """

    model_config = _RESPONSE

    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    records: Annotated[
        int, Field(description=_doc("标准条数 T(c)。", "The standard T(c) in records."))
    ]
    categories: Annotated[
        list[Category], Field(description=_doc("适用的类别。", "The categories it covers."))
    ]


class FractionStandard(BaseModel):
    """以分数表示的标准或比例。

    A standard or share written as an exact fraction.
    """

    model_config = _RESPONSE

    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    value: Annotated[FractionText, Field(description=_doc("数值（p/q）。", "The value (p/q)."))]


class AmountStandard(BaseModel):
    """以金额表示的标准。

    A standard in yuan.
    """

    model_config = _RESPONSE

    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    amount_cny: Annotated[MoneyText, Field(description=_doc("金额（元）。", "The amount (yuan)."))]


class TenfoldStandard(BaseModel):
    """情节特别严重的倍数（第五条第二款第三项）。

    The multiple for 情节特别严重 (5.2.3).
    """

    model_config = _RESPONSE

    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    factor: Annotated[int, Field(description=_doc("倍数。", "The factor."))]


class AdministrativePenaltyWindow(BaseModel):
    """行政处罚的计算期间（第五条第一款第九项，D17）。

    The window for a prior administrative penalty (5.1.9, D17).
    """

    model_config = _RESPONSE

    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    window_years: Annotated[int, Field(description=_doc("期间（年）。", "Window (years)."))]
    edge_days: Annotated[
        int,
        Field(
            description=_doc(
                "期间起点前后多少日内提出待决问题。",
                "Days around the window's start that raise an open question.",
            )
        ),
    ]


class FineMultiples(BaseModel):
    """罚金参考倍数（第十二条，D24）。

    The fine guide's multiples of the gains (Art. 12, D24).
    """

    model_config = _RESPONSE

    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    min_multiple: Annotated[int, Field(description=_doc("下限倍数。", "Lower multiple."))]
    max_multiple: Annotated[int, Field(description=_doc("上限倍数。", "Upper multiple."))]


class Ruleset(BaseModel):
    """一个参数集：施行日期及其数量、金额、倍数标准，每项注明条文。

    One parameter set with its effective date: thresholds, factors and amounts, each with
    the provision that fixes it.
    """

    model_config = _RESPONSE

    id: Annotated[str, Field(description=_doc("参数集编号。", "Ruleset id."))]
    title: Annotated[str, Field(description=_doc("名称。", "Title."))]
    effective_from: Annotated[date, Field(description=_doc("施行日期。", "Effective date."))]
    effective_from_provision: Annotated[
        str, Field(description=_doc("规定施行日期的条文。", "The provision fixing the date."))
    ]
    record_standards: Annotated[
        list[RecordStandard], Field(description=_doc("数量标准（D4）。", "Record standards (D4)."))
    ]
    proportional_standard: Annotated[
        FractionStandard,
        Field(description=_doc("按比例合计标准（D7）。", "Proportional sum standard (D7).")),
    ]
    gains_standard: Annotated[
        AmountStandard,
        Field(description=_doc("违法所得标准（D10）。", "Illegal gains standard (D10).")),
    ]
    insider_share: Annotated[
        FractionStandard,
        Field(
            description=_doc(
                "履职信息的标准比例（D12）。", "Insider share of every standard (D12)."
            )
        ),
    ]
    tenfold: Annotated[
        TenfoldStandard, Field(description=_doc("十倍标准（D8）。", "Ten times (D8)."))
    ]
    prior_administrative_penalty: Annotated[
        AdministrativePenaltyWindow,
        Field(description=_doc("行政处罚期间（D17）。", "Administrative penalty window (D17).")),
    ]
    business_profit_standard: Annotated[
        AmountStandard,
        Field(description=_doc("第六条获利标准（D18）。", "Art. 6 profit standard (D18).")),
    ]
    fine_guide: Annotated[
        FineMultiples, Field(description=_doc("罚金参考（D24）。", "Fine guide (D24)."))
    ]
    catch_all_hint: Annotated[
        FractionStandard,
        Field(
            description=_doc(
                "提示兜底条款的比例（D9）。", "Share that raises the catch-all question (D9)."
            )
        ),
    ]


class Statute(BaseModel):
    """某日起施行的刑法第二百五十三条之一文本（D22、D23）。

    The text of CL253-1 in force from a date (D22, D23).
    """

    model_config = _RESPONSE

    id: Annotated[str, Field(description=_doc("文本编号。", "Statute version id."))]
    title: Annotated[str, Field(description=_doc("名称。", "Title."))]
    effective_from: Annotated[date, Field(description=_doc("施行日期。", "Effective date."))]
    provision: Annotated[str, Field(description=_doc("条文编号。", "Provision id."))]
    serious_max_months: Annotated[
        int,
        Field(description=_doc("情节严重的刑期上限（月）。", "Maximum term for serious (months).")),
    ]
    especially_serious_min_months: Annotated[
        int,
        Field(
            description=_doc(
                "情节特别严重的刑期下限（月）。", "Minimum term for especially serious (months)."
            )
        ),
    ]
    especially_serious_max_months: Annotated[
        int,
        Field(
            description=_doc(
                "情节特别严重的刑期上限（月）。", "Maximum term for especially serious (months)."
            )
        ),
    ]
    especially_serious_range: Annotated[
        bool,
        Field(
            description=_doc(
                "是否设有情节特别严重一档。", "Whether especially serious has its own range."
            )
        ),
    ]
    serious_fine: Annotated[
        str, Field(description=_doc("情节严重的罚金方式。", "Fine for serious."))
    ]
    especially_serious_fine: Annotated[
        str, Field(description=_doc("情节特别严重的罚金方式。", "Fine for especially serious."))
    ]
    serious_range_zh: Annotated[
        str, Field(description=_doc("情节严重的法定刑（中文）。", "Range for serious, in Chinese."))
    ]
    serious_range_en: Annotated[
        str, Field(description=_doc("情节严重的法定刑（英文）。", "Range for serious, in English."))
    ]
    especially_serious_range_zh: Annotated[
        str,
        Field(
            description=_doc(
                "情节特别严重的法定刑（中文）。", "Range for especially serious, in Chinese."
            )
        ),
    ]
    especially_serious_range_en: Annotated[
        str,
        Field(
            description=_doc(
                "情节特别严重的法定刑（英文）。", "Range for especially serious, in English."
            )
        ),
    ]


class CategoryName(BaseModel):
    """类别的法定名称。

    A category's name in the statute's words, with an English gloss.
    """

    model_config = _RESPONSE

    category: Annotated[Category, Field(description=_doc("类别。", "The category."))]
    zh: Annotated[str, Field(description=_doc("法定名称。", "The statute's name."))]
    en: Annotated[str, Field(description=_doc("英文释义。", "English gloss."))]


class RulesetList(BaseModel):
    """全部参数集、刑法文本与类别名称。

    Every parameter set, every text of CL253-1, and the categories' names.
    """

    model_config = _RESPONSE

    rulesets: Annotated[
        list[Ruleset],
        Field(description=_doc("参数集，按施行日期排序。", "Parameter sets, oldest first.")),
    ]
    statutes: Annotated[
        list[Statute],
        Field(description=_doc("刑法文本，按施行日期排序。", "Statute texts, oldest first.")),
    ]
    categories: Annotated[
        list[CategoryName], Field(description=_doc("类别名称。", "Category names."))
    ]
