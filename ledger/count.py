"""One run of the ledger: read the inputs, count with the engine, assess the variants, report.

``count`` is the public entry point (the CLI and the HTTP endpoint call it). It reads
each input once, runs the SQL of ``ledger.rules`` on the chosen engine inside a private
temporary folder that it removes at the end, gathers the small tallies the report needs,
and hands them to ``ledger.report``. Nothing is written anywhere else.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from calculator import Category, china_today
from ledger.engines import Engine, open_engine
from ledger.errors import LedgerError
from ledger.mapping import LedgerSpec
from ledger.normalize import trim_label
from ledger.readers import FIRST_LINES, Source, read_source
from ledger.report import build_result, person_key_text, review_categories
from ledger.rules import (
    CATEGORY_CODES,
    FILE_SHIFT,
    KEY_BASE,
    RECIPIENT_BITS,
    FileColumns,
    count_by_category_sql,
    distinct_lines_sql,
    first_invalid_groups_sql,
    first_invalid_lines_sql,
    first_merged_groups_sql,
    first_merged_lines_sql,
    key_dictionary_sql,
    label_dictionary_sql,
    lines_sql,
    phone_dictionary_sql,
    recipient_dictionary_sql,
    records_sql,
    resolved_lines_sql,
    rows_sql,
    sample_sql,
    unknown_label_sql,
)

__all__ = ["SAMPLE_SIZE", "Progress", "Tally", "count"]

SAMPLE_SIZE = 20
"""Records drawn per 50- or 500-tier category for the one-by-one review (fewer if fewer exist)."""

_CATEGORY_OF = {code: c for c, code in CATEGORY_CODES.items()}


@dataclass(frozen=True, kw_only=True, slots=True)
class Progress:
    """A progress report: the stage, files read of all, data lines read so far."""

    stage: str
    files_done: int
    files_total: int
    lines_read: int


@dataclass(kw_only=True, slots=True)
class Tally:
    """What the engine found, in small numbers: the report is built from this alone.

    ``lines`` maps (category, in duty, reason code) to lines; ``distinct`` (category, in
    duty) to exact-distinct lines; ``rows`` (category, k, in duty) to (records, lines);
    positions are ``file number × 2^40 + line``.
    """

    lines: dict[tuple[Category, bool, int], int] = field(default_factory=dict)
    distinct: dict[tuple[Category, bool], int] = field(default_factory=dict)
    rows: dict[tuple[Category, int, bool], tuple[int, int]] = field(default_factory=dict)
    first_invalid: dict[tuple[Category, int], list[int]] = field(default_factory=dict)
    first_merged: dict[Category, list[int]] = field(default_factory=dict)
    samples: dict[Category, list[tuple[int, str]]] = field(default_factory=dict)


def _check_labels(engine: Engine, sources: list[Source]) -> None:
    found = engine.rows(unknown_label_sql(engine.dialect))
    if not found:
        return
    file_no, pos, label = found[0]
    spec = sources[file_no].spec
    allowed = ", ".join(repr(k) for k in spec.category_labels)
    shown = str(label)[:60]
    raise LedgerError(
        "unknown_category_label",
        f"category label {shown!r} in column {spec.category_column!r} is not in "
        f"[file.category_labels]; allowed labels: {allowed}",
        f"列 {spec.category_column!r} 中的类别标签 {shown!r} 不在 [file.category_labels] 中；"
        f"可用标签：{allowed}",
        file=spec.name,
        column=spec.category_column,
        line=int(pos) - file_no * FILE_SHIFT,
    )


def _label_table(sources: list[Source]) -> pa.Table:
    files: list[int] = []
    labels: list[str] = []
    codes: list[int] = []
    for s in sources:
        for label, category in s.spec.category_labels.items():
            files.append(s.index)
            labels.append(trim_label(label))
            codes.append(CATEGORY_CODES[category])
    return pa.table(
        {
            "file_no": pa.array(files, pa.int32()),
            "label": pa.array(labels, pa.string()),
            "code": pa.array(codes, pa.int32()),
        }
    )


def _alias_table(aliases: Mapping[str, str]) -> pa.Table:
    return pa.table(
        {
            "alias": pa.array(list(aliases), pa.string()),
            "canonical": pa.array(list(aliases.values()), pa.string()),
        }
    )


def _tally(
    engine: Engine,
    sources: list[Source],
    spec: LedgerSpec,
    *,
    conduct: date,
    seed: int,
    review: frozenset[Category],
) -> Tally:
    d = engine.dialect
    roles: set[str] = set()
    columns = []
    for s in sources:
        name = f"src_{s.index}"
        if s.table is None:
            engine.register_parquet(name, s.spec.path, s.spec.columns())
        else:
            engine.register(name, s.table)
        mapped = frozenset(s.spec.columns())
        roles |= mapped
        columns.append(
            FileColumns(
                index=s.index,
                table=name,
                roles=mapped,
                category=None if s.spec.category is None else CATEGORY_CODES[s.spec.category],
                recipient=s.spec.recipient,
                obtained_in_duty=s.spec.obtained_in_duty,
            )
        )
    if any(s.spec.recipient is not None for s in sources):
        roles.add("recipient")
    engine.reserve(sum(s.table.nbytes for s in sources if s.table is not None))
    engine.view("lines", lines_sql(d, columns))
    if "category" in roles:
        engine.register("labels", _label_table(sources))
        engine.materialize("d_cat", label_dictionary_sql(d))
        _check_labels(engine, sources)
    conduct_int = conduct.year * 10000 + conduct.month * 100 + conduct.day
    if "phone" in roles:
        engine.materialize("d_phone", phone_dictionary_sql(d))
    if "key" in roles:
        engine.materialize("d_key", key_dictionary_sql(d))
    if "recipient" in roles:
        engine.register("aliases", _alias_table(spec.recipient_aliases))
        engine.materialize("d_rcp", recipient_dictionary_sql(d))
    mapped = frozenset(roles)
    engine.view("lr", resolved_lines_sql(d, mapped, conduct_int))

    tally = Tally()
    engine.materialize("g", distinct_lines_sql(mapped))
    distinct: dict[tuple[Category, bool], int] = defaultdict(int)
    for cat, duty, reason, n, unique in engine.rows(count_by_category_sql()):
        tally.lines[(_CATEGORY_OF[cat], bool(duty), int(reason))] = int(n)
        distinct[(_CATEGORY_OF[cat], bool(duty))] += int(unique)
    tally.distinct = dict(distinct)
    bits = False
    if "recipient" in mapped:
        (highest,) = engine.rows("SELECT coalesce(max(rc), 0) FROM d_rcp")[0]
        bits = int(highest) <= RECIPIENT_BITS
    engine.materialize("rec", records_sql(d, mapped, recipient_bits=bits))
    merged = False
    for cat, k, duty, records, lines in engine.rows(rows_sql()):
        tally.rows[(_CATEGORY_OF[cat], int(k), bool(duty))] = (int(records), int(lines))
        merged = merged or int(lines) > int(records)
    if any(reason for (_, _, reason) in tally.lines):
        tally.first_invalid = _first_invalid(engine)
    if merged:
        tally.first_merged = _first_merged(engine)
    for s in sources:
        if s.table is not None:
            engine.unregister(f"src_{s.index}")
            s.release()
    pa.default_memory_pool().release_unused()
    engine.reserve(0)
    tally.samples = _samples(engine, tally, seed=seed, review=review)
    return tally


_GROUPS = 4 * FIRST_LINES
"""Exact-distinct rows fetched per category (and reason) to name the first lines from."""


def _first_positions(
    groups: list[tuple[int, int, int, int]], *, complete: bool
) -> list[int] | None:
    """The first ``FIRST_LINES`` positions after each row's floor, or None when the rows cannot tell.

    ``groups`` are exact-distinct rows as (first, last, lines, floor), the first ones by
    first position (all of them when ``complete``); lines at or before a row's floor do not
    count. A row of one or two lines is known whole; a row of more lines, or rows not
    fetched, may hide lines before the last one found, and then the lines must be read.
    """
    known = sorted(
        {first for first, _, _, floor in groups if first > floor}
        | {last for _, last, n, _ in groups if n >= 2}
    )
    found = known[:FIRST_LINES]
    bound = found[-1] if len(found) == FIRST_LINES else None
    if bound is None:
        return found if complete and all(n <= 2 for _, _, n, _ in groups) else None
    if not complete and max(first for first, _, _, _ in groups) < bound:
        return None
    if any(n > 2 and first < bound for first, _, n, _ in groups):
        return None
    return found


def _first_invalid(engine: Engine) -> dict[tuple[Category, int], list[int]]:
    """The first invalid lines of each (category, reason), from ``g`` or else from the lines."""
    groups: dict[tuple[Category, int], list[tuple[int, int, int, int]]] = defaultdict(list)
    for cat, reason, first, last, n in engine.rows(first_invalid_groups_sql(_GROUPS)):
        groups[(_CATEGORY_OF[cat], int(reason))].append((int(first), int(last), int(n), -1))
    out: dict[tuple[Category, int], list[int]] = {}
    for key, rows in groups.items():
        found = _first_positions(rows, complete=len(rows) < _GROUPS)
        if found is None:
            lines: dict[tuple[Category, int], list[int]] = defaultdict(list)
            for cat, reason, pos in engine.rows(first_invalid_lines_sql(FIRST_LINES)):
                lines[(_CATEGORY_OF[cat], int(reason))].append(int(pos))
            return {k: sorted(v) for k, v in lines.items()}
        out[key] = found
    return out


def _first_merged(engine: Engine) -> dict[Category, list[int]]:
    """The first lines of each category merged into an earlier line of their record."""
    groups: dict[Category, list[tuple[int, int, int, int]]] = defaultdict(list)
    for cat, first, last, n, rfirst in engine.rows(first_merged_groups_sql(_GROUPS)):
        groups[_CATEGORY_OF[cat]].append((int(first), int(last), int(n), int(rfirst)))
    out: dict[Category, list[int]] = {}
    for key, rows in groups.items():
        found = _first_positions(rows, complete=len(rows) < _GROUPS)
        if found is None:
            lines: dict[Category, list[int]] = defaultdict(list)
            for cat, pos in engine.rows(first_merged_lines_sql(FIRST_LINES)):
                lines[_CATEGORY_OF[cat]].append(int(pos))
            return {k: sorted(v) for k, v in lines.items()}
        out[key] = found
    return out


def _samples(
    engine: Engine, tally: Tally, *, seed: int, review: frozenset[Category]
) -> dict[Category, list[tuple[int, str]]]:
    """Up to ``SAMPLE_SIZE`` records of each review category, drawn by ``seed`` (``sample_sql``).

    Each is given by its first line and its person-key text (hashed by the report).
    """
    present = {cat for (cat, _, _), (n, _) in tally.rows.items() if n}
    picked: list[tuple[int, int, int]] = []
    for cat in sorted(review & present, key=CATEGORY_CODES.__getitem__):
        picked.extend(
            (int(c), int(f), int(p))
            for c, f, p in engine.rows(sample_sql(CATEGORY_CODES[cat], seed, SAMPLE_SIZE))
        )
    if not picked:
        return {}
    keys = sorted({p for _, _, p in picked if p >= KEY_BASE})
    values: dict[int, str] = {}
    if keys:
        listed = ", ".join(str(k) for k in keys)
        for pc, value in engine.rows(
            f"SELECT DISTINCT pc, value FROM d_key WHERE pc IN ({listed})"
        ):
            values[int(pc)] = str(value)
    out: dict[Category, list[tuple[int, str]]] = defaultdict(list)
    for code, first, person in sorted(picked):
        out[_CATEGORY_OF[code]].append((first, person_key_text(person, values)))
    return dict(out)


def _workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="ledger-"))


def count(
    spec: LedgerSpec,
    *,
    engine: str = "duckdb",
    conduct_date: date | None = None,
    key: bytes | None = None,
    seed: int = 0,
    progress: Callable[[Progress], None] | None = None,
    assess: bool = False,
    threads: int | None = None,
    spark: Any = None,
) -> dict[str, Any]:
    """Count the inputs of ``spec`` under COUNTING.md and return the JSON the CLI prints.

    ``conduct_date`` selects the law (D22) and bounds ID birth dates (decision b; default
    today in China). ``key`` is the HMAC key for the person keys shown (random per run when
    None). ``seed`` draws the review sample. ``assess`` adds the headline assessment.
    ``threads`` caps the engine's threads; ``spark`` is an existing Spark session to use.
    Raises ``LedgerError`` (nothing counted, nothing written) when the input is unusable.

    Decision k: raw values stay in this process; the engines work in a private temporary
    folder (DuckDB's ``temp_directory``, Spark's copies and scratch) removed at the end, and
    no value is logged or put in an error.
    """
    today = china_today()
    if conduct_date is not None and conduct_date > today:
        raise LedgerError(
            "bad_conduct_date",
            f"the conduct date is after today ({today.isoformat()} in China); "
            "give the date of the last act, YYYY-MM-DD",
            f"行为日期晚于今天（中国时间 {today.isoformat()}）；请给出最后一次行为的日期，格式 YYYY-MM-DD",
        )
    conduct = conduct_date or today
    run_key = key if key is not None else os.urandom(32)
    review = review_categories(conduct_date)

    def tell(stage: str, done: int, lines: int) -> None:
        if progress is not None:
            progress(
                Progress(
                    stage=stage, files_done=done, files_total=len(spec.files), lines_read=lines
                )
            )

    workdir = _workdir()
    try:
        sources: list[Source] = []
        lines_read = 0
        tell("reading", 0, 0)
        for index, file_spec in enumerate(spec.files):
            source = read_source(file_spec, index)
            sources.append(source)
            lines_read += source.fingerprint.lines
            tell("reading", index + 1, lines_read)
        tell("counting", len(sources), lines_read)
        eng = open_engine(engine, workdir, threads=threads, spark=spark)
        try:
            tally = _tally(eng, sources, spec, conduct=conduct, seed=seed, review=review)
        finally:
            eng.close()
        tell("done", len(sources), lines_read)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return build_result(
        sources=sources,
        tally=tally,
        conduct_date=conduct_date,
        conduct_applied=conduct,
        key=run_key,
        key_given=key is not None,
        seed=seed,
        engine=engine,
        include_assessment=assess,
    )
