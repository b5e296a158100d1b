"""The page over HTTP, without a browser: what ``GET /`` and ``/page/…`` serve.

The browser scenarios are in ``test_page.py``; these checks need no Chromium and run in
every ``pytest`` run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.page import PAGE_CSP, install_page, law_data
from calculator import PROVISIONS, RULESETS, Category
from calculator.citation import cite_en, cite_zh
from calculator.law import CATEGORY_NAMES
from tests.browser.conftest import page_app

STATIC = Path(__file__).resolve().parents[2] / "api" / "page" / "static"


@pytest.fixture(scope="module")
def client() -> TestClient:
    """A client of the app with the page mounted."""
    return TestClient(page_app())


def _page_data(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_page_is_served_at_the_root(client: TestClient) -> None:
    """GET / answers the page in Chinese, as HTML, with a policy that allows only this origin."""
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["content-security-policy"] == PAGE_CSP
    assert '<html lang="zh-CN">' in r.text
    assert "情节严重" in r.text


def test_page_loads_nothing_from_outside(client: TestClient) -> None:
    """No address in the page, its style sheets or its scripts points to another host."""
    paths = ("/", "/page/page.css", "/page/page.js", "/page/ledger.css", "/page/ledger.js")
    texts = [client.get(p).text for p in paths]
    for text in texts:
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", text)
        assert "@import" not in text
        assert "@font-face" not in text
        assert "url(http" not in text
    assert 'fetch("v1/assessments"' in texts[2]
    assert texts[2].count("fetch(") == 1
    assert 'fetch("v1/ledgers"' in texts[4]
    assert texts[4].count("fetch(") == 1


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("page.css", "text/css; charset=utf-8"),
        ("page.js", "text/javascript; charset=utf-8"),
        ("ledger.css", "text/css; charset=utf-8"),
        ("ledger.js", "text/javascript; charset=utf-8"),
    ],
)
def test_assets_are_served(client: TestClient, name: str, media_type: str) -> None:
    """The style sheet and the script come from the service under /page/."""
    r = client.get(f"/page/{name}")
    assert r.status_code == 200
    assert r.headers["content-type"] == media_type
    assert r.content == (STATIC / name).read_bytes()


def test_unknown_asset_is_a_404_problem(client: TestClient) -> None:
    """An address under /page/ that is not an asset is a problem+json 404."""
    r = client.get("/page/secret.txt")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"


def test_page_is_not_in_the_api_document(client: TestClient) -> None:
    """The page is not part of the /v1 contract: it is absent from the OpenAPI document."""
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths
    assert not any(p.startswith("/page") for p in paths)


def test_page_data_states_the_law_as_the_rulesets_answer(client: TestClient) -> None:
    """The page's law is the GET /v1/rulesets answer as is: names and nested parameter sets."""
    data = _page_data(client.get("/").text)
    assert data["law"] == client.get("/v1/rulesets").json()
    assert [c["category"] for c in data["law"]["categories"]] == [c.value for c in Category]
    assert [c["zh"] for c in data["law"]["categories"]] == [CATEGORY_NAMES[c].zh for c in Category]
    for rs, entry in zip(RULESETS, data["law"]["rulesets"], strict=True):
        standards = entry["parameters"]["record_standard"]
        assert {c: s["records"] for s in standards for c in s["categories"]} == {
            c.value: rs.threshold(c) for c in Category
        }
    assert {k: v for k, v in data.items() if k != "limits"} == law_data()


def test_page_cites_as_the_calculator_does(client: TestClient) -> None:
    """The page's citations are the core's, for every provision and every id the page names."""
    data = _page_data(client.get("/").text)
    named = set(
        re.findall(r'data-cite(?:-[a-z_]+)?="([^"]+)"', (STATIC / "index.html").read_text())
    )
    assert named
    assert named <= set(data["cites"])
    for provision in (*named, *(p for p in PROVISIONS if not p.startswith("TE"))):
        assert data["cites"][provision] == {"zh": cite_zh(provision), "en": cite_en(provision)}


def test_page_script_writes_no_citation_of_its_own() -> None:
    """No provision id and no article or item number in the script's sentences: the page draws
    citations from the data and the answer."""
    script = (STATIC / "page.js").read_text(encoding="utf-8")
    assert not re.search(r"第[一二三四五六七八九十百]+[条款项]", script)
    assert not re.search(r"Art\. \d", script)
    assert not re.search(r"\"(?:\d+\.){1,2}\d+\"|\"CL\d", script)


def test_page_script_does_no_legal_arithmetic() -> None:
    """No exact-fraction arithmetic, no numeral writer and no standard's number in the script:
    every line it draws is a standard of the answer or a value of the law data."""
    script = (STATIC / "page.js").read_text(encoding="utf-8")
    for device in ("BigInt", "numberZh", "tenfold_factor", "factor", "share)"):
        assert device not in script
    assert not re.search(r"(?<![\d.])(?:50|500|5,?000|25|250|2,?500|50,?000)(?![\d.])", script)


def test_page_limits_are_the_api_limits(client: TestClient) -> None:
    """The page's checks use the limits of the app's own OpenAPI document."""
    data = _page_data(client.get("/").text)
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    row = schemas["RecordRow"]["properties"]
    assert data["limits"] == {
        "max_rows": schemas["AssessmentRequest"]["properties"]["records"]["maxItems"],
        "count_min": 0,
        "count_max": row["count"].get("maximum", row["count"].get("le")),
        "recipients_min": 0,
        "recipients_max": row["recipients"].get("maximum", row["recipients"].get("le")),
        "max_alternatives": row["alternative_categories"]["maxItems"],
        "max_label": 200,
        "money_pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$",
    }


def test_page_data_cannot_close_its_script_block(client: TestClient) -> None:
    """The embedded JSON escapes <, > and &, so no text in it can end the script element."""
    html = client.get("/").text
    found = re.search(r'id="page-data">(.*?)</script>', html)
    assert found is not None
    assert not set("<>&") & set(found.group(1))
    assert html.count("</script>") == 3  # the page data, page.js and ledger.js


def test_every_label_key_has_an_english_text() -> None:
    """Each data-i18n key in the page has its English text in the script."""
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    script = (STATIC / "page.js").read_text(encoding="utf-8")
    keys = set(re.findall(r'data-i18n="([a-z0-9_]+)"', html))
    assert keys
    english = set(re.findall(r"^\s{4}([a-z0-9_]+): \"", script, flags=re.MULTILINE))
    assert keys <= english


def test_install_page_adds_the_page_to_any_app() -> None:
    """install_page serves the assets from any FastAPI app, and a second call changes nothing."""
    app = FastAPI()
    install_page(app)
    count = len(app.router.routes)
    install_page(app)
    assert len(app.router.routes) == count
    assert TestClient(app).get("/page/page.js").status_code == 200
