"""Instructions per assessment, an old checkout against this tree, counted by callgrind.

Wall-clock rates move with the machine's load; instruction counts do not. For each
case (the three shapes of ``bench/core.py``, and one item of the ``bench/http.py``
batch through the adapter: validation, ``assess``, mapping and JSON encoding) each tree
runs in its own subprocess under ``valgrind --tool=callgrind`` twice: once with ``--low``
passes over the cases and once with ``--high`` passes (after one warm-up pass in both).
The difference, divided by the extra assessments, is the cost of one assessment with the
start-up, imports and warm-up cancelled out. Needs ``valgrind`` on the PATH.

    python -m bench.instructions --old /tmp/core-old [--new .] [--cases 50] [--low 1] [--high 3]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.95

CASES = ("1 row", "4 mixed rows", "10 rows with alternatives", "batch item (adapter + JSON)")

# Run inside a tree's own folder: build the cases, one warm-up pass, then ``passes`` passes.
_CHILD = r"""
import sys
from datetime import date
which, n, passes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
import calculator.assess
calculator.assess.china_today = lambda: date(2026, 11, 23)
if which == "batch":
    from api.encoding import dumps
    from api.v1.batch import assess_items
    from bench.http import batch_items
    items = batch_items(n)
    def step():
        dumps(assess_items(items))
else:
    from bench import core
    from calculator import assess
    make = {"1": core.one_row, "4": core.four_mixed_rows, "10": core.ten_rows_with_alternatives}[which]
    cases = [make(i) for i in range(n)]
    def step():
        for c in cases:
            assess(c, today=core.TODAY)
step()
for _ in range(passes):
    step()
"""

_KEYS = {CASES[0]: "1", CASES[1]: "4", CASES[2]: "10", CASES[3]: "batch"}
_TOTAL = re.compile(r"Collected\s*:\s*(\d+)")


def count(tree: Path, which: str, n: int, passes: int) -> int:
    """Instructions of one child run (start-up included)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-c",
                _CHILD,
                which,
                str(n),
                str(passes),
            ],
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            check=True,
        )
    m = _TOTAL.search(done.stderr)
    if m is None:
        raise RuntimeError(f"no instruction total from callgrind:\n{done.stderr[-2000:]}")
    return int(m[1])


def per_assessment(tree: Path, which: str, n: int, low: int, high: int) -> float:
    """Instructions of one assessment: the difference of two runs over the extra assessments."""
    return (count(tree, which, n, high) - count(tree, which, n, low)) / (n * (high - low))


def main() -> None:
    """Print instructions per assessment of each case, old and new, with the ratio old / new."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the old checkout")
    parser.add_argument("--new", type=Path, default=ROOT, help="the new tree (default: this one)")
    parser.add_argument("--cases", type=int, default=50, help="distinct cases per pass")
    parser.add_argument("--low", type=int, default=1, help="timed passes of the shorter run")
    parser.add_argument("--high", type=int, default=3, help="timed passes of the longer run")
    parser.add_argument("--only", choices=sorted(_KEYS.values()), help="one case only")
    args = parser.parse_args()
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    print(f"instructions per assessment (callgrind); old = {trees['old']}, new = {trees['new']}")
    print(f"{'case':32s} {'old':>12s} {'new':>12s} {'old/new':>8s}")
    for name in CASES:
        key = _KEYS[name]
        if args.only and key != args.only:
            continue
        old, new = (
            per_assessment(tree, key, args.cases, args.low, args.high) for tree in trees.values()
        )
        ratio = old / new
        mark = "" if ratio >= TARGET else "  < 0.95"
        print(f"{name:32s} {old:12,.0f} {new:12,.0f} {ratio:8.2f}{mark}", flush=True)


if __name__ == "__main__":
    main()
