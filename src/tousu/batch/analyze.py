"""Use case: read every complaint of a file and write one interchange JSON object per complaint.

The file is streamed. With campaign grouping on, it is read twice: once to find campaigns, group events
and repeats across the whole file, once to read each complaint and write its line. The output appears
only when everything succeeded (it is written beside the target and renamed), so a failure or Ctrl-C
leaves no half-written file.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import secrets
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any, TypeVar

from tousu.analysis.pipeline import ComplaintReader
from tousu.analysis.records import ComplaintRecord
from tousu.cases.imports import require_rejects_file
from tousu.errors import BadInput, ImportRejected
from tousu.intake import InvalidMapping, ReadRow, UnreadableFile, load_mapping, open_complaints, write_rejects

BATCH = 1_000
MAX_WORKERS = 4
Progress = Callable[[str, int, int], None]


@dataclass
class AnalyzeSummary:
    """What an analysis run did."""

    analyzed: int = 0
    rejected: int = 0
    campaigns: int = 0
    group_events: int = 0
    repeats: int = 0
    errors: list[str] = field(default_factory=list)
    rejects_file: str | None = None
    versions: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "analyzed": self.analyzed,
            "rejected": self.rejected,
            "campaigns": self.campaigns,
            "group_events": self.group_events,
            "repeats": self.repeats,
        }


def analyze_file(
    source_path: Path,
    out_path: Path,
    *,
    mapping_path: Path | None = None,
    category_model: Path | None = None,
    emotion_model: Path | None = None,
    unmasked: bool = False,
    skip_invalid: bool = False,
    rejects_path: Path | None = None,
    group: bool = True,
    secret: str | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> AnalyzeSummary:
    """Analyse ``source_path`` into ``out_path`` (JSON Lines).

    ``workers`` processes read the complaints (default: one per CPU core); the output keeps the file's order.

    Raises:
        BadInput: the file, mapping or a model cannot be used.
        ImportRejected: the file has bad rows and ``skip_invalid`` is off (nothing was written).
    """
    require_rejects_file(skip_invalid, rejects_path)
    try:
        mapping = load_mapping(mapping_path) if mapping_path else None
        source = open_complaints(source_path, mapping)
        reader = ComplaintReader.from_paths(category_model, emotion_model)
    except (UnreadableFile, InvalidMapping, ValueError, OSError) as problem:
        raise BadInput(str(problem)) from problem

    summary = AnalyzeSummary(versions=reader.versions)
    bad_rows: list[ReadRow] = []
    try:
        grouping = _Grouping(source, secret or secrets.token_hex(32), summary, progress) if group else None
        if grouping is not None:
            bad_rows = grouping.bad_rows
            _refuse_bad_rows(source_path, bad_rows, skip_invalid, summary)
        with _replacing(out_path) as out:
            good = _good_records(source, bad_rows if grouping is None else None, summary, progress)
            if grouping is None:  # nothing to add in this process: the workers write the JSON text too
                for count, text in _read_in_batches(good, reader, unmasked, workers, _encoded):
                    out.write(text)
                    summary.analyzed += count
            else:
                for lines in _read_in_batches(good, reader, unmasked, workers, _as_is):
                    for line in lines:
                        line.update(grouping.of(line["complaint_id"]))
                        out.write(_json_line(line))
                        summary.analyzed += 1
            if grouping is None:
                _refuse_bad_rows(source_path, bad_rows, skip_invalid, summary)
    except (UnreadableFile, InvalidMapping) as problem:
        raise BadInput(str(problem)) from problem
    summary.rejected = len(bad_rows)
    if bad_rows and rejects_path is not None:
        write_rejects(rejects_path, source, bad_rows)
        summary.rejects_file = str(rejects_path)
    return summary


Lines = list[dict[str, Any]]
T = TypeVar("T")


def _read_in_batches(
    records: Iterator[ComplaintRecord],
    reader: ComplaintReader,
    unmasked: bool,
    workers: int | None,
    finish: Callable[[Lines], T],
) -> Iterator[T]:
    """Output objects of every record, batch by batch, in order, passed through ``finish`` (a module-level
    function, so worker processes can run it); read by worker processes when there are cores.

    At most two batches per worker are in flight, so memory stays flat however long the file is.
    """
    count = workers if workers is not None else min(os.cpu_count() or 1, MAX_WORKERS)
    batches = iter(lambda: list(islice(records, BATCH)), [])
    if count <= 1:
        for batch in batches:
            yield finish([reading.to_output(unmasked=unmasked) for reading in reader.read(batch)])
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker, initargs=(reader,)) as pool:
        pending: deque[Future[T]] = deque()
        for batch in batches:
            pending.append(pool.submit(_read_batch, batch, unmasked, finish))
            if len(pending) >= 2 * count:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_worker_reader: ComplaintReader | None = None


def _start_worker(reader: ComplaintReader) -> None:
    global _worker_reader
    _worker_reader = reader


def _read_batch(batch: list[ComplaintRecord], unmasked: bool, finish: Callable[[Lines], T]) -> T:
    assert _worker_reader is not None, "worker not started"
    return finish([reading.to_output(unmasked=unmasked) for reading in _worker_reader.read(batch)])


def _as_is(lines: Lines) -> Lines:
    return lines


def _encoded(lines: Lines) -> tuple[int, str]:
    """A batch as JSON Lines text, and how many lines it holds."""
    return len(lines), "".join(_json_line(line) for line in lines)


def _json_line(line: dict[str, Any]) -> str:
    return json.dumps(line, ensure_ascii=False, default=_jsonable) + "\n"


def _refuse_bad_rows(path: Path, bad_rows: list[ReadRow], skip_invalid: bool, summary: AnalyzeSummary) -> None:
    if bad_rows and not skip_invalid:
        raise ImportRejected(
            f"文件 {path.name} 有 {len(bad_rows)} 行无效，未写出任何结果。请修正后重试，"
            f"或使用 --skip-invalid --rejects 文件 只分析有效行 / "
            f"{len(bad_rows)} bad rows in {path.name}: nothing was written",
            errors=summary.errors,
        )


def _good_records(
    source: Any, collect: list[ReadRow] | None, summary: AnalyzeSummary, progress: Progress | None
) -> Iterator[ComplaintRecord]:
    for row in source.rows():
        if progress is not None:
            progress("分析 / analysing", *source.progress())
        if row.record is None:
            if collect is not None:
                collect.append(row)
                summary.errors.extend(error.message() for error in row.errors)
            continue
        yield row.record


class _Grouping:
    """Campaigns, group events and repeats found across the whole file (the first pass)."""

    def __init__(self, source: Any, secret: str, summary: AnalyzeSummary, progress: Progress | None) -> None:
        from tousu.analysis.campaigns import CampaignInput, detect_campaigns

        key = secret.encode("utf-8")
        self.bad_rows: list[ReadRow] = []
        items = []
        for row in source.rows():
            if progress is not None:
                progress("归并 / grouping", *source.progress())
            if row.record is None:
                self.bad_rows.append(row)
                summary.errors.extend(error.message() for error in row.errors)
            else:
                items.append(CampaignInput.from_record(row.record, key))
        self.detection = detect_campaigns(items)
        summary.campaigns = len(self.detection.campaigns)
        summary.group_events = len(self.detection.group_events)
        summary.repeats = len(self.detection.repeats)

    def of(self, complaint_id: str) -> dict[str, Any]:
        return {
            "campaign": self.detection.flag_of(complaint_id),
            "group_event": self.detection.group_event_of(complaint_id),
            "repeat": self.detection.repeat_of(complaint_id),
        }


class _replacing:
    """A text file written beside ``path`` and moved onto it only when the block succeeds."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.temp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        return self.handle

    def __exit__(self, kind: object, *_: object) -> None:
        assert self.handle is not None
        self.handle.close()
        if kind is None:
            os.replace(self.temp, self.path)
        else:
            os.unlink(self.temp)


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
