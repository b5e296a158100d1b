"""The committed OpenAPI snapshot: where it lives and how to refresh it.

Refresh after a reviewed change of the contract with ``make openapi-snapshot`` (which runs
``python -m tests.api.snapshot``), then commit the diff of ``openapi.snapshot.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from api.main import create_app

__all__ = ["SNAPSHOT", "current_document", "render"]

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")


def current_document() -> dict[str, Any]:
    """The OpenAPI document the app serves now."""
    return create_app().openapi()


def render(document: dict[str, Any]) -> str:
    """The snapshot's text: stable key order, readable Chinese, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SNAPSHOT.write_text(render(current_document()), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
