"""Lines per second and peak memory of the counting ledger, against DuckDB's bare floor.

Generates a seeded synthetic evidence set (``--lines``, default 10,000,000) as CSV and as
Parquet: an 18-digit ID number (about half the lines repeat a person, 1 in 100 has a wrong
check digit), a category label column of three labels and a buyer column of three names.
For each format it runs the full ledger (``ledger.count``: read, fingerprint, validate,
all three variants, the report) with 1 and with 2 threads, each in a fresh child process,
and the floor ``SELECT count(*) FROM (SELECT DISTINCT id, category FROM …)`` in DuckDB on
the same file with the same threads; it prints seconds, lines/s, the child's peak RSS and
the ratio ledger/floor, in wall-clock seconds and in CPU seconds (the CPU ratio is the
steadier one on a machine shared with other work).

    python bench/ledger.py [--lines 10000000] [--seed 1] [--folder DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ledger.rules import ID_WEIGHTS  # noqa: E402 (after the path above)


def generate(folder: Path, lines: int, seed: int) -> dict[str, Path]:
    """Write ``evidence.csv`` and ``evidence.parquet`` with DuckDB (seeded, no Python loop)."""
    import duckdb  # noqa: PLC0415

    pool = max(1, lines // 2)
    checksum = " + ".join(
        f"{w} * (ascii(substr(body, {i}, 1)) - 48)" for i, w in enumerate(ID_WEIGHTS, start=1)
    )
    sql = f"""
    WITH p AS (
      SELECT i, ((i * 2654435761 + {seed} * 40503) % {pool}) AS p FROM range({lines}) t(i)),
    b AS (
      SELECT i, p,
        '110101' || CAST(1950 + p % 50 AS VARCHAR)
          || lpad(CAST(1 + (p // 50) % 12 AS VARCHAR), 2, '0')
          || lpad(CAST(1 + (p // 600) % 28 AS VARCHAR), 2, '0')
          || lpad(CAST((p // 16800) % 1000 AS VARCHAR), 3, '0') AS body
      FROM p),
    c AS (
      SELECT i, p, body, substr('10X98765432', (({checksum}) % 11) + 1, 1) AS good FROM b)
    SELECT
      body || CASE WHEN i % 100 = 0 THEN (CASE WHEN good = '0' THEN '1' ELSE '0' END) ELSE good END AS id,
      CASE (p + i // 7) % 3 WHEN 0 THEN '住宿' WHEN 1 THEN '行踪' ELSE '其他' END AS category,
      CASE i % 3 WHEN 0 THEN '周某' WHEN 1 THEN '李某' ELSE '王某' END AS buyer
    FROM c ORDER BY i
    """
    con = duckdb.connect()
    paths = {"csv": folder / "evidence.csv", "parquet": folder / "evidence.parquet"}
    con.execute(f"COPY ({sql}) TO '{paths['parquet']}' (FORMAT parquet)")
    con.execute(
        f"COPY (SELECT * FROM read_parquet('{paths['parquet']}')) TO '{paths['csv']}' (HEADER, DELIMITER ',')"
    )
    con.close()
    labels = '"住宿" = "accommodation"\n"行踪" = "whereabouts"\n"其他" = "general"\n'
    for fmt, path in list(paths.items()):
        mapping = folder / f"{fmt}.toml"
        mapping.write_text(
            f'[[file]]\npath = "{path.name}"\nid_number = "id"\ncategory_column = "category"\n'
            f'recipient_column = "buyer"\n[file.category_labels]\n{labels}',
            encoding="utf-8",
        )
        paths[f"{fmt}_mapping"] = mapping
    return paths


def child(args: argparse.Namespace) -> None:
    """One measurement in this process: print seconds, peak RSS and the numbers found."""
    import duckdb  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    from ledger import count, load_mapping  # noqa: PLC0415

    pa.set_cpu_count(args.threads)
    pa.set_io_thread_count(args.threads)
    started = time.perf_counter()
    cpu_started = time.process_time()
    out: dict[str, Any] = {}
    if args.child == "floor":
        con = duckdb.connect(config={"threads": args.threads})
        path = Path(args.path)
        source = (
            f"read_parquet('{path}')"
            if path.suffix == ".parquet"
            else f"read_csv('{path}', header=true)"
        )
        out["found"] = con.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT id, category FROM {source})"
        ).fetchone()
    else:
        result = count(load_mapping([Path(args.path)]), threads=args.threads, key=b"bench")
        out["found"] = result["variants"]["persons"]["by_category"]
    out["seconds"] = time.perf_counter() - started
    out["cpu_seconds"] = time.process_time() - cpu_started
    out["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out, ensure_ascii=False))


def measure(kind: str, path: Path, threads: int) -> dict[str, Any]:
    """Run one measurement in a child process."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--path", str(path), "--threads", str(threads)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> None:
    """Generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--folder", type=Path, help="where to write the set (default: a temporary folder)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--child", choices=["ledger", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    folder = args.folder or Path(tempfile.mkdtemp(prefix="ledger-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        paths = generate(folder, args.lines, args.seed)
        print(
            f"generated {args.lines:,} lines in {time.perf_counter() - started:.1f} s: "
            f"CSV {paths['csv'].stat().st_size / 2**20:.0f} MiB, "
            f"Parquet {paths['parquet'].stat().st_size / 2**20:.0f} MiB"
        )
        print(
            f"{'format':8} {'threads':>7} {'ledger s':>9} {'lines/s':>12} {'RSS MiB':>8} "
            f"{'floor s':>8} {'floor RSS':>9} {'ratio':>6} {'CPU s':>7} {'floor CPU':>9} "
            f"{'CPU ratio':>9}"
        )
        for fmt in ("csv", "parquet"):
            for threads in (1, 2):
                floor = measure("floor", paths[fmt], threads)
                run = measure("ledger", paths[f"{fmt}_mapping"], threads)
                print(
                    f"{fmt:8} {threads:>7} {run['seconds']:>9.2f} "
                    f"{args.lines / run['seconds']:>12,.0f} {run['rss_mib']:>8.0f} "
                    f"{floor['seconds']:>8.2f} {floor['rss_mib']:>9.0f} "
                    f"{run['seconds'] / floor['seconds']:>6.2f} "
                    f"{run['cpu_seconds']:>7.2f} {floor['cpu_seconds']:>9.2f} "
                    f"{run['cpu_seconds'] / floor['cpu_seconds']:>9.2f}",
                    flush=True,
                )
        print(f"persons by category: {json.dumps(run['found'], ensure_ascii=False)}")
    finally:
        if not args.keep and args.folder is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
