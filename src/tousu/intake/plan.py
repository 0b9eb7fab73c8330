"""Deciding which header of a file supplies which canonical column (mapping first, then synonyms)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tousu.intake.errors import UnreadableFile
from tousu.intake.headers import REQUIRED_COLUMNS, HeaderSynonyms, normalise_header, resolve_headers
from tousu.intake.mapping import ColumnMapping, JoinSource, Source
from tousu.intake.messages import text

_FOUND_SHOWN = 30


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """Where each column of a record comes from in one file.

    ``sources`` holds the file's own header texts; ``column_map`` names, per canonical column, the
    header a person should look at (the first source); ``primary`` are the headers not repeated in
    ``record.extra``; ``extra_headers`` the file headers that are.
    """

    sources: dict[str, tuple[Source, ...]]
    column_map: dict[str, str]
    primary: frozenset[str]
    extra_headers: tuple[str, ...]


def plan_columns(headers: Sequence[str], mapping: ColumnMapping, synonyms: HeaderSynonyms, path: object) -> ColumnPlan:
    """The column plan of a file with these (unique) headers.

    Raises:
        UnreadableFile: a mapped header is absent, or a required column has no source and no default.
    """
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(normalise_header(header), header)

    sources: dict[str, tuple[Source, ...]] = {}
    absent: list[str] = []
    for column, wanted in mapping.columns.items():
        found = tuple(s for s in (_locate(source, by_key) for source in wanted) if s is not None)
        if found:
            sources[column] = found
        else:
            absent.append(f"{column} <- {' | '.join(_describe(s) for s in wanted)}")
    if absent:
        raise UnreadableFile(
            text("mapping_headers_absent", path=path, columns="; ".join(absent), found=_shown(headers))
        )

    if mapping.auto_headers:
        used = {h for found in sources.values() for s in found for h in _headers_of(s)}
        for column, header in resolve_headers([h for h in headers if h not in used], synonyms).items():
            sources.setdefault(column, (header,))

    missing = [c for c in REQUIRED_COLUMNS if c not in sources and c not in mapping.defaults]
    if missing:
        raise UnreadableFile(text("missing_columns", path=path, columns=", ".join(missing), found=_shown(headers)))

    column_map = {column: _headers_of(found[0])[0] for column, found in sources.items()}
    primary = frozenset(found[0] for found in sources.values() if isinstance(found[0], str))
    return ColumnPlan(
        sources=sources,
        column_map=column_map,
        primary=primary,
        extra_headers=tuple(h for h in headers if h not in primary),
    )


def _locate(source: Source, by_key: dict[str, str]) -> Source | None:
    if isinstance(source, JoinSource):
        present = tuple(h for h in (by_key.get(normalise_header(x)) for x in source.headers) if h is not None)
        return JoinSource(present, source.sep, source.labels) if present else None
    return by_key.get(normalise_header(source))


def _headers_of(source: Source) -> tuple[str, ...]:
    return source.headers if isinstance(source, JoinSource) else (source,)


def _describe(source: Source) -> str:
    return " + ".join(_headers_of(source))


def _shown(headers: Sequence[str]) -> str:
    shown = "、".join(headers[:_FOUND_SHOWN])
    more = len(headers) - _FOUND_SHOWN
    return f"{shown} …(+{more})" if more > 0 else shown or "（无）"
