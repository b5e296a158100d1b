"""The lawyer's page in a real browser: Debian's headless Chromium, driven by Playwright.

Each scenario is what a person does: fill the form with the facts of a boundary fixture,
submit, read the tier, the grounds and the next-tier sentences on the page. Every request
the browser makes must go to the service itself (the ``page`` fixture fails the test
otherwise), and the screenshots at 1280 px and 390 px are kept under ``test-artifacts/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from calculator import PROVISIONS, Tier
from calculator.law import CATEGORY_NAMES
from calculator.model import Category
from tests.browser.conftest import ARTIFACTS, Service, new_context

pytestmark = pytest.mark.browser

BOUNDARY = Path(__file__).resolve().parents[2] / "fixtures" / "boundary"

# One fixture per path of the law, and a few that use the rest of the form.
SCENARIOS = [
    "b-5-1-3-whereabouts-50",  # 50-tier (5.1.3)
    "b-5-1-6-aggregation-exactly-one",  # proportional aggregation (5.1.6)
    "b-5-1-7-gains-5000",  # gains (5.1.7)
    "b-5-1-8-insider-whereabouts-25",  # insider, half standards (5.1.8)
    "b-5-2-3-whereabouts-500",  # ten times (5.2.3)
    "b-6-1-1-profit-50000",  # Art. 6 purchase (6.1.1)
    "b-d5-vehicle-owner-sensitive",  # alternative categories (D5)
    "b-5-1-9-admin-well-inside",  # circumstances and dates (5.1.9)
    "b-10-eligible",  # Art. 10 facts
    "b-7-unit-offender",  # unit offender (Art. 7)
]

_CIRCUMSTANCES = (
    "whereabouts_used_in_crime",
    "knowingly_supplied_criminal_user",
    "prior_criminal_punishment",
    "other_serious_circumstances",
    "severe_consequences",
    "major_loss_or_bad_social_impact",
    "other_especially_serious_circumstances",
)
_LENIENCY = ("first_offender", "full_restitution", "remorse")


def fixture(name: str) -> dict[str, Any]:
    """A boundary fixture by id."""
    data: dict[str, Any] = json.loads((BOUNDARY / f"{name}.json").read_text(encoding="utf-8"))
    return data


def with_defaults(req: dict[str, Any]) -> dict[str, Any]:
    """The request with every default of API.md written out, as the page sends it."""
    c = req.get("circumstances", {})
    bp = req.get("business_purchase")
    lf = req.get("leniency_facts", {})
    return {
        "conduct_date": req.get("conduct_date"),
        "offender": req.get("offender", "natural_person"),
        "records": [
            {
                "category": r["category"],
                "count": r["count"],
                "recipients": r.get("recipients", 0),
                "obtained_in_duty": r.get("obtained_in_duty", False),
                "alternative_categories": r.get("alternative_categories", []),
                "label": r.get("label"),
            }
            for r in req.get("records", [])
        ],
        "illegal_gains_cny": req.get("illegal_gains_cny", "0"),
        "illegal_gains_from_duty_cny": req.get("illegal_gains_from_duty_cny", "0"),
        "circumstances": {
            **{k: c.get(k, False) for k in _CIRCUMSTANCES},
            "prior_administrative_penalty_date": c.get("prior_administrative_penalty_date"),
        },
        "business_purchase": None
        if bp is None
        else {"profit_cny": bp.get("profit_cny", "0"), "resold": bp.get("resold", False)},
        "leniency_facts": {k: lf.get(k) for k in _LENIENCY},
    }


def open_page(page: Page) -> None:
    """Load the page and wait until its script has set the form up."""
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("data-ready", "true")


def fill_form(page: Page, req: dict[str, Any]) -> None:
    """Type the facts of a request into the form, as a person would."""
    while page.locator("[data-row] [data-remove]").count():
        page.locator("[data-row] [data-remove]").first.click()
    for i, row in enumerate(req.get("records", [])):
        page.click("#add-row")
        box = page.locator("[data-row]").nth(i)
        box.locator("[data-field=category]").select_option(row["category"])
        box.locator("[data-field=count]").fill(str(row["count"]))
        if row.get("recipients"):
            box.locator("[data-field=recipients]").fill(str(row["recipients"]))
        if row.get("obtained_in_duty"):
            box.locator("[data-field=obtained_in_duty]").check()
        if row.get("alternative_categories"):
            box.locator("[data-field=alternatives] summary").click()
            for alt in row["alternative_categories"]:
                box.locator(f"[data-alternative={alt}]").check()
        if row.get("label"):
            box.locator("[data-field=label]").fill(row["label"])
    if req.get("conduct_date"):
        page.fill("#conduct_date", req["conduct_date"])
    page.select_option("#offender", req.get("offender", "natural_person"))
    for name in ("illegal_gains_cny", "illegal_gains_from_duty_cny"):
        if name in req:
            page.fill(f"#{name}", req[name])
    c = req.get("circumstances", {})
    for name in _CIRCUMSTANCES:
        if c.get(name):
            page.check(f"#{name}")
    if c.get("prior_administrative_penalty_date"):
        page.fill("#prior_administrative_penalty_date", c["prior_administrative_penalty_date"])
    bp = req.get("business_purchase")
    if bp is not None:
        page.check("#business_purchase")
        page.fill("#profit_cny", bp.get("profit_cny", "0"))
        if bp.get("resold"):
            page.check("#resold")
    for name, value in req.get("leniency_facts", {}).items():
        page.select_option(f"#{name}", "" if value is None else str(value).lower())


def submit(page: Page) -> tuple[dict[str, Any], int, dict[str, Any]]:
    """Press 计算; the request the page sent, and the service's status and body."""
    with page.expect_response("**/v1/assessments") as answer:
        page.click("#submit")
    response = answer.value
    sent = response.request.post_data_json
    assert isinstance(sent, dict)
    body: dict[str, Any] = response.json()
    return sent, response.status, body


def next_tier_sentence(option: dict[str, Any], tier_zh: str) -> str:
    """The sentence the page must show for one next-tier option, from the calculator's names."""
    if option.get("category") is not None:
        name = CATEGORY_NAMES[Category(option["category"])].zh
        return f"再增加 {option['additional_records']} 条{name}即达到{tier_zh}"
    return f"违法所得再增加 {option['additional_gains_cny']} 元即达到{tier_zh}"


@pytest.mark.parametrize("name", SCENARIOS)
def test_fixture_case_through_the_page(page: Page, name: str) -> None:
    """Filling the form with a fixture shows its tier, its grounds and the next-tier sentences."""
    case = fixture(name)
    expected = case["expected"]
    open_page(page)
    fill_form(page, case["request"])
    sent, status, body = submit(page)
    assert sent == with_defaults(case["request"])
    assert status == 200

    tier = Tier(expected["tier"])
    expect(page.locator("#tier")).to_have_text(tier.zh)
    shown = page.locator("#grounds > li")
    assert sorted(shown.evaluate_all("els => els.map(e => e.dataset.provision)")) == sorted(
        expected["grounds"]
    )
    for provision in expected["grounds"]:
        item = page.locator(f'#grounds > li[data-provision="{provision}"]').first
        expect(item.locator(".prov")).to_have_text(provision)
        expect(item.locator("blockquote")).to_have_text(PROVISIONS[provision].text)

    sentences = page.locator("#next-tier .next-sentence").all_inner_texts()
    if body["next_tier"] is None:
        assert sentences == []
        expect(page.locator("#next-tier-lead")).to_contain_text("已是最高档次")
    else:
        tier_zh = Tier(body["next_tier"]["tier"]).zh
        wanted = [next_tier_sentence(o, tier_zh) for o in body["next_tier"]["options"]]
        assert sentences == wanted

    expect(page.locator("#opinion")).to_have_text(body["opinion_zh"])
    assert page.locator("#chart [data-meter]").count() >= 1
    if body["open_questions"]:
        expect(page.locator("#questions-block")).to_be_visible()
    if body["classification"]["sensitive"]:
        expect(page.locator("#classification")).to_be_visible()


def test_50_tier_reads_as_the_issue_asks(page: Page) -> None:
    """Fifty whereabouts records: 情节严重 in large type, 5.1.3 quoted, 450 more to the next tier."""
    open_page(page)
    fill_form(page, fixture("b-5-1-3-whereabouts-50")["request"])
    submit(page)
    expect(page.locator("#tier")).to_have_text("情节严重")
    size = page.locator("#tier").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 32
    expect(page.locator("#next-tier")).to_contain_text(
        "再增加 450 条行踪轨迹信息即达到情节特别严重"
    )
    expect(page.locator("#grounds")).to_contain_text(
        "非法获取、出售或者提供行踪轨迹信息、通信内容、征信信息、财产信息五十条以上的"
    )
    expect(page.locator("#opinion")).to_contain_text(
        "非法获取、出售或者提供行踪轨迹信息五十条，达到《解释》第五条第一款第三项规定的标准"
    )


def test_picture_draws_the_standards_the_answer_compared_with(page: Page) -> None:
    """An insider row is drawn against the halved standard its ground met (25), the ordinary
    row against 50 and 500; no insider line at ten times, which this answer compares nothing with."""
    open_page(page)
    fill_form(page, fixture("b-5-1-8-insider-whereabouts-25")["request"])
    submit(page)
    insider = page.locator('[data-meter="insider:whereabouts"]')
    expect(insider.locator(".meter-tick.line1")).to_have_text("25 条")
    expect(insider.locator(".meter-tick.line10")).to_have_count(0)
    assert insider.get_attribute("data-level") == "serious"
    whole = page.locator('[data-meter="records:whereabouts"]')
    expect(whole.locator(".meter-tick.line1")).to_have_text("50 条")
    expect(whole.locator(".meter-tick.line10")).to_have_text("500 条")
    assert whole.get_attribute("data-level") == "below"
    gains = page.locator('[data-meter="gains"]')
    expect(gains.locator(".meter-tick.line1")).to_have_text("5000 元")
    expect(gains.locator(".meter-tick.line10")).to_have_text("50000 元")
    expect(page.locator('[data-meter="sum"] .meter-tick.line10')).to_have_text("10 倍")
    expect(page.locator("#penalty")).to_contain_text("从重处罚（刑法第二百五十三条之一第二款）")


def test_picture_draws_the_halved_tenfold_line_when_a_ground_meets_it(page: Page) -> None:
    """250 insider whereabouts records: the insider meter has the 25 and 250 lines of its grounds."""
    open_page(page)
    fill_form(page, fixture("b-5-2-3-insider-whereabouts-250")["request"])
    submit(page)
    insider = page.locator('[data-meter="insider:whereabouts"]')
    expect(insider.locator(".meter-tick.line1")).to_have_text("25 条")
    expect(insider.locator(".meter-tick.line10")).to_have_text("250 条")
    assert insider.get_attribute("data-level") == "especially_serious"


def test_server_error_is_shown_beside_its_field(page: Page) -> None:
    """A future conduct date gets the service's 422, and its detail appears under the date."""
    case = fixture("b-d22-future-422")
    open_page(page)
    fill_form(page, case["request"])
    _, status, body = submit(page)
    assert status == 422
    assert [e["pointer"] for e in body["errors"]] == case["expected"]["pointers"]
    slot = page.locator('[data-error-for="/conduct_date"]')
    expect(slot).to_be_visible()
    expect(slot).to_have_text(body["errors"][0]["detail"])
    same_field = slot.evaluate(
        "e => e.closest('.field') === document.getElementById('conduct_date').closest('.field')"
    )
    assert same_field
    expect(page.locator("#conduct_date")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#result")).to_be_hidden()


def test_client_checks_mirror_the_api(page: Page) -> None:
    """Bad money, a missing count and a penalty date without a conduct date never leave the page."""
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    open_page(page)
    page.click("#add-row")
    page.locator("[data-row]").nth(0).locator("[data-field=count]").fill("60")
    page.fill("#illegal_gains_cny", "12.345")
    page.fill("#prior_administrative_penalty_date", "2022-01-01")
    page.click("#submit")
    expect(page.locator('[data-error-for="/illegal_gains_cny"]')).to_contain_text("最多两位小数")
    expect(page.locator('[data-error-for="/records/1/count"]')).to_have_text("必须填写")
    expect(
        page.locator('[data-error-for="/circumstances/prior_administrative_penalty_date"]')
    ).to_contain_text("行为日期")
    page.fill("#illegal_gains_cny", "100")
    page.fill("#illegal_gains_from_duty_cny", "100.01")
    page.click("#submit")
    expect(page.locator('[data-error-for="/illegal_gains_from_duty_cny"]')).to_contain_text(
        "不得超过"
    )
    assert posts == []


def test_rows_can_be_added_and_removed(page: Page) -> None:
    """Removing a middle row renumbers the rest, so errors still land beside the right field."""
    open_page(page)
    page.click("#add-row")
    page.click("#add-row")
    rows = page.locator("[data-row]")
    expect(rows).to_have_count(3)
    rows.nth(0).locator("[data-field=count]").fill("10")
    rows.nth(2).locator("[data-field=count]").fill("abc")
    rows.nth(1).locator("[data-remove]").click()
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("[data-row-title]")).to_have_text("第 2 行")
    page.click("#submit")
    error = rows.nth(1).locator('[data-error-for="/records/1/count"]')
    expect(error).to_contain_text("整数")


def test_english_switch(page: Page) -> None:
    """The English switch translates the form and the answer; Chinese comes back on a second click."""
    open_page(page)
    fill_form(page, fixture("b-5-1-3-whereabouts-50")["request"])
    _, _, body = submit(page)
    page.click("#lang-switch")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#tier")).to_have_text("Serious")
    expect(page.locator("#next-tier")).to_contain_text(
        "450 more records of whereabouts (location tracks) would reach especially serious (情节特别严重)"
    )
    expect(page.locator("#opinion")).to_have_text(body["opinion_en"])
    expect(page.locator("label[for=conduct_date]")).to_have_text("Conduct date (last act)")
    page.click("#lang-switch")
    expect(page.locator("#tier")).to_have_text("情节严重")
    expect(page.locator("label[for=conduct_date]")).to_have_text("行为日期（最后一次行为）")


def test_copy_button_copies_the_opinion(browser: Browser, service: Service) -> None:
    """The copy button puts the paragraph on the clipboard."""
    context = new_context(browser, service, width=1280, height=900)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=service.base_url)
    try:
        page = context.new_page()
        open_page(page)
        fill_form(page, fixture("b-5-1-7-gains-5000")["request"])
        _, _, body = submit(page)
        page.click("#copy-opinion")
        expect(page.locator("#copy-status")).to_have_text("已复制。")
        assert page.evaluate("navigator.clipboard.readText()") == body["opinion_zh"]
    finally:
        context.close()
    assert service.refused == []


def test_print_shows_the_result_without_the_form(page: Page) -> None:
    """Printed, the page is the result alone: no form, no buttons."""
    open_page(page)
    fill_form(page, fixture("b-5-2-3-whereabouts-500")["request"])
    submit(page)
    page.emulate_media(media="print")
    expect(page.locator("#case-form")).to_be_hidden()
    expect(page.locator("#copy-opinion")).to_be_hidden()
    expect(page.locator("#result")).to_be_visible()
    expect(page.locator("#tier")).to_have_text("情节特别严重")


def test_page_and_docs_load_with_the_network_blocked(page: Page, service: Service) -> None:
    """The page and Swagger UI load fully while every request to anywhere else would fail."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto("/", wait_until="networkidle")
    expect(page.locator("html")).to_have_attribute("data-ready", "true")
    page.goto("/docs", wait_until="networkidle")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    assert seen
    outside = [u for u in seen if not u.startswith((service.base_url + "/", "data:"))]
    assert outside == []


CJK_FONT_FAMILIES = (
    "WenQuanYi",
    "Noto Sans CJK",
    "Noto Serif CJK",
    "Source Han",
    "Droid Sans Fallback",
)


@pytest.fixture(params=[1280, 390], ids=["desktop-1280", "phone-390"])
def sized_page(
    request: pytest.FixtureRequest, browser: Browser, service: Service
) -> Iterator[Page]:
    """A page at desktop (1280 px) or phone (390 px) width, in a guarded context."""
    width = int(request.param)
    context = new_context(browser, service, width=width, height=900 if width > 400 else 844)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert service.refused == []


def test_chinese_renders_with_a_cjk_font(sized_page: Page) -> None:
    """At 1280 and 390 px the answer renders in a CJK font; screenshots go to test-artifacts/."""
    page = sized_page
    width = page.viewport_size["width"] if page.viewport_size else 0
    open_page(page)
    fill_form(page, fixture("b-5-1-8-insider-whereabouts-25")["request"])
    page.click("#add-row")
    extra = page.locator("[data-row]").nth(1)
    extra.locator("[data-field=category]").select_option("accommodation")
    extra.locator("[data-field=count]").fill("120")
    extra.locator("[data-field=label]").fill("证据5 住宿记录")
    page.fill("#illegal_gains_cny", "3000")
    page.fill("#illegal_gains_from_duty_cny", "1000")
    submit(page)
    expect(page.locator("#tier")).to_have_text("情节严重")

    # The font Chromium actually used for the tier, from the DevTools protocol.
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#tier"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cjk = [f for f in fonts if f["familyName"].startswith(CJK_FONT_FAMILIES)]
    assert cjk, f"no CJK font rendered the tier: {fonts}"
    assert sum(f["glyphCount"] for f in cjk) == len("情节严重")

    # A canvas check too: two different characters must not draw the same (blank) box.
    same_box = page.evaluate(
        """() => {
          const font = getComputedStyle(document.getElementById('tier')).font;
          const draw = (ch) => {
            const c = document.createElement('canvas'); c.width = 64; c.height = 64;
            const g = c.getContext('2d'); g.font = font.replace(/\\d+(\\.\\d+)?px/, '48px');
            g.fillText(ch, 4, 52); return Array.from(g.getImageData(0, 0, 64, 64).data).join();
          };
          const missing = draw('\\u0378');
          return [draw('情') === draw('节'), draw('情') === missing];
        }"""
    )
    assert same_box == [False, False]

    # Usable at this width: nothing wider than the screen, the submit button on it.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("#submit").bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= width

    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"page-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def test_the_guard_refuses_outside_requests(page: Page, service: Service) -> None:
    """The harness itself: going to another host fails and is recorded, so a test would fail."""
    with pytest.raises(PlaywrightError):
        page.goto("http://example.com/x")
    assert service.refused == ["http://example.com/x"]
    service.refused.clear()
