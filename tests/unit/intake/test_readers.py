"""Reading complaint files: encodings, delimiters, row numbers, raw rows kept for rejects."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tousu.intake import UnreadableFile, load_mapping, open_complaints, write_complaints, write_rejects
from tousu.intake.mapping import mapping_from_table

HEADER = "投诉编号,受理时间,投诉渠道,投诉内容,诉求金额\n"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_a_utf8_file_with_a_byte_order_mark_reads_its_first_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.csv", "\ufeff" + HEADER + "A-1,2026-03-05 14:20,12378转办,保单退保扣费过高,3.5万\n")

    rows = list(open_complaints(path).rows())

    assert [r.record.complaint_id for r in rows if r.record] == ["A-1"]
    record = rows[0].record
    assert record is not None
    assert record.channel == "regulator"
    assert record.amount_demanded == 35_000.0
    assert record.received_at == datetime(2026, 3, 5, 6, 20, tzinfo=UTC)


def test_a_gbk_file_is_detected_without_being_told(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "gbk.csv", HEADER + "A-1,2026年3月5日,电话,信用卡年费未告知就扣款，要求退还,叁仟伍佰元\n", "gbk"
    )

    (row,) = open_complaints(path).rows()

    assert row.record is not None
    assert row.record.content == "信用卡年费未告知就扣款，要求退还"
    assert row.record.amount_demanded == 3500.0


def test_a_quoted_field_spanning_lines_is_one_row_and_the_next_row_keeps_its_spreadsheet_number(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path / "multi.csv", HEADER + 'A-1,2026-03-05,电话,"第一行\n第二行",\nA-2,2026-03-06,信函,,\n')

    rows = list(open_complaints(path).rows())

    assert rows[0].record is not None and rows[0].record.content == "第一行\n第二行"
    assert rows[1].row == 3
    assert [e.message() for e in rows[1].errors] == [
        "第 3 行，列「投诉内容」：缺少投诉内容 / row 3, column 投诉内容: missing complaint content"
    ]


def test_a_bad_date_names_its_row_column_and_value(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.csv", HEADER + "A-1,上周三,电话,扣费不明,\n")

    (row,) = open_complaints(path).rows()

    assert row.record is None
    (error,) = row.errors
    assert (error.row, error.column, error.value) == (2, "受理时间", "上周三")
    assert "无法识别的日期" in error.message()


def test_a_repeated_complaint_id_in_one_file_points_at_the_first(tmp_path: Path) -> None:
    path = _write(tmp_path / "dup.csv", HEADER + "A-1,2026-03-05,电话,甲,\nA-1,2026-03-06,电话,乙,\n")

    rows = list(open_complaints(path).rows())

    assert rows[0].ok
    assert "第 2 行已有此编号" in rows[1].errors[0].message()


def test_a_file_without_a_content_column_is_refused_with_the_headers_it_has(tmp_path: Path) -> None:
    path = _write(tmp_path / "nocontent.csv", "投诉编号,受理时间\nA-1,2026-03-05\n")

    with pytest.raises(UnreadableFile, match="缺少必填列：content.*投诉编号、受理时间"):
        list(open_complaints(path).rows())


def test_an_old_excel_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = _write(tmp_path / "old.xls", "whatever")

    with pytest.raises(UnreadableFile, match=r"另存为 \.xlsx"):
        open_complaints(path)


def test_a_tab_separated_file_is_read_by_its_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "tabs.txt", "投诉编号\t受理时间\t投诉内容\nA-1\t2026/3/5\t理赔迟迟不到账，已经两个月\n")

    (row,) = open_complaints(path).rows()

    assert row.record is not None and row.record.content == "理赔迟迟不到账，已经两个月"


def test_json_lines_keep_unknown_keys_as_extra_and_report_a_line_that_is_not_an_object(tmp_path: Path) -> None:
    lines = [
        json.dumps({"投诉编号": "J-1", "受理时间": "2026-03-05", "投诉内容": "催收骚扰家人", "坐席": "0231"}),
        "[1, 2]",
        json.dumps({"投诉编号": "J-2", "受理时间": 46087, "投诉内容": "转账失败"}),
    ]
    path = _write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")

    rows = list(open_complaints(path).rows())

    assert rows[0].record is not None and rows[0].record.extra == {"坐席": "0231"}
    assert rows[1].row == 2 and "不是 JSON 对象" in rows[1].errors[0].message()
    assert rows[2].record is not None and rows[2].record.received_at.date().isoformat() == "2026-03-05"


def test_rejected_csv_rows_are_written_back_byte_for_byte_under_the_original_header(tmp_path: Path) -> None:
    bad_line = "A-2,not a date,电话,内容,\r\n"
    path = _write(
        tmp_path / "in.csv", "\ufeff" + HEADER.replace("\n", "\r\n") + "A-1,2026-03-05,电话,好,\r\n" + bad_line
    )
    source = open_complaints(path)
    bad = [r for r in source.rows() if not r.ok]

    write_rejects(tmp_path / "rejects.csv", source, bad)

    expected = ("\ufeff" + HEADER.replace("\n", "\r\n") + bad_line).encode("utf-8")
    assert (tmp_path / "rejects.csv").read_bytes() == expected


def test_an_export_imports_again_to_the_same_records(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.csv", HEADER + "A-1,2026-03-05 14:20,12378转办,保单退保扣费过高,3.5万\n")
    records = [r.record for r in open_complaints(path).rows() if r.record]

    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"out{suffix}"
        assert write_complaints(out, records) == 1
        again = [r.record for r in open_complaints(out).rows()]
        assert again == records, suffix


def test_a_mapping_that_names_an_unknown_column_says_which_and_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown column 'complaint_no'.*complaint_id"):
        mapping_from_table({"columns": {"complaint_no": "Complaint ID"}})


def test_the_bundled_cfpb_mapping_loads() -> None:
    mapping = load_mapping(Path(__file__).parents[3] / "src/tousu/intake/mappings/cfpb.toml")

    assert mapping.columns["complaint_id"] == ("Complaint ID",)
    assert mapping.timezone == "America/New_York"
