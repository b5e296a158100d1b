"""Seeded random evidence sets for the ledger: a mapping and its CSV/TSV files in a folder.

A set is first drawn as data (``EvidenceDraft``: files, their mapping tables and rows), then
written. Keeping the draft lets the tests transform one set in ways COUNTING.md says must
not change a count (shuffling lines, splitting a file in two) or must change exactly one
(an exact duplicate), and compare. Lines mix everything the rules care about: valid IDs
(``X``/``x``, full-width, surrounding spaces, legacy 15-digit forms), phones with ``+86`` /
``0086`` / ``86`` prefixes, spaces and hyphens, declared keys (plates), wrong check digits,
future birth dates, bad phones, empty identifiers, recipients with trailing spaces and
aliases, category columns with labels, duty files, UTF-8 with and without a BOM, GB18030,
TSV, quoted newlines and repeated header rows.

Same seed, same bytes: every choice comes from one ``random.Random(seed)``. Read the sets
with the conduct date ``CONDUCT_DATE``: the future birth dates are future against it.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

__all__ = [
    "ALIASES",
    "CATEGORY_LABELS",
    "CONDUCT_DATE",
    "EvidenceDraft",
    "FileDraft",
    "draw_evidence",
    "evidence_drafts",
    "split_first_file",
    "with_exact_duplicate",
    "with_lines_shuffled",
    "write_evidence",
]

CONDUCT_DATE = date(2024, 6, 30)
"""The conduct date generated sets are read with (L2: birth dates after it are invalid)."""
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
REGIONS = ("110101", "310104", "440305", "510107", "330106", "320102")
CATEGORIES = ("whereabouts", "accommodation", "communication_records", "general", "credit")
CATEGORY_LABELS = {"轨迹": "whereabouts", "住宿": "accommodation", "通话": "communication_records"}
"""The labels a generated category column uses, and what they map to."""
RECIPIENTS = ("周某", "吴某 ", "郑某", "孙某", "孙老板", "Ｓｕｎ", "王某\u3000", "")
ALIASES = {"孙某": ["孙老板", "Sun"]}
"""Declared aliases of one recipient (``Ｓｕｎ`` reaches ``Sun`` after full-width normalisation)."""
PLATES = ("京A12345", "沪B67890", "粤C0000D", "浙D11111", "苏E22222")


@dataclass(frozen=True, kw_only=True)
class FileDraft:
    """One input file: its mapping table (without ``path``), its header and its rows."""

    name: str
    mapping: dict[str, Any]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    encoding: str
    """``utf-8``, ``utf-8-sig`` (written with a BOM, declared as utf-8) or ``gb18030``."""
    delimiter: str


@dataclass(frozen=True, kw_only=True)
class EvidenceDraft:
    """A whole evidence set before it is written."""

    files: tuple[FileDraft, ...]
    aliases: dict[str, list[str]]


@dataclass(frozen=True, kw_only=True)
class Person:
    """A synthetic person and the ways the data may name them."""

    id18: str
    id15: str | None
    phone: str
    plate: str


def _check_char(first17: str) -> str:
    total = 0
    for i in range(17):
        total += int(first17[i]) * WEIGHTS[i]
    return "10X98765432"[total % 11]


def _full_width(text: str) -> str:
    out = ""
    for ch in text:
        out += chr(ord(ch) - 0x21 + 0xFF01) if 0x21 <= ord(ch) <= 0x7E else ch
    return out


def _person(rng: random.Random, index: int) -> Person:
    region = rng.choice(REGIONS)
    year = rng.randint(1950, 2005)
    born = f"{year:04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = f"{region}{born}{index % 1000:03d}"
    id15 = None
    if 1900 <= year <= 1999:
        id15 = region + born[2:] + first17[14:17]
        # the 15-digit form converts back to exactly this 18-digit number
    return Person(
        id18=first17 + _check_char(first17),
        id15=id15,
        phone=f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}",
        plate=PLATES[index % len(PLATES)] + ("" if index < len(PLATES) else str(index)),
    )


def _id_cell(rng: random.Random, person: Person) -> str:
    """A valid way of writing the person's ID number."""
    shape = rng.randrange(6)
    if shape == 0 and person.id15 is not None:
        return person.id15
    if shape == 1:
        return _full_width(person.id18)
    if shape == 2:
        return "  " + person.id18 + "\u3000"
    if shape == 3 and person.id18.endswith("X"):
        return person.id18[:-1] + "x"
    return person.id18


def _phone_cell(rng: random.Random, person: Person) -> str:
    """A valid way of writing the person's mobile number."""
    p = person.phone
    return rng.choice(
        (
            p,
            "+86" + p,
            "0086 " + p,
            "86-" + p[:3] + "-" + p[3:7] + "-" + p[7:],
            _full_width(p),
            p[:3] + " " + p[3:7] + " " + p[7:],
        )
    )


def _bad_id(rng: random.Random, person: Person) -> str:
    """An ID that fails L2: a wrong check digit, a birth date after 2024-06-30, or a bad format."""
    shape = rng.randrange(3)
    if shape == 0:
        right = person.id18[-1]
        return person.id18[:-1] + ("0" if right != "0" else "1")
    if shape == 1:
        first17 = person.id18[:6] + "20250101" + person.id18[14:17]
        return first17 + _check_char(first17)
    return person.id18[:16]


def _bad_phone(rng: random.Random) -> str:
    return rng.choice(("12812345678", "1381234567", "+85213812345678", "138123456789"))


def _identifier_cells(
    rng: random.Random, person: Person, mapped: tuple[str, ...]
) -> dict[str, str]:
    """Identifier cells for one line: mostly valid, sometimes invalid or empty."""
    cells = dict.fromkeys(mapped, "")
    roll = rng.random()
    if roll < 0.06:
        return cells  # no identifier at all
    if "id_number" in mapped and rng.random() < 0.7:
        cells["id_number"] = _bad_id(rng, person) if roll < 0.16 else _id_cell(rng, person)
    if "phone" in mapped and rng.random() < 0.6:
        cells["phone"] = _bad_phone(rng) if 0.16 <= roll < 0.22 else _phone_cell(rng, person)
    if "person_key" in mapped and rng.random() < 0.8:
        cells["person_key"] = rng.choice(
            (person.plate, " " + person.plate, _full_width(person.plate))
        )
    return cells


def _draw_file(rng: random.Random, index: int, people: list[Person]) -> FileDraft:
    identifier_sets = (
        ("id_number",),
        ("id_number", "phone"),
        ("phone",),
        ("id_number", "phone", "person_key"),
        ("person_key",),
    )
    mapped = rng.choice(identifier_sets)
    column_names = {"id_number": "身份证号", "phone": "手机号", "person_key": "车牌号"}
    mapping: dict[str, Any] = {}
    header: list[str] = ["姓名"]
    for field in mapped:
        mapping[field] = column_names[field]
        header.append(column_names[field])

    use_category_column = rng.random() < 0.35
    if use_category_column:
        mapping["category_column"] = "类型"
        mapping["category_labels"] = dict(CATEGORY_LABELS)
        header.append("类型")
    else:
        mapping["category"] = rng.choice(CATEGORIES)

    recipient_mode = rng.randrange(3)
    if recipient_mode == 0:
        mapping["recipient_column"] = "买家"
        header.append("买家")
    elif recipient_mode == 1:
        mapping["recipient"] = rng.choice(RECIPIENTS[:-1]).strip()

    if rng.random() < 0.3:
        mapping["obtained_in_duty"] = True
    header.append("备注")

    encoding = rng.choice(("utf-8", "utf-8-sig", "gb18030"))
    delimiter = rng.choice((",", ",", "\t"))
    notes = (
        ("", "某某路1号", "第一行\n第二行", "含,逗号") if delimiter == "," else ("", "某某路1号")
    )

    rows: list[tuple[str, ...]] = []
    for _ in range(rng.randint(3, 25)):
        person = rng.choice(people)
        cells = _identifier_cells(rng, person, mapped)
        row: list[str] = ["某" + rng.choice("甲乙丙丁戊己庚辛")]
        for field in mapped:
            row.append(cells[field])
        if use_category_column:
            label = rng.choice(tuple(CATEGORY_LABELS))
            row.append(rng.choice((label, label + " ", "\u3000" + label)))
        if recipient_mode == 0:
            row.append(rng.choice(RECIPIENTS))
        row.append(rng.choice(notes))
        rows.append(tuple(row))
        if rng.random() < 0.04:
            rows.append(tuple(header))  # a header row pasted into the data (decision f)

    suffix = ".tsv" if delimiter == "\t" else ".csv"
    if encoding == "gb18030":
        mapping["encoding"] = "gb18030"
    return FileDraft(
        name=f"dump-{index}{suffix}",
        mapping=mapping,
        header=tuple(header),
        rows=tuple(rows),
        encoding=encoding,
        delimiter=delimiter,
    )


def draw_evidence(
    seed: int, *, files: int | None = None, people: int | None = None
) -> EvidenceDraft:
    """A random evidence set from ``seed``: 1–4 files over a pool of 3–20 persons."""
    rng = random.Random(seed)
    pool = [_person(rng, i) for i in range(people if people is not None else rng.randint(3, 20))]
    count = files if files is not None else rng.randint(1, 4)
    drafts = tuple(_draw_file(rng, i, pool) for i in range(count))
    aliases = {k: list(v) for k, v in ALIASES.items()} if rng.random() < 0.7 else {}
    return EvidenceDraft(files=drafts, aliases=aliases)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise TypeError(f"no TOML for {value!r}")


def mapping_text(draft: EvidenceDraft) -> str:
    """The L7 mapping of a draft, as TOML text."""
    out = ""
    for f in draft.files:
        out += "[[file]]\n"
        out += f"path = {_toml_value(f.name)}\n"
        for key, value in f.mapping.items():
            if key != "category_labels":
                out += f"{key} = {_toml_value(value)}\n"
        if "category_labels" in f.mapping:
            out += "\n[file.category_labels]\n"
            for label, category in f.mapping["category_labels"].items():
                out += f"{_toml_value(label)} = {_toml_value(category)}\n"
        out += "\n"
    if draft.aliases:
        out += "[recipient_aliases]\n"
        for canonical, names in draft.aliases.items():
            listed = ", ".join(_toml_value(n) for n in names)
            out += f"{_toml_value(canonical)} = [{listed}]\n"
    return out


def write_evidence(draft: EvidenceDraft, folder: Path) -> Path:
    """Write the files and ``mapping.toml`` into ``folder``; returns the mapping's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in draft.files:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=f.delimiter, lineterminator="\n")
        writer.writerow(f.header)
        for row in f.rows:
            writer.writerow(row)
        (folder / f.name).write_bytes(buffer.getvalue().encode(f.encoding))
    mapping = folder / "mapping.toml"
    mapping.write_text(mapping_text(draft), encoding="utf-8")
    return mapping


def with_lines_shuffled(draft: EvidenceDraft, seed: int) -> EvidenceDraft:
    """The same lines in another order within each file, and the files in another order."""
    rng = random.Random(seed)
    files = []
    for f in draft.files:
        rows = list(f.rows)
        rng.shuffle(rows)
        files.append(replace(f, rows=tuple(rows)))
    rng.shuffle(files)
    return replace(draft, files=tuple(files))


def split_first_file(draft: EvidenceDraft) -> EvidenceDraft:
    """The first file cut in two files with the same mapping (its first half and the rest)."""
    first = draft.files[0]
    half = len(first.rows) // 2
    head = replace(first, rows=first.rows[:half])
    tail = replace(first, name="split-" + first.name, rows=first.rows[half:])
    return replace(draft, files=(head, tail, *draft.files[1:]))


def with_exact_duplicate(draft: EvidenceDraft, seed: int) -> tuple[EvidenceDraft, int, int]:
    """A copy of one data row appended to its own file; returns the draft, file and row index.

    The copied row is never a pasted header row, so it is a data line in every reading.
    """
    rng = random.Random(seed)
    candidates = []
    for i, f in enumerate(draft.files):
        for j, row in enumerate(f.rows):
            if row != f.header:
                candidates.append((i, j))
    i, j = rng.choice(candidates)
    f = draft.files[i]
    grown = replace(f, rows=(*f.rows, f.rows[j]))
    files = list(draft.files)
    files[i] = grown
    return replace(draft, files=tuple(files)), i, j


def evidence_drafts() -> st.SearchStrategy[EvidenceDraft]:
    """Hypothesis strategy: random evidence sets, each reproducible from its seed."""
    return st.integers(min_value=0, max_value=2**32 - 1).map(draw_evidence)
