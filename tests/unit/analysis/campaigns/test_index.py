"""Incremental check: new complaints are matched to known campaigns without rerunning detection."""

from __future__ import annotations

from pathlib import Path

import pytest
from campaign_cases import (
    ORDINARY,
    agent_campaign,
    agent_member,
    inputs,
    ordinary_background,
    outage_event,
    record,
)

from tousu.analysis.campaigns import CampaignIndex, detect_campaigns


@pytest.fixture()
def index() -> CampaignIndex:
    items = inputs(ordinary_background() + agent_campaign(8) + outage_event())
    return CampaignIndex.from_detection(detect_campaigns(items), items)


def new_member(k: int, *, phone: str | None = None, extra: str = "") -> object:
    text, who = agent_member(k, paraphrase=1)
    text += extra
    return inputs([record(f"N-{k}", text, day=230, name=who["name"], id_number=who["id_number"], phone=phone)])[0]


def test_a_new_letter_of_the_campaign_is_found_by_its_template(index: CampaignIndex) -> None:
    match = index.check(new_member(40, phone="13600001234"))
    assert match is not None
    assert match.campaign_id == "CMP-1"
    assert "template" in match.via
    assert match.similarity >= 0.3
    assert match.neighbours and all(n.startswith("C-") for n in match.neighbours)
    assert match.flag()["id"] == "CMP-1"


def test_a_new_complaint_giving_the_agents_phone_is_found_by_the_phone(index: CampaignIndex) -> None:
    item = inputs([record("N-P", "我的保险想退掉，请联系我。", day=231, name="新客户", phone="17724515444")])[0]
    match = index.check(item)
    assert match is not None
    assert match.via == ("shared_phone",)


def test_an_ordinary_complaint_matches_no_campaign(index: CampaignIndex) -> None:
    item = inputs([record("N-O", ORDINARY[3], day=232, name="路人甲", phone="13500009999")])[0]
    assert index.check(item) is None


def test_an_added_letter_is_indexed_and_later_letters_find_it(index: CampaignIndex) -> None:
    before = len(index)
    extra = "另外本人在贵公司还有一份鸿泰安康意外伤害保险，同样是业务员上门推销时夸大收益，也要求一并全额退保。"
    assert index.add(new_member(41, phone="13600005678", extra=extra)) is not None
    assert len(index) == before + 1
    match = index.check(new_member(41, phone="13600005679", extra=extra))
    assert match is not None
    assert match.neighbours[0] == "N-41"


def test_a_batch_added_at_once_is_matched_as_one_by_one_and_later_letters_of_the_batch_find_earlier_ones(
    index: CampaignIndex,
) -> None:
    extra = "另外本人在贵公司还有一份鸿泰安康意外伤害保险，同样是业务员上门推销时夸大收益，也要求一并全额退保。"
    ordinary = inputs([record("N-O2", ORDINARY[3], day=232, name="路人乙", phone="13500009998")])[0]
    batch = [
        new_member(42, phone="13600005670", extra=extra),
        ordinary,
        new_member(42, phone="13600005671", extra=extra),
    ]
    before = len(index)
    matches = index.add_many(batch)
    assert len(index) == before + 3
    assert [m.campaign_id if m else None for m in matches] == ["CMP-1", None, "CMP-1"]
    assert matches[2] is not None and matches[2].neighbours[0] == "N-42"


def test_the_index_survives_a_save_and_load(index: CampaignIndex, tmp_path: Path) -> None:
    index.add(new_member(42))
    path = tmp_path / "campaigns.idx"
    index.save(path)
    loaded = CampaignIndex.load(path)
    assert len(loaded) == len(index)
    assert loaded.check(new_member(43)) == index.check(new_member(43))


def test_loading_a_file_that_is_not_an_index_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "other.pkl"
    import pickle

    path.write_bytes(pickle.dumps({"something": "else"}))
    with pytest.raises(ValueError, match="rebuild it with"):
        CampaignIndex.load(path)
