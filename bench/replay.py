"""Replay every stored request against an old checkout and this tree, and compare the answers.

The requests: every fixture (``fixtures/``), every example request
(``api/v1/example_requests/``), the batch of ``bench/http.py``, the three case shapes
of ``bench/core.py`` written as requests, and a fixed set of seeded random requests
around the law's lines. Each tree answers in its own subprocess (its own ``api`` and
``calculator`` imported from its own folder) through the app, so the answers are the
bytes a client receives. Each answer is then one of:

- identical: the same bytes;
- additive only: the same once the keys this tree added are removed (same order);
- D13 question only: as additive, except that the new open question
  ``tenfold_rests_on_insider_half_standard`` is added (D13, revised) and written into
  the opinion, with everything else in the opinion unchanged;
- differs: anything else (must be 0).

    python -m bench.replay --old /tmp/core-old [--new .]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.http import BATCH_ITEMS, batch_items
from calculator import Category

ROOT = Path(__file__).resolve().parents[1]

D13 = "tenfold_rests_on_insider_half_standard"

# Run inside a tree's own folder: read the requests, answer each through that tree's app.
_CHILD = r"""
import json, sys
from datetime import date
from starlette.testclient import TestClient
import calculator.assess
from api.main import create_app

calculator.assess.china_today = lambda: date(2026, 11, 23)
requests = json.load(sys.stdin)
out = []
with TestClient(create_app()) as client:
    for path, body in requests:
        r = client.post(path, json=body)
        out.append([r.status_code, r.content.decode("utf-8")])
json.dump(out, sys.stdout)
"""

_CATEGORIES = tuple(c.value for c in Category)


def _fixture_requests() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted((ROOT / "fixtures").rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("request"), dict):
            out.append(("/v1/assessments", data["request"]))
    for path in sorted((ROOT / "api" / "v1" / "example_requests").glob("*.json")):
        out.append(("/v1/assessments", json.loads(path.read_text(encoding="utf-8"))["request"]))
    return out


def _bench_requests() -> list[tuple[str, dict[str, Any]]]:
    """The HTTP benchmark's batch, and bench/core.py's three shapes as requests."""
    http_items = batch_items(BATCH_ITEMS)
    out: list[tuple[str, dict[str, Any]]] = [("/v1/assessments/batch", {"items": http_items})]
    one_row = [
        {
            "conduct_date": "2023-05-10",
            "records": [{"category": "whereabouts", "count": 1 + i * 7 % 900}],
        }
        for i in range(1000)
    ]
    mixed = [
        {
            "conduct_date": "2023-05-10",
            "records": [
                {"category": "whereabouts", "count": 10 + i % 40},
                {"category": "accommodation", "count": 100 + i % 300},
                {"category": "general", "count": 500 + i, "recipients": 2},
                {"category": "credit", "count": 5 + i % 30, "obtained_in_duty": True},
            ],
            "illegal_gains_cny": f"{1000 + i * 3}.50",
            "illegal_gains_from_duty_cny": str(200 + i),
        }
        for i in range(1000)
    ]
    alternatives = [
        {
            "conduct_date": "2023-05-10",
            "records": [
                {
                    "category": _CATEGORIES[(i + k) % 10],
                    "count": 3 + (i * (k + 1)) % 400,
                    "alternative_categories": [_CATEGORIES[(i + k + 3) % 10]],
                }
                for k in range(10)
            ],
            "illegal_gains_cny": str(i % 6000),
        }
        for i in range(1000)
    ]
    for items in (one_row, mixed, alternatives):
        out.append(("/v1/assessments/batch", {"items": items}))
    return out


_LINES = (25, 50, 250, 500, 2500, 5000, 25000, 50000)
_MONEY_LINES = (2500, 5000, 25000, 50000)


def _random_requests(n: int, seed: int = 253) -> list[tuple[str, dict[str, Any]]]:
    """``n`` seeded requests whose counts and amounts cluster around the law's lines."""
    rnd = random.Random(seed)

    def count() -> int:
        pick = rnd.randrange(3)
        if pick == 0:
            return rnd.randrange(61)
        if pick == 1:
            return max(0, rnd.choice(_LINES) + rnd.randrange(-3, 4))
        return rnd.randrange(200_001)

    def money() -> str:
        pick = rnd.randrange(3)
        if pick == 0:
            return "0"
        cents = (
            rnd.choice(_MONEY_LINES) * 100 + rnd.randrange(-2, 3)
            if pick == 1
            else rnd.randrange(8_000_001)
        )
        return f"{cents // 100}.{cents % 100:02d}" if cents % 100 else str(cents // 100)

    items: list[dict[str, Any]] = []
    for _ in range(n):
        rows = []
        for _ in range(rnd.randrange(6)):
            row: dict[str, Any] = {"category": rnd.choice(_CATEGORIES), "count": count()}
            if rnd.randrange(2):
                row["recipients"] = rnd.randrange(5)
            if rnd.randrange(3) == 0:
                row["obtained_in_duty"] = True
            if rnd.randrange(5) == 0:
                row["alternative_categories"] = [rnd.choice(_CATEGORIES)]
            rows.append(row)
        gains = money()
        req: dict[str, Any] = {"records": rows, "illegal_gains_cny": gains}
        if rnd.randrange(2):
            duty = money()
            if float_free_le(duty, gains):
                req["illegal_gains_from_duty_cny"] = duty
        if rnd.randrange(2):
            req["conduct_date"] = rnd.choice(
                ["2016-02-29", "2018-03-01", "2020-02-29", "2024-06-30"]
            )
        circ = {
            k: True
            for k in (
                "whereabouts_used_in_crime",
                "prior_criminal_punishment",
                "other_serious_circumstances",
                "severe_consequences",
                "other_especially_serious_circumstances",
            )
            if rnd.randrange(12) == 0
        }
        if circ:
            req["circumstances"] = circ
        if rnd.randrange(4) == 0:
            req["business_purchase"] = {"profit_cny": money(), "resold": rnd.randrange(2) == 1}
        items.append(req)
    return [("/v1/assessments/batch", {"items": items[i : i + 1000]}) for i in range(0, n, 1000)]


def float_free_le(a: str, b: str) -> bool:
    """``a <= b`` for two money strings, compared as integers of cents."""

    def cents(s: str) -> int:
        whole, _, frac = s.partition(".")
        return int(whole) * 100 + int((frac + "00")[:2])

    return cents(a) <= cents(b)


def answers(tree: Path, requests: list[tuple[str, dict[str, Any]]]) -> list[tuple[int, str]]:
    """Every request answered by the app of ``tree``, in a subprocess importing only that tree."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        cwd=tree,
        env=env,
        check=True,
    )
    return [(int(s), str(b)) for s, b in json.loads(done.stdout)]


def without_new_keys(old: Any, new: Any) -> Any:
    """``new`` with every dict key that ``old`` lacks removed, recursively."""
    if isinstance(old, dict) and isinstance(new, dict):
        return {k: without_new_keys(old[k], v) for k, v in new.items() if k in old}
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [without_new_keys(o, n) for o, n in zip(old, new, strict=True)]
    return new


_QUESTIONS_ZH = "以下问题尚需法院判断："
_QUESTIONS_EN = " The following remain for the court to decide: "


def _only_d13(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """An assessment that differs from the old one only by the D13 open question."""
    added = [q for q in new.get("open_questions", []) if q.get("code") == D13]
    if len(added) != 1 or any(q.get("code") == D13 for q in old.get("open_questions", [])):
        return False
    stripped = {**new, "open_questions": [q for q in new["open_questions"] if q["code"] != D13]}
    for key, marker, field in (
        ("opinion_zh", _QUESTIONS_ZH, "text"),
        ("opinion_en", _QUESTIONS_EN, "text_en"),
    ):
        old_head = old[key].partition(marker)[0]
        new_head, _, new_tail = new[key].partition(marker)
        said = [q[field].strip().rstrip("。.") for q in [*old["open_questions"], added[0]]]
        if new_head != old_head or any(s not in new_tail for s in said):
            return False
        stripped[key] = old[key]
    pruned = without_new_keys(old, stripped)
    return json.dumps(pruned, ensure_ascii=False) == json.dumps(old, ensure_ascii=False)


def classify(old_status: int, old_body: str, new_status: int, new_body: str) -> str:
    """``identical``, ``additive`` or ``d13``; ``differs`` otherwise."""
    if old_status == new_status and old_body == new_body:
        return "identical"
    if old_status != new_status:
        return "differs"
    old, new = json.loads(old_body), json.loads(new_body)
    if "results" in old and "results" in new and len(old["results"]) == len(new["results"]):
        kinds = {
            classify(o["status"], json.dumps(o), n["status"], json.dumps(n))
            for o, n in zip(old["results"], new["results"], strict=True)
        }
        for kind in ("differs", "d13", "additive"):
            if kind in kinds:
                return kind
        return "identical"
    if "assessment" in old and "assessment" in new:
        return classify(200, json.dumps(old["assessment"]), 200, json.dumps(new["assessment"]))
    pruned = without_new_keys(old, new)
    if json.dumps(pruned, ensure_ascii=False) == json.dumps(old, ensure_ascii=False):
        return "additive"
    if isinstance(old, dict) and isinstance(new, dict) and _only_d13(old, new):
        return "d13"
    return "differs"


def items_of(path: str, body: dict[str, Any]) -> int:
    """How many assessments a request asks for."""
    return len(body["items"]) if path.endswith("/batch") else 1


def main() -> None:
    """Replay, compare, print the counts (per assessment: a batch counts item by item)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the old checkout")
    parser.add_argument("--new", type=Path, default=ROOT, help="the new tree (default: this one)")
    parser.add_argument("--random", type=int, default=3000, help="seeded random requests")
    args = parser.parse_args()
    requests = _fixture_requests() + _bench_requests() + _random_requests(args.random)
    old = answers(args.old.resolve(), requests)
    new = answers(args.new.resolve(), requests)
    counts = {"identical": 0, "additive": 0, "d13": 0, "differs": 0}
    shown = 0
    for (path, body), (os_, ob), (ns, nb) in zip(requests, old, new, strict=True):
        if path.endswith("/batch"):
            old_results = json.loads(ob)["results"]
            new_results = json.loads(nb)["results"]
            pairs = [
                (o["status"], json.dumps(o), n["status"], json.dumps(n))
                for o, n in zip(old_results, new_results, strict=True)
            ]
        else:
            pairs = [(os_, ob, ns, nb)]
        for i, pair in enumerate(pairs):
            kind = classify(*pair)
            counts[kind] += 1
            if kind == "differs" and shown < 3:
                shown += 1
                item = body["items"][i] if path.endswith("/batch") else body
                print("DIFFERS:", json.dumps(item, ensure_ascii=False)[:300])
    total = sum(counts.values())
    print(
        f"{len(requests)} requests, {total} assessments "
        f"({sum(items_of(p, b) for p, b in requests)} items) replayed against "
        f"{args.old} (old) and {args.new} (new)"
    )
    print(f"identical            {counts['identical']:6d}")
    print(f"additive only        {counts['additive']:6d}   (new keys only)")
    print(f"D13 question only    {counts['d13']:6d}   (new open question {D13}, D13 revised)")
    print(f"differs              {counts['differs']:6d}")
    if counts["differs"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
