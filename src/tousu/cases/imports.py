"""Use case: bring a file of complaints into the register, idempotently and in one transaction.

Re-importing a file changes nothing; a changed row updates its complaint and the change is recorded in
``complaint_revisions``. Bad rows are reported with row, column and reason. By default an import with bad
rows writes nothing; with ``skip_invalid`` the good rows load and the bad ones go, untouched, to a file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from tousu.analysis.records import ComplaintRecord
from tousu.cases.models import Complaint, ComplaintRevision, ImportRun
from tousu.catalog.models import Branch, Product
from tousu.complainants.identity import complainant_match, identity_key
from tousu.complainants.models import Complainant
from tousu.db import session_scope
from tousu.errors import BadInput, ImportRejected

CHUNK_ROWS = 2_000
#: Fields compared to decide whether a re-imported row changed its complaint.
RECORD_FIELDS = tuple(f for f in ComplaintRecord.__dataclass_fields__)

Progress = Callable[[int, int], None]
#: Called after each stored chunk with the (primary key, record) pairs inserted or changed in it.
AfterChunk = Callable[[Session, list[tuple[int, ComplaintRecord]]], None]


@dataclass
class ImportSummary:
    """What an import did; ``errors`` are one-line messages naming row, column and reason."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    rejects_file: str | None = None
    import_run_id: int | None = None
    complaint_pks: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


def import_file(
    factory: sessionmaker[Session],
    path: Path,
    *,
    mapping_path: Path | None = None,
    skip_invalid: bool = False,
    rejects_path: Path | None = None,
    secret: str | None = None,
    progress: Progress | None = None,
    after_chunk: AfterChunk | None = None,
) -> ImportSummary:
    """Import one complaint file (CSV, XLSX or JSON Lines) in a single transaction.

    Raises:
        ImportRejected: the file has bad rows and ``skip_invalid`` is off (nothing was written), or
            ``skip_invalid`` is on without a ``rejects_path`` to keep the bad rows.
    """
    from tousu.intake import InvalidMapping, UnreadableFile

    try:
        return _import_file(factory, path, mapping_path, skip_invalid, rejects_path, secret, progress, after_chunk)
    except (UnreadableFile, InvalidMapping) as problem:
        raise BadInput(str(problem)) from problem


def _import_file(
    factory: sessionmaker[Session],
    path: Path,
    mapping_path: Path | None,
    skip_invalid: bool,
    rejects_path: Path | None,
    secret: str | None,
    progress: Progress | None,
    after_chunk: AfterChunk | None,
) -> ImportSummary:
    from tousu.intake import load_mapping, open_complaints, write_rejects

    require_rejects_file(skip_invalid, rejects_path)
    mapping = load_mapping(mapping_path) if mapping_path else None
    source = open_complaints(path, mapping)
    bad_rows = []
    summary = ImportSummary()

    def good_records() -> Iterator[ComplaintRecord]:
        for row in source.rows():
            if row.record is None or row.errors:
                bad_rows.append(row)
                summary.errors.extend(error.message() for error in row.errors)
            else:
                yield row.record
            if progress is not None:
                progress(*source.progress())

    with session_scope(factory) as session:
        run = ImportRun(
            file_name=path.name,
            file_sha256=_file_sha256(path),
            file_format=source.format,
            started_at=datetime.now(UTC),
        )
        session.add(run)
        session.flush()
        store_records(session, good_records(), summary, import_run_id=run.id, secret=secret, after_chunk=after_chunk)
        summary.rejected = len(bad_rows)
        if bad_rows and not skip_invalid:
            session.rollback()
            raise ImportRejected(
                f"文件 {path.name} 有 {len(bad_rows)} 行无效，未导入任何数据。请修正后重新导入，"
                f"或使用 --skip-invalid --rejects 文件 只导入有效行 / "
                f"{len(bad_rows)} bad rows in {path.name}: nothing was imported",
                errors=summary.errors,
            )
        if bad_rows and rejects_path is not None:
            write_rejects(rejects_path, source, bad_rows)
            summary.rejects_file = str(rejects_path)
        run.finished_at = datetime.now(UTC)
        run.inserted, run.updated = summary.inserted, summary.updated
        run.unchanged, run.rejected = summary.unchanged, summary.rejected
        summary.import_run_id = run.id
    return summary


def require_rejects_file(skip_invalid: bool, rejects_path: Path | None) -> None:
    """Refuse to skip bad rows unless they have a file to go to: nothing is ever silently dropped.

    Raises:
        ImportRejected: ``skip_invalid`` without a ``rejects_path``.
    """
    if skip_invalid and rejects_path is None:
        raise ImportRejected(
            "跳过无效行时必须用 --rejects 指定保存无效行的文件，以免数据丢失 / "
            "--skip-invalid needs --rejects FILE so that no row is lost"
        )


def import_records(
    factory: sessionmaker[Session],
    records: Iterable[ComplaintRecord],
    *,
    source_name: str,
    secret: str | None = None,
    after_chunk: AfterChunk | None = None,
) -> ImportSummary:
    """Store records that were made in-process (demo data), with the same rules as a file import."""
    summary = ImportSummary()
    with session_scope(factory) as session:
        run = ImportRun(
            file_name=source_name,
            file_sha256="",
            file_format="records",
            started_at=datetime.now(UTC),
        )
        session.add(run)
        session.flush()
        store_records(session, records, summary, import_run_id=run.id, secret=secret, after_chunk=after_chunk)
        run.finished_at = datetime.now(UTC)
        run.inserted, run.updated, run.unchanged = summary.inserted, summary.updated, summary.unchanged
        summary.import_run_id = run.id
    return summary


def store_records(
    session: Session,
    records: Iterable[ComplaintRecord],
    summary: ImportSummary,
    *,
    import_run_id: int | None,
    secret: str | None,
    after_chunk: AfterChunk | None = None,
) -> None:
    """Insert new complaints, update changed ones, leave identical ones alone. Does not commit.

    ``after_chunk`` sees what each chunk stored (the analysis of new and changed complaints hooks in here).
    """
    store = _Store(session, identity_key(session, secret), import_run_id)
    iterator = iter(records)
    while chunk := list(islice(iterator, CHUNK_ROWS)):
        stored = store.write_chunk(chunk, summary)
        if after_chunk is not None and stored:
            after_chunk(session, stored)
    store.refresh_complainants()


class _Store:
    """Chunked writer that keeps the small lookup tables in memory for the length of one import."""

    def __init__(self, session: Session, key: bytes, import_run_id: int | None) -> None:
        self.session = session
        self.key = key
        self.import_run_id = import_run_id
        self.branches = dict(session.execute(select(Branch.name, Branch.id)).all())
        self.products = dict(session.execute(select(Product.name, Product.id)).all())
        self.touched_complainants: set[int] = set()

    def write_chunk(
        self, chunk: Sequence[ComplaintRecord], summary: ImportSummary
    ) -> list[tuple[int, ComplaintRecord]]:
        """Store one chunk; returns the (primary key, record) pairs inserted or changed."""
        now = datetime.now(UTC)
        existing = {
            row.complaint_id: row
            for row in self.session.execute(
                select(Complaint.id, Complaint.complaint_id, Complaint.row_hash).where(
                    Complaint.complaint_id.in_([record.complaint_id for record in chunk])
                )
            )
        }
        matches = [complainant_match(record, self.key) for record in chunk]
        complainant_ids = self._complainants(chunk, matches)
        inserts: list[dict[str, Any]] = []
        inserted_records: list[ComplaintRecord] = []
        changed: list[tuple[int, dict[str, Any]]] = []
        stored: list[tuple[int, ComplaintRecord]] = []
        for record, match in zip(chunk, matches, strict=True):
            values = self._values(record, complainant_ids.get(match[1]) if match else None)
            found = existing.get(record.complaint_id)
            if found is None:
                inserts.append(values | {"created_at": now, "updated_at": now})
                inserted_records.append(record)
            elif found.row_hash == values["row_hash"]:
                summary.unchanged += 1
            else:
                changed.append((found.id, values))
                stored.append((found.id, record))
        if inserts:
            # A plain executemany, then one lookup: RETURNING with ordered rows is much slower on SQLite.
            # Core executemany: the ORM's bulk path splits rows by which values are None, one statement each.
            self.session.connection().execute(insert(Complaint.__table__), inserts)
            ids = dict(
                self.session.execute(
                    select(Complaint.complaint_id, Complaint.id).where(
                        Complaint.complaint_id.in_([record.complaint_id for record in inserted_records])
                    )
                ).all()
            )
            pks = [ids[record.complaint_id] for record in inserted_records]
            summary.complaint_pks.extend(pks)
            summary.inserted += len(inserts)
            stored.extend(zip(pks, inserted_records, strict=True))
        if changed:
            self._update(changed, now)
            summary.complaint_pks.extend(pk for pk, _ in changed)
            summary.updated += len(changed)
        return stored

    def _update(self, changed: list[tuple[int, dict[str, Any]]], now: datetime) -> None:
        pks = [pk for pk, _ in changed]
        columns = [getattr(Complaint, name) for name in _STORED_FIELDS]
        old_rows = {
            row.id: row for row in self.session.execute(select(Complaint.id, *columns).where(Complaint.id.in_(pks)))
        }
        revisions = []
        for pk, values in changed:
            old = old_rows[pk]
            diff = {
                name: [_jsonable(getattr(old, name)), _jsonable(values[name])]
                for name in _STORED_FIELDS
                if _jsonable(getattr(old, name)) != _jsonable(values[name])
            }
            revisions.append(
                {"complaint_pk": pk, "import_run_id": self.import_run_id, "changed_at": now, "changes": diff}
            )
        self.session.execute(update(Complaint), [values | {"id": pk, "updated_at": now} for pk, values in changed])
        self.session.execute(insert(ComplaintRevision), revisions)

    def _values(self, record: ComplaintRecord, complainant_id: int | None) -> dict[str, Any]:
        values = {name: getattr(record, name) for name in RECORD_FIELDS if name not in ("branch", "product")}
        values["branch_id"] = self._reference(self.branches, Branch, record.branch)
        values["product_id"] = self._reference(self.products, Product, record.product)
        values["complainant_id"] = complainant_id
        values["row_hash"] = record_hash(record)
        values["import_run_id"] = self.import_run_id
        return values

    def _reference(self, cache: dict[str, int], model: type[Branch] | type[Product], name: str | None) -> int | None:
        if not name:
            return None
        if name not in cache:
            cache[name] = self.session.scalars(insert(model).returning(model.id), [{"name": name}]).one()
        return cache[name]

    def _complainants(
        self, chunk: Sequence[ComplaintRecord], matches: Sequence[tuple[str, str] | None]
    ) -> dict[str, int]:
        """Find or create the complainant behind each record; returns match key -> complainant id."""
        latest: dict[str, tuple[str, ComplaintRecord]] = {}
        for record, match in zip(chunk, matches, strict=True):
            if match is not None:
                previous = latest.get(match[1])
                if previous is None or previous[1].received_at <= record.received_at:
                    latest[match[1]] = (match[0], record)
        if not latest:
            return {}
        found = dict(
            self.session.execute(
                select(Complainant.match_key, Complainant.id).where(Complainant.match_key.in_(list(latest)))
            ).all()
        )
        new = [
            {"match_key": key, "match_on": on, "complaint_count": 0, **_contact(record)}
            for key, (on, record) in sorted(latest.items())
            if key not in found
        ]
        if new:
            self.session.connection().execute(insert(Complainant.__table__), new)
            created = self.session.execute(
                select(Complainant.match_key, Complainant.id).where(
                    Complainant.match_key.in_([row["match_key"] for row in new])
                )
            ).all()
            found.update(dict(created))
        known = [{"id": found[key], **_contact(record)} for key, (_, record) in latest.items()]
        self.session.execute(update(Complainant), known)
        self.touched_complainants.update(found.values())
        return found

    def refresh_complainants(self) -> None:
        """Recount complaints and first/last dates of every complainant this import touched."""
        ids = sorted(self.touched_complainants)
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            stats = self.session.execute(
                select(
                    Complaint.complainant_id,
                    func.count(Complaint.id),
                    func.min(Complaint.received_at),
                    func.max(Complaint.received_at),
                )
                .where(Complaint.complainant_id.in_(part))
                .group_by(Complaint.complainant_id)
            ).all()
            if stats:
                self.session.execute(
                    update(Complainant),
                    [
                        {
                            "id": cid,
                            "complaint_count": n,
                            "first_complaint_at": first,
                            "last_complaint_at": last,
                        }
                        for cid, n, first, last in stats
                    ],
                )


_STORED_FIELDS = tuple(name for name in RECORD_FIELDS if name not in ("branch", "product")) + (
    "branch_id",
    "product_id",
    "complainant_id",
)


def _contact(record: ComplaintRecord) -> dict[str, Any]:
    return {
        "name": record.complainant_name,
        "id_number": record.id_number,
        "phone": record.phone,
        "email": record.email,
        "address": record.address,
    }


def record_hash(record: ComplaintRecord) -> str:
    """A stable fingerprint of everything a record says, to tell an unchanged re-import from a change."""
    fields = {name: getattr(record, name) for name in RECORD_FIELDS}
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=_jsonable)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    return value


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
