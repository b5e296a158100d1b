"""L6 privacy: planted identifiers, phones and names never leave the process in any output.

The markers are planted in every identifier column and as recipients; the run's standard
output, standard error (with the progress line), ``--out`` file, Python log records and
the temporary folder it was given are searched for each marker in every form the ledger
could write it (as written, normalised, the 17-digit body, the 11 digits).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ledger import LedgerError, count, load_mapping
from tests.ledger.helpers import ROOT, id18, write_csv, write_mapping

VALID_ID = id18(777, birth="19770707")
BAD_ID = VALID_ID[:-1] + ("1" if VALID_ID[-1] == "0" else "0")
LEGACY_ID = VALID_ID[:6] + VALID_ID[8:17]
PHONE = "13977777777"
NAME = "马可波罗买家"
PLATE = "京Z77777"
MARKERS = (VALID_ID, BAD_ID, LEGACY_ID, VALID_ID[:17], PHONE, NAME, PLATE, "Z77777")


def plant(folder: Path) -> Path:
    """An evidence set that holds every marker, in full-width and prefixed forms too."""
    wide = "".join(chr(ord(c) + 0xFEE0) for c in VALID_ID)
    write_csv(
        folder / "dump.csv",
        ["id", "tel", "plate", "kind", "buyer"],
        [
            [VALID_ID, PHONE, PLATE, "行踪", NAME],
            [wide, "", "", "行踪", NAME + " "],
            [BAD_ID, "+86" + PHONE, "", "住宿", NAME],
            [LEGACY_ID, "", "", "住宿", ""],
            [BAD_ID, "", "", "行踪", ""],
            ["", "", PLATE, "其他", NAME],
        ],
    )
    return write_mapping(
        folder,
        {
            "path": "dump.csv",
            "id_number": "id",
            "phone": "tel",
            "person_key": "plate",
            "category_column": "kind",
            "recipient_column": "buyer",
            "category_labels": {"行踪": "whereabouts", "住宿": "accommodation", "其他": "general"},
        },
        aliases={"周某": ["小周"]},
    )


def leaks(text: str) -> list[str]:
    """The markers found in ``text``."""
    return [m for m in MARKERS if m in text]


def files_holding_markers(folder: Path) -> list[str]:
    """Files under ``folder`` whose bytes hold a marker (UTF-8 or GB18030)."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(m.encode() in data or m.encode("gb18030") in data for m in MARKERS):
                found.append(str(path))
    return found


def run_cli(*args: str | Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process whose temporary folder is ``tmp``."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.run(
        [sys.executable, "-m", "ledger", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
        timeout=300,
    )


def test_l6_no_marker_in_stdout_stderr_out_or_temporary_files(tmp_path: Path) -> None:
    """A full run with ``--assess --progress``: no marker anywhere it writes, nothing left behind."""
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    mapping = plant(evidence)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = tmp_path / "out.json"
    done = run_cli(
        "count", mapping, "--assess", "--progress", "--conduct-date", "2024-06-01", tmp=scratch
    )
    assert done.returncode == 0, done.stderr
    assert leaks(done.stdout) == []
    assert leaks(done.stderr) == []
    assert "lines read" in done.stderr
    result = json.loads(done.stdout)
    assert result["variants"]["persons"]["by_category"] == {
        "whereabouts": 1,
        "accommodation": 2,
        "general": 1,
    }
    done = run_cli("count", mapping, "--out", out, "--conduct-date", "2024-06-01", tmp=scratch)
    assert done.returncode == 0, done.stderr
    assert leaks(out.read_text(encoding="utf-8")) == []
    assert list(scratch.iterdir()) == []


def test_l6_no_marker_in_log_records(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """In the process, at DEBUG level, no log record carries a marker."""
    mapping = plant(tmp_path)
    with caplog.at_level(logging.DEBUG):
        result = count(load_mapping([mapping]), key=b"k", seed=3)
    assert leaks(json.dumps(result, ensure_ascii=False)) == []
    assert leaks("\n".join(r.getMessage() for r in caplog.records)) == []


def test_l6_sample_persons_are_keyed_digests(tmp_path: Path) -> None:
    """Review-sample persons are HMAC digests: the same key gives the same digest, another key another."""
    mapping = plant(tmp_path)
    spec = load_mapping([mapping])
    first = count(spec, key=b"a")["report"]["review"]["whereabouts"]["sample"]
    again = count(spec, key=b"a")["report"]["review"]["whereabouts"]["sample"]
    other = count(spec, key=b"b")["report"]["review"]["whereabouts"]["sample"]
    assert first == again
    assert [s["person"] for s in first] != [s["person"] for s in other]
    assert all(len(s["person"]) == 64 for s in first)


@pytest.mark.parametrize(
    "content",
    [
        f"id,buyer\n{VALID_ID},{NAME},{PHONE}\n",
        f"id,buyer\n{VALID_ID},{NAME}\n\xff{PHONE}\n",
    ],
    ids=["extra_cell", "bad_utf8"],
)
def test_l6_errors_never_quote_a_cell(tmp_path: Path, content: str) -> None:
    """An unreadable row stops the run with a message that names the file, never its cells."""
    path = tmp_path / "dump.csv"
    path.write_bytes(content.encode("utf-8", errors="surrogateescape"))
    mapping = write_mapping(
        tmp_path,
        {"path": "dump.csv", "id_number": "id", "recipient_column": "buyer", "category": "general"},
    )
    with pytest.raises(LedgerError) as info:
        count(load_mapping([mapping]))
    assert "dump.csv" in info.value.text()
    assert leaks(json.dumps(info.value.as_dict(), ensure_ascii=False)) == []
    done = run_cli("count", mapping, tmp=tmp_path)
    assert done.returncode == 1
    assert leaks(done.stderr + done.stdout) == []
