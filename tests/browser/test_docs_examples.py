"""Swagger UI and ReDoc show the real answers beside the named examples, not placeholders."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_swagger_shows_the_real_answer_of_the_first_example(page: Page) -> None:
    """The 200 response of create_assessment shows the tier and ground of fifty_whereabouts."""
    page.goto("/docs", wait_until="networkidle")
    page.locator("#operations-assessments-create_assessment .opblock-summary").click()
    responses = page.locator("#operations-assessments-create_assessment .responses-table").first
    ok = responses.locator("tr.response[data-code='200']")
    expect(ok).to_contain_text('"tier": "serious"')
    expect(ok).to_contain_text('"provision": "5.1.3"')
    expect(ok).not_to_contain_text("additionalProp1")
    problem = responses.locator("tr.response[data-code='422']")
    expect(problem).to_contain_text("urn:pi-severity:problem:invalid-request")
    expect(problem).to_contain_text('"message_zh"')


def test_redoc_shows_the_real_answer_of_the_first_example(page: Page) -> None:
    """ReDoc's response sample for create_assessment is the real assessment."""
    page.goto("/redoc", wait_until="networkidle")
    operation = page.locator("[data-section-id='operation/create_assessment']")
    expect(operation).to_contain_text('"tier_zh": "情节严重"', timeout=20_000)
    expect(operation).not_to_contain_text("additionalProp1")
