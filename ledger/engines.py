"""The engines that run the counting SQL: DuckDB in the process (default) or a Spark session.

Both take Arrow tables in, run the same SQL text of ``ledger.rules`` and hand small result
sets back as tuples. Each works in a private temporary folder of the run (DuckDB spills
there, Spark keeps its Parquet copies of the inputs there); the caller removes it.
"""

from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from ledger.errors import LedgerError
from ledger.rules import DIALECTS, Dialect

__all__ = ["ENGINES", "DuckDBEngine", "Engine", "SparkEngine", "open_engine"]

ENGINES = ("duckdb", "spark")
"""The ``--engine`` choices."""


class Engine(Protocol):
    """What the counting needs from an engine."""

    dialect: Dialect

    def register(self, name: str, table: pa.Table) -> None:
        """Make an Arrow table queryable under ``name``."""

    def register_parquet(self, name: str, path: Path, columns: dict[str, str]) -> None:
        """Read a Parquet file natively as ``name``: ``line`` (row index + 1) and role → column as text."""

    def unregister(self, name: str) -> None:
        """Forget a table given to ``register`` (after the queries that read it)."""

    def reserve(self, nbytes: int) -> None:
        """Leave ``nbytes`` of the memory budget to tables held outside the engine (0: none)."""

    def view(self, name: str, sql: str) -> None:
        """Name a query (evaluated where used)."""

    def materialize(self, name: str, sql: str) -> None:
        """Compute a query once and keep its result under ``name``."""

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """The result rows of a query (small results only)."""

    def close(self) -> None:
        """Release the engine's resources."""


def _megabytes(text: str) -> int:
    """``1536MB`` / ``2GB`` / ``800MiB`` → bytes (default unit MB)."""
    units = {"gib": 2**30, "gb": 2**30, "g": 2**30, "mib": 2**20, "mb": 2**20, "m": 2**20}
    value = text.strip().lower()
    for unit, size in units.items():
        if value.endswith(unit):
            return int(Decimal(value[: -len(unit)]) * size)
    return int(value) * 2**20


class DuckDBEngine:
    """DuckDB in the process; Arrow tables are scanned in place, spills go to ``workdir``.

    DuckDB's memory is capped at ``LEDGER_MEMORY_LIMIT`` (default 1536MB): beyond it the
    work spills to the private temporary folder instead of growing.
    """

    def __init__(self, workdir: Path, *, threads: int | None = None) -> None:
        import duckdb  # noqa: PLC0415 (the engine is chosen at run time)

        self.dialect = DIALECTS["duckdb"]
        self._budget = _megabytes(os.environ.get("LEDGER_MEMORY_LIMIT", "1536MB"))
        config: dict[str, Any] = {
            "temp_directory": str(workdir / "duckdb"),
            "memory_limit": f"{self._budget // 2**20}MB",
            "preserve_insertion_order": False,
            "enable_external_access": True,
        }
        if threads is not None:
            config["threads"] = threads
        self._con = duckdb.connect(":memory:", config=config)
        self._tables: dict[str, pa.Table] = {}
        self.timings: list[tuple[str, float]] = []
        """Seconds per materialised table or query, in order (numbers and SQL heads only)."""

    def register(self, name: str, table: pa.Table) -> None:
        """Scan the Arrow table in place (no copy)."""
        self._tables[name] = table
        self._con.register(name, table)

    def reserve(self, nbytes: int) -> None:
        """Lower DuckDB's limit by ``nbytes`` (Arrow tables it scans in place), to a floor of 256 MiB."""
        limit = max(256 * 2**20, self._budget - nbytes)
        self._con.execute(f"SET memory_limit = '{limit // 2**20}MB'")

    def unregister(self, name: str) -> None:
        """Drop the view over the Arrow table and the reference to it."""
        self._con.unregister(name)
        self._tables.pop(name, None)

    def register_parquet(self, name: str, path: Path, columns: dict[str, str]) -> None:
        """``read_parquet`` with ``file_row_number``; cells cast to text, NULL as empty."""
        d = self.dialect
        cells = ", ".join(
            f"coalesce(CAST({d.identifier(column)} AS VARCHAR), '') AS {role}"
            for role, column in columns.items()
        )
        self._con.execute(
            f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT file_row_number + 1 AS line, {cells}"
            f" FROM read_parquet({d.literal(str(path))}, file_row_number = true)"
        )

    def view(self, name: str, sql: str) -> None:
        """A temporary view."""
        self._con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")

    def materialize(self, name: str, sql: str) -> None:
        """A temporary table."""
        started = time.perf_counter()
        self._con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
        self.timings.append((name, time.perf_counter() - started))

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Fetch all rows."""
        started = time.perf_counter()
        found = self._con.execute(sql).fetchall()
        self.timings.append((sql.strip().split("\n")[0][:60], time.perf_counter() - started))
        return found

    def close(self) -> None:
        """Close the connection (its temporary files go with it)."""
        self._con.close()
        self._tables.clear()


class SparkEngine:
    """A Spark session (local by default); inputs reach it as Parquet in ``workdir``.

    The session is the caller's (``session``), else the active one, else a new local one
    (``master``, default ``local[*]``) whose scratch folder is inside ``workdir``. To run on
    a cluster, start the session there first (``spark-submit`` or ``SparkSession.builder``)
    and call the ledger from it. ANSI mode is switched off for the
    session so that a malformed value yields NULL rather than an error, as in DuckDB.
    """

    def __init__(
        self,
        workdir: Path,
        *,
        master: str | None = None,
        session: Any = None,
        threads: int | None = None,
    ) -> None:
        try:
            from pyspark.sql import SparkSession  # noqa: PLC0415
        except ImportError:
            raise LedgerError(
                "engine_unavailable",
                "the Spark engine needs PySpark: pip install 'pi-severity[spark]' (and Java 17)",
                "Spark 引擎需要 PySpark：pip install 'pi-severity[spark]'（以及 Java 17）",
            ) from None
        self.dialect = DIALECTS["spark"]
        self._workdir = workdir / "spark"
        self._workdir.mkdir(parents=True, exist_ok=True)
        if session is None:
            session = SparkSession.getActiveSession()
        if session is None:
            cores = "*" if threads is None else str(threads)
            session = (
                SparkSession.builder.master(master or f"local[{cores}]")
                .appName("ledger")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.local.dir", str(self._workdir / "local"))
                .config(
                    "spark.sql.shuffle.partitions", os.environ.get("LEDGER_SPARK_PARTITIONS", "8")
                )
                .getOrCreate()
            )
        self._spark = session
        self._spark.conf.set("spark.sql.ansi.enabled", "false")
        self._cached: list[str] = []
        self.timings: list[tuple[str, float]] = []
        """Seconds per materialised table or query, in order (numbers and SQL heads only)."""

    def register(self, name: str, table: pa.Table) -> None:
        """Write the table as Parquet in the private folder and read it as a temporary view."""
        path = self._workdir / f"{name}.parquet"
        pq.write_table(table, path)
        self._spark.read.parquet(str(path)).createOrReplaceTempView(name)

    def reserve(self, nbytes: int) -> None:
        """Nothing to do: the Spark session has its own memory settings."""

    def unregister(self, name: str) -> None:
        """Nothing to free: Spark reads its own Parquet copy."""

    def register_parquet(self, name: str, path: Path, columns: dict[str, str]) -> None:
        """``spark.read.parquet`` with ``_metadata.row_index``; cells cast to text, NULL as empty."""
        from pyspark.sql import functions as f  # noqa: PLC0415

        frame = self._spark.read.parquet(str(path))
        frame.select(
            (f.col("_metadata.row_index") + 1).alias("line"),
            *(
                f.coalesce(f.col(f"`{column}`").cast("string"), f.lit("")).alias(role)
                for role, column in columns.items()
            ),
        ).createOrReplaceTempView(name)

    def view(self, name: str, sql: str) -> None:
        """A temporary view."""
        self._spark.sql(sql).createOrReplaceTempView(name)

    def materialize(self, name: str, sql: str) -> None:
        """A cached temporary view, computed now (``CACHE TABLE``)."""
        started = time.perf_counter()
        self._spark.sql(f"CACHE TABLE {name} AS {sql}")
        self.timings.append((name, time.perf_counter() - started))
        self._cached.append(name)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Collect all rows."""
        started = time.perf_counter()
        found = [tuple(r) for r in self._spark.sql(sql).collect()]
        self.timings.append((sql.strip().split("\n")[0][:60], time.perf_counter() - started))
        return found

    def close(self) -> None:
        """Drop the cached tables and the views of this run; the session stays for its owner."""
        for name in self._cached:
            self._spark.sql(f"UNCACHE TABLE IF EXISTS {name}")
        self._spark.catalog.clearCache()
        for table in self._spark.catalog.listTables():
            if table.isTemporary:
                self._spark.catalog.dropTempView(table.name)


def open_engine(
    name: str, workdir: Path, *, threads: int | None = None, spark: Any = None
) -> Engine:
    """The engine called ``name`` (``duckdb`` or ``spark``) working in ``workdir``."""
    if name == "duckdb":
        return DuckDBEngine(workdir, threads=threads)
    if name == "spark":
        return SparkEngine(workdir, session=spark, threads=threads)
    raise LedgerError(
        "unknown_engine",
        f"unknown engine {name!r}; allowed: {', '.join(ENGINES)}",
        f"未知的引擎 {name!r}；可选：{', '.join(ENGINES)}",
    )
