"""L1–L4 as one set of SQL text, run by DuckDB or Spark SQL; a small dialect table covers the differences.

The counting happens in set-based SQL, never in a Python loop per line:

1. ``lines``: every data line of every input, one ``UNION ALL`` branch per file, with its
   position ``pos`` (file number × 2^40 + line number), the raw cells of the mapped
   columns and the file-level settings as constants.
2. ID numbers are normalised (decision a) and validated (decision b) inline, line by line,
   with integer arithmetic on the 17-digit body; the other kinds (phone, declared key,
   recipient, category label) through one dictionary each, built over the *distinct* raw
   values only, giving a small integer code of the normalised value (for the
   exact-duplicates variant) and, when valid, the person code. Person codes are integers in
   one namespace (decision d): an ID number is its 17-digit body (0 … 10^17), a mobile
   number 10^17 + its 11 digits, a declared key 2·10^17 + a code of the key. The 15-digit
   form of an ID has the same body as its 18-digit form, so the two are one person.
3. ``lr``: a view of each line with its category code, person code, the reason it is
   invalid (0 when valid), and the codes the variants compare; never stored.
4. ``g``: one row per exact-distinct line (decision e) with its lines, first and last
   position, read in one pass over the lines; every count after starts from it.
5. ``rec``: one row per record (person × category, L1) with its lines, first position,
   distinct recipients (L3) and whether every line came from an in-duty file (decision i).

Categories travel as small integers (``CATEGORY_CODES``); reasons too (``REASONS``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from calculator import Category
from ledger.normalize import FULL_WIDTH, HALF_WIDTH, TRIMMED

__all__ = [
    "CATEGORY_CODES",
    "DIALECTS",
    "FILE_SHIFT",
    "ID_WEIGHTS",
    "KEY_BASE",
    "PHONE_BASE",
    "PHONE_PATTERN",
    "REASONS",
    "RECIPIENT_BITS",
    "SAMPLE_MODULUS",
    "Dialect",
    "FileColumns",
    "count_by_category_sql",
    "distinct_lines_sql",
    "first_invalid_groups_sql",
    "first_invalid_lines_sql",
    "first_merged_groups_sql",
    "first_merged_lines_sql",
    "key_dictionary_sql",
    "label_dictionary_sql",
    "lines_sql",
    "phone_dictionary_sql",
    "recipient_dictionary_sql",
    "records_sql",
    "resolved_lines_sql",
    "rows_sql",
    "sample_sql",
    "unknown_label_sql",
]

CATEGORY_CODES: Mapping[Category, int] = {c: i for i, c in enumerate(Category)}
"""Category → the small integer the SQL carries (the enum's order)."""

REASONS: Mapping[str, int] = {
    "valid": 0,
    "no_identifier": 1,
    "id_format": 2,
    "id_check_digit": 3,
    "id_birth_date": 4,
    "phone_format": 5,
}
"""Why a line is invalid (decision d), as the SQL codes it; 0 is a valid line."""

FILE_SHIFT = 1 << 40
"""``pos = file number × FILE_SHIFT + line number``: one integer orders lines across files."""

PHONE_BASE = 10**17
"""Person codes of mobile numbers start here (ID bodies are below 10^17)."""

KEY_BASE = 2 * 10**17
"""Person codes of declared keys start here."""

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
"""GB 11643-1999 / ISO 7064 MOD 11-2 weights of the first 17 characters."""

ID_CHECK = "10X98765432"
"""The check character for ``Σ weight × digit mod 11`` = 0, 1, 2 …"""

ID_PATTERN = "[0-9]{17}[0-9Xx]"
"""Decision b: the form of an 18-character ID number (anchored by ``Dialect.matches``)."""

PHONE_PATTERN = "^(?:[+]86|0086|86)?(1[3-9][0-9]{9})$"
"""Decision c, written without backslashes so both engines read the literal alike."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Dialect:
    """Where DuckDB and Spark SQL differ: literals, string type, byte length, trim, integer division, row ids."""

    name: str
    string_type: str
    byte_length: str
    trim_function: str
    int_div_operator: str
    row_id: str
    backslash_escapes: bool

    def literal(self, value: str) -> str:
        """A SQL string literal for ``value``."""
        text = value.replace("\\", "\\\\") if self.backslash_escapes else value
        return "'" + text.replace("'", "''") + "'"

    def identifier(self, name: str) -> str:
        """A quoted column name."""
        if self.name == "duckdb":
            return '"' + name.replace('"', '""') + '"'
        return "`" + name.replace("`", "``") + "`"

    def shift_left(self, value: str, bits: str) -> str:
        """``value`` shifted left by ``bits``."""
        if self.name == "duckdb":
            return f"({value} << {bits})"
        return f"shiftleft({value}, {bits})"

    def int_div(self, a: str, b: str) -> str:
        """Integer division ``a`` by ``b``, rounded toward zero (non-negative operands here)."""
        return f"({a} {self.int_div_operator} {b})"

    def trim(self, expr: str, chars: str = TRIMMED) -> str:
        """``expr`` with ``chars`` removed from both ends."""
        return f"{self.trim_function}({expr}, {self.literal(chars)})"

    def normalize(self, expr: str) -> str:
        """Decision a: full-width → ASCII, U+3000 → space, then trimmed.

        An all-ASCII value (as many bytes as characters) that starts and ends with a
        printable character is already normal and is passed as it is; only the others go
        through ``translate`` and ``trim``.
        """
        translated = f"translate({expr}, {self.literal(FULL_WIDTH)}, {self.literal(HALF_WIDTH)})"
        return (
            f"CASE WHEN {self.byte_length}({expr}) = length({expr})"
            f" AND ascii({expr}) > 32 AND ascii(right({expr}, 1)) > 32 THEN {expr}"
            f" ELSE {self.trim(translated)} END"
        )

    def matches(self, expr: str, pattern: str) -> str:
        """True when the whole of ``expr`` matches ``pattern`` (no anchors in ``pattern``)."""
        if self.name == "duckdb":
            return f"regexp_full_match({expr}, {self.literal(pattern)})"
        return f"({expr} RLIKE {self.literal('^' + pattern + '$')})"


DIALECTS: Mapping[str, Dialect] = {
    "duckdb": Dialect(
        name="duckdb",
        string_type="VARCHAR",
        byte_length="strlen",
        trim_function="trim",
        int_div_operator="//",
        row_id="row_number() OVER ()",
        backslash_escapes=False,
    ),
    "spark": Dialect(
        name="spark",
        string_type="STRING",
        byte_length="octet_length",
        trim_function="btrim",
        int_div_operator="div",
        row_id="(monotonically_increasing_id() + 1)",
        backslash_escapes=True,
    ),
}


@dataclass(frozen=True, kw_only=True, slots=True)
class FileColumns:
    """What the ``lines`` branch of one file needs: its table, mapped roles, constants."""

    index: int
    table: str
    roles: frozenset[str]
    category: int | None
    recipient: str | None
    obtained_in_duty: bool


def lines_sql(d: Dialect, files: Sequence[FileColumns]) -> str:
    """Every data line of every file, with ``pos``, raw cells and the file's settings."""
    branches = []
    null = f"CAST(NULL AS {d.string_type})"
    for f in files:
        role = {r: (r if r in f.roles else null) for r in ("id", "phone", "key", "category")}
        if "recipient" in f.roles:
            recipient = "recipient"
        elif f.recipient is not None:
            recipient = d.literal(f.recipient)
        else:
            recipient = null
        category = "CAST(NULL AS INTEGER)" if f.category is None else str(f.category)
        branches.append(
            f"SELECT CAST({f.index} AS INTEGER) AS file_no,"
            f" CAST(line AS BIGINT) + {f.index * FILE_SHIFT} AS pos,"
            f" {role['id']} AS id_raw, {role['phone']} AS phone_raw, {role['key']} AS key_raw,"
            f" {role['category']} AS cat_raw, {category} AS cat_fixed,"
            f" {recipient} AS rcp_raw, {'TRUE' if f.obtained_in_duty else 'FALSE'} AS duty"
            f" FROM {f.table}"
        )
    return "\nUNION ALL\n".join(branches)


def label_dictionary_sql(d: Dialect) -> str:
    """Each distinct (file, raw label) with its category code, or NULL when the label is unknown.

    Decision a: labels are trimmed only and must equal a key of ``category_labels``.
    """
    return (
        "SELECT r.file_no, r.cat_raw, m.code FROM"
        " (SELECT DISTINCT file_no, cat_raw FROM lines WHERE cat_raw IS NOT NULL) r"
        f" LEFT JOIN labels m ON m.file_no = r.file_no AND m.label = {d.trim('r.cat_raw')}"
    )


def unknown_label_sql(d: Dialect) -> str:
    """The first line (by position) whose label is not in its file's ``category_labels``."""
    return (
        f"SELECT l.file_no, l.pos, {d.trim('l.cat_raw')} FROM lines l JOIN d_cat c"
        " ON c.file_no = l.file_no AND c.cat_raw = l.cat_raw"
        " WHERE c.code IS NULL ORDER BY l.pos LIMIT 1"
    )


def _id_checks_sql(d: Dialect, source: str, conduct: int) -> str:
    """Decisions a and b, inline on every row of ``source`` (a query with the raw ID ``id_raw``).

    An 18-character value is 17 digits and a check character (digit, ``x`` or ``X``); it is
    valid when the MOD 11-2 check character is right (tested first: ``id_check_digit``) and
    characters 7–14 are a real date (year 1 or later) not after the conduct date
    (``id_birth_date``). A 15-digit value is valid when 19YYMMDD is a real date not after the
    conduct date; its body is the 18-digit form's (``19`` inserted after the 6th digit).
    Anything else is ``id_format``; an empty value has no reason (no identifier). ``conduct``
    is the conduct date as YYYYMMDD.

    The work is integer arithmetic on the 17-digit body (the birth date is its digits 7–14),
    row by row, with no dictionary and no join. A raw value of 18 bytes that already is 17
    digits and a check character is its own normal form (``f18``): it skips decision a's
    ``translate`` and ``trim`` and a second pattern match. The byte length keeps a value with
    a trailing line break, which Spark's ``$`` would let through, out of that path. Most
    such values are 18 digits with no leading zero: read as one integer (``r18``) whose
    decimal text is the value itself, which proves the form whatever else a cast to an
    integer accepts (signs, spaces, separators) and costs far less than the pattern match;
    only the others (a leading zero, ``X`` or ``x`` last, anything else) are matched. The
    body and the last digit then come from that integer by division, not from substrings,
    which DuckDB cuts character by character; only a value ending in ``X`` or ``x`` is cut.
    Measured with callgrind over a whole run on 1M lines of ``bench/ledger.py`` (Parquet,
    DuckDB, 1 thread): 10.43 G instructions before these steps, 7.91 G after. Adds ``id_nc`` (the code of an 18-character
    normalised value, ``body × 12 + last``, last: digit, 10 for ``X``, 11 for ``x``; exact),
    ``id_v`` (any other non-empty normalised value itself, compared as text), ``id_pc`` (the
    person, the body, when valid) and ``id_reason``.
    """
    div = d.int_div
    checksum = " + ".join(
        f"{w} * ({div('body', str(10 ** (17 - i)))} % 10)" if i < 17 else f"{w} * (body % 10)"
        for i, w in enumerate(ID_WEIGHTS, start=1)
    )
    leap = "((y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0)"
    days = (
        "CASE WHEN m IN (1, 3, 5, 7, 8, 10, 12) THEN 31 WHEN m IN (4, 6, 9, 11) THEN 30"
        f" WHEN {leap} THEN 29 ELSE 28 END"
    )
    return f"""
SELECT *,
  CASE WHEN ok18 THEN body * 12 + last END AS id_nc,
  CASE WHEN ok18 OR iv = '' THEN NULL ELSE iv END AS id_v,
  CASE WHEN id_reason = 0 THEN body END AS id_pc
FROM (
  SELECT *,
    CASE
      WHEN iv IS NULL OR iv = '' THEN NULL
      WHEN NOT (ok18 OR ok15) THEN {REASONS["id_format"]}
      WHEN ok18 AND (CASE WHEN last = 11 THEN 10 ELSE last END) <> (12 - s) % 11
        THEN {REASONS["id_check_digit"]}
      WHEN y < 1 OR m < 1 OR m > 12 OR dd < 1 OR dd > ({days})
        OR birth > {conduct} THEN {REASONS["id_birth_date"]}
      ELSE 0
    END AS id_reason
  FROM (
    SELECT *,
      {div("birth", "10000")} AS y, {div("birth", "100")} % 100 AS m, birth % 100 AS dd,
      CASE WHEN ok18 THEN ({checksum}) % 11 END AS s
    FROM (
      SELECT *, {div("body", "1000")} % 100000000 AS birth
      FROM (
        SELECT *,
          CASE WHEN v18 IS NOT NULL THEN {div("v18", "10")}
               WHEN ok18 THEN CAST(substr(iv, 1, 17) AS BIGINT)
               WHEN ok15 THEN CAST(substr(iv, 1, 6) || '19' || substr(iv, 7, 9) AS BIGINT) END AS body,
          CASE WHEN NOT ok18 THEN NULL WHEN v18 IS NOT NULL THEN v18 % 10
               WHEN substr(iv, 18, 1) = 'X' THEN 10 ELSE 11 END AS last
        FROM (
          SELECT *, CASE WHEN f18 THEN r18 WHEN ok18 THEN TRY_CAST(iv AS BIGINT) END AS v18
          FROM (
          SELECT *,
            CASE WHEN f18 THEN TRUE
                 WHEN length(iv) = 18 THEN {d.matches("iv", ID_PATTERN)} ELSE FALSE END AS ok18,
            CASE WHEN f18 THEN FALSE
                 WHEN length(iv) = 15 THEN {d.matches("iv", "[0-9]{15}")} ELSE FALSE END AS ok15
          FROM (
            SELECT *, CASE WHEN f18 THEN id_raw ELSE {d.normalize("id_raw")} END AS iv
            FROM (
              SELECT *,
                CASE WHEN r18 >= {10**17} AND CAST(r18 AS {d.string_type}) = id_raw THEN TRUE
                     WHEN b18 THEN {d.matches("id_raw", ID_PATTERN)}
                     ELSE FALSE END AS f18
              FROM (
                SELECT *, CASE WHEN b18 THEN TRY_CAST(id_raw AS BIGINT) END AS r18
                FROM (
                  SELECT *, {d.byte_length}(id_raw) = 18 AS b18
                  FROM ({source}) s0) s1) s2) s3) s4) s5) s6) s7) s8) s9) s10
"""


def phone_dictionary_sql(d: Dialect) -> str:
    """Decision c over the distinct raw mobile numbers: raw → (code, person, reason).

    Spaces and hyphens are removed after decision a, then the whole value must match
    ``PHONE_PATTERN``; the person is the 11 digits.
    """
    return f"""
WITH r AS (SELECT DISTINCT phone_raw FROM lines WHERE phone_raw IS NOT NULL AND phone_raw <> ''),
n AS (SELECT phone_raw, {d.normalize("phone_raw")} AS v FROM r),
u AS (SELECT v, {d.row_id} AS nc FROM (SELECT DISTINCT v FROM n WHERE v <> '') t),
k AS (
  SELECT v, nc,
    regexp_extract(replace(replace(v, ' ', ''), '-', ''), {d.literal(PHONE_PATTERN)}, 1) AS digits
  FROM u)
SELECT n.phone_raw AS raw, k.nc,
  CASE WHEN k.digits <> '' THEN {PHONE_BASE} + CAST(k.digits AS BIGINT) END AS pc,
  CASE WHEN k.digits <> '' THEN 0 ELSE {REASONS["phone_format"]} END AS reason
FROM n JOIN k ON n.v = k.v
"""


def key_dictionary_sql(d: Dialect) -> str:
    """Decision d's declared keys: every non-empty normalised value is valid; raw → (code, person)."""
    return f"""
WITH r AS (SELECT DISTINCT key_raw FROM lines WHERE key_raw IS NOT NULL AND key_raw <> ''),
n AS (SELECT key_raw, {d.normalize("key_raw")} AS v FROM r),
u AS (SELECT v, {d.row_id} AS nc FROM (SELECT DISTINCT v FROM n WHERE v <> '') t)
SELECT n.key_raw AS raw, u.nc, {KEY_BASE} + u.nc AS pc, u.v AS value
FROM n JOIN u ON n.v = u.v
"""


def recipient_dictionary_sql(d: Dialect) -> str:
    """Decision h: raw recipient → (code of the normalised name, code of the canonical name).

    The normalised name goes through the ``aliases`` table (alias → canonical, both
    normalised); an empty name is no recipient (no row here).
    """
    return f"""
WITH r AS (SELECT DISTINCT rcp_raw FROM lines WHERE rcp_raw IS NOT NULL AND rcp_raw <> ''),
n AS (SELECT rcp_raw, {d.normalize("rcp_raw")} AS v FROM r),
u AS (SELECT v, {d.row_id} AS nc FROM (SELECT DISTINCT v FROM n WHERE v <> '') t),
a AS (SELECT u.v, u.nc, coalesce(x.canonical, u.v) AS c FROM u LEFT JOIN aliases x ON x.alias = u.v),
cc AS (SELECT c, {d.row_id} AS rc FROM (SELECT DISTINCT c FROM a) t)
SELECT n.rcp_raw AS raw, a.nc, cc.rc
FROM n JOIN a ON n.v = a.v JOIN cc ON a.c = cc.c
"""


def resolved_lines_sql(d: Dialect, roles: frozenset[str], conduct: int) -> str:
    """Each line with its category code, person code, invalidity reason and comparison codes.

    Decision d: the person is the first valid of ID, phone, declared key; an invalid line's
    reason is that of its first non-empty identifier, ``no_identifier`` when all are empty.
    ID numbers are checked inline (``_id_checks_sql``, before the joins: DuckDB evaluates
    long expressions much faster on scanned rows than on a join's output); the other kinds
    through their dictionaries, of which only those of roles some file maps are joined.
    Meant as a view:
    the queries that read it stream over the lines without keeping them.
    """
    joins = []
    person = []
    reason = []
    code = {}
    inner = ["l.pos", "l.duty"]
    lines = "lines"
    if "id" in roles:
        lines = f"({_id_checks_sql(d, 'SELECT * FROM lines', conduct)})"
        inner += ["l.id_pc", "l.id_reason", "l.id_nc", "l.id_v"]
        person.append("id_pc")
        reason.append("WHEN id_reason IS NOT NULL THEN id_reason")
        code["id"] = "id_nc"
        code["id_v"] = "id_v"
    for role, table, alias in (("phone", "d_phone", "p"), ("key", "d_key", "k")):
        if role in roles:
            joins.append(f"LEFT JOIN {table} {alias} ON {alias}.raw = l.{role}_raw")
            inner.append(f"{alias}.pc AS {alias}_pc")
            person.append(f"{alias}_pc")
            if role != "key":
                inner.append(f"{alias}.reason AS {alias}_reason")
                reason.append(f"WHEN {alias}_reason IS NOT NULL THEN {alias}_reason")
            inner.append(f"coalesce({alias}.nc, 0) AS {_CODE_COLUMN[role]}")
            code[role] = _CODE_COLUMN[role]
    if "recipient" in roles:
        joins.append("LEFT JOIN d_rcp r ON r.raw = l.rcp_raw")
        inner.append("coalesce(r.nc, 0) AS rnc")
        inner.append("r.rc AS rc")
        code["recipient"] = "rnc"
        code["rc"] = "rc"
    if "category" in roles:
        joins.append("LEFT JOIN d_cat c ON c.file_no = l.file_no AND c.cat_raw = l.cat_raw")
        inner.append("coalesce(l.cat_fixed, c.code) AS cat_code")
    else:
        inner.append("l.cat_fixed AS cat_code")
    source = f"SELECT {', '.join(inner)} FROM {lines} l {' '.join(joins)}"
    who = person[0] if len(person) == 1 else f"coalesce({', '.join(person)})"
    codes = "".join(f", {expr} AS {_CODE_COLUMN[role]}" for role, expr in code.items())
    return f"""
SELECT pos, duty, CAST(cat_code AS TINYINT) AS cat, {who} AS person,
  CAST(CASE WHEN {who} IS NOT NULL THEN 0 {" ".join(reason)} ELSE {REASONS["no_identifier"]} END AS TINYINT) AS reason{codes}
FROM ({source}) t
"""


_CODE_COLUMN = {
    "id": "id_nc",
    "id_v": "id_v",
    "phone": "ph_nc",
    "key": "key_nc",
    "recipient": "rnc",
    "rc": "rc",
}


def distinct_lines_sql(roles: frozenset[str]) -> str:
    """Decision e: the exact-distinct lines, one row each with its lines and first position.

    Lines are equal when category, in-duty and the normalised codes of every mapped field
    are (an ID number that is not 18 characters is compared as its normalised text). Each
    row keeps its first and last position (with ``n`` ≤ 2 that is every line). Person,
    canonical recipient and reason follow from those codes, so grouping on them too changes
    no group (and is cheaper than aggregating them). Every later count starts from this
    table.
    """
    fields: list[str] = [r for r in ("id", "phone", "key", "recipient") if r in roles]
    if "id" in roles:
        fields.insert(1, "id_v")
    codes = "".join(f", {_CODE_COLUMN[r]}" for r in fields)
    rc = ", rc" if "recipient" in roles else ""
    return (
        f"SELECT cat, duty, reason, person{rc}, count(*) AS n, min(pos) AS first,"
        f" max(pos) AS last FROM lr GROUP BY cat, duty{codes}, reason, person{rc}"
    )


def count_by_category_sql() -> str:
    """Per (category, in duty, reason): lines (``as_seized``, the invalid funnel) and distinct lines."""
    return "SELECT cat, duty, reason, sum(n), count(*) FROM g GROUP BY cat, duty, reason"


RECIPIENT_BITS = 62
"""Up to this many distinct recipients, a record's are counted as bits of one integer."""


def records_sql(d: Dialect, roles: frozenset[str], *, recipient_bits: bool) -> str:
    """L1–L3: one row per record (category × person) of the valid lines.

    ``k`` = distinct non-empty recipients (decision h); ``duty`` true only when every line of
    the record is from an in-duty file (decision i). With ``recipient_bits`` (every
    recipient code is at most ``RECIPIENT_BITS``) the recipients of a record are OR-ed as
    bits and counted in the same aggregation; otherwise a first aggregation per recipient
    comes before the one per record.
    """
    if "recipient" not in roles:
        return (
            "SELECT cat, person, sum(n) AS n, min(first) AS first, CAST(0 AS BIGINT) AS k,"
            " bool_and(duty) AS duty FROM g WHERE reason = 0 GROUP BY cat, person"
        )
    if recipient_bits:
        return (
            "SELECT cat, person, sum(n) AS n, min(first) AS first,"
            f" coalesce(bit_count(bit_or({d.shift_left('CAST(1 AS BIGINT)', 'rc')})), 0) AS k,"
            " bool_and(duty) AS duty FROM g WHERE reason = 0 GROUP BY cat, person"
        )
    return (
        "SELECT cat, person, sum(n) AS n, min(first) AS first, count(rc) AS k,"
        " bool_and(duty) AS duty FROM"
        " (SELECT cat, person, rc, sum(n) AS n, min(first) AS first, bool_and(duty) AS duty"
        " FROM g WHERE reason = 0 GROUP BY cat, person, rc) t GROUP BY cat, person"
    )


def rows_sql() -> str:
    """L5: records per (category, k, in duty), with the lines merged into them."""
    return "SELECT cat, k, duty, count(*), sum(n) FROM rec GROUP BY cat, k, duty"


def first_invalid_lines_sql(limit: int) -> str:
    """The first ``limit`` positions of each (category, reason) of the invalid lines."""
    return (
        "SELECT cat, reason, pos FROM (SELECT cat, reason, pos,"
        " row_number() OVER (PARTITION BY cat, reason ORDER BY pos) AS rn"
        f" FROM lr WHERE reason > 0) t WHERE rn <= {limit}"
    )


def first_merged_lines_sql(limit: int) -> str:
    """The first ``limit`` positions per category of lines merged into an earlier line of their record."""
    return (
        "SELECT cat, pos FROM (SELECT l.cat, l.pos,"
        " row_number() OVER (PARTITION BY l.cat ORDER BY l.pos) AS rn"
        " FROM lr l JOIN rec r ON l.cat = r.cat AND l.person = r.person"
        f" WHERE l.reason = 0 AND r.n > 1 AND l.pos > r.first) t WHERE rn <= {limit}"
    )


def first_invalid_groups_sql(limit: int) -> str:
    """The first ``limit`` exact-distinct rows (by first position) of each (category, reason) of the invalid lines.

    Each with its first and last position and lines: enough to name the first invalid lines
    without going back to the lines in most cases (``ledger.count`` checks when it is).
    """
    return (
        "SELECT cat, reason, first, last, n FROM (SELECT cat, reason, first, last, n,"
        " row_number() OVER (PARTITION BY cat, reason ORDER BY first) AS rn"
        f" FROM g WHERE reason > 0) t WHERE rn <= {limit}"
    )


def first_merged_groups_sql(limit: int) -> str:
    """The first ``limit`` exact-distinct rows (by first position) per category holding merged lines.

    A merged line is a valid line of a record of several lines that is not the record's
    first; each row comes with its first and last position, lines and the record's first.
    """
    return (
        "SELECT cat, first, last, n, rfirst FROM (SELECT g.cat, g.first, g.last, g.n,"
        " r.first AS rfirst, row_number() OVER (PARTITION BY g.cat ORDER BY g.first) AS rn"
        " FROM g JOIN rec r ON g.cat = r.cat AND g.person = r.person"
        " WHERE g.reason = 0 AND r.n > 1 AND (g.n > 1 OR g.first > r.first)) t"
        f" WHERE rn <= {limit}"
    )


SAMPLE_MODULUS = 2_147_483_629
"""A prime below 2^31: the review sample's scores stay exact in 64-bit integers on any engine."""


def sample_sql(category: int, seed: int, size: int) -> str:
    """The review sample of one category: the ``size`` records with the lowest seeded score.

    The score of a record is ``(m² + c) mod P`` with ``m = ((first mod P) × a + b) mod P``
    and ``a``, ``b``, ``c`` drawn from the seed: integer arithmetic below 2^63 that both
    engines compute alike, so the same seed and
    evidence give the same records anywhere; ties (none in practice) go by first position.
    A top-N query, not a sort of the whole category.
    """
    half = SAMPLE_MODULUS // 2
    a = half + (seed * 7_919 + 104_729) % (half - 1)
    b = (seed * 15_485_863 + 32_452_843) % SAMPLE_MODULUS
    c = (seed * 49_979_687 + 86_028_121) % SAMPLE_MODULUS
    mixed = f"(((first % {SAMPLE_MODULUS}) * {a} + {b}) % {SAMPLE_MODULUS})"
    score = f"(({mixed} * {mixed} + {c}) % {SAMPLE_MODULUS})"
    return (
        f"SELECT cat, first, person FROM rec WHERE cat = {category}"
        f" ORDER BY {score}, first LIMIT {size}"
    )
