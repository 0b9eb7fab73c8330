"""What reading one row yields: the record, or the errors that name row, column and reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tousu.analysis.records import ComplaintRecord
from tousu.intake.messages import parts

#: The source's own form of a row, as ``write_rejects`` writes it back: the raw bytes of a CSV
#: record or JSON line (line endings included), or the cell values of a worksheet row.
RawRow = bytes | tuple[Any, ...]

_VALUE_SHOWN = 60


@dataclass(frozen=True, slots=True)
class RowError:
    """Why one row (or one cell) cannot be imported.

    ``row`` is the number a person sees in the file (see :class:`ReadRow`); ``column`` is the
    file's own header text, or ``None`` when the whole row is at fault; ``reason`` is
    ``"中文 / English"``.
    """

    row: int
    column: str | None
    value: str | None
    reason: str

    @classmethod
    def of(cls, row: int, column: str | None, value: object, key: str, **values: object) -> RowError:
        """A row error from catalogue message ``key``; ``value`` is shown (shortened) in the reason."""
        shown = None if value is None else str(value)
        if shown is not None and len(shown) > _VALUE_SHOWN:
            shown = shown[: _VALUE_SHOWN - 1] + "…"
        zh, en = parts(key, value=shown, **values)
        return cls(row=row, column=column, value=None if value is None else str(value), reason=f"{zh} / {en}")

    def message(self) -> str:
        """One line, Chinese first: ``第 12 行，列「受理时间」：… / row 12, column 受理时间: …``."""
        zh, _, en = self.reason.rpartition(" / ")
        if not zh:
            zh = en
        if self.column is None:
            return f"第 {self.row} 行：{zh} / row {self.row}: {en}"
        return f"第 {self.row} 行，列「{self.column}」：{zh} / row {self.row}, column {self.column}: {en}"


@dataclass(frozen=True, slots=True)
class ReadRow:
    """One data row of a complaint file, read and validated.

    ``row`` counts as a person does in the file: for CSV and XLSX it is the spreadsheet row number,
    the header line included (the first data row under a one-line header is row 2; a quoted field
    spanning several physical lines is still one row); for JSON Lines it is the 1-based line number.
    ``record`` is ``None`` exactly when ``errors`` is not empty.
    """

    row: int
    record: ComplaintRecord | None
    errors: tuple[RowError, ...]
    raw: RawRow

    @property
    def ok(self) -> bool:
        """True when the row became a record."""
        return not self.errors
