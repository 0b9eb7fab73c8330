"""The answer key: every record has a truth row; groups behave like the thing they stand for."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from tousu.demo import TRUTH_COLUMNS, DemoDataset, write_truth
from tousu.demo.generator import CAMPAIGN_KINDS
from tousu.demo.narratives.events import EVENT_KINDS


def _groups(demo_set: DemoDataset, kind: str) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(demo_set.truth):
        if row.kind == kind:
            groups[row.group_id].append(i)
    return groups


def test_truth_covers_every_record_in_order(demo_set: DemoDataset) -> None:
    assert [t.complaint_id for t in demo_set.truth] == [r.complaint_id for r in demo_set.records]


def test_group_counts_match_the_configured_shares(demo_set: DemoDataset) -> None:
    kinds = [t.kind for t in demo_set.truth]
    assert kinds.count("campaign") == 150
    assert kinds.count("group_event") == 90
    assert kinds.count("repeat") == 75
    assert kinds.count("ordinary") == 1_500 - 150 - 90 - 75


def test_group_ids_and_types_follow_the_kind(demo_set: DemoDataset) -> None:
    for row in demo_set.truth:
        if row.kind == "ordinary":
            assert (row.group_id, row.group_type) == ("", "")
        elif row.kind == "campaign":
            assert row.group_id.startswith("C-") and row.group_type in CAMPAIGN_KINDS and row.agent_id
        elif row.kind == "group_event":
            assert row.group_id.startswith("E-") and row.group_type in EVENT_KINDS
        else:
            assert row.group_id.startswith("P-") and row.group_type == "缠诉"


def test_campaign_members_are_different_people_who_share_agent_contacts(demo_set: DemoDataset) -> None:
    shared_groups = 0
    for members in _groups(demo_set, "campaign").values():
        records = [demo_set.records[i] for i in members]
        assert len({r.id_number for r in records}) == len(records)
        contacts = [
            {c for c in (r.phone, r.representative_phone, r.address, r.email, r.representative) if c} for r in records
        ]
        counts: dict[str, int] = defaultdict(int)
        for found in contacts:
            for contact in found:
                counts[contact] += 1
        if len(records) >= 6 and max(counts.values()) >= 2:
            shared_groups += 1
        showing = sum(any(counts[c] >= 2 for c in found) for found in contacts)
        assert showing < len(records) or len(records) < 6, "every member shows a shared contact: too easy"
    assert shared_groups >= 1


def test_campaign_letters_carry_agent_demands_and_proxy_lines(demo_set: DemoDataset) -> None:
    texts = [demo_set.records[i].content for m in _groups(demo_set, "campaign").values() for i in m]
    joined = "\n".join(texts)
    assert any(word in joined for word in ("全额退保", "停息挂账", "个性化分期", "修复", "退还"))
    assert "《" in joined
    proxy = sum(("委托" in t or "代理人" in t) for t in texts)
    assert 0.2 < proxy / len(texts) < 1.0


def test_group_event_members_share_no_contacts_and_cluster_in_time(demo_set: DemoDataset) -> None:
    for members in _groups(demo_set, "group_event").values():
        records = [demo_set.records[i] for i in members]
        assert len({r.phone for r in records}) == len(records)
        assert all(r.representative is None for r in records)
        assert len({r.product for r in records}) == 1
        days = sorted(r.received_at for r in records)
        middle = days[len(days) // 10 : len(days) - len(days) // 10 or None]
        assert (middle[-1] - middle[0]).days <= 40


def test_a_persistent_complainant_keeps_one_identity_over_months(demo_set: DemoDataset) -> None:
    groups = _groups(demo_set, "repeat")
    assert groups
    for members in groups.values():
        records = [demo_set.records[i] for i in members]
        assert len(records) >= 3
        assert len({(r.complainant_name, r.id_number, r.phone) for r in records}) == 1
        assert len({r.received_at.date() for r in records}) >= 2
    later = [demo_set.records[i].content for m in groups.values() for i in m[1:]]
    assert sum(("第" in t and "次" in t) or "之前" in t or "上次" in t or "又" in t for t in later) > len(later) / 3


def test_write_truth_writes_a_header_and_one_row_per_complaint(demo_set: DemoDataset, tmp_path: Path) -> None:
    path = tmp_path / "truth.csv"
    assert write_truth(path, demo_set.truth) == 1_500
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == TRUTH_COLUMNS
    assert rows[0][:4] == ["complaint_id", "kind", "group_id", "group_type"]
    assert len(rows) == 1_501
    assert rows[1][0] == demo_set.records[0].complaint_id


def test_campaigns_arrive_in_bursts_mostly_forwarded_by_the_regulator(demo_set: DemoDataset) -> None:
    campaign_channels = []
    for members in _groups(demo_set, "campaign").values():
        times = sorted(demo_set.records[i].received_at for i in members)
        campaign_channels += [demo_set.records[i].channel for i in members]
        if len(times) >= 8:
            middle = times[len(times) // 10 : len(times) - len(times) // 10]
            assert (middle[-1] - middle[0]).days <= 30
    ordinary = [r.channel for r, t in zip(demo_set.records, demo_set.truth, strict=True) if t.kind == "ordinary"]
    regulator_share = campaign_channels.count("regulator") / len(campaign_channels)
    assert regulator_share > 0.5
    assert regulator_share > 2 * ordinary.count("regulator") / len(ordinary)


def test_truth_signals_say_which_agent_traces_a_member_shows(demo_set: DemoDataset) -> None:
    for record, row in zip(demo_set.records, demo_set.truth, strict=True):
        if row.kind != "campaign":
            assert row.signals in ("", "family_delegate") or row.signals.startswith("nth=")
            continue
        signals = set(row.signals.split(";"))
        assert "template" in signals
        assert ("representative" in signals) == (record.representative is not None)
        if "proxy_letter" in signals:
            # Some letters carry traditional characters (委託, 授權), as real ones occasionally do.
            assert any(word in record.content for word in ("委托", "委託", "代理", "授权", "授權"))


def test_family_members_filing_for_elderly_parents_are_genuine_delegates_not_agents(demo_set: DemoDataset) -> None:
    delegated = [
        (r, t) for r, t in zip(demo_set.records, demo_set.truth, strict=True) if t.signals == "family_delegate"
    ]
    assert delegated
    phones = [r.representative_phone for r, _ in delegated]
    assert len(set(phones)) == len(phones)
    for record, row in delegated:
        assert row.kind == "ordinary" and row.group_id == ""
        assert record.representative and record.representative[0] == record.complainant_name[0]
        assert record.complainant_name in record.content
    agent_phones = {
        r.representative_phone for r, t in zip(demo_set.records, demo_set.truth, strict=True) if t.kind == "campaign"
    }
    assert not agent_phones & set(phones)
