"""Spark gives exactly DuckDB's answer: the same SQL text, two engines (a local Spark session)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ledger import count, load_mapping
from tests.ledger.helpers import CONDUCT, KEY, id18, phone, write_csv, write_mapping

pytestmark = pytest.mark.spark


def evidence(folder: Path) -> Path:
    """Three files touching every rule: labels, duty, aliases, legacy and bad IDs, phones, keys."""
    bad = id18(5)[:-1] + ("1" if id18(5)[-1] == "0" else "0")
    wide = "".join(chr(ord(c) + 0xFEE0) for c in id18(2))
    write_csv(
        folder / "a.csv",
        ["id", "tel", "kind", "buyer"],
        [
            [id18(1), "", "住宿", "周某"],
            [id18(1), "", "住宿", "小周 "],
            [id18(1), "", "住宿", "李某"],
            [wide, "", "行踪", ""],
            [bad, phone(3), "行踪", "王某"],
            [bad, "", "行踪", ""],
            ["id", "tel", "kind", "buyer"],
            [id18(7, birth="19851231")[:6] + id18(7, birth="19851231")[8:17], "", "住宿", ""],
            ["", "+86 " + phone(3), "行踪", "赵某"],
            ["", "", "行踪", "孤儿"],
        ],
    )
    pq.write_table(
        pa.table(
            {"身份证": [id18(1), id18(2), id18(9, birth="20990101"), id18(7, birth="19851231")]}
        ),
        folder / "b.parquet",
    )
    (folder / "c.jsonl").write_text(
        '{"plate": "京A12345"}\n{"plate": "京A12345 "}\n\n{"plate": ""}\n', encoding="utf-8"
    )
    labels = {"住宿": "accommodation", "行踪": "whereabouts"}
    return write_mapping(
        folder,
        {
            "path": "a.csv",
            "id_number": "id",
            "phone": "tel",
            "category_column": "kind",
            "recipient_column": "buyer",
            "category_labels": labels,
        },
        {
            "path": "b.parquet",
            "id_number": "身份证",
            "category": "accommodation",
            "obtained_in_duty": True,
            "recipient": "钱某",
        },
        {"path": "c.jsonl", "person_key": "plate", "category": "general"},
        aliases={"周某": ["小周"]},
    )


def without_run_fields(result: dict[str, Any]) -> dict[str, Any]:
    """The answer less what names the run rather than the evidence (the engine)."""
    copy: dict[str, Any] = json.loads(json.dumps(result))
    del copy["report"]["engine"]
    return copy


def test_spark_gives_exactly_duckdbs_answer(tmp_path: Path, spark: Any) -> None:
    """Every count, row, funnel entry, sample and margin agree between the engines."""
    spec = load_mapping([evidence(tmp_path)])
    duck = count(spec, engine="duckdb", key=KEY, conduct_date=CONDUCT, seed=7, assess=True)
    on_spark = count(
        spec, engine="spark", key=KEY, conduct_date=CONDUCT, seed=7, assess=True, spark=spark
    )
    assert on_spark["report"]["engine"] == "spark"
    assert without_run_fields(on_spark) == without_run_fields(duck)
    assert duck["variants"]["persons"]["by_category"] == {
        "whereabouts": 3,
        "accommodation": 5,
        "general": 1,
    }
