"""The core and HTTP benchmarks, an old checkout against this tree, in one run, side by side.

Runs ``bench/core.py`` of each tree, and this tree's ``bench/http.py`` against each tree's
server, in a subprocess of that tree (importing only its own ``calculator`` and ``api``,
so the in-process figures are that tree's; the HTTP client is the same for both),
alternating old and new ``--repeat`` times, keeps the best figure of each, and prints
both with the ratio new / old (target: at least 0.95). The load average is printed
before and after: on a loaded machine the figures move together but their ratio is
still noisy.

    python -m bench.compare --old /tmp/core-old [--new .] [--repeat 2] [--seconds 1.0]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.95

_CORE = re.compile(r"^(?P<name>.+?)\s+(?P<rate>[\d,]+) assessments/s$")
_HTTP = {
    "GET /healthz req/s": re.compile(r"^GET\s+/healthz\s+(?P<rate>[\d.]+) req/s"),
    "POST /v1/assessments req/s": re.compile(
        r"^POST /v1/assessments \(4 rows\)\s+(?P<rate>[\d.]+)"
    ),
    "ratio POST / healthz": re.compile(r"^ratio assessments / healthz\s+(?P<rate>[\d.]+)"),
    "batch items/s": re.compile(r"^POST /v1/assessments/batch\s+(?P<rate>[\d.]+) items/s"),
    "in process: assess items/s": re.compile(r"calculator\.assess\s+(?P<rate>[\d.]+) items/s"),
    "in process: with adapter items/s": re.compile(
        r"validation and mapping (?P<rate>[\d.]+) items/s"
    ),
}


def _run(tree: Path, args: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, *args],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def core(tree: Path, seconds: float) -> dict[str, float]:
    """``bench/core.py`` of ``tree``: assessments per second by case shape."""
    found: dict[str, float] = {}
    for line in _run(tree, ["bench/core.py", "--seconds", str(seconds)]).splitlines():
        m = _CORE.match(line.strip())
        if m:
            found[f"core: {m['name']}"] = float(m["rate"].replace(",", ""))
    return found


_THIS_CLIENT = f"""
import runpy, sys
sys.argv = ["bench/http.py", "--tree", ".", "--seconds", sys.argv[1]]
runpy.run_path({str(ROOT / "bench" / "http.py")!r}, run_name="__main__")
"""
"""This tree's ``bench/http.py`` run inside the other tree's process: the old checkout's
server and its own in-process figures, measured by the same client as this tree's."""


def http(tree: Path, seconds: float) -> dict[str, float]:
    """This tree's ``bench/http.py`` against ``tree``'s server: the rates it prints."""
    found: dict[str, float] = {}
    out = _run(tree, ["-c", _THIS_CLIENT, str(seconds)])
    for line in out.splitlines():
        for name, pattern in _HTTP.items():
            m = pattern.search(line)
            if m:
                found[name] = float(m["rate"])
    return found


def load() -> str:
    """The load averages of the last 1, 5 and 15 minutes."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    """Alternate old and new, keep the best of each figure, print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the old checkout")
    parser.add_argument("--new", type=Path, default=ROOT, help="the new tree (default: this one)")
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs of each tree")
    parser.add_argument("--seconds", type=float, default=1.0, help="length of one timed round")
    args = parser.parse_args()
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    print(f"{os.cpu_count()} CPUs; load average before: {load()}")
    best: dict[str, dict[str, float]] = {"old": {}, "new": {}}
    for _ in range(args.repeat):
        for tag, tree in trees.items():
            for figures in (core(tree, args.seconds), http(tree, args.seconds)):
                for name, value in figures.items():
                    best[tag][name] = max(best[tag].get(name, 0.0), value)
    print(f"load average after: {load()}")
    print(f"best of {args.repeat} alternating runs; old = {trees['old']}, new = {trees['new']}")
    print(f"{'figure':36s} {'old':>12s} {'new':>12s} {'new/old':>8s}")
    for name, old in best["old"].items():
        new = best["new"].get(name, 0.0)
        ratio = new / old if old else 0.0
        mark = "" if ratio >= TARGET or name.startswith("GET") else "  < 0.95"
        print(f"{name:36s} {old:12,.2f} {new:12,.2f} {ratio:8.2f}{mark}")


if __name__ == "__main__":
    main()
