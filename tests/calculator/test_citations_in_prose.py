"""Every provision the prose names is written from the data, never typed into a sentence.

The modules that write the answer's prose (the open questions, the warnings, the opinion,
the notes of the rules) cite provisions through ``calculator.citation`` and take their ids
from the ruleset or from the named provisions of ``calculator.law``. These tests read the
source of those modules and fail on a provision word (第五条, 第二款, 第三项), an English
citation (Art. 5(2), Art. 6 para 2, CL12) or a provision id inside a function body. The
docstrings, which quote the statute and name the decisions, are not prose of the answer
and are skipped; comments are not in the syntax tree.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import calculator
from calculator import law
from calculator.law import PROVISIONS, RULESETS

PACKAGE = Path(calculator.__file__).parent

PROSE_MODULES = (
    PACKAGE / "assess.py",
    PACKAGE / "evaluate.py",
    PACKAGE / "next_tier.py",
    PACKAGE / "opinion.py",
    PACKAGE / "questions.py",
    *sorted((PACKAGE / "rules").glob("*.py")),
    PACKAGE.parent / "ledger" / "report.py",
)
"""The modules whose string literals become the answer's words (and the ledger report's)."""

PROVISION_WORD = re.compile(
    r"第[零一二三四五六七八九十百千]+[条款项]"  # 第五条, 第二款, 第三项
    r"|Art\. ?\d"  # Art. 5(2), Art. 10
    r"|Article \d"  # Article 253-1
    r"|\bpara[ -]\d"  # para 2, para-2
    r"|\bCL\d"  # CL12, CL253-1
)
"""A provision named in words, Chinese or English."""

PROVISION_ID = re.compile(r"(?:\d+(?:\.\d+)+|\d+|CL\d[\d.-]*|TE\d[\d.]*)")
"""A provision id of LAW.md: ``5.1.3``, ``10``, ``CL253-1.2``, ``TE2001.2``."""


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of every bare string statement: docstrings of modules, classes, functions and
    names (a string right after an assignment)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def provision_words(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal outside the docstrings that names a provision.

    A literal that is a bare id (``"CL99"``, the key of a table) is no prose: the test of
    ids in functions covers it.
    """
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and not PROVISION_ID.fullmatch(node.value)
        and PROVISION_WORD.search(node.value)
    )


def provision_ids_in_functions(source: str) -> list[tuple[int, str]]:
    """(line, id) of every provision id written as a literal inside a function or lambda.

    Module-level tables that map rules or roles to provisions (``RULES``, ``_ROLES``) and
    named constants are data; a function takes its ids from them or from the ruleset.
    """
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for scope in ast.walk(tree):
        if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        skip = _docstrings(scope)
        for node in ast.walk(scope):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and PROVISION_ID.fullmatch(node.value)
                and node.value in PROVISIONS
            ):
                found.append((node.lineno, node.value))
    return sorted(found)


def test_no_provision_word_is_typed_into_prose() -> None:
    """No 第…条/款/项, Art. N, para N or CLnn in a string literal of the prose modules."""
    for path in PROSE_MODULES:
        found = provision_words(path.read_text(encoding="utf-8"))
        assert found == [], (path.name, found)


def test_no_provision_id_is_a_literal_in_a_function() -> None:
    """A function of the prose modules names no provision id: it reads a constant or the ruleset."""
    for path in PROSE_MODULES:
        found = provision_ids_in_functions(path.read_text(encoding="utf-8"))
        assert found == [], (path.name, found)


def test_the_scans_find_what_they_look_for() -> None:
    """The scans fail on a typed citation or id, and pass over docstrings."""
    source = '''
"""Module docstring: 《解释》第五条第一款, Art. 5(1)."""

NAMED = "5.2"
"""A named provision: 第五条第二款."""


def question() -> tuple[str, str]:
    """Docstring: 第六条, Art. 6 para 2."""
    provision = "6.1.2"
    return f"按第六条计算（{provision}）", "under Art. 5(2)"


def note() -> str:
    return "the lighter law (CL12), Art. 6 para 2, Article 253-1"
'''
    words = provision_words(source)
    assert sorted(text for _, text in words) == sorted(
        (
            "按第六条计算（",
            "under Art. 5(2)",
            "the lighter law (CL12), Art. 6 para 2, Article 253-1",
        )
    )
    assert provision_ids_in_functions(source) == [(10, "6.1.2")]


def test_named_record_items_are_the_rulesets_record_standards() -> None:
    """The ids calculator.law names for the record items of Art. 5 are those of each ruleset's record standards."""
    named = (law.HIGH_SENSITIVITY_RECORDS, law.SAFETY_RECORDS, law.OTHER_RECORDS)
    for rs in RULESETS:
        assert tuple(s.provision for s in rs.standards) == named
