"""Shared fixtures of the ledger tests: one local Spark session for the whole test session."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A ``local[1]`` Spark session with a small JVM, started once; its scratch folder removed after."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 (only the Spark tests start Java)

    scratch = Path(tempfile.mkdtemp(prefix="ledger-spark-"))
    session = (
        SparkSession.builder.master("local[1]")
        .appName("ledger-tests")
        .config("spark.driver.memory", "512m")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.local.dir", str(scratch))
        .config("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -Xss4m")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        shutil.rmtree(scratch, ignore_errors=True)
