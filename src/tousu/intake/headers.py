"""Recognising the header of a complaint file: synonyms per canonical column, loaded from a data file."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from tousu.analysis.records import CANONICAL_COLUMNS

#: Columns a file may carry: the canonical ones plus ``channel_raw`` (written by ``write_complaints``).
KNOWN_COLUMNS: tuple[str, ...] = (*CANONICAL_COLUMNS, "channel_raw")
REQUIRED_COLUMNS: tuple[str, ...] = ("complaint_id", "received_at", "content")

_IGNORED = re.compile(r"[\s_\-*:]+")
_TRAILING_UNIT = re.compile(r"\([^()]*\)$")


def normalise_header(text: str) -> str:
    """The comparison key of a header: NFKC, case-folded, without spaces, ``_``, ``-``, ``*`` or ``:``."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True, slots=True)
class HeaderSynonyms:
    """Which header texts name which column; earlier synonyms of a column take precedence."""

    synonyms: Mapping[str, tuple[str, ...]]
    _table: dict[str, tuple[str, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        owner: dict[str, str] = {}
        for column, names in self.synonyms.items():
            if column not in KNOWN_COLUMNS:
                raise ValueError(
                    f"表头同义词中的未知列「{column}」 / unknown column {column!r} in header synonyms; "
                    f"use one of {', '.join(KNOWN_COLUMNS)}"
                )
            for name in (column, *names):
                key = normalise_header(name)
                if owner.setdefault(key, column) != column:
                    raise ValueError(
                        f"表头「{name}」同时属于列 {owner[key]} 和 {column} / header {name!r} is listed under both "
                        f"{owner[key]} and {column}; keep it under one column"
                    )
        table: dict[str, tuple[str, int]] = {}
        for column in KNOWN_COLUMNS:
            for position, name in enumerate((column, *self.synonyms.get(column, ()))):
                table.setdefault(normalise_header(name), (column, position))
        object.__setattr__(self, "_table", table)

    @classmethod
    def from_toml(cls, path: Path) -> HeaderSynonyms:
        """Synonyms from a TOML file with a ``[columns]`` table of lists (see the bundled headers.toml)."""
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        return cls.from_table(data.get("columns", {}), source=str(path))

    @classmethod
    def from_table(cls, table: Mapping[str, object], source: str = "header synonyms") -> HeaderSynonyms:
        """Synonyms from a parsed ``{column: [header, ...]}`` table."""
        synonyms: dict[str, tuple[str, ...]] = {}
        for column, names in table.items():
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ValueError(
                    f"{source}：列 {column} 的同义词必须是字符串列表 / {source}: synonyms of {column} must be a list "
                    f'of strings, e.g. {column} = ["投诉编号", "工单号"]'
                )
            synonyms[column] = tuple(names)
        return cls(synonyms)

    def extended(self, more: Mapping[str, Iterable[str]]) -> HeaderSynonyms:
        """These synonyms with ``more`` listed ahead of them (an institution's own headers win)."""
        merged = {column: tuple(names) for column, names in self.synonyms.items()}
        for column, names in more.items():
            merged[column] = (*names, *merged.get(column, ()))
        return HeaderSynonyms(merged)

    def rank(self, header: str) -> tuple[str, int] | None:
        """``(column, precedence)`` for a header text, or ``None`` when it names no known column."""
        key = normalise_header(header)
        found = self._table.get(key)
        if found is None:
            stripped = _TRAILING_UNIT.sub("", key)
            if stripped and stripped != key:
                found = self._table.get(stripped)
        return found


@cache
def default_synonyms() -> HeaderSynonyms:
    """The synonyms shipped with Tousu (``tousu/intake/headers.toml``)."""
    data = tomllib.loads(resources.files("tousu.intake").joinpath("headers.toml").read_text("utf-8"))
    return HeaderSynonyms.from_table(data["columns"], source="headers.toml")


def resolve_headers(headers: Iterable[str], synonyms: HeaderSynonyms) -> dict[str, str]:
    """Canonical column -> the header that supplies it; ties go to the better synonym, then the left column."""
    best: dict[str, tuple[int, int, str]] = {}
    for position, header in enumerate(headers):
        found = synonyms.rank(header)
        if found is None:
            continue
        column, precedence = found
        candidate = (precedence, position, header)
        if column not in best or candidate < best[column]:
            best[column] = candidate
    return {column: best[column][2] for column in KNOWN_COLUMNS if column in best}


def unique_headers(cells: Iterable[object]) -> tuple[str, ...]:
    """Header texts made unique and non-empty: a second ``备注`` becomes ``备注 (2)``, a blank one ``列 3``."""
    seen: dict[str, int] = {}
    result: list[str] = []
    for position, cell in enumerate(cells, start=1):
        text = "" if cell is None else str(cell).strip()
        if not text:
            text = f"列 {position}"
        count = seen.get(text, 0) + 1
        seen[text] = count
        result.append(text if count == 1 else f"{text} ({count})")
    return tuple(result)
