"""The answer of a run: the headline request (L5), the variants (L4) and the report (L6).

Built from the small tallies of ``ledger.count`` and the fingerprints of the inputs; the
calculator assesses each variant. Nothing here sees a raw identifier: person keys reach it
as their decision-d text only for the review sample, and leave it as HMAC-SHA256 digests.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from calculator import Case, Category, RecordRow, Tier, assess
from calculator.citation import cite_en, cite_zh
from calculator.law import ruleset_for
from ledger.readers import Source
from ledger.rules import FILE_SHIFT, ID_CHECK, ID_WEIGHTS, KEY_BASE, PHONE_BASE, REASONS
from ledger.wire import jsonable

if TYPE_CHECKING:
    from ledger.count import Tally

__all__ = [
    "REVIEW_NOTE_EN",
    "REVIEW_NOTE_ZH",
    "build_result",
    "headline_rows",
    "margin",
    "person_key_text",
    "review_categories",
]

_REASON_NAME = {code: name for name, code in REASONS.items()}

REVIEW_NOTE_ZH = (
    "该类信息适用{cite}的{standard}条标准：司法实践要求逐一认定每条信息的真实性，"
    "不宜仅依查获数量批量认定；请逐条核实下列抽样行（可用同一 seed 复现）。"
)
REVIEW_NOTE_EN = (
    "This category falls under the {standard}-record standard of {cite}: "
    "courts expect each record to be established one by one (逐一认定) rather than by the "
    "bulk rule; check the sampled lines below one by one (the same seed draws them again)."
)


def review_categories(conduct_date: date | None) -> frozenset[Category]:
    """The categories of the 50- and 500-record standards: every standard below the largest.

    The standards come from the calculator's law data for the conduct date.
    """
    rs = ruleset_for(conduct_date)
    top = max(s.records for s in rs.standards)
    return frozenset(c for c in Category if rs.threshold(c) < top)


def person_key_text(code: int, keys: Mapping[int, str]) -> str:
    """The decision-d text of a person code: ``id:`` + 18 characters, ``phone:`` + 11, ``key:`` + value."""
    if code < PHONE_BASE:
        body = f"{code:017d}"
        check = ID_CHECK[sum(w * int(c) for w, c in zip(ID_WEIGHTS, body, strict=True)) % 11]
        return f"id:{body}{check}"
    if code < KEY_BASE:
        return f"phone:{code - PHONE_BASE:011d}"
    return f"key:{keys[code]}"


def _digest(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def _where(pos: int, sources: Sequence[Source]) -> dict[str, Any]:
    file_no, line = divmod(pos, FILE_SHIFT)
    return {"file": sources[file_no].spec.name, "line": line}


def _label(category: Category, k: int, duty: bool) -> str:
    noun = "recipient" if k == 1 else "recipients"
    tail = ", obtained in duty" if duty else ""
    return f"ledger: {category.value}, {k} {noun}{tail}"


def headline_rows(rows: Mapping[tuple[Category, int, bool], tuple[int, int]]) -> list[RecordRow]:
    """L5: one row per (category, k, in duty), in the categories' order, then out of duty first, then k."""
    order = {c: i for i, c in enumerate(Category)}
    out = []
    for (cat, k, duty), (records, _) in sorted(
        rows.items(), key=lambda item: (order[item[0][0]], item[0][2], item[0][1])
    ):
        if records:
            out.append(
                RecordRow(
                    category=cat,
                    count=records,
                    recipients=k,
                    obtained_in_duty=duty,
                    label=_label(cat, k, duty),
                )
            )
    return out


def _row_json(row: RecordRow) -> dict[str, Any]:
    return {
        "category": row.category.value,
        "count": row.count,
        "recipients": row.recipients,
        "obtained_in_duty": row.obtained_in_duty,
        "label": row.label,
    }


def _tier(rows: Sequence[RecordRow], conduct_date: date | None) -> Tier:
    return assess(Case(conduct_date=conduct_date, records=tuple(rows))).tier


def _variant(by_category: Mapping[Category, int], tier: Tier) -> dict[str, Any]:
    order = {c: i for i, c in enumerate(Category)}
    return {
        "by_category": {
            c.value: n for c, n in sorted(by_category.items(), key=lambda i: order[i[0]])
        },
        "tier": tier.value,
        "tier_zh": tier.zh,
    }


def _line_rows(counts: Mapping[tuple[Category, bool], int]) -> list[RecordRow]:
    """Decision j: a line-counting variant's rows, per (category, in duty), recipients 0."""
    order = {c: i for i, c in enumerate(Category)}
    return [
        RecordRow(category=cat, count=n, obtained_in_duty=duty)
        for (cat, duty), n in sorted(counts.items(), key=lambda i: (order[i[0][0]], i[0][1]))
        if n
    ]


def margin(rows: Sequence[RecordRow], conduct_date: date | None) -> dict[str, Any]:
    """How many records of each category would have to be disproved for the tier to drop.

    The others stay as they are; the records that count most go first (most recipients,
    in-duty before not), so the number is the least. ``None`` when disproving every record
    of the category still leaves the tier (or the tier is already the lowest). The tier is
    the calculator's, so the thresholds are the law data's.
    """
    tier = _tier(rows, conduct_date)
    out: dict[str, int | None] = {}
    for cat in Category:
        mine = [r for r in rows if r.category is cat]
        if not mine:
            continue
        others = [r for r in rows if r.category is not cat]
        mine.sort(key=lambda r: (max(1, r.recipients), r.obtained_in_duty), reverse=True)
        total = sum(r.count for r in mine)

        def rank_after(
            removed: int, mine: list[RecordRow] = mine, others: list[RecordRow] = others
        ) -> int:
            kept: list[RecordRow] = []
            left = removed
            for r in mine:
                take = min(left, r.count)
                left -= take
                if r.count - take:
                    kept.append(
                        RecordRow(
                            category=r.category,
                            count=r.count - take,
                            recipients=r.recipients,
                            obtained_in_duty=r.obtained_in_duty,
                        )
                    )
            return _tier([*others, *kept], conduct_date).rank

        if tier is Tier.NOT_SERIOUS or rank_after(total) >= tier.rank:
            out[cat.value] = None
            continue
        low, high = 1, total
        while low < high:
            mid = (low + high) // 2
            if rank_after(mid) < tier.rank:
                high = mid
            else:
                low = mid + 1
        out[cat.value] = low
    return {"tier": tier.value, "records_to_disprove": out}


def _funnel(tally: Tally, sources: Sequence[Source]) -> dict[str, Any]:
    order = {c: i for i, c in enumerate(Category)}
    read: dict[Category, int] = defaultdict(int)
    invalid: dict[Category, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for (cat, _, reason), n in tally.lines.items():
        read[cat] += n
        if reason:
            invalid[cat][reason] += n
    records: dict[Category, int] = defaultdict(int)
    valid_lines: dict[Category, int] = defaultdict(int)
    counted: dict[Category, int] = defaultdict(int)
    for (cat, k, _), (n, lines) in tally.rows.items():
        records[cat] += n
        valid_lines[cat] += lines
        counted[cat] += n * max(1, k)
    by_category: dict[str, Any] = {}
    for cat in sorted(read, key=order.__getitem__):
        reasons = {
            _REASON_NAME[code]: {
                "count": n,
                "first_lines": [
                    _where(p, sources) for p in tally.first_invalid.get((cat, code), [])
                ],
            }
            for code, n in sorted(invalid[cat].items())
        }
        merged = valid_lines[cat] - records[cat]
        by_category[cat.value] = {
            "lines_read": read[cat],
            "invalid_removed": {"count": sum(invalid[cat].values()), "reasons": reasons},
            "duplicates_merged": {
                "count": merged,
                "reasons": {
                    "same_person": {
                        "count": merged,
                        "first_lines": [
                            _where(p, sources) for p in tally.first_merged.get(cat, [])
                        ],
                    }
                }
                if merged
                else {},
            },
            "records": records[cat],
            "counted": counted[cat],
        }
    headers = [
        {"file": s.spec.name, "line": line} for s in sources for line in s.repeated_header_lines
    ]
    return {
        "by_category": by_category,
        "repeated_header": {
            "count": sum(s.repeated_headers for s in sources),
            "first_lines": headers[:5],
        },
    }


def _review(
    tally: Tally,
    sources: Sequence[Source],
    conduct_date: date | None,
    key: bytes,
    seed: int,
    present: set[Category],
) -> dict[str, Any]:
    rs = ruleset_for(conduct_date)
    out: dict[str, Any] = {}
    for cat in sorted(review_categories(conduct_date) & present, key=list(Category).index):
        standard = rs.standard_of[cat]
        out[cat.value] = {
            "standard": standard.records,
            "provision": standard.provision,
            "note_zh": REVIEW_NOTE_ZH.format(
                cite=cite_zh(standard.provision), standard=standard.records
            ),
            "note_en": REVIEW_NOTE_EN.format(
                cite=cite_en(standard.provision), standard=standard.records
            ),
            "seed": seed,
            "sample": [
                {**_where(pos, sources), "person": _digest(key, text)}
                for pos, text in tally.samples.get(cat, [])
            ],
        }
    return out


def build_result(
    *,
    sources: Sequence[Source],
    tally: Tally,
    conduct_date: date | None,
    conduct_applied: date,
    key: bytes,
    key_given: bool,
    seed: int,
    engine: str,
    include_assessment: bool,
) -> dict[str, Any]:
    """The whole answer: ``request``, ``variants``, ``tier_depends_on_counting``, ``report`` (and ``assessment``).

    Decision e: ``as_seized`` counts every data line, invalid ones included;
    ``exact_duplicates_removed`` the exact-distinct lines (invalid ones stay); ``persons``
    the records × max(1, k). Decision k: the only person keys shown are the review sample's,
    as HMAC-SHA256 of the decision-d text under ``key``.
    """
    seized: dict[tuple[Category, bool], int] = defaultdict(int)
    for (cat, duty, _), n in tally.lines.items():
        seized[(cat, duty)] += n
    present = {cat for cat, _ in seized}
    rows = headline_rows(tally.rows)
    persons: dict[Category, int] = dict.fromkeys(present, 0)
    for row in rows:
        persons[row.category] += row.count * max(1, row.recipients)
    as_seized: dict[Category, int] = defaultdict(int)
    for (cat, _), n in seized.items():
        as_seized[cat] += n
    distinct: dict[Category, int] = dict.fromkeys(present, 0)
    for (cat, _), n in tally.distinct.items():
        distinct[cat] += n
    tiers = {
        "as_seized": _tier(_line_rows(seized), conduct_date),
        "exact_duplicates_removed": _tier(_line_rows(tally.distinct), conduct_date),
        "persons": _tier(rows, conduct_date),
    }
    request: dict[str, Any] = {}
    if conduct_date is not None:
        request["conduct_date"] = conduct_date.isoformat()
    request["records"] = [_row_json(r) for r in rows]
    result: dict[str, Any] = {
        "request": request,
        "variants": {
            "as_seized": _variant(as_seized, tiers["as_seized"]),
            "exact_duplicates_removed": _variant(distinct, tiers["exact_duplicates_removed"]),
            "persons": _variant(persons, tiers["persons"]),
        },
        "tier_depends_on_counting": len(set(tiers.values())) > 1,
        "report": {
            "engine": engine,
            "conduct_date_applied": conduct_applied.isoformat(),
            "person_keys": {
                "algorithm": "HMAC-SHA256",
                "key": "caller_supplied" if key_given else "random_per_run",
            },
            "inputs": [s.fingerprint.as_dict() for s in sources],
            "funnel": _funnel(tally, sources),
            "review": _review(tally, sources, conduct_date, key, seed, present),
            "margin": margin(rows, conduct_date),
        },
    }
    if include_assessment:
        result["assessment"] = jsonable(
            assess(Case(conduct_date=conduct_date, records=tuple(rows)))
        )
    return result
