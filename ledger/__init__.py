"""The counting ledger: from seized record-level data to Art. 11 counts a court can check.

``load_mapping`` validates the mapping files (COUNTING.md L7); ``count`` reads the inputs
once, applies L1–L4 as set-based SQL on DuckDB (default) or Spark, assesses each variant
with the calculator and returns the JSON of L7, the report of L6 included. ``LedgerError``
is the one error, naming file, column or line and what is allowed. Needs the extra
``pip install 'pi-severity[ledger]'`` (``[spark]`` for Spark).
"""

from ledger.errors import LedgerError
from ledger.mapping import FileSpec, Format, LedgerSpec, load_mapping

try:
    from ledger.count import Progress, count
except ModuleNotFoundError as missing:  # pragma: no cover (the extra is installed in tests)
    if missing.name not in {"duckdb", "pyarrow", "openpyxl"}:
        raise
    raise ModuleNotFoundError(
        f"the ledger needs its extra ({missing.name} is missing): "
        "pip install 'pi-severity[ledger]' / 账本需要安装扩展：pip install 'pi-severity[ledger]'",
        name=missing.name,
    ) from None

__all__ = [
    "FileSpec",
    "Format",
    "LedgerError",
    "LedgerSpec",
    "Progress",
    "count",
    "load_mapping",
]
