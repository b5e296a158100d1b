# The CL253-1 severity service: uvicorn serving api.main:create_app on port 8000.
#   docker build -t pi-severity .
#   docker run --rm -p 127.0.0.1:8000:8000 pi-severity
# Nothing is fetched at run time: the dependencies are installed in the build stage and the
# docs assets (Swagger UI, ReDoc) ship inside the fastapi-offline package.

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
COPY requirements.txt constraints.txt /tmp/
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install -r /tmp/requirements.txt -c /tmp/constraints.txt

FROM python:3.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv
COPY api/ api/
COPY calculator/ calculator/
COPY fixtures/examples/ fixtures/examples/
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["uvicorn", "--factory", "api.main:create_app", "--host", "0.0.0.0", "--port", "8000", "--workers", "1", "--no-access-log"]
