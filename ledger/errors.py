"""The ledger's one error: what stopped a run, where, and what is allowed, in English and Chinese.

A ``LedgerError`` names the file, the column or the line and what is allowed, never a
value read from the evidence (L6): a message may quote a column name, a category label or
a setting of the mapping, because those are the caller's own words, not personal data.
"""

from __future__ import annotations

__all__ = ["LedgerError"]


class LedgerError(Exception):
    """A run that cannot go on: bad mapping, unreadable file, missing column, unknown label.

    ``code`` is a stable snake_case id (``missing_column``, ``unknown_category_label`` …);
    ``message`` is English and ``message_zh`` Chinese. Nothing has been counted or written
    when it is raised.
    """

    def __init__(
        self,
        code: str,
        message: str,
        message_zh: str,
        *,
        file: str | None = None,
        column: str | None = None,
        line: int | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.message_zh = message_zh
        self.file = file
        self.column = column
        self.line = line
        super().__init__(self.text())

    def _where(self, bare_line: str) -> str:
        if self.file is not None:
            return self.file + (f":{self.line}" if self.line is not None else "") + ": "
        if self.line is not None:
            return bare_line.format(self.line)
        return ""

    def text(self) -> str:
        """One line for a terminal: ``file:line: message``."""
        return self._where("line {}: ") + self.message

    def text_zh(self) -> str:
        """The same line in Chinese: ``file:line: message_zh``."""
        return self._where("第 {} 行: ") + self.message_zh

    def as_dict(self) -> dict[str, str | int | None]:
        """``{code, file, column, line, message, message_zh}`` for JSON answers."""
        return {
            "code": self.code,
            "file": self.file,
            "column": self.column,
            "line": self.line,
            "message": self.message,
            "message_zh": self.message_zh,
        }
