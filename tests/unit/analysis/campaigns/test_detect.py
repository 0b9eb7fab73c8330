"""Detection end to end: an organised campaign, and the two things that look like one but are not."""

from __future__ import annotations

import json
import random

import pytest
from campaign_cases import agent_campaign, inputs, ordinary_background, outage_event, persistent_complainant

from tousu.analysis.campaigns import CampaignSettings, Detection, detect_campaigns
from tousu.analysis.campaigns.templates import signatures, template_families, template_links


@pytest.fixture(scope="module")
def corpus() -> list:
    records = ordinary_background() + agent_campaign(8) + outage_event() + persistent_complainant(5)
    return inputs(records)


@pytest.fixture(scope="module")
def detection(corpus: list) -> Detection:
    return detect_campaigns(corpus)


def test_templated_letters_from_one_agent_form_one_campaign(detection: Detection) -> None:
    assert len(detection.campaigns) == 1
    campaign = detection.campaigns[0]
    assert campaign.members == tuple(f"C-{k:03d}" for k in range(8))
    assert campaign.kind == "代理退保"
    assert campaign.score >= 0.9
    assert {"template", "shared_phone", "shared_agent", "proxy_letter", "phone_refusal"} <= set(campaign.signals)


def test_the_campaign_flag_is_the_interchange_object(detection: Detection) -> None:
    flag = detection.flag_of("C-003")
    assert flag is not None
    assert set(flag) == {"id", "score", "signals"}
    assert flag["id"] == "CMP-1"
    assert 0 < flag["score"] <= 1
    assert "template" in flag["signals"]
    assert detection.flag_of("O-001") is None


def test_the_reasons_add_up_to_the_score_and_explain_themselves_in_chinese_and_english(detection: Detection) -> None:
    campaign = detection.campaigns[0]
    assert sum(r.points for r in campaign.reasons) == pytest.approx(100 * campaign.score, abs=0.5)
    template = next(r for r in campaign.reasons if r.signal == "template")
    assert "8 名不同投诉人" in template.explanation_zh
    assert "8 different complainants" in template.explanation_en


def test_the_dossier_shows_the_shared_template_each_members_differences_and_the_shared_phone(
    detection: Detection,
) -> None:
    campaign = detection.campaigns[0]
    assert any("双录" in s for s in campaign.template)
    assert any("要求全额退保" in s for s in campaign.template)
    assert len(campaign.differences) == 8
    assert all(0 < d.similarity <= 1 for d in campaign.differences)
    phone = next(s for s in campaign.shared_identifiers if s.kind == "phone")
    assert phone.masked == "177****5444"
    assert phone.members == 8 and phone.persons == 8
    assert len(phone.hash_prefix) == 8
    assert sum(campaign.timeline.values()) == 8
    assert campaign.markers["授权委托书"] >= 1
    json.dumps(campaign.to_dict(), ensure_ascii=False)


def test_a_genuine_mass_complaint_is_a_group_event_not_black_industry(detection: Detection) -> None:
    outage = [f"E-{k:03d}" for k in range(15)]
    assert all(detection.flag_of(c) is None for c in outage)
    assert len(detection.group_events) == 1
    event = detection.group_events[0]
    assert event.product == "手机银行APP"
    assert event.id == "EVT-1"
    assert len(set(event.members) & set(outage)) >= 10
    assert set(event.members) <= set(outage), "ordinary complaints about the app on other days are not the event"
    assert detection.group_event_of(event.members[0]) == {"id": "EVT-1", "size": event.size, "product": "手机银行APP"}
    assert "倍" in event.reasons[0] and "times the usual rate" in event.reasons[1]


def test_one_persistent_complainant_is_a_repeat_not_a_campaign(detection: Detection) -> None:
    assert all(detection.flag_of(f"P-{k:03d}") is None for k in range(5))
    repeat = detection.repeat_of("P-002")
    assert repeat is not None
    assert repeat["count"] == 5
    assert repeat["complainant"].startswith("P-")
    assert detection.repeat_of("C-001") is None


def test_ordinary_complaints_are_neither_flagged_nor_grouped(detection: Detection) -> None:
    ordinary = [f"O-{k:03d}" for k in range(24)]
    assert all(detection.flag_of(c) is None for c in ordinary)
    assert all(detection.repeat_of(c) is None for c in ordinary)


def test_ids_and_dossiers_are_the_same_whatever_the_input_order(corpus: list, detection: Detection) -> None:
    shuffled = list(corpus)
    random.Random(3).shuffle(shuffled)
    again = detect_campaigns(shuffled)
    assert [c.to_dict() for c in again.campaigns] == [c.to_dict() for c in detection.campaigns]
    assert [e.to_dict() for e in again.group_events] == [e.to_dict() for e in detection.group_events]
    assert [r.to_dict() for r in again.repeats] == [r.to_dict() for r in detection.repeats]


def test_three_people_sharing_a_template_without_any_agent_sign_are_not_enough() -> None:
    letters = inputs(agent_campaign(3, paraphrase=0))
    stripped = [
        type(item)(item.complaint_id, item.received_at, item.text.split("业务员在销售过程中")[0] * 3, channel="online")
        for item in letters
    ]
    settings = CampaignSettings()
    sig = signatures([i.text for i in stripped], settings)
    assert [f.tolist() for f in template_families(sig, template_links(sig, settings), settings)] == [[0, 1, 2]]
    assert detect_campaigns(stripped + inputs(ordinary_background())).campaigns == []


def test_a_campaign_filed_under_the_agents_phone_alone_is_found_even_when_heavily_reworded() -> None:
    records = agent_campaign(10, paraphrase=2) + ordinary_background()
    found = detect_campaigns(inputs(records))
    assert len(found.campaigns) == 1
    assert set(found.campaigns[0].members) == {f"C-{k:03d}" for k in range(10)}


def test_a_flag_is_advisory_and_the_dossier_says_nothing_about_deadlines(detection: Detection) -> None:
    data = detection.campaigns[0].to_dict()
    assert not {"deadline", "due", "pause", "suspend"} & set(data)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("template_jaccard", 1.5, "template_jaccard must be in"),
        ("bands", 30, "num_perm must be a multiple of bands"),
        ("min_persons", 1, "min_persons must be a whole number >= 2"),
        ("weights", {"shoe_size": 0.5}, "unknown signal"),
        ("event_burst_ratio", 0.5, "event_burst_ratio must be >= 1"),
    ],
)
def test_settings_refuse_values_that_make_no_sense_and_say_what_to_do(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CampaignSettings(**{field: value})
