"""Every demo record is a valid, labelled, plausible complaint; the set is deterministic per seed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta, timezone

from tousu.analysis.records import CHANNELS
from tousu.demo import SYNTHETIC_LABEL, DemoConfig, DemoDataset, generate_demo, iter_demo
from tousu.demo.people import is_valid_id_number

SHANGHAI = timezone(timedelta(hours=8))


def test_the_same_seed_gives_identical_records_and_truth() -> None:
    config = DemoConfig(complaints=300, seed=5)
    first, second = generate_demo(config), generate_demo(config)
    assert first.records == second.records
    assert first.truth == second.truth
    assert [r.content for r in first.records] == [r.content for r in second.records]


def test_different_seeds_give_different_complaints() -> None:
    a = generate_demo(DemoConfig(complaints=200, seed=1))
    b = generate_demo(DemoConfig(complaints=200, seed=2))
    assert len({r.content for r in a.records} & {r.content for r in b.records}) == 0
    assert [r.complainant_name for r in a.records] != [r.complainant_name for r in b.records]


def test_streaming_yields_exactly_what_generate_demo_holds() -> None:
    config = DemoConfig(complaints=250, seed=9)
    streamed = list(iter_demo(config))
    held = generate_demo(config)
    assert [record for record, _ in streamed] == held.records
    assert [row for _, row in streamed] == held.truth


def test_every_record_has_the_required_fields_and_a_known_channel(demo_set: DemoDataset) -> None:
    ids = [r.complaint_id for r in demo_set.records]
    assert len(set(ids)) == len(ids) == 1_500
    for record in demo_set.records:
        assert re.fullmatch(r"DEMO-20\d{4}-\d{6}", record.complaint_id)
        assert record.received_at.tzinfo is not None
        assert record.complaint_id[5:11] == f"{record.received_at.astimezone(SHANGHAI):%Y%m}"
        assert record.content.strip()
        assert record.channel in CHANNELS
        assert record.branch and record.product and record.complainant_name and record.phone
        assert record.status


def test_every_channel_and_every_line_of_business_appears(demo_set: DemoDataset) -> None:
    assert {r.channel for r in demo_set.records} >= set(CHANNELS) - {"other"}
    products = " ".join({r.product or "" for r in demo_set.records})
    for line in ("寿险", "医疗险", "机动车", "信用卡", "贷", "理财", "基金"):
        assert line in products


def test_complaints_fall_inside_the_window_in_time_order(demo_set: DemoDataset) -> None:
    start = datetime(2025, 11, 1, tzinfo=SHANGHAI)
    end = datetime(2026, 11, 1, tzinfo=SHANGHAI)
    times = [r.received_at for r in demo_set.records]
    assert times == sorted(times)
    assert start <= times[0] and times[-1] < end
    months = Counter(t.astimezone(SHANGHAI).strftime("%Y%m") for t in times)
    assert len(months) == 12


def test_id_numbers_pass_the_checksum_and_match_a_plausible_age(demo_set: DemoDataset) -> None:
    ages = []
    for record in demo_set.records:
        if record.id_number is None:
            continue
        assert is_valid_id_number(record.id_number), record.id_number
        born = date(int(record.id_number[6:10]), int(record.id_number[10:12]), int(record.id_number[12:14]))
        received = record.received_at.astimezone(SHANGHAI).date()
        ages.append((received - born).days // 365)
    assert ages and min(ages) >= 17 and max(ages) <= 90
    assert sum(age >= 62 for age in ages) / len(ages) > 0.08


def test_every_record_is_labelled_synthetic(demo_set: DemoDataset) -> None:
    assert all(r.extra.get("synthetic") == SYNTHETIC_LABEL for r in demo_set.records)
    assert all("（演示）" in (r.branch or "") for r in demo_set.records)


def test_a_closed_case_closes_after_it_was_received_and_open_cases_have_no_close_date(demo_set: DemoDataset) -> None:
    statuses = Counter(r.status for r in demo_set.records)
    assert statuses["已办结"] > len(demo_set.records) / 2
    assert {"已升级", "核查中"} <= set(statuses)
    for record in demo_set.records:
        if record.closed_at is None:
            assert record.status in ("已受理", "处理中")
            assert record.received_at > datetime(2026, 9, 15, tzinfo=SHANGHAI)
        else:
            assert record.closed_at > record.received_at
            assert record.resolution


def test_a_complaint_forwarded_by_the_regulator_counts_as_escalated(demo_set: DemoDataset) -> None:
    assert all(r.escalated for r in demo_set.records if r.channel == "regulator")
    assert any(r.escalated for r in demo_set.records if r.channel != "regulator")


def test_narratives_are_as_long_as_real_complaints(demo_set: DemoDataset) -> None:
    lengths = sorted(len(r.content) for r in demo_set.records)
    assert lengths[len(lengths) // 20] >= 60
    assert 120 <= lengths[len(lengths) // 2] <= 400
    assert lengths[-1] <= 1_500


def test_output_does_not_depend_on_the_interpreters_hash_seed() -> None:
    script = (
        "import hashlib\n"
        "from tousu.demo import DemoConfig, generate_demo\n"
        "ds = generate_demo(DemoConfig(complaints=200, seed=4))\n"
        "print(hashlib.sha256(repr((ds.records, ds.truth)).encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for hash_seed in ("1", "2")
    }
    assert len(digests) == 1
