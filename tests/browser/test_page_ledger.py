"""The page's counting ledger in a real browser: upload an evidence set, read the variants,
carry the headline rows into the form and assess them, as a lawyer would.

The evidence sets are those of ``fixtures/ledger/`` with their hand-checked expectations.
Screenshots of the variants at 1280 px and 390 px are kept under ``test-artifacts/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

LEDGER = Path(__file__).resolve().parents[2] / "fixtures" / "ledger"


def expected_of(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return data


def open_ledger(page: Page) -> None:
    """Load the page and open its ledger section."""
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("data-ready", "true")
    page.click("#ledger-panel summary")
    expect(page.locator("#ledger-count")).to_be_visible()


def upload(page: Page, folder: Path, conduct_date: str | None = None) -> None:
    """Choose the set's mapping and data files, and count."""
    data = [
        p
        for p in sorted(folder.iterdir())
        if p.name not in {"mapping.toml", "expected.json", "expected_error.json"}
    ]
    page.set_input_files("#ledger-mapping", str(folder / "mapping.toml"))
    page.set_input_files("#ledger-files", [str(p) for p in data])
    if conduct_date:
        page.fill("#ledger-conduct-date", conduct_date)
    page.click("#ledger-count")


def cell(page: Page, category: str, variant: str) -> str:
    found = page.locator(
        f"#ledger-variants tr[data-category={category}] td[data-variant={variant}]"
    )
    return found.inner_text()


def test_the_variants_are_shown_side_by_side_and_the_rows_carried_and_assessed(
    page: Page,
) -> None:
    """s12: 55 / 51 / 48 whereabouts, serious / serious / not serious, flagged; carried and assessed."""
    folder = LEDGER / "s12-tier-depends-on-counting"
    expected = expected_of(folder)
    open_ledger(page)
    upload(page, folder, expected["conduct_date"])
    expect(page.locator("#ledger-result")).to_be_visible()
    for variant, want in expected["variants"].items():
        for category, counted in want["by_category"].items():
            assert cell(page, category, variant) == str(counted)
    for variant, tier in expected["tiers"].items():
        tiers = page.locator(f"#ledger-variants tr.tiers td[data-variant={variant}]")
        expect(tiers).to_have_attribute("data-tier", tier)
    expect(page.locator("#ledger-depends")).to_have_attribute("data-depends", "true")
    expect(page.locator("#ledger-depends")).to_contain_text("档次取决于计数口径")
    expect(page.locator("#ledger-funnel tbody tr")).to_have_count(1)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#ledger").screenshot(path=str(ARTIFACTS / "page-ledger-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#ledger").screenshot(path=str(ARTIFACTS / "page-ledger-390.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})

    page.click("#ledger-carry")
    rows = page.locator("#rows [data-row]")
    expect(rows).to_have_count(len(expected["records"]))
    first = expected["records"][0]
    expect(rows.nth(0).locator("[data-field=category]")).to_have_value(first["category"])
    expect(rows.nth(0).locator("[data-field=count]")).to_have_value(str(first["count"]))
    expect(page.locator("#conduct_date")).to_have_value(expected["conduct_date"])
    page.click("#submit")
    expect(page.locator("#result")).to_be_visible()
    expect(page.locator("#tier")).to_have_attribute("data-tier", expected["tiers"]["persons"])


def test_carrying_replaces_the_rows_already_in_the_form(page: Page) -> None:
    """s02: two rows typed by hand give way to the four headline rows, recipients included."""
    folder = LEDGER / "s02-resold-recipients-aliases"
    expected = expected_of(folder)
    open_ledger(page)
    page.click("#add-row")
    page.locator("#rows [data-row] [data-field=count]").nth(0).fill("7")
    page.locator("#rows [data-row] [data-field=count]").nth(1).fill("9")
    upload(page, folder, expected["conduct_date"])
    expect(page.locator("#ledger-result")).to_be_visible()
    expect(page.locator("#ledger-depends")).to_have_attribute("data-depends", "false")
    page.click("#ledger-carry")
    rows = page.locator("#rows [data-row]")
    expect(rows).to_have_count(len(expected["records"]))
    shown = [
        {
            "category": rows.nth(i).locator("[data-field=category]").input_value(),
            "count": int(rows.nth(i).locator("[data-field=count]").input_value()),
            "recipients": int(rows.nth(i).locator("[data-field=recipients]").input_value() or 0),
            "obtained_in_duty": rows.nth(i).locator("[data-field=obtained_in_duty]").is_checked(),
        }
        for i in range(rows.count())
    ]
    key = lambda r: (r["category"], r["recipients"], r["obtained_in_duty"])  # noqa: E731
    assert sorted(shown, key=key) == sorted(expected["records"], key=key)
    page.click("#submit")
    expect(page.locator("#result")).to_be_visible()
    counted = sum(r["count"] * max(1, r["recipients"]) for r in expected["records"])
    assert counted == expected["variants"]["persons"]["by_category"]["accommodation"]
    expect(page.locator("#rows-table tbody tr")).to_have_count(len(expected["records"]))


def test_a_refusal_is_shown_in_chinese_then_english(page: Page) -> None:
    """An error set's problem names the file in Chinese; the English switch shows it in English."""
    folder = LEDGER / "errors" / "missing-column"
    open_ledger(page)
    upload(page, folder)
    errors = page.locator("#ledger-errors")
    expect(errors).to_be_visible()
    expect(errors).to_contain_text("dump-b.csv")
    expect(errors).to_contain_text("文件中没有映射的列")
    expect(page.locator("#ledger-result")).to_be_hidden()
    page.click("#lang-switch")
    expect(errors).to_contain_text("is not in the file")
    expect(page.locator("#ledger-title")).to_have_text("Count from seized data (Art. 11)")
