"""Schemathesis against the app in process: every operation, every check.

Positive and negative data for each operation of the OpenAPI document, with all of
schemathesis' checks. Schema-valid data may still be refused when the *facts* cannot be
assessed (a conduct date in the future or before CL253-1 existed, duty gains above the
total …: rules a JSON Schema cannot state), and an unknown provision id is a 404; so
``positive_data_acceptance`` also accepts 404 and 422, and the extra check
``shape_refusals_break_the_schema`` makes that exception exact: a request refused for its
*shape* (the invalid-request problem) must really be invalid against the document's JSON
Schema, so only facts can refuse a schema-valid request.
"""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from api.main import create_app
from api.problems import INVALID_REQUEST
from tests.api.pending import with_pending

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 2017,
        "generation": {"mode": "all", "max-examples": 40},
        "checks": {
            "enabled": True,
            "positive_data_acceptance": {"expected-statuses": ["2xx", "404", "422"]},
        },
    }
)

APP = create_app()
DOCUMENT = APP.openapi()
# The app's document plus the answer fields not documented yet (tests/api/pending.py).
schema = schemathesis.openapi.from_dict(with_pending(DOCUMENT), config=CONFIG)
schema.app = APP
schema.location = "/openapi.json"


def _body_validator(method: str, path: str) -> Any:
    body = DOCUMENT["paths"][path][method.lower()]["requestBody"]
    root = {**body["content"]["application/json"]["schema"], "components": DOCUMENT["components"]}
    return jsonschema_rs.Draft202012Validator(root, validate_formats=True)


@schemathesis.check
def shape_refusals_break_the_schema(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 422 invalid-request answer is given only to a body the JSON Schema also refuses."""
    if response.status_code != 422 or not isinstance(case.body, dict | list):
        return None
    if response.json().get("type") != INVALID_REQUEST:
        return None
    if _body_validator(case.method, case.path).is_valid(case.body):
        raise AssertionError("a body valid under the OpenAPI document was refused for its shape")
    return None


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: Any) -> None:
    """Every response matches the document: status, content type, schema, headers, methods."""
    case.call_and_validate()
