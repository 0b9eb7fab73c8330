"""Column mappings: how a foreign export's headers and values become the interchange columns (TOML)."""

from __future__ import annotations

import codecs
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tousu.analysis.records import CHANNELS
from tousu.intake.dates import DEFAULT_TIMEZONE
from tousu.intake.errors import InvalidMapping
from tousu.intake.headers import KNOWN_COLUMNS

_TOP_LEVEL = frozenset(
    {
        "name",
        "description",
        "timezone",
        "date_format",
        "id_prefix",
        "sheet",
        "encoding",
        "auto_headers",
        "columns",
        "defaults",
        "values",
        "synonyms",
    }
)


@dataclass(frozen=True, slots=True)
class JoinSource:
    """Several source columns joined into one text, empty ones skipped (``Issue: …; Sub-issue: …``)."""

    headers: tuple[str, ...]
    sep: str = "; "
    labels: bool = False

    def __post_init__(self) -> None:
        if not self.headers or not all(isinstance(h, str) and h.strip() for h in self.headers):
            raise ValueError('join 需要至少一个表头 / join needs a list of headers, e.g. join = ["Issue", "Sub-issue"]')

    def render(self, parts: Sequence[tuple[str, str | None]]) -> str | None:
        """The joined text of ``(header, text)`` pairs, or ``None`` when every part is empty."""
        shown = [f"{header}: {text}" if self.labels else text for header, text in parts if text]
        return self.sep.join(shown) or None


Source = str | JoinSource


def fold_value(text: str) -> str:
    """The comparison key of a cell value in a value map: NFKC, stripped, case-folded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """How to read one kind of export. The empty mapping reads files in the interchange format.

    ``columns`` maps a canonical column to its source headers (the first non-empty one wins);
    ``defaults`` fills empty columns with constant text; ``values`` replaces whole cell values per
    column before they are read (for ``channel`` the targets are channel keys); ``date_formats``
    (strptime) are tried before the usual date forms; naive times are in ``timezone``; ``id_prefix``
    is put before every complaint id; columns not named are found by header synonyms unless
    ``auto_headers`` is false; ``synonyms`` adds headers to the synonym list.
    """

    columns: Mapping[str, tuple[Source, ...]] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    date_formats: tuple[str, ...] = ()
    timezone: str = DEFAULT_TIMEZONE
    id_prefix: str = ""
    sheet: str | None = None
    encoding: str | None = None
    auto_headers: bool = True
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    name: str | None = None

    def __post_init__(self) -> None:
        for table, label in (
            (self.columns, "columns"),
            (self.defaults, "defaults"),
            (self.values, "values"),
            (self.synonyms, "synonyms"),
        ):
            for column in table:
                if column not in KNOWN_COLUMNS:
                    raise ValueError(
                        f"[{label}] 中的未知列「{column}」 / unknown column {column!r} in [{label}]; "
                        f"use one of {', '.join(KNOWN_COLUMNS)}"
                    )
        for column, sources in self.columns.items():
            if not sources:
                raise ValueError(f"列 {column} 没有来源表头 / column {column} names no source header")
            for source in sources:
                if not isinstance(source, JoinSource) and not (isinstance(source, str) and source.strip()):
                    raise ValueError(
                        f"列 {column} 的来源必须是表头文字 / the source of {column} must be a header text, "
                        f"a list of them, or {{ join = [...] }}; got {source!r}"
                    )
        for column, value in self.defaults.items():
            if not isinstance(value, str):
                raise ValueError(f"[defaults] 中 {column} 的值必须是文字 / default of {column} must be text")
        for column, table in self.values.items():
            if not all(isinstance(raw, str) and isinstance(new, str) for raw, new in table.items()):
                raise ValueError(f"[values.{column}] 的值必须是文字 / values of [values.{column}] must be text")
        for target in self.values.get("channel", {}).values():
            if target not in CHANNELS:
                raise ValueError(
                    f"[values.channel] 中的未知渠道「{target}」 / unknown channel {target!r} in [values.channel]; "
                    f"use one of {', '.join(CHANNELS)}"
                )
        if self.defaults.get("channel") not in (None, *CHANNELS):
            raise ValueError(
                f"[defaults] channel 必须是渠道代码 / default channel must be one of {', '.join(CHANNELS)}"
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as problem:
            raise ValueError(
                f"未知时区「{self.timezone}」 / unknown timezone {self.timezone!r}; use an IANA name "
                "such as Asia/Shanghai or America/New_York"
            ) from problem
        for fmt in self.date_formats:
            if "%" not in fmt:
                raise ValueError(f"日期格式「{fmt}」无效 / date format {fmt!r} is not a strptime format, e.g. %Y/%m/%d")
        if self.encoding is not None:
            try:
                codecs.lookup(self.encoding)
            except LookupError as problem:
                raise ValueError(
                    f"未知编码「{self.encoding}」 / unknown encoding {self.encoding!r}; e.g. utf-8, gb18030"
                ) from problem

    def value_map(self, column: str) -> dict[str, str] | None:
        """The value replacements of ``column`` keyed by :func:`fold_value`, or ``None``."""
        table = self.values.get(column)
        return {fold_value(raw): target for raw, target in table.items()} if table else None


def load_mapping(path: Path) -> ColumnMapping:
    """Read and validate a column mapping TOML file (see ``tousu/intake/mappings/cfpb.toml``).

    Raises:
        InvalidMapping: the file is missing, not TOML, or names something that does not exist.
    """
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as problem:
        raise InvalidMapping(f"找不到列映射文件 {path} / column mapping not found: {path}") from problem
    except tomllib.TOMLDecodeError as problem:
        raise InvalidMapping(f"列映射文件 {path} 不是合法的 TOML：{problem} / {path} is not valid TOML") from problem
    try:
        return mapping_from_table(data)
    except ValueError as problem:
        raise InvalidMapping(f"列映射文件 {path}：{problem}") from problem


def mapping_from_table(data: Mapping[str, object]) -> ColumnMapping:
    """A mapping from a parsed TOML document."""
    unknown = sorted(set(data) - _TOP_LEVEL)
    if unknown:
        raise ValueError(
            f"未知设置 {', '.join(unknown)} / unknown setting(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(sorted(_TOP_LEVEL))}"
        )
    formats = data.get("date_format", ())
    if isinstance(formats, str):
        formats = (formats,)
    return ColumnMapping(
        columns={column: _sources(column, spec) for column, spec in _table(data, "columns").items()},
        defaults=dict(_table(data, "defaults")),
        values={column: dict(_table(_table(data, "values"), column)) for column in _table(data, "values")},
        date_formats=tuple(str(f) for f in _sequence(formats, "date_format")),
        timezone=str(data.get("timezone", DEFAULT_TIMEZONE)),
        id_prefix=str(data.get("id_prefix", "")),
        sheet=None if data.get("sheet") is None else str(data["sheet"]),
        encoding=None if data.get("encoding") is None else str(data["encoding"]),
        auto_headers=bool(data.get("auto_headers", True)),
        synonyms={
            column: tuple(str(n) for n in _sequence(names, f"synonyms.{column}"))
            for column, names in _table(data, "synonyms").items()
        },
        name=None if data.get("name") is None else str(data["name"]),
    )


def _sources(column: str, spec: object) -> tuple[Source, ...]:
    items = spec if isinstance(spec, list) else [spec]
    sources: list[Source] = []
    for item in items:
        if isinstance(item, dict):
            unknown = sorted(set(item) - {"join", "sep", "labels"})
            if unknown or "join" not in item:
                raise ValueError(
                    f"列 {column} 的组合来源写法有误 / column {column}: a combined source is written "
                    '{ join = ["Issue", "Sub-issue"], sep = "; ", labels = true }'
                )
            headers = tuple(str(h) for h in _sequence(item["join"], f"{column}.join"))
            sources.append(JoinSource(headers, str(item.get("sep", "; ")), bool(item.get("labels", False))))
        elif isinstance(item, str):
            sources.append(item)
        else:
            raise ValueError(f"列 {column} 的来源必须是表头文字 / the source of {column} must be header text")
    return tuple(sources)


def _table(data: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ValueError(f"[{key}] 必须是表 / [{key}] must be a table")
    return value


def _sequence(value: object, key: str) -> Sequence[object]:
    if isinstance(value, list | tuple):
        return value
    raise ValueError(f"{key} 必须是列表 / {key} must be a list")
