"""The page draws the answer and does no law of its own: the citations, the standards, the
proportional sum as a multiple and the contested routes all come from the answer; the Art. 11
table fits a 1280 px screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ARTIFACTS, Service, new_context
from tests.browser.test_page import fill_form, open_page, submit

pytestmark = pytest.mark.browser

MANY_ROWS: dict[str, Any] = {
    "conduct_date": "2023-05-10",
    "records": [
        {
            "category": "whereabouts",
            "count": 120,
            "recipients": 3,
            "label": "证据5 行踪轨迹（第一批）",
        },
        {"category": "accommodation", "count": 3000, "label": "证据6 住宿记录 2021-2022 年度汇总"},
        {"category": "health", "count": 40, "obtained_in_duty": True, "label": "证据7"},
        {"category": "general", "count": 100000, "label": "证据8 购买的车主信息"},
        {"category": "other_safety", "count": 12345678, "recipients": 9999},
    ],
    "business_purchase": {"profit_cny": "1000"},
}


@pytest.fixture
def page_1280(browser: Browser, service: Service) -> Iterator[Page]:
    """A laptop screen: 1280 × 800."""
    context = new_context(browser, service, width=1280, height=800)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert service.refused == []


def test_the_counting_table_fits_a_1280_px_screen(page_1280: Page) -> None:
    """At 1280 × 800 the Art. 11 table is not clipped: nothing to scroll sideways, in Chinese
    and in English."""
    page = page_1280
    open_page(page)
    fill_form(page, MANY_ROWS)
    _, status, _ = submit(page)
    assert status == 200
    for language in ("zh", "en"):
        fit = page.evaluate(
            """() => {
              const table = document.getElementById('rows-table');
              const wrap = table.parentElement;
              const result = document.getElementById('result').getBoundingClientRect();
              return {
                rows: table.querySelectorAll('tbody tr').length,
                table: table.getBoundingClientRect().right,
                wrap: wrap.getBoundingClientRect().right,
                scroll: wrap.scrollWidth - wrap.clientWidth,
                result: result.right,
                page: document.documentElement.scrollWidth,
              };
            }"""
        )
        assert fit["rows"] == len(MANY_ROWS["records"])
        assert fit["scroll"] <= 0, fit
        assert fit["table"] <= fit["wrap"] + 0.5, fit
        assert fit["wrap"] <= fit["result"], fit
        assert fit["page"] <= 1280, fit
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#rows-table").screenshot(path=str(ARTIFACTS / f"table-1280-{language}.png"))
        page.click("#lang-switch")
