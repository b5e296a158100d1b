"""The law beside the code: stored texts, quoted texts, coverage, and no float or literal threshold."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import calculator
from calculator import rules
from calculator.law import PROVISIONS, RULESETS, STATUTES
from calculator.model import Category
from calculator.rules import art5, art6, art7, art10, art11, art12, penalty

PACKAGE = Path(calculator.__file__).resolve().parent
LAW_MD = PACKAGE.parent / "docs" / "spec" / "LAW.md"
RULE_MODULES = (art5, art6, art7, art10, art11, art12, penalty)
QUOTE = re.compile(r"「([^」]+)」")


def _rule_functions() -> list[tuple[str, str]]:
    """(function name, docstring) of every public rule function named after a provision."""
    out = []
    for module in RULE_MODULES:
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and re.match(r"^(art\d|cl\d)", name):
                out.append((name, inspect.getdoc(fn) or ""))
    return out


def _provision_of(name: str) -> str:
    """``art5_1_3_x`` → ``5.1.3``; ``cl253_1_x`` → ``CL253-1``."""
    if name.startswith("cl"):
        article, paragraph = re.findall(r"\d+", name)[:2]
        return f"CL{article}-{paragraph}"
    numbers = re.match(r"^art((?:\d+_)*\d+)", name)
    assert numbers is not None
    return numbers.group(1).replace("_", ".")


def _texts_under(provision: str) -> str:
    return "\n".join(
        p.text
        for pid, p in PROVISIONS.items()
        if pid == provision or pid.startswith(provision + ".")
    )


def test_law_md_holds_every_stored_text_verbatim() -> None:
    """Every paragraph of every provision text in calculator/law stands verbatim in the spec's LAW.md."""
    law = LAW_MD.read_text(encoding="utf-8")
    for pid, p in PROVISIONS.items():
        for paragraph in p.text.split("\n"):
            assert paragraph in law, pid


def test_rule_docstrings_quote_their_provision_verbatim() -> None:
    """Every 「quote」 in a rule function's docstring is a substring of the provision it is named after."""
    checked = 0
    for name, doc in _rule_functions():
        quotes = QUOTE.findall(doc)
        assert quotes or name.endswith(("_near_window_edge", "_counted_quantity")), name
        source = _texts_under(_provision_of(name))
        assert source, name
        for q in quotes:
            assert q in source, (name, q)
            checked += 1
    assert checked >= 25


def test_every_rule_provision_is_implemented_or_marked_not_calculable() -> None:
    """Each stored provision is applied by a rule (its id is named or cited in the code) or says why not."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    code += (PACKAGE / "law" / "parameters.toml").read_text(encoding="utf-8")
    named = {_provision_of(n) for n, _ in _rule_functions()}
    for pid, p in PROVISIONS.items():
        if p.status == "rule":
            heads = any(n.startswith(pid + ".") for n in named)
            assert pid in named or heads or f'"{pid}"' in code, pid
        else:
            assert p.status in {"definition", "other_offence", "not_calculable"}, pid
            assert p.reason, pid


def test_parameters_name_their_provisions_and_dates() -> None:
    """Every parameter names a stored provision; the dates are those of the statute history."""
    rs = RULESETS[0]
    for pid in (
        rs.proportional_provision,
        rs.gains_provision,
        rs.insider_provision,
        rs.tenfold_provision,
        rs.admin_provision,
        rs.profit_provision,
        rs.fine_provision,
        rs.effective_from_provision,
        *(s.provision for s in rs.standards),
    ):
        assert pid in PROVISIONS, pid
    assert set(rs.standard_of) == set(Category)
    assert [s.records for s in rs.standards] == [50, 500, 5000]
    assert rs.effective_from.isoformat() == "2017-06-01"
    assert [s.effective_from.isoformat() for s in STATUTES] == ["2009-02-28", "2015-11-01"]


def _calculator_sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_float_anywhere_in_the_calculator() -> None:
    """No float literal and no float() call in calculator/ (D1)."""
    for path in _calculator_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Constant) and isinstance(node.value, float)), (
                path,
                node.lineno,
            )
            assert not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "float"
            ), (path, node.lineno)


def test_rule_code_writes_no_threshold_literal() -> None:
    """Rule code names parameters: no integer literal beyond 0, 1 and 2 (a cache's size aside), no money literal but the cent."""
    rule_files = [*Path(rules.__file__).parent.glob("*.py")]
    rule_files += [
        PACKAGE / n for n in ("evaluate.py", "next_tier.py", "questions.py", "standards.py")
    ]
    for path in rule_files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        sizes = {
            id(k.value) for k in ast.walk(tree) if isinstance(k, ast.keyword) and k.arg == "maxsize"
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and type(node.value) is int and id(node) not in sizes:
                assert node.value in {0, 1, 2}, (path.name, node.lineno, node.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Decimal":
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                assert args in ([], ["0.01"]), (path.name, node.lineno, args)


def test_public_surface_is_explicit() -> None:
    """calculator exports exactly its documented names, and each exists."""
    assert sorted(calculator.__all__) == sorted(set(calculator.__all__))
    for name in calculator.__all__:
        assert hasattr(calculator, name), name
    assert {"assess", "Case", "RecordRow", "Assessment", "InvalidFacts", "Tier", "Category"} <= set(
        calculator.__all__
    )
