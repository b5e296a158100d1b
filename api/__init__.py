"""The HTTP adapter: a thin FastAPI service over ``calculator``, which never imports it.

``create_app`` is imported on first use, so ``pi-severity`` (``api.cli``) starts, and says
which extra to install, where only the library is installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from api.main import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from api.main import create_app  # noqa: PLC0415 - needs the `api` extra

        return create_app
    raise AttributeError(f"module 'api' has no attribute {name!r}")
