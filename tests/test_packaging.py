"""The package as a user installs it: into a new virtual environment, used from another folder.

One new virtual environment (made with this interpreter) gets ``pip install <repo>`` first:
the library alone, with no dependency, whose ``pi-severity`` command says which extra to
install. Then ``pip install '<repo>[api]'`` (pinned by ``constraints.txt``): the service,
started from an empty folder with ``python -m uvicorn --factory api.main:create_app`` and
with ``pi-severity serve``, answers ``/healthz``, ``/docs``, the page and an assessment,
every file it needs (licences, docs assets, the page, the examples) coming from the
installed package, not from this checkout. pip uses its own cache and indexes as
configured on the machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import case

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"

pytestmark = pytest.mark.packaging


def run(*args: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run a command with no ``PYTHONPATH`` (nothing of this checkout on the path)."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    """A free port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str, body: bytes | None = None) -> tuple[int, str, bytes]:
    """Status, content type and body of a GET (or a JSON POST when ``body`` is given)."""
    request = urllib.request.Request(url, data=body, method="POST" if body else "GET")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers["content-type"], response.read()


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment, outside this checkout."""
    where = tmp_path_factory.mktemp("venv") / "env"
    made = run(sys.executable, "-m", "venv", where, cwd=where.parent)
    assert made.returncode == 0, made.stderr
    return where


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder to run commands from."""
    return tmp_path_factory.mktemp("elsewhere")


@pytest.fixture(scope="module")
def library(venv: Path, elsewhere: Path) -> Path:
    """``pip install <repo>``: the library, no extras; the environment's python."""
    pip = run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", ROOT, cwd=elsewhere)
    assert pip.returncode == 0, pip.stderr
    return venv / "bin" / "python"


@pytest.fixture(scope="module")
def service(library: Path, elsewhere: Path) -> Path:
    """``pip install '<repo>[api]' -c constraints.txt`` on top; the environment's python."""
    target = f"{ROOT}[api]"
    pip = run(
        library,
        "-m",
        "pip",
        "install",
        "--quiet",
        target,
        "-c",
        ROOT / "constraints.txt",
        cwd=elsewhere,
    )
    assert pip.returncode == 0, pip.stderr
    return library


def test_the_library_installs_without_dependencies(library: Path, elsewhere: Path) -> None:
    """``pip install .`` brings only the package: the calculator works, FastAPI is absent."""
    script = (
        "import importlib.util, calculator\n"
        "from calculator import Case, Category, RecordRow, assess\n"
        "r = assess(Case(records=(RecordRow(category=Category.WHEREABOUTS, count=50),)))\n"
        "print(r.tier.value, importlib.util.find_spec('fastapi') is None, calculator.__file__)\n"
    )
    done = run(library, "-c", script, cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    tier, no_fastapi, where = done.stdout.split()
    assert (tier, no_fastapi) == ("serious", "True")
    assert str(ROOT) not in where
    listed = run(library, "-m", "pip", "list", "--format=json", cwd=elsewhere)
    names = {p["name"].lower() for p in json.loads(listed.stdout)}
    assert names - {"pip", "setuptools"} == {"pi-severity"}


def test_the_command_without_the_api_extra_says_what_to_install(
    library: Path, elsewhere: Path
) -> None:
    """``pi-severity assess`` with the library alone: exit 2, the extra named in both languages."""
    (elsewhere / "case.json").write_text(json.dumps(case()), encoding="utf-8")
    done = run(library.parent / "pi-severity", "assess", "case.json", cwd=elsewhere)
    assert done.returncode == 2
    assert "pip install 'pi-severity[api]'" in done.stderr
    assert "未安装" in done.stderr


@pytest.fixture(params=["uvicorn", "pi-severity serve"])
def served(request: pytest.FixtureRequest, service: Path, elsewhere: Path) -> Iterator[str]:
    """The installed service on a free port, started from the empty folder; its base URL."""
    port = str(free_port())
    if request.param == "uvicorn":
        command = [service, "-m", "uvicorn", "--factory", "api.main:create_app", "--port", port]
    else:
        command = [service.parent / "pi-severity", "serve", "--port", port]
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    process = subprocess.Popen(
        [str(c) for c in command],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            fetch(base + "/healthz")
            break
        except OSError:
            if process.poll() is not None:
                errors = process.stderr.read() if process.stderr else ""
                pytest.fail(f"{request.param} exited: {errors}")
            assert time.monotonic() < deadline, f"{request.param} did not start in 60 s"
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=20)
    if process.stderr is not None:
        process.stderr.close()


def test_the_installed_service_serves_docs_page_and_assessments(served: str) -> None:
    """From another folder: health, Swagger UI with its assets and examples, the page, a POST."""
    assert fetch(served + "/healthz")[:2] == (200, "application/json")
    status, kind, docs = fetch(served + "/docs")
    assert (status, kind.split(";")[0]) == (200, "text/html")
    assert b"swagger-ui" in docs
    assert fetch(served + "/docs-assets/swagger-ui-bundle.js")[0] == 200
    status, _, document = fetch(served + "/openapi.json")
    examples = json.loads(document)["paths"]["/v1/assessments"]["post"]["requestBody"]
    assert len(examples["content"]["application/json"]["examples"]) >= 8
    status, kind, page = fetch(served + "/")
    assert (status, kind.split(";")[0]) == (200, "text/html")
    assert "情节严重".encode() in page
    status, kind, body = fetch(served + "/v1/assessments", json.dumps(case()).encode())
    assert (status, kind) == (200, "application/json")
    assert json.loads(body)["tier"] == "serious"


def test_the_installed_command_assesses_a_file(service: Path, elsewhere: Path) -> None:
    """``pi-severity assess case.json`` prints the API's answer; bad input exits 1 with a problem."""
    (elsewhere / "case.json").write_text(json.dumps(case()), encoding="utf-8")
    done = run(service.parent / "pi-severity", "assess", "case.json", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["tier"] == "serious"
    (elsewhere / "bad.json").write_text('{"records": [{"category": "x"}]}', encoding="utf-8")
    bad = run(service.parent / "pi-severity", "assess", "bad.json", cwd=elsewhere)
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["status"] == 422
    assert "/records/0/category" in bad.stderr
