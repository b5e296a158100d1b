"""Validity (L2, decisions a–d) and recipients (L3, decision h), one rule per test."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.ledger.helpers import check_char, counts, id18, run, write_csv, write_mapping


def count_ids(
    tmp_path: Path,
    values: list[str],
    *,
    conduct: date = date(2024, 6, 1),
    column: str = "id_number",
) -> dict[str, Any]:
    """The answer for one line per value, in a file whose only identifier is ``column``."""
    write_csv(tmp_path / "a.csv", ["v"], [[v] for v in values])
    mapping = write_mapping(tmp_path, {"path": "a.csv", column: "v", "category": "whereabouts"})
    return run(mapping, conduct_date=conduct)


def reasons(result: dict[str, Any]) -> dict[str, int]:
    """Invalid lines by reason code."""
    found = result["report"]["funnel"]["by_category"]["whereabouts"]["invalid_removed"]["reasons"]
    return {k: v["count"] for k, v in found.items()}


def test_l2_valid_id_counts(tmp_path: Path) -> None:
    """A right check digit and a real birth date: one record."""
    assert counts(count_ids(tmp_path, [id18(1)]), "persons") == {"whereabouts": 1}


def test_l2_wrong_check_digit_is_invalid(tmp_path: Path) -> None:
    """A wrong check character is ``id_check_digit``."""
    good = id18(1)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert reasons(count_ids(tmp_path, [bad])) == {"id_check_digit": 1}


def test_l2_lower_and_upper_x_are_the_same_person(tmp_path: Path) -> None:
    """``x`` and ``X`` alike: both valid, one person."""
    n = next(i for i in range(1000) if id18(i).endswith("X"))
    upper = id18(n)
    result = count_ids(tmp_path, [upper, upper[:-1] + "x"])
    assert counts(result, "persons") == {"whereabouts": 1}
    assert counts(result, "exact_duplicates_removed") == {"whereabouts": 2}


def test_l2_future_birth_date_is_invalid(tmp_path: Path) -> None:
    """Born after the conduct date: ``id_birth_date``; the day itself is still valid."""
    after = id18(1, birth="20240602")
    on = id18(2, birth="20240601")
    assert reasons(count_ids(tmp_path, [after, on])) == {"id_birth_date": 1}


def test_l2_impossible_date_is_invalid(tmp_path: Path) -> None:
    """30 February is no date."""
    assert reasons(count_ids(tmp_path, [id18(1, birth="19900230")])) == {"id_birth_date": 1}


def test_l2_leap_day(tmp_path: Path) -> None:
    """29 February 2000 is a date, 1900's is not."""
    result = count_ids(tmp_path, [id18(1, birth="20000229"), id18(2, birth="19000229")])
    assert reasons(result) == {"id_birth_date": 1}


def test_l2_legacy_fifteen_digit_is_its_eighteen_digit_person(tmp_path: Path) -> None:
    """A 15-digit ID converts to 18 digits: the same person as its 18-digit form."""
    eighteen = id18(7, birth="19851231")
    fifteen = eighteen[:6] + eighteen[8:17]
    result = count_ids(tmp_path, [eighteen, fifteen])
    assert counts(result, "persons") == {"whereabouts": 1}
    assert counts(result, "exact_duplicates_removed") == {"whereabouts": 2}


def test_l2_fifteen_digit_with_bad_date_is_invalid(tmp_path: Path) -> None:
    """A 15-digit ID whose 19YYMMDD is not a date is ``id_birth_date``."""
    assert reasons(count_ids(tmp_path, ["110101851332002"])) == {"id_birth_date": 1}


def test_l2_wrong_length_is_id_format(tmp_path: Path) -> None:
    """Neither 15 nor 18 characters of the right kind: ``id_format``."""
    assert reasons(count_ids(tmp_path, ["12345", id18(1)[:17] + "Y"])) == {"id_format": 2}


def test_l2_eighteen_bytes_an_integer_cast_would_take_are_still_id_format(tmp_path: Path) -> None:
    """18 bytes a lenient cast to an integer reads (sign, space, separator, decimal point) are not 18 digits."""
    digits = id18(4)[:17]
    values = ["+" + digits, digits[:1] + "_" + digits[2:] + "1", digits[:16] + ".0", "-" + digits]
    assert reasons(count_ids(tmp_path, values)) == {"id_format": 4}


def test_l2_leading_zero_and_trailing_space_keep_their_meaning(tmp_path: Path) -> None:
    """A leading zero is a digit like any other; a trailing space is trimmed, leaving 17 (decision a)."""
    body = "0" + id18(5)[1:17]
    zero = body + check_char(body)
    spaced = id18(6)[:17] + " "
    result = count_ids(tmp_path, [zero, spaced, id18(6)])
    assert counts(result, "persons") == {"whereabouts": 2}
    assert reasons(result) == {"id_format": 1}


def test_decision_a_full_width_digits_and_spaces(tmp_path: Path) -> None:
    """Full-width digits and an ideographic space normalise to the ASCII ID."""
    value = id18(3)
    wide = "\u3000" + "".join(chr(ord(c) + 0xFEE0) for c in value) + " "
    result = count_ids(tmp_path, [value, wide])
    assert counts(result, "persons") == {"whereabouts": 1}
    assert counts(result, "exact_duplicates_removed") == {"whereabouts": 1}


@pytest.mark.parametrize("prefix", ["", "+86", "0086", "86", "+86 ", "８６"])
def test_l2_phone_prefixes(tmp_path: Path, prefix: str) -> None:
    """+86, 0086 and 86 (and spaces, hyphens, full-width) are dropped; the 11 digits are the person."""
    result = count_ids(tmp_path, ["13812345678", prefix + "138-1234 5678"], column="phone")
    assert counts(result, "persons") == {"whereabouts": 1}


@pytest.mark.parametrize("value", ["12812345678", "1381234567", "+1 13812345678", "138123456789"])
def test_l2_bad_phones(tmp_path: Path, value: str) -> None:
    """Not a mainland mobile number: ``phone_format``."""
    assert reasons(count_ids(tmp_path, [value], column="phone")) == {"phone_format": 1}


def test_decision_d_first_valid_identifier_wins(tmp_path: Path) -> None:
    """An invalid ID with a valid phone counts through the phone; empty all round is no_identifier."""
    bad = id18(1)[:-1] + ("0" if id18(1)[-1] != "0" else "1")
    write_csv(
        tmp_path / "a.csv",
        ["id", "tel", "plate", "note"],
        [
            [bad, "13812345678", "", ""],
            ["", "13812345678", "", ""],
            ["", "", "京A12345", ""],
            ["", "", "", "x"],
            [bad, "", "", ""],
        ],
    )
    mapping = write_mapping(
        tmp_path,
        {
            "path": "a.csv",
            "id_number": "id",
            "phone": "tel",
            "person_key": "plate",
            "category": "whereabouts",
        },
    )
    result = run(mapping)
    assert counts(result, "persons") == {"whereabouts": 2}
    assert reasons(result) == {"no_identifier": 1, "id_check_digit": 1}


def test_decision_d_kinds_never_collide(tmp_path: Path) -> None:
    """A declared key that spells a phone number is another person than that phone."""
    write_csv(tmp_path / "a.csv", ["tel", "key"], [["13812345678", ""], ["", "13812345678"]])
    mapping = write_mapping(
        tmp_path, {"path": "a.csv", "phone": "tel", "person_key": "key", "category": "whereabouts"}
    )
    assert counts(run(mapping), "persons") == {"whereabouts": 2}


def test_l3_trailing_spaces_in_recipients_and_aliases(tmp_path: Path) -> None:
    """Recipients compare trimmed and through aliases: 周某, '周某 ', 小周 are one; 李某 another."""
    write_csv(
        tmp_path / "a.csv",
        ["id", "buyer"],
        [
            [id18(1), "周某"],
            [id18(1), "周某 "],
            [id18(1), "小周"],
            [id18(1), "李某"],
            [id18(1), ""],
        ],
    )
    mapping = write_mapping(
        tmp_path,
        {
            "path": "a.csv",
            "id_number": "id",
            "recipient_column": "buyer",
            "category": "whereabouts",
        },
        aliases={"周某": ["小周"]},
    )
    result = run(mapping)
    assert counts(result, "persons") == {"whereabouts": 2}
    assert result["request"]["records"] == [
        {
            "category": "whereabouts",
            "count": 1,
            "recipients": 2,
            "obtained_in_duty": False,
            "label": "ledger: whereabouts, 2 recipients",
        }
    ]


def test_decision_i_duty_only_when_every_line_is(tmp_path: Path) -> None:
    """A record is obtained in duty only when all its lines come from in-duty files."""
    write_csv(tmp_path / "a.csv", ["id"], [[id18(1)], [id18(2)]])
    write_csv(tmp_path / "b.csv", ["id"], [[id18(1)]])
    mapping = write_mapping(
        tmp_path,
        {"path": "a.csv", "id_number": "id", "category": "whereabouts", "obtained_in_duty": True},
        {"path": "b.csv", "id_number": "id", "category": "whereabouts"},
    )
    rows = run(mapping)["request"]["records"]
    assert [(r["count"], r["obtained_in_duty"]) for r in rows] == [(1, False), (1, True)]


def test_check_char_helper_matches_the_standard() -> None:
    """The helper gives the published example's check character (11010519491231002X)."""
    assert check_char("11010519491231002") == "X"
