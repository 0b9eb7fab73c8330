"""The `tousu` command line, run as a person would: exit codes, summaries, one-sentence errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.builders import HEADER_ZH, complaint_rows, write_csv
from tousu.cli.main import app

runner = CliRunner()


def tousu(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    code, output = tousu("--db", url, "init")
    assert code == 0, output
    return url


def test_init_creates_the_schema_and_says_so(tmp_path: Path) -> None:
    code, output = tousu("--db", str(tmp_path / "new.db"), "init")
    assert code == 0
    assert "数据库已就绪" in output and (tmp_path / "new.db").exists()


def test_import_prints_a_json_summary_and_is_idempotent(db: str, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", complaint_rows(12))
    first = tousu("--db", db, "import", str(source), "--json")
    second = tousu("--db", db, "import", str(source), "--json")
    assert first[0] == 0 and second[0] == 0
    assert json.loads(first[1]) == {"inserted": 12, "updated": 0, "unchanged": 0, "rejected": 0}
    assert json.loads(second[1]) == {"inserted": 0, "updated": 0, "unchanged": 12, "rejected": 0}


def test_import_of_bad_rows_exits_non_zero_naming_row_and_column_without_a_traceback(db: str, tmp_path: Path) -> None:
    rows = complaint_rows(3)
    rows[2][1] = "下周二"
    code, output = tousu("--db", db, "import", str(write_csv(tmp_path / "bad.csv", rows)))
    assert code == 4
    assert "受理时间" in output and "4" in output
    assert "Traceback" not in output


def test_a_missing_file_is_one_clear_sentence(db: str, tmp_path: Path) -> None:
    code, output = tousu("--db", db, "import", str(tmp_path / "nowhere.csv"))
    assert code != 0
    assert "nowhere.csv" in output and "Traceback" not in output


def test_commands_on_an_uninitialised_database_say_to_run_init(tmp_path: Path) -> None:
    code, output = tousu("--db", str(tmp_path / "empty.db"), "stats")
    assert code == 5
    assert "tousu init" in output


def test_stats_counts_by_month_and_channel(db: str, tmp_path: Path) -> None:
    tousu("--db", db, "import", str(write_csv(tmp_path / "in.csv", complaint_rows(20))))
    code, output = tousu("--db", db, "stats", "--json")
    stats = json.loads(output)
    assert code == 0
    assert stats["total"] == 20
    assert sum(n for _, n in stats["by_month"]) == 20
    assert sum(n for _, n in stats["by_channel"]) == 20
    assert {name for name, _ in stats["by_channel"]} <= {"电话/热线", "网络/APP/微信", "监管转办", "柜面/来访", "信函"}


def test_export_masks_personal_data_unless_asked(db: str, tmp_path: Path) -> None:
    rows = complaint_rows(3)
    rows[0][7] = "13812345678"
    tousu("--db", db, "import", str(write_csv(tmp_path / "in.csv", rows)))

    masked_file, clear_file = tmp_path / "masked.csv", tmp_path / "clear.csv"
    assert tousu("--db", db, "export", str(masked_file))[0] == 0
    assert tousu("--db", db, "export", str(clear_file), "--unmasked")[0] == 0

    masked = list(csv.DictReader(masked_file.open(encoding="utf-8-sig")))
    clear = list(csv.DictReader(clear_file.open(encoding="utf-8-sig")))
    phone_masked = next(r["联系电话"] for r in masked if r["投诉编号"] == "T-000000")
    phone_clear = next(r["联系电话"] for r in clear if r["投诉编号"] == "T-000000")
    assert phone_clear == "13812345678"
    assert phone_masked != phone_clear and phone_masked.startswith("138") and "*" in phone_masked


def test_export_keeps_the_extra_attributes_masked_and_imports_again_with_nothing_lost(db: str, tmp_path: Path) -> None:
    rows = [[*row, "", "618大促"] for row in complaint_rows(3)]
    rows[1][-2] = "13700001111"
    header = [*HEADER_ZH, "备用手机", "营销活动"]
    tousu("--db", db, "import", str(write_csv(tmp_path / "in.csv", rows, header=header)))

    masked_file, clear_file = tmp_path / "masked.csv", tmp_path / "clear.csv"
    assert tousu("--db", db, "export", str(masked_file))[0] == 0
    assert tousu("--db", db, "export", str(clear_file), "--unmasked")[0] == 0
    masked = {r["投诉编号"]: r for r in csv.DictReader(masked_file.open(encoding="utf-8-sig"))}
    clear = {r["投诉编号"]: r for r in csv.DictReader(clear_file.open(encoding="utf-8-sig"))}
    assert set(list(clear["T-000001"])[-2:]) == {"备用手机", "营销活动"}  # after the format's own columns
    assert clear["T-000001"]["备用手机"] == "13700001111" and masked["T-000001"]["备用手机"] == "137****1111"
    assert clear["T-000000"]["备用手机"] == "" and clear["T-000002"]["营销活动"] == "618大促"

    again = f"sqlite:///{tmp_path / 'again.db'}"
    tousu("--db", again, "init")
    assert tousu("--db", again, "import", str(clear_file))[0] == 0
    assert tousu("--db", again, "export", str(tmp_path / "again.csv"), "--unmasked")[0] == 0
    assert (tmp_path / "again.csv").read_bytes() == clear_file.read_bytes()


def test_export_to_an_unknown_format_is_refused(db: str, tmp_path: Path) -> None:
    code, output = tousu("--db", db, "export", str(tmp_path / "out.pdf"))
    assert code == 2 and ".csv" in output


def test_demo_loads_labelled_synthetic_complaints_with_a_truth_file_and_finds_their_campaigns(
    db: str, tmp_path: Path
) -> None:
    truth = tmp_path / "truth.csv"

    code, output = tousu("--db", db, "demo", "--complaints", "800", "--seed", "3", "--truth", str(truth))

    assert code == 0, output
    assert "SYNTHETIC" in output and "合成演示数据" in output
    rows = list(csv.DictReader(truth.open(encoding="utf-8")))
    assert len(rows) == 800 and {"complaint_id", "kind", "group_id"} <= set(rows[0])
    assert {row["kind"] for row in rows} >= {"ordinary", "campaign", "group_event", "repeat"}
    code, listing = tousu("--db", db, "campaigns", "--json")
    assert code == 0
    assert json.loads(listing)["total"] >= 1
    again = tousu("--db", db, "demo", "--complaints", "800", "--seed", "3", "--no-detect")
    assert again[0] == 0 and "新增 0" in again[1]
