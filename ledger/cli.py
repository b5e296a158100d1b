"""``python -m ledger count FILE_OR_MAPPING... [--out OUT.json] [--engine duckdb|spark] [--conduct-date YYYY-MM-DD]``.

Also ``--assess`` (the assessment of the headline request is added as ``assessment``),
``--key HEX`` (the HMAC key, so two runs give the same person digests), ``--seed N`` (the
review sample) and ``--progress`` (the progress line on standard error even when it is not
a terminal). Exit status: 0 with an answer; 1 when the input is refused (the error on
standard error, English then Chinese, naming file, column or line; nothing written); 2 for
a bad command line. ``--out`` is written whole or not at all (a temporary file in the same
folder, then renamed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from ledger.count import Progress, count
from ledger.engines import ENGINES
from ledger.errors import LedgerError
from ledger.mapping import load_mapping

__all__ = ["ProgressBar", "main", "parser", "write_atomically"]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date YYYY-MM-DD") from None


def _key(text: str) -> bytes:
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be hexadecimal (e.g. 64 hex digits)") from None
    if not key:
        raise argparse.ArgumentTypeError("must not be empty")
    return key


def parser() -> argparse.ArgumentParser:
    """The command line of L7."""
    top = argparse.ArgumentParser(
        prog="python -m ledger",
        description="Count seized record-level data under Art. 11 (COUNTING.md).",
    )
    commands = top.add_subparsers(dest="command", required=True)
    c = commands.add_parser("count", help="count the inputs of one or more mapping files")
    c.add_argument("inputs", nargs="+", type=Path, metavar="FILE_OR_MAPPING")
    c.add_argument("--out", type=Path, help="write the JSON here (default: standard output)")
    c.add_argument("--engine", choices=ENGINES, default="duckdb")
    c.add_argument("--conduct-date", type=_date, help="YYYY-MM-DD (default: today in China)")
    c.add_argument("--assess", action="store_true", help="add the headline assessment")
    c.add_argument("--key", type=_key, help="HMAC key in hex, so runs are comparable")
    c.add_argument("--seed", type=int, default=0, help="seed of the review sample (default 0)")
    c.add_argument("--progress", action="store_true", help="show progress even when not a TTY")
    return top


class ProgressBar:
    """One progress line on a stream: stage, files done, lines read (numbers only)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = False

    def __call__(self, event: Progress) -> None:
        """Redraw the line."""
        width = 20
        filled = width * event.files_done // max(1, event.files_total)
        bar = "#" * filled + "." * (width - filled)
        self._stream.write(
            f"\r[{bar}] {event.stage}: {event.files_done}/{event.files_total} files, "
            f"{event.lines_read:,} lines read"
        )
        if event.stage == "done":
            self._stream.write("\n")
        self._stream.flush()
        self._shown = True


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all."""
    folder = path.resolve().parent
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status."""
    args = parser().parse_args(argv)
    show = args.progress or sys.stderr.isatty()
    try:
        spec = load_mapping(args.inputs)
        result = count(
            spec,
            engine=args.engine,
            conduct_date=args.conduct_date,
            key=args.key,
            seed=args.seed,
            progress=ProgressBar(sys.stderr) if show else None,
            assess=args.assess,
        )
    except LedgerError as exc:
        sys.stderr.write(f"ledger: error: {exc.text()}\n")
        sys.stderr.write(f"ledger: 错误: {exc.text_zh()}\n")
        return 1
    text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.out, text)
    return 0
