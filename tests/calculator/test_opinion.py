"""The written opinion (审查意见 paragraph): pinned texts, citations, numbers in words.

``fixtures/opinions/*.json`` pin the exact Chinese and English paragraphs for a handful
of cases, so any change of wording is a reviewed diff. To rewrite them after a deliberate
change: ``.venv/bin/python -m tests.calculator.test_opinion --update`` and read the diff.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from calculator import Assessment, InvalidFacts, Tier, assess
from calculator.opinion import cite_en, cite_zh, money_en, money_zh, number_zh, write_opinion
from tests.calculator.requests import case_from_request
from tests.calculator.strategies import requests

ROOT = Path(__file__).resolve().parents[2] / "fixtures"
OPINIONS = ROOT / "opinions"
TODAY = date(2026, 11, 23)


def _load(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


PINNED = _load(OPINIONS)
BOUNDARY_200 = [f for f in _load(ROOT / "boundary") if f["expected"]["status"] == 200]


def _assess(request: dict[str, Any]) -> Assessment:
    return assess(case_from_request(request), today=TODAY)


def test_there_are_pinned_opinions_for_a_handful_of_cases() -> None:
    """At least eight cases pin their paragraphs, each with a unique id matching its file."""
    assert len(PINNED) >= 8
    assert len({f["id"] for f in PINNED}) == len(PINNED)
    for path in OPINIONS.glob("*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["id"] == path.stem


@pytest.mark.parametrize("fixture", PINNED, ids=[f["id"] for f in PINNED])
def test_pinned_opinion(fixture: dict[str, Any]) -> None:
    """The paragraph for a pinned case is exactly the committed text, in both languages."""
    a = _assess(fixture["request"])
    assert a.tier.value == fixture["tier"]
    assert a.opinion_zh == fixture["opinion_zh"]
    assert a.opinion_en == fixture["opinion_en"]


def test_the_issue_example_reads_as_a_review_opinion() -> None:
    """Sixty whereabouts records read 「行踪轨迹信息六十条，达到《解释》第五条第一款第三项规定的标准」."""
    a = _assess({"records": [{"category": "whereabouts", "count": 60}]})
    assert "非法获取、出售或者提供行踪轨迹信息六十条，达到《解释》第五条第一款第三项规定的标准" in (
        a.opinion_zh
    )
    assert a.opinion_zh.startswith("经审查，")
    assert "属于情节严重" in a.opinion_zh
    assert a.opinion_zh.endswith("本案属于刑法第二百五十三条之一规定的“情节严重”。")


def test_opinion_is_deterministic() -> None:
    """The same facts give the same paragraph, character for character."""
    request = {
        "records": [{"category": "whereabouts", "count": 400}, {"category": "health", "count": 9}],
        "illegal_gains_cny": "12000.5",
    }
    first, second = _assess(request), _assess(request)
    assert (first.opinion_zh, first.opinion_en) == (second.opinion_zh, second.opinion_en)


@pytest.mark.parametrize("fixture", BOUNDARY_200, ids=[f["id"] for f in BOUNDARY_200])
def test_every_ground_and_open_question_is_in_the_paragraph(fixture: dict[str, Any]) -> None:
    """Each ground's provision is cited and each open question is written out in words."""
    a = _assess(fixture["request"])
    for g in a.grounds:
        assert cite_zh(g.provision) in a.opinion_zh
        assert cite_en(g.provision) in a.opinion_en
    for q in a.open_questions:
        assert q.text.strip().rstrip("。") in a.opinion_zh
        assert q.text_en.strip().rstrip(".") in a.opinion_en
        assert f"关于{cite_zh(q.provision)}" in a.opinion_zh
        assert q.code not in a.opinion_zh
    assert f"“{a.tier.zh}”" in a.opinion_zh or a.tier is Tier.NOT_SERIOUS


@pytest.mark.parametrize("fixture", BOUNDARY_200, ids=[f["id"] for f in BOUNDARY_200])
def test_no_whole_fraction_is_written_as_a_fraction(fixture: dict[str, Any]) -> None:
    """A whole number is never written "5/1" or "10/1", and no float form leaks in."""
    a = _assess(fixture["request"])
    for text in (a.opinion_zh, a.opinion_en):
        assert not re.search(r"\d+/1(?!\d)", text)
        assert "Decimal(" not in text
        assert "Fraction(" not in text


@settings(max_examples=300)
@given(req=requests())
def test_any_case_gets_a_complete_paragraph(req: dict[str, Any]) -> None:
    """For any facts the paragraph cites every ground, names the tier and writes no "n/1"."""
    try:
        a = _assess(req)
    except InvalidFacts:
        return
    for g in a.grounds:
        assert cite_zh(g.provision) in a.opinion_zh
        assert cite_en(g.provision) in a.opinion_en
    for text in (a.opinion_zh, a.opinion_en):
        assert not re.search(r"\d+/1(?!\d)", text)
    if a.tier is not Tier.NOT_SERIOUS:
        assert f"“{a.tier.zh}”" in a.opinion_zh


def test_not_serious_says_so() -> None:
    """With no ground the paragraph says the facts reach no standard, not serious."""
    a = _assess({"records": [{"category": "whereabouts", "count": 49}]})
    assert "未达到《解释》第五条第一款、第六条第一款规定的任何标准" in a.opinion_zh
    assert "不属于刑法第二百五十三条之一规定的“情节严重”" in a.opinion_zh
    assert "not serious" in a.opinion_en


def test_write_opinion_with_nothing() -> None:
    """The function alone, with no grounds and no questions, gives the not-serious paragraph."""
    zh, en = write_opinion(tier=Tier.NOT_SERIOUS, grounds=(), open_questions=())
    assert zh.startswith(
        "经审查，依照《最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件"
    )
    assert en.startswith("On review, applying the Interpretation")


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (60, "六十"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (4400, "四千四百"),
        (6383, "六千三百八十三"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (44000, "四万四千"),
        (100500, "十万零五百"),
        (105000, "十万五千"),
        (110000, "十一万"),
        (100010000, "一亿零一万"),
        (1500000000, "十五亿"),
        (10**13, "十万亿"),
    ],
)
def test_number_zh(n: int, words: str) -> None:
    """Counts are written in Chinese numerals with 零 for inner gaps."""
    assert number_zh(n) == words


def test_number_zh_refuses_negatives() -> None:
    """A negative count is a programming error."""
    with pytest.raises(ValueError, match="non-negative"):
        number_zh(-1)


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        ("5000", "五千元", "CNY 5,000"),
        ("4999.99", "四千九百九十九元九角九分", "CNY 4,999.99"),
        ("5000.05", "五千元零五分", "CNY 5,000.05"),
        ("5000.50", "五千元五角", "CNY 5,000.50"),
        ("0.5", "五角", "CNY 0.50"),
        ("25000", "二万五千元", "CNY 25,000"),
        ("0", "零元", "CNY 0"),
    ],
)
def test_money(amount: str, zh: str, en: str) -> None:
    """Yuan are written 元, 角 and 分 in Chinese, with separators in English."""
    assert money_zh(amount) == zh
    assert money_en(amount) == en


@pytest.mark.parametrize(
    ("provision", "zh", "en"),
    [
        ("5.1.3", "《解释》第五条第一款第三项", "Art. 5(1)(3) of the Interpretation"),
        ("5.1.10", "《解释》第五条第一款第十项", "Art. 5(1)(10) of the Interpretation"),
        ("5.2", "《解释》第五条第二款", "Art. 5(2) of the Interpretation"),
        ("6.1", "《解释》第六条第一款", "Art. 6(1) of the Interpretation"),
        ("12", "《解释》第十二条", "Art. 12 of the Interpretation"),
        ("CL253-1.2", "刑法第二百五十三条之一第二款", "Art. 253-1(2) of the Criminal Law"),
        ("CL52", "刑法第五十二条", "Art. 52 of the Criminal Law"),
    ],
)
def test_citations(provision: str, zh: str, en: str) -> None:
    """Provision ids become the citations a lawyer writes."""
    assert cite_zh(provision) == zh
    assert cite_en(provision) == en


def _update() -> None:  # pragma: no cover - run by hand after a deliberate change
    for fixture in PINNED:
        a = _assess(fixture["request"])
        fixture.update(tier=a.tier.value, opinion_zh=a.opinion_zh, opinion_en=a.opinion_en)
        path = OPINIONS / f"{fixture['id']}.json"
        path.write_text(json.dumps(fixture, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    if sys.argv[1:] == ["--update"]:
        _update()
