"""The page shows the service's problems in the page's language, beside their fields."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_page import fill_form, fixture, open_page, submit

pytestmark = pytest.mark.browser

LATIN_WORDS = re.compile(r"[A-Za-z]{4,}")


def test_in_chinese_the_services_error_is_shown_in_chinese(page: Page) -> None:
    """The Chinese page asks for zh-CN and shows message_zh under the date, with no English."""
    open_page(page)
    fill_form(page, fixture("b-d22-future-422")["request"])
    with page.expect_request("**/v1/assessments") as sent:
        _, status, body = submit(page)
    assert sent.value.headers["accept-language"] == "zh-CN"
    assert status == 422
    (error,) = body["errors"]
    assert error["detail"] == error["message_zh"]
    slot = page.locator('[data-error-for="/conduct_date"]')
    expect(slot).to_have_text(error["message_zh"])
    expect(slot).to_contain_text("不得晚于今天")
    expect(slot).to_contain_text("北京时间")
    assert not LATIN_WORDS.search(slot.inner_text())
    expect(slot).to_have_attribute("lang", "zh-CN")
    box = page.locator("#form-errors")
    expect(box).to_contain_text("服务未接受请求（422 事实无法依法适用）")


def test_switching_to_english_shows_the_same_error_in_english(page: Page) -> None:
    """After the switch the error under the date is the problem's English message."""
    open_page(page)
    fill_form(page, fixture("b-d22-future-422")["request"])
    _, _, body = submit(page)
    page.click("#lang-switch")
    slot = page.locator('[data-error-for="/conduct_date"]')
    expect(slot).to_have_text(body["errors"][0]["message"])
    expect(slot).to_contain_text("must not be after today")
    expect(slot).to_have_attribute("lang", "en")
    box = page.locator("#form-errors")
    expect(box).to_contain_text("The service did not accept the request (422)")
    expect(box).not_to_contain_text("事实无法依法适用")
    page.click("#lang-switch")
    expect(slot).to_have_text(body["errors"][0]["message_zh"])
    expect(box).to_contain_text("服务未接受请求（422 事实无法依法适用）")


def test_in_english_the_page_asks_for_english(page: Page) -> None:
    """The English page sends Accept-Language: en and gets the English title and texts."""
    open_page(page)
    page.click("#lang-switch")
    fill_form(page, fixture("b-d22-future-422")["request"])
    with page.expect_request("**/v1/assessments") as sent:
        _, _, body = submit(page)
    assert sent.value.headers["accept-language"] == "en"
    assert body["title"] == "Facts the law cannot be applied to"
    expect(page.locator('[data-error-for="/conduct_date"]')).to_have_text(
        body["errors"][0]["message"]
    )
    expect(page.locator("#form-errors")).to_contain_text("(422 Facts the law cannot be applied to)")
