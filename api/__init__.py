"""The HTTP adapter: a thin FastAPI service over ``calculator``, which never imports it."""

from api.main import create_app

__all__ = ["create_app"]
