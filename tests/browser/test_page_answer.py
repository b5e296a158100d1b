"""The page draws the answer and does no law of its own: the citations, the standards, the
proportional sum as a multiple and the contested routes all come from the answer; the Art. 11
table fits a 1280 px screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from calculator.citation import cite_en, cite_zh
from tests.browser.conftest import ARTIFACTS, Service, new_context
from tests.browser.test_page import fill_form, fixture, open_page, submit

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


SUM_CASE: dict[str, Any] = {
    "conduct_date": "2023-05-10",
    "records": [
        {"category": "whereabouts", "count": 120},
        {"category": "accommodation", "count": 3000},
    ],
}
"""120 whereabouts and 3,000 accommodation records: the sum is 42/5, and 80 more whereabouts
reach 情节特别严重 only through the sum at ten times (D8), a contested route."""


def test_the_proportional_sum_is_shown_as_a_multiple_with_its_fraction(page: Page) -> None:
    """The sum reads "8.4 倍（42/5）", the answer's display multiple beside its exact fraction."""
    open_page(page)
    fill_form(page, SUM_CASE)
    _, _, body = submit(page)
    q = body["quantity"]
    assert (q["proportional_sum"], q["proportional_sum_multiple"]) == (
        "42/5",
        {"value": "8.4", "exact": True},
    )
    value = page.locator('[data-meter="sum"] .meter-value')
    expect(value).to_have_text("8.4 倍（42/5）")
    expect(page.locator('[data-meter="sum"] .meter-tick.line10')).to_have_text("10 倍")
    page.click("#lang-switch")
    expect(value).to_have_text("8.4 times (42/5)")


def test_a_sum_ground_states_its_multiple(page: Page) -> None:
    """The 5.1.6 ground's detail gives the sum as a multiple and its standard."""
    open_page(page)
    fill_form(page, fixture("b-5-1-6-aggregation-exactly-one")["request"])
    _, _, body = submit(page)
    ground = next(g for g in body["grounds"] if g["provision"] == "5.1.6")
    multiple = body["quantity"]["proportional_sum_multiple"]["value"]
    detail = page.locator('#grounds > li[data-provision="5.1.6"] .detail')
    expect(detail).to_contain_text(f"按比例合计 {multiple} 倍")
    expect(detail).to_contain_text(f"标准 {ground['standard']['value']} 倍")


def test_contested_routes_are_marked_and_link_to_their_question(page: Page) -> None:
    """Every contested next-tier option carries a mark linking to its open question's entry on
    the page; an uncontested option carries none."""
    open_page(page)
    fill_form(page, SUM_CASE)
    _, _, body = submit(page)
    options = body["next_tier"]["options"]
    contested = [o for o in options if o["contested"]]
    assert contested
    assert {o["open_question"] for o in contested} == {"tenfold_rests_on_proportional_sum"}
    items = page.locator("#next-tier > li")
    expect(items).to_have_count(len(options))
    for i, option in enumerate(options):
        mark = items.nth(i).locator("a.contested")
        if option["contested"]:
            expect(mark).to_have_attribute("href", f"#question-{option['open_question']}")
        else:
            expect(mark).to_have_count(0)
    entry = page.locator("#question-tenfold_rests_on_proportional_sum")
    expect(entry).to_be_visible()
    expect(entry).to_have_attribute("data-code", "tenfold_rests_on_proportional_sum")
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#result").screenshot(path=str(ARTIFACTS / "result-contested-1280.png"))
    items.first.locator("a.contested").click()
    assert page.evaluate("location.hash") == "#question-tenfold_rests_on_proportional_sum"
    assert page.evaluate("document.querySelector(':target').id") == (
        "question-tenfold_rests_on_proportional_sum"
    )


def test_a_raised_question_is_the_one_linked(page: Page) -> None:
    """When the answer raises the question itself, its entry is the answer's, with the answer's text."""
    open_page(page)
    fill_form(page, fixture("b-5-2-3-aggregation-at-ten")["request"])
    _, _, body = submit(page)
    codes = [q["code"] for q in body["open_questions"]]
    assert "tenfold_rests_on_proportional_sum" in codes
    question = next(q for q in body["open_questions"] if q["code"] == codes[0])
    entry = page.locator(f"#question-{codes[0]}")
    expect(entry).to_contain_text(question["text"])
    expect(entry).not_to_have_class("pending")


def test_citations_are_the_answers_own(page: Page) -> None:
    """Grounds and next-tier options are cited with the answer's cite_zh / cite_en, and the
    form's labels with the core's citation of their provision."""
    open_page(page)
    expect(page.locator("label:has(#whereabouts_used_in_crime)")).to_contain_text(
        f"（{cite_zh('5.1.1')}）"
    )
    fill_form(page, SUM_CASE)
    _, _, body = submit(page)
    for language, key in (("zh", "cite_zh"), ("en", "cite_en")):
        cites = page.locator("#grounds > li .cite").all_inner_texts()
        assert cites == [g[key] for g in body["grounds"]], language
        muted = page.locator("#next-tier > li .muted").all_inner_texts()
        assert len(muted) == len(body["next_tier"]["options"])
        for text, option in zip(muted, body["next_tier"]["options"], strict=True):
            assert option[key] in text
        page.click("#lang-switch")
    expect(page.locator("label:has(#whereabouts_used_in_crime)")).to_contain_text(
        f"（{cite_zh('5.1.1')}）"
    )
    page.click("#lang-switch")
    expect(page.locator("label:has(#whereabouts_used_in_crime)")).to_contain_text(
        f"({cite_en('5.1.1')})"
    )


def test_a_part_the_answer_compared_with_nothing_has_no_bar(page: Page) -> None:
    """40 health records from duty meet no ground and no option: no insider bar is drawn for
    them (the page would have to halve a standard itself), while the whole case's bar is."""
    open_page(page)
    fill_form(page, {"records": [{"category": "health", "count": 40, "obtained_in_duty": True}]})
    _, _, body = submit(page)
    standards = [g["standard"] for g in body["grounds"]]
    if body["next_tier"]:
        standards += [o["standard"] for o in body["next_tier"]["options"]]
    assert not any(s and s["halved"] and s["kind"] == "records" for s in standards)
    expect(page.locator('[data-meter="insider:health"]')).to_have_count(0)
    expect(page.locator('[data-meter="records:health"]')).to_have_count(1)
