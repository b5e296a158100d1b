"""Small evidence sets made in a test's own folder: valid ID numbers, mappings, CSV files."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ledger import count, load_mapping

ROOT = Path(__file__).resolve().parents[2]
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CONDUCT = date(2024, 6, 1)
KEY = b"test-key"


def check_char(body: str) -> str:
    """The MOD 11-2 check character of a 17-digit body."""
    return "10X98765432"[sum(w * int(c) for w, c in zip(WEIGHTS, body, strict=True)) % 11]


def id18(n: int, birth: str = "19900307") -> str:
    """A valid 18-digit ID number, distinct for each ``n`` below 1000."""
    body = f"110101{birth}{n % 1000:03d}"
    return body + check_char(body)


def phone(n: int) -> str:
    """A valid mobile number, distinct for each ``n`` below 10^8."""
    return f"138{n:08d}"


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[str]], *, encoding: str = "utf-8"
) -> Path:
    """A CSV file (quoted where needed) in ``encoding``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def toml_value(value: Any) -> str:
    """A TOML literal for a string, boolean or a table of strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {toml_value(v)}' for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_mapping(
    folder: Path,
    *files: dict[str, Any],
    aliases: dict[str, list[str]] | None = None,
    name: str = "mapping.toml",
) -> Path:
    """A mapping file with one ``[[file]]`` per dict, and ``[recipient_aliases]``."""
    parts = []
    for f in files:
        parts.append("[[file]]")
        parts.extend(f"{k} = {toml_value(v)}" for k, v in f.items())
        parts.append("")
    if aliases:
        parts.append("[recipient_aliases]")
        parts.extend(f'"{k}" = {toml_value(v)}' for k, v in aliases.items())
    path = folder / name
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path


def run(mapping: Path, **kwargs: Any) -> dict[str, Any]:
    """The ledger's answer for one mapping, with the test key and conduct date."""
    kwargs.setdefault("key", KEY)
    kwargs.setdefault("conduct_date", CONDUCT)
    return count(load_mapping([mapping]), **kwargs)


def counts(result: dict[str, Any], variant: str) -> dict[str, int]:
    """``by_category`` of one variant."""
    by: dict[str, int] = result["variants"][variant]["by_category"]
    return by


def cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m ledger …`` in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "ledger", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        check=False,
        timeout=300,
    )
