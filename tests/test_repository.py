"""The repository stands alone: nothing points outside it, and the README's links resolve.

A clone with nothing beside it must build, test and read: no tracked file refers to a
sibling ``shared`` folder, and every relative link in ``README.md`` names a file or folder
of the repository.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE = "../" + "shared"
"""The sibling folder the spec once lived in (written in two parts so this file is clean)."""

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
"""A Markdown inline link ``[text](target "title")``; images are matched apart."""
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.MULTILINE)


def tracked_files() -> list[Path]:
    """Every file git tracks, as paths in the checkout."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in listed.split("\0") if name]


def relative_targets(markdown: str) -> list[str]:
    """The link and image targets that are neither URLs, nor mail, nor in-page anchors."""
    targets = LINK.findall(markdown) + IMAGE.findall(markdown) + REFERENCE.findall(markdown)
    return [
        t
        for t in targets
        if not re.match(r"^[a-z][a-z0-9+.-]*:", t, re.IGNORECASE) and not t.startswith("#")
    ]


def test_the_scan_sees_the_repository() -> None:
    """The file list is the repository's (an empty list would prove nothing)."""
    names = {p.relative_to(ROOT).as_posix() for p in tracked_files()}
    assert {"README.md", "pyproject.toml", "docs/spec/LAW.md", "calculator/__init__.py"} <= names


def test_no_tracked_file_refers_to_a_sibling_shared_folder() -> None:
    """No file reads or links the sibling folder: the spec lives in ``docs/spec/``."""
    offenders = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        if OUTSIDE in text:
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_the_link_finder_finds_links_and_skips_urls() -> None:
    """Relative links (with anchors and titles) are found; URLs and in-page anchors are not."""
    sample = (
        '[a](docs/spec/API.md) [b](Makefile "make") [c](https://example.com) [d](#top) '
        "![e](img/x.png) <http://127.0.0.1:8000/>\n[f]: fixtures/README.md\n"
    )
    assert relative_targets(sample) == [
        "docs/spec/API.md",
        "Makefile",
        "img/x.png",
        "fixtures/README.md",
    ]


def test_every_relative_link_in_the_readme_resolves() -> None:
    """Each relative link in README.md names a file or folder of this repository."""
    targets = relative_targets((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(targets) >= 10, "the README links the files it names"
    missing = []
    for target in targets:
        path = (ROOT / unquote(target.split("#", 1)[0])).resolve()
        if not path.is_relative_to(ROOT) or not path.exists():
            missing.append(target)
    assert missing == []
