"""Importing complaint files into the register, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.builders import complaint_rows, write_csv, write_xlsx
from tests.conftest import SHARED_DATA
from tousu.cases.imports import import_file
from tousu.cases.models import Complaint, ComplaintRevision, ImportRun
from tousu.complainants.models import Complainant
from tousu.errors import ImportRejected

MAPPINGS = Path(__file__).resolve().parents[2] / "src" / "tousu" / "intake" / "mappings"


def count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.slow
def test_a_twenty_thousand_row_file_imports_once_and_reimports_as_unchanged(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "big.csv", complaint_rows(20_000))

    first = import_file(sessions, source)
    second = import_file(sessions, source)

    assert first.counts() == {"inserted": 20_000, "updated": 0, "unchanged": 0, "rejected": 0}
    assert second.counts() == {"inserted": 0, "updated": 0, "unchanged": 20_000, "rejected": 0}
    assert count(sessions, Complaint) == 20_000
    assert count(sessions, ComplaintRevision) == 0


def test_a_changed_row_updates_its_complaint_and_records_the_change(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    rows = complaint_rows(5)
    import_file(sessions, write_csv(tmp_path / "a.csv", rows))
    rows[2][9] = "补充说明：已经第二次来电，仍未处理。"
    summary = import_file(sessions, write_csv(tmp_path / "b.csv", rows))

    assert summary.counts() == {"inserted": 0, "updated": 1, "unchanged": 4, "rejected": 0}
    with sessions() as session:
        complaint = session.scalars(select(Complaint).where(Complaint.complaint_id == "T-000002")).one()
        revision = session.scalars(select(ComplaintRevision)).one()
    assert complaint.content == "补充说明：已经第二次来电，仍未处理。"
    assert revision.complaint_pk == complaint.id
    assert revision.changes["content"][1] == "补充说明：已经第二次来电，仍未处理。"
    assert set(revision.changes) == {"content"}


def test_a_file_with_bad_rows_changes_nothing_and_names_each_bad_row(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    rows = complaint_rows(6)
    rows[1][1] = "2026-13-45"  # not a date
    rows[4][9] = ""  # no content
    source = write_csv(tmp_path / "bad.csv", rows)

    with pytest.raises(ImportRejected) as rejected:
        import_file(sessions, source)

    assert count(sessions, Complaint) == 0
    assert count(sessions, ImportRun) == 0
    joined = "\n".join(rejected.value.errors)
    assert "3" in rejected.value.errors[0] and "受理时间" in rejected.value.errors[0]
    assert "投诉内容" in joined
    assert len(rejected.value.errors) == 2


def test_skip_invalid_loads_the_good_rows_and_writes_exactly_the_bad_ones_untouched(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    rows = complaint_rows(6)
    rows[1][1] = "2026-13-45"
    rows[4][0] = ""
    source = write_csv(tmp_path / "bad.csv", rows)
    rejects = tmp_path / "rejects.csv"

    summary = import_file(sessions, source, skip_invalid=True, rejects_path=rejects)

    assert summary.counts() == {"inserted": 4, "updated": 0, "unchanged": 0, "rejected": 2}
    original_lines = source.read_text(encoding="utf-8").splitlines()
    assert rejects.read_text(encoding="utf-8-sig").splitlines() == [
        original_lines[0],
        original_lines[2],
        original_lines[5],
    ]


def test_skip_invalid_without_a_rejects_file_is_refused(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    source = write_csv(tmp_path / "ok.csv", complaint_rows(2))
    with pytest.raises(ImportRejected, match="--rejects"):
        import_file(sessions, source, skip_invalid=True)
    assert count(sessions, Complaint) == 0


def test_a_gbk_file_is_read_with_its_chinese_intact(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    source = write_csv(tmp_path / "gbk.csv", complaint_rows(30), encoding="gbk")

    summary = import_file(sessions, source)

    assert summary.inserted == 30
    with sessions() as session:
        content = session.scalar(select(Complaint.content).where(Complaint.complaint_id == "T-000000"))
    assert content is not None and content.startswith("关于")


def test_an_xlsx_file_with_date_cells_imports_in_shanghai_time(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    rows: list[list[object]] = [list(row) for row in complaint_rows(3)]
    rows[0][1] = datetime(2026, 3, 5, 14, 20)
    rows[1][1] = 46087  # an Excel serial date: 2026-03-06
    source = write_xlsx(tmp_path / "cases.xlsx", rows)

    summary = import_file(sessions, source)

    assert summary.inserted == 3
    with sessions() as session:
        first = session.scalar(select(Complaint.received_at).where(Complaint.complaint_id == "T-000000"))
        second = session.scalar(select(Complaint.received_at).where(Complaint.complaint_id == "T-000001"))
    assert first == datetime(2026, 3, 5, 6, 20, tzinfo=UTC)
    assert second is not None and second.date().isoformat() == "2026-03-05"  # midnight in Shanghai


def test_the_same_person_is_one_complainant_across_complaints_but_a_name_alone_never_matches(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    rows = complaint_rows(4)
    for row in rows:
        row[5] = "张伟"
    rows[0][6] = rows[1][6] = "11010519491231002X"  # one ID number, two complaints
    rows[2][7] = rows[3][7] = "13800138000"  # one phone and name, two complaints
    rows[0][7] = "13900001111"
    rows[1][7] = "13900002222"
    import_file(sessions, write_csv(tmp_path / "people.csv", rows))

    with sessions() as session:
        people = session.scalars(select(Complainant).order_by(Complainant.id)).all()
    assert sorted((p.match_on, p.complaint_count) for p in people) == [("id_number", 2), ("phone_name", 2)]
    assert all(p.match_key != "11010519491231002X" and len(p.match_key) == 64 for p in people)


def test_the_cfpb_export_imports_through_its_column_mapping(sessions: sessionmaker[Session]) -> None:
    source = SHARED_DATA / "cfpb" / "complaints_sample_2019_2020.csv"
    assert source.exists(), f"the shared CFPB sample is expected at {source}"

    summary = import_file(sessions, source, mapping_path=MAPPINGS / "cfpb.toml")

    assert summary.rejected == 0
    assert summary.inserted == 6_623
    with sessions() as session:
        complaint = session.scalars(select(Complaint).where(Complaint.complaint_id == "3571115")).one()
    assert complaint.received_at.date().isoformat() in {"2020-03-18", "2020-03-19"}
    assert complaint.category == "Incorrect information on your report"
    assert complaint.content


def test_an_import_interrupted_midway_leaves_the_register_as_it_was(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    import_file(sessions, write_csv(tmp_path / "first.csv", complaint_rows(10, prefix="OLD")))
    source = write_csv(tmp_path / "big.csv", complaint_rows(6_000))
    stored_chunks: list[int] = []

    def interrupt_after_two_chunks(session: Session, stored: list) -> None:
        stored_chunks.append(len(stored))
        if len(stored_chunks) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(sessions, source, after_chunk=interrupt_after_two_chunks)

    assert stored_chunks == [2_000, 2_000]
    assert count(sessions, Complaint) == 10
    assert count(sessions, ImportRun) == 1
