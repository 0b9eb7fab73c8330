"""Writing complaint files: rejected rows back in their source's own form, and register exports."""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache, partial
from importlib import resources
from pathlib import Path

from tousu.analysis.records import CANONICAL_COLUMNS, ComplaintRecord
from tousu.intake.dates import DEFAULT_TIMEZONE, zone
from tousu.intake.readers import ComplaintFile, CsvComplaints, JsonLinesComplaints, XlsxComplaints
from tousu.intake.rows import ReadRow

EXPORT_COLUMNS: tuple[str, ...] = (*CANONICAL_COLUMNS, "channel_raw")


def write_rejects(path: Path, source: ComplaintFile, rows: Sequence[ReadRow]) -> int:
    """Write ``rows`` of ``source`` to ``path`` untouched: the same bytes (CSV, JSON Lines) or cells (XLSX).

    A CSV rejects file starts with the source's own header line, so it can be fixed and imported again.
    Returns the number of rows written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, CsvComplaints):
        with path.open("wb") as handle:
            handle.write(_ended(source.header_raw))
            for row in rows:
                handle.write(_ended(row.raw) if row is not rows[-1] else row.raw)  # type: ignore[arg-type]
    elif isinstance(source, JsonLinesComplaints):
        with path.open("wb") as handle:
            for row in rows:
                handle.write(_ended(row.raw))  # type: ignore[arg-type]
    elif isinstance(source, XlsxComplaints):
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(source.sheet_name or "Sheet1")
        sheet.append(list(source.header_cells))
        for row in rows:
            sheet.append(list(row.raw))
        book.save(path)
    else:
        raise TypeError(f"cannot write rejects of {type(source).__name__}")
    return len(rows)


def _ended(raw: bytes) -> bytes:
    return raw if raw.endswith(b"\n") else raw + b"\r\n"


@cache
def export_headers() -> dict[str, str]:
    """The Chinese header written for each column: the first Chinese synonym in headers.toml."""
    data = tomllib.loads(resources.files("tousu.intake").joinpath("headers.toml").read_text("utf-8"))
    headers = {}
    for column in EXPORT_COLUMNS:
        names = data["columns"].get(column, [])
        headers[column] = next((n for n in names if not n.isascii()), column)
    return headers


def write_complaints(
    path: Path,
    records: Iterable[ComplaintRecord],
    timezone: str = DEFAULT_TIMEZONE,
    extra_columns: Sequence[str] = (),
) -> int:
    """Write records as CSV (UTF-8 with BOM, which Excel opens) or XLSX, by the file's extension.

    Headers are the interchange format's Chinese ones, then ``extra_columns`` (attributes kept from the
    institution's files) under their own headers, so the file imports again with nothing lost; times are
    written in ``timezone``. Returns the number of records written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    headers = export_headers()
    titles = [headers[c] for c in EXPORT_COLUMNS] + list(extra_columns)
    cells = partial(_cells, timezone=timezone, extra_columns=tuple(extra_columns))
    if path.suffix.lower() == ".xlsx":
        return _write_xlsx(path, titles, map(cells, records))
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(titles)
        for row in map(cells, records):
            writer.writerow(["" if v is None else v for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, titles: list[str], rows: Iterable[list[object]]) -> int:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    try:
        sheet = book.add_worksheet("投诉 complaints")
        bold = book.add_format({"bold": True})
        sheet.write_row(0, 0, titles, bold)
        count = 0
        for count, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(count, column, value)
                else:
                    sheet.write(count, column, value)
    finally:
        book.close()
    return count


def _cells(record: ComplaintRecord, timezone: str, extra_columns: tuple[str, ...]) -> list[object]:
    cells: list[object] = []
    for value in [getattr(record, column) for column in EXPORT_COLUMNS] + [record.extra.get(c) for c in extra_columns]:
        if isinstance(value, datetime):
            value = value.astimezone(zone(timezone)).strftime("%Y-%m-%d %H:%M:%S")
        elif isinstance(value, bool):
            value = "是" if value else "否"
        cells.append(value)
    return cells
