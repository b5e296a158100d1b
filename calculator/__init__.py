"""法释〔2017〕10号 as an exact, cited Python library.

``assess(case)`` answers whether facts about illegally obtaining, selling or providing
citizens' personal information reach 情节严重 or 情节特别严重 under CL253-1, with every
ground citing its provision and quoting its text. Standard library only.
"""

from calculator.assess import ENGINE_VERSION, assess, china_today, validate
from calculator.law import PROVISIONS, RULESETS, STATUTES, Provision, Ruleset, Statute
from calculator.model import (
    Addition,
    Assessment,
    Basis,
    BusinessPurchase,
    Case,
    Category,
    Circumstances,
    Classification,
    FieldError,
    FineGuide,
    Ground,
    InvalidFacts,
    Leniency,
    LeniencyFacts,
    LeniencyStatus,
    NextTier,
    Offender,
    OpenQuestion,
    Penalty,
    ProvisionRef,
    Quantity,
    RecordRow,
    RowCount,
    RulesetRef,
    Tier,
    Warning,
)

__version__ = ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION",
    "PROVISIONS",
    "RULESETS",
    "STATUTES",
    "Addition",
    "Assessment",
    "Basis",
    "BusinessPurchase",
    "Case",
    "Category",
    "Circumstances",
    "Classification",
    "FieldError",
    "FineGuide",
    "Ground",
    "InvalidFacts",
    "Leniency",
    "LeniencyFacts",
    "LeniencyStatus",
    "NextTier",
    "Offender",
    "OpenQuestion",
    "Penalty",
    "Provision",
    "ProvisionRef",
    "Quantity",
    "RecordRow",
    "RowCount",
    "Ruleset",
    "RulesetRef",
    "Statute",
    "Tier",
    "Warning",
    "__version__",
    "assess",
    "china_today",
    "validate",
]
