"""The core stays pure: ``calculator`` imports the standard library and itself, nothing else.

Every module of the package is parsed (not imported) and each ``import`` and
``from … import`` is checked, so no web library (FastAPI, pydantic, starlette …) or any
other third-party package can slip into the calculation; ``api`` depends on the core,
never the reverse.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "calculator"
MODULES = sorted(CORE.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    """The top-level package of every absolute import in a module (relative ones are the core's own)."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_core_has_modules_to_check() -> None:
    """The scan sees the package (an empty scan would prove nothing)."""
    assert len(MODULES) >= 5
    assert CORE / "__init__.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_imports_only_the_standard_library(path: Path) -> None:
    """Each import is the standard library, ``__future__`` or ``calculator`` itself."""
    allowed = set(sys.stdlib_module_names) | {"__future__", "calculator"}
    assert imported_roots(path) - allowed == set()


LEDGER = ROOT / "ledger"
LEDGER_MODULES = sorted(LEDGER.rglob("*.py"))


def test_the_ledger_has_modules_to_check() -> None:
    """The scan sees the ledger package (an empty scan would prove nothing)."""
    assert len(LEDGER_MODULES) >= 5
    assert LEDGER / "__init__.py" in LEDGER_MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_never_imports_the_ledger(path: Path) -> None:
    """``calculator`` never imports ``ledger``: the counting step sits on top of the core."""
    assert "ledger" not in imported_roots(path)


@pytest.mark.parametrize("path", LEDGER_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_ledger_module_never_imports_the_api(path: Path) -> None:
    """``ledger`` imports the core and its own libraries, never ``api`` (the API may call it)."""
    assert "api" not in imported_roots(path)


def test_web_libraries_are_recognised_as_foreign() -> None:
    """The check would catch a web import: the helper reports fastapi, pydantic and api."""
    sample = ROOT / "api" / "main.py"
    assert {"fastapi", "api"} <= imported_roots(sample)
    assert not {"fastapi", "pydantic", "starlette", "api", "uvicorn"} & set(sys.stdlib_module_names)
