# The CL253-1 severity service: `pi-severity serve` (uvicorn with the service's HTTP limits)
# on port 8000.
#   docker build -t pi-severity .              or   buildah bud --format docker -t pi-severity .
#   docker run --rm -p 127.0.0.1:8000:8000 pi-severity
# The package is installed with its `api` extra (pyproject.toml, pinned by constraints.txt)
# in the build stage; nothing is fetched at run time: the docs assets ship inside the
# fastapi-offline package, the licences and the examples inside this one. HEALTHCHECK is
# Docker's own: build with `--format docker` under buildah or podman (OCI images drop it).

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY calculator/ calculator/
COPY api/ api/
COPY ledger/ ledger/
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install '.[api]' -c constraints.txt

FROM python:3.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["pi-severity", "serve", "--host", "0.0.0.0", "--port", "8000"]
