"""Turning one row of cells into a validated ComplaintRecord, or errors naming row, column and reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from tousu.analysis.records import INVALID_ID_FLAG, ComplaintRecord
from tousu.intake.amounts import parse_amount
from tousu.intake.cells import cell_text, looks_like_resident_id, parse_boolean, resident_id_is_valid
from tousu.intake.channels import ChannelRules
from tousu.intake.dates import EXCEL_EPOCH, parse_datetime
from tousu.intake.mapping import ColumnMapping, JoinSource, Source, fold_value
from tousu.intake.plan import ColumnPlan
from tousu.intake.rows import RawRow, ReadRow, RowError

_DATES = frozenset({"received_at", "closed_at"})
_REQUIRED_MESSAGE = {
    "complaint_id": "missing_id",
    "received_at": "missing_received_at",
    "content": "missing_content",
}


class RowReader:
    """Reads the rows of one pass over a file; remembers ids to report duplicates."""

    def __init__(
        self,
        plan: ColumnPlan,
        mapping: ColumnMapping,
        channel_rules: ChannelRules,
        epoch: datetime = EXCEL_EPOCH,
    ) -> None:
        self._plan = plan
        self._mapping = mapping
        self._channels = channel_rules
        self._epoch = epoch
        self._seen: dict[str, int] = {}
        self._steps: list[tuple[str, tuple[Source, ...], str, dict[str, str] | None, str | None]] = []
        for column in (*plan.sources, *(c for c in mapping.defaults if c not in plan.sources)):
            shown = plan.column_map.get(column, column)
            self._steps.append(
                (column, plan.sources.get(column, ()), shown, mapping.value_map(column), mapping.defaults.get(column))
            )

    def read(
        self,
        row: int,
        cells: Mapping[str, Any],
        raw: RawRow,
        problems: Iterable[RowError] = (),
        extra_keys: Iterable[str] | None = None,
    ) -> ReadRow:
        """Validate one row given as ``{header: cell}``; ``problems`` are errors the reader already found."""
        errors = list(problems)
        fields: dict[str, Any] = {}
        for column, sources, shown, value_map, default in self._steps:
            header, value = shown, None
            for source in sources:
                if isinstance(source, str):
                    value = cells.get(source)
                    if value is not None and value != "":
                        header = source
                        break
                else:
                    value = _joined(source, cells)
                    if value is not None:
                        break
            if column == "channel":
                self._read_channel(fields, cell_text(value), value_map, default)
                continue
            if value_map is not None and value is not None:
                value = value_map.get(fold_value(str(value)), value)
            if (value is None or value == "") and default is not None:
                value = default
            try:
                converted = self._convert(column, value)
            except ValueError:
                key = "unreadable_date" if column in _DATES else _UNREADABLE[column]
                errors.append(RowError.of(row, header, cell_text(value), key))
                continue
            if converted is not None:
                fields[column] = converted
            elif column in _REQUIRED_MESSAGE:
                errors.append(RowError.of(row, header, None, _REQUIRED_MESSAGE[column]))

        complaint_id = fields.get("complaint_id")
        if complaint_id is not None:
            complaint_id = fields["complaint_id"] = self._mapping.id_prefix + complaint_id
            first = self._seen.setdefault(complaint_id, row)
            if first != row:
                shown_id = self._plan.column_map.get("complaint_id")
                errors.append(RowError.of(row, shown_id, complaint_id, "duplicate_id", other=first))
        if errors:
            return ReadRow(row=row, record=None, errors=tuple(errors), raw=raw)

        extra: dict[str, Any] = {}
        for key in self._plan.extra_headers if extra_keys is None else extra_keys:
            kept = cell_text(cells.get(key))
            if kept is not None:
                extra[key] = kept
        id_number = fields.get("id_number")
        if id_number is not None and looks_like_resident_id(id_number):
            fields["id_number"] = id_number = id_number.upper()
            if not resident_id_is_valid(id_number):
                extra[INVALID_ID_FLAG] = False
        return ReadRow(row=row, record=ComplaintRecord(**fields, extra=extra), errors=(), raw=raw)

    def _read_channel(
        self, fields: dict[str, Any], text: str | None, value_map: dict[str, str] | None, default: str | None
    ) -> None:
        if text is None:
            if default is not None:
                fields["channel"] = default
            return
        mapped = value_map.get(fold_value(text)) if value_map is not None else None
        fields["channel"] = mapped or self._channels.channel_of(text)
        fields.setdefault("channel_raw", text)

    def _convert(self, column: str, value: Any) -> Any:
        converter = _CONVERTERS.get(column)
        if converter is not None:
            return converter(self, value)
        if isinstance(value, str):
            return value.strip() or None
        return cell_text(value)


def _joined(source: JoinSource, cells: Mapping[str, Any]) -> str | None:
    return source.render([(header, cell_text(cells.get(header))) for header in source.headers])


def _date(reader: RowReader, value: Any) -> datetime | None:
    return parse_datetime(value, reader._mapping.timezone, reader._mapping.date_formats, reader._epoch)


def _amount(reader: RowReader, value: Any) -> float | None:
    return parse_amount(value)


def _boolean(reader: RowReader, value: Any) -> bool | None:
    return parse_boolean(value)


_CONVERTERS: dict[str, Callable[[RowReader, Any], Any]] = {
    "received_at": _date,
    "closed_at": _date,
    "amount_demanded": _amount,
    "escalated": _boolean,
    "channel_raw": lambda reader, value: cell_text(value),
}
_UNREADABLE = {"amount_demanded": "unreadable_amount", "escalated": "unreadable_boolean"}
