"""GET /v1/provisions, /v1/provisions/{id} and /v1/rulesets: the law data as the core holds it."""

from __future__ import annotations

import tomllib
from importlib.resources import files

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


def test_each_ruleset_also_carries_its_table_of_the_law_data_as_written(
    client: TestClient,
) -> None:
    """``parameters`` is the ``[[ruleset]]`` table of parameters.toml, nested as written."""
    text = files("calculator.law").joinpath("parameters.toml").read_text(encoding="utf-8")
    tables = tomllib.loads(text)["ruleset"]
    listed = client.get("/v1/rulesets").json()["rulesets"]
    assert len(listed) == len(tables)
    for ruleset, table in zip(listed, tables, strict=True):
        written = {**table, "effective_from": table["effective_from"].isoformat()}
        assert ruleset["parameters"] == written


def test_the_contract_fields_of_a_ruleset_are_the_values_of_its_table(
    client: TestClient,
) -> None:
    """The fields /v1 has always carried read the same values as the nested table."""
    for r in client.get("/v1/rulesets").json()["rulesets"]:
        p = r["parameters"]
        for key in ("id", "title", "effective_from", "effective_from_provision"):
            assert r[key] == p[key]
        assert r["record_standards"] == p["record_standard"]
        assert r["proportional_standard"] == {
            "provision": p["proportional_standard"]["provision"],
            "value": p["proportional_standard"]["sum"],
        }
        for key in ("insider_share", "catch_all_hint"):
            assert r[key] == {"provision": p[key]["provision"], "value": p[key]["share"]}
        for key in ("gains_standard", "business_profit_standard", "tenfold", "fine_guide"):
            assert r[key] == p[key]
        window = p["prior_administrative_penalty"]
        assert r["prior_administrative_penalty"] == {
            k: window[k] for k in ("provision", "window_years", "edge_days")
        }
