"""GET /v1/provisions, /v1/provisions/{id} and /v1/rulesets: the law data as the core holds it."""

from __future__ import annotations

from starlette.testclient import TestClient

from calculator import PROVISIONS, RULESETS, STATUTES


def test_every_provision_is_listed_with_its_verbatim_text(client: TestClient) -> None:
    """The list holds every provision the core cites, {id, title, text, source} each."""
    response = client.get("/v1/provisions")
    assert response.status_code == 200
    listed = response.json()["provisions"]
    assert [p["id"] for p in listed] == list(PROVISIONS)
    for p in listed:
        assert {"id", "title", "text", "source"} <= p.keys()
        assert p["text"] == PROVISIONS[p["id"]].text


def test_one_provision_by_id(client: TestClient) -> None:
    """GET /v1/provisions/5.1.6 returns that provision."""
    response = client.get("/v1/provisions/5.1.6")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "5.1.6"
    assert body["source"] == "法释〔2017〕10号"
    assert "按相应比例合计" in body["text"]


def test_an_unknown_provision_is_a_404_problem(client: TestClient) -> None:
    """An id the core does not cite is a 404 problem that does not repeat the id."""
    response = client.get("/v1/provisions/5.9.9")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "5.9.9" not in response.text


def test_rulesets_list_dates_thresholds_factors_and_amounts(client: TestClient) -> None:
    """Each ruleset has its effective date and every value, each with its provision."""
    response = client.get("/v1/rulesets")
    assert response.status_code == 200
    body = response.json()
    assert [r["id"] for r in body["rulesets"]] == [r.id for r in RULESETS]
    first = body["rulesets"][0]
    assert first["effective_from"] == "2017-06-01"
    assert {s["provision"]: s["records"] for s in first["record_standards"]} == {
        "5.1.3": 50,
        "5.1.4": 500,
        "5.1.5": 5000,
    }
    assert first["gains_standard"] == {"provision": "5.1.7", "amount_cny": "5000"}
    assert first["insider_share"] == {"provision": "5.1.8", "value": "1/2"}
    assert first["tenfold"] == {"provision": "5.2.3", "factor": 10}
    assert [s["id"] for s in body["statutes"]] == [s.id for s in STATUTES]
    assert len(body["categories"]) == 10
