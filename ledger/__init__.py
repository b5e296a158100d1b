"""The counting ledger: from seized record-level data to Art. 11 counts a court can check.

``load_mapping`` validates the mapping files (COUNTING.md L7); ``count`` reads the inputs
once, applies L1–L4 as set-based SQL on DuckDB (default) or Spark, assesses each variant
with the calculator and returns the JSON of L7, the report of L6 included. ``LedgerError``
is the one error, naming file, column or line and what is allowed. Needs the extra
``pip install 'pi-severity[ledger]'`` (``[spark]`` for Spark).
"""

from ledger.count import Progress, count
from ledger.errors import LedgerError
from ledger.mapping import FileSpec, Format, LedgerSpec, load_mapping

__all__ = [
    "FileSpec",
    "Format",
    "LedgerError",
    "LedgerSpec",
    "Progress",
    "count",
    "load_mapping",
]
