"""Opening a complaint file (CSV, XLSX, JSON Lines) and reading it row by row, streamed.

Every row keeps its raw form (the bytes of a CSV record or JSON line, the cells of a worksheet row) so
that rejected rows can be written back untouched.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from charset_normalizer import from_bytes

from tousu.intake.channels import default_channel_rules
from tousu.intake.dates import EXCEL_EPOCH
from tousu.intake.errors import UnreadableFile
from tousu.intake.headers import default_synonyms, unique_headers
from tousu.intake.mapping import ColumnMapping
from tousu.intake.messages import text
from tousu.intake.plan import ColumnPlan, plan_columns
from tousu.intake.rows import ReadRow, RowError
from tousu.intake.validate import RowReader

FORMATS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
_SAMPLE_BYTES = 1 << 20
_DELIMITERS = (",", "\t", ";", "|")
csv.field_size_limit(1 << 24)


def open_complaints(path: Path, mapping: ColumnMapping | None = None) -> ComplaintFile:
    """Open ``path`` for reading; the format is chosen by the file's extension.

    Raises:
        UnreadableFile: the file is missing, of an unknown type, empty, or lacks required columns.
    """
    path = Path(path)
    mapping = mapping or ColumnMapping()
    if not path.is_file():
        raise UnreadableFile(text("file_missing", path=path))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnreadableFile(text("legacy_xls", path=path))
    kind = FORMATS.get(suffix)
    if kind is None:
        raise UnreadableFile(text("unknown_extension", suffix=suffix or "（无）", path=path))
    opener = {"csv": CsvComplaints, "xlsx": XlsxComplaints, "jsonl": JsonLinesComplaints}[kind]
    return opener(path, mapping)


class ComplaintFile:
    """A complaint file opened for one or more passes; ``rows()`` streams :class:`ReadRow` values."""

    format: str = ""

    def __init__(self, path: Path, mapping: ColumnMapping) -> None:
        self.path = path
        self.mapping = mapping
        self.synonyms = default_synonyms().extended(mapping.synonyms) if mapping.synonyms else default_synonyms()
        self.plan: ColumnPlan | None = None
        self._done = 0
        self._total = 0

    def rows(self) -> Iterator[ReadRow]:
        raise NotImplementedError

    def progress(self) -> tuple[int, int]:
        """``(done, total)`` in the file's own unit (bytes for text files, rows for workbooks)."""
        return self._done, self._total

    def _reader(self, headers: tuple[str, ...], epoch: datetime = EXCEL_EPOCH) -> RowReader:
        self.plan = plan_columns(headers, self.mapping, self.synonyms, self.path)
        return RowReader(self.plan, self.mapping, default_channel_rules(), epoch)


class CsvComplaints(ComplaintFile):
    """Delimited text in UTF-8 (with or without BOM) or GB18030/GBK, detected from the bytes."""

    format = "csv"

    def __init__(self, path: Path, mapping: ColumnMapping) -> None:
        super().__init__(path, mapping)
        self._total = path.stat().st_size
        with path.open("rb") as handle:
            sample = handle.read(_SAMPLE_BYTES)
        if not sample.strip():
            raise UnreadableFile(text("empty_file", path=path))
        self.encoding = mapping.encoding or detect_encoding(sample, path)
        self.header_raw = b""
        self.headers: tuple[str, ...] = ()

    def rows(self) -> Iterator[ReadRow]:
        with self.path.open("rb") as handle:
            lines = _RawLines(handle, self.encoding)
            first = _first_nonblank(lines)
            if first is None:
                raise UnreadableFile(text("empty_file", path=self.path))
            delimiter = _delimiter(first)
            header_cells = next(csv.reader([first], delimiter=delimiter))
            self.header_raw = lines.take()
            self.headers = unique_headers(header_cells)
            reader = self._reader(self.headers)
            records = csv.reader(lines, delimiter=delimiter)
            row = 1
            for cells in records:
                raw = lines.take()
                self._done = lines.position
                row += 1
                if not any(cell.strip() for cell in cells):
                    continue
                problems = list(lines.problems)
                lines.problems.clear()
                if problems:
                    yield ReadRow(row, None, tuple(RowError.of(row, None, None, key, **v) for key, v in problems), raw)
                    continue
                if len(cells) > len(self.headers) and any(c.strip() for c in cells[len(self.headers) :]):
                    error = RowError.of(row, None, None, "too_many_cells", cells=len(cells), headers=len(self.headers))
                    yield ReadRow(row, None, (error,), raw)
                    continue
                yield reader.read(row, dict(zip(self.headers, cells, strict=False)), raw)
            self._done = self._total


class _RawLines:
    """Physical lines of a binary file, decoded for the csv module, their raw bytes kept until taken."""

    def __init__(self, handle: BinaryIO, encoding: str) -> None:
        self._handle = handle
        self._encoding = encoding
        self._decode = codecs.getdecoder(encoding)
        self._pending: list[bytes] = []
        self.problems: list[tuple[str, dict[str, Any]]] = []
        self.position = 0
        self._first = True

    def __iter__(self) -> _RawLines:
        return self

    def __next__(self) -> str:
        line = self._handle.readline()
        if not line:
            raise StopIteration
        self.position += len(line)
        self._pending.append(line)
        data = line
        if self._first:
            self._first = False
            if data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8) :]
        try:
            return self._decode(data)[0]
        except UnicodeDecodeError:
            self.problems.append(("undecodable", {"encoding": self._encoding}))
            return data.decode(self._encoding, errors="replace")

    def take(self) -> bytes:
        """The raw bytes of the lines read since the last call."""
        raw = b"".join(self._pending)
        self._pending.clear()
        return raw


def _first_nonblank(lines: _RawLines) -> str | None:
    for line in lines:
        if line.strip():
            return line
        lines.take()
    return None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def detect_encoding(sample: bytes, path: Path) -> str:
    """The encoding of a text file from its first bytes: UTF-8 (BOM or not), else GB18030, else a guess.

    Raises:
        UnreadableFile: the file is UTF-16 or its encoding cannot be told.
    """
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(text("utf16", path=path))
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8"
    cut = _whole_lines(sample)
    for encoding in ("utf-8", "gb18030"):
        try:
            cut.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    best = from_bytes(cut).best()
    if best is None:
        raise UnreadableFile(text("unknown_encoding", path=path))
    return best.encoding


def _whole_lines(sample: bytes) -> bytes:
    """The sample up to its last line break, so a multi-byte character is never cut in half."""
    if len(sample) < _SAMPLE_BYTES:
        return sample
    end = sample.rfind(b"\n")
    return sample[: end + 1] if end > 0 else sample


class XlsxComplaints(ComplaintFile):
    """The first worksheet (or the mapping's ``sheet``) of an Excel workbook, header on the first non-empty row."""

    format = "xlsx"

    def __init__(self, path: Path, mapping: ColumnMapping) -> None:
        super().__init__(path, mapping)
        self.headers: tuple[str, ...] = ()
        self.header_cells: tuple[Any, ...] = ()
        self.sheet_name = ""

    def rows(self) -> Iterator[ReadRow]:
        from openpyxl import load_workbook

        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as problem:  # openpyxl raises many kinds for a damaged or encrypted file
            raise UnreadableFile(text("bad_workbook", path=self.path, detail=problem)) from problem
        try:
            if self.mapping.sheet is not None:
                if self.mapping.sheet not in book.sheetnames:
                    raise UnreadableFile(
                        text("no_sheet", path=self.path, sheet=self.mapping.sheet, sheets="、".join(book.sheetnames))
                    )
                sheet = book[self.mapping.sheet]
            else:
                sheet = book.worksheets[0]
            self.sheet_name = sheet.title
            self._total = sheet.max_row or 0
            epoch = getattr(book, "epoch", EXCEL_EPOCH)
            reader: RowReader | None = None
            for row, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                self._done = row
                if not any(_filled(cell) for cell in cells):
                    continue
                if reader is None:
                    self.header_cells = tuple(cells)
                    self.headers = unique_headers(_trim(cells))
                    reader = self._reader(self.headers, epoch)
                    continue
                raw = tuple(cells)
                if len(cells) > len(self.headers) and any(_filled(c) for c in cells[len(self.headers) :]):
                    error = RowError.of(
                        row, None, None, "too_many_cells", cells=len(_trim(cells)), headers=len(self.headers)
                    )
                    yield ReadRow(row, None, (error,), raw)
                    continue
                yield reader.read(row, dict(zip(self.headers, cells, strict=False)), raw)
            if reader is None:
                raise UnreadableFile(text("empty_file", path=self.path))
            self._done = self._total
        finally:
            book.close()


def _filled(cell: Any) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _trim(cells: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(cells)
    while end and not _filled(cells[end - 1]):
        end -= 1
    return cells[:end]


class JsonLinesComplaints(ComplaintFile):
    """One JSON object per line (UTF-8); keys are read as headers. The header is the union of keys."""

    format = "jsonl"

    def __init__(self, path: Path, mapping: ColumnMapping) -> None:
        super().__init__(path, mapping)
        self._total = path.stat().st_size
        self.headers = self._scan_keys()

    def _scan_keys(self) -> tuple[str, ...]:
        keys: dict[str, None] = {}
        with self.path.open("rb") as handle:
            for line in handle:
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except ValueError:
                    continue
                if isinstance(value, dict):
                    keys.update(dict.fromkeys(str(k) for k in value))
        if not keys:
            raise UnreadableFile(text("empty_file", path=self.path))
        return tuple(keys)

    def rows(self) -> Iterator[ReadRow]:
        reader = self._reader(self.headers)
        with self.path.open("rb") as handle:
            for row, line in enumerate(handle, start=1):
                self._done += len(line)
                if not line.strip():
                    continue
                try:
                    value = json.loads(line.removeprefix(codecs.BOM_UTF8))
                except ValueError as problem:
                    yield ReadRow(row, None, (RowError.of(row, None, None, "not_json_object", detail=problem),), line)
                    continue
                if not isinstance(value, dict):
                    detail = type(value).__name__
                    yield ReadRow(row, None, (RowError.of(row, None, None, "not_json_object", detail=detail),), line)
                    continue
                cells = {str(k): _json_cell(v) for k, v in value.items()}
                yield reader.read(row, cells, line)


def _json_cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value
