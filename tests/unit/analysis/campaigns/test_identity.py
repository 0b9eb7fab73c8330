"""Identifiers: normalised so one value written two ways matches, compared only as keyed hashes."""

from __future__ import annotations

import json

import pytest
from campaign_cases import SECRET, agent_campaign, inputs, ordinary_background, record

from tousu.analysis.campaigns import CampaignInput, LinkKey, detect_campaigns
from tousu.analysis.campaigns.address import normalise_address
from tousu.analysis.campaigns.identity import normalise_email, normalise_id_number, normalise_phone, text_phones
from tousu.analysis.campaigns.links import persons


def test_one_phone_written_four_ways_normalises_to_the_same_digits() -> None:
    forms = ["13812345678", "+86 138-1234-5678", "１３８ １２３４ ５６７８", "0086 13812345678"]
    assert {normalise_phone(f) for f in forms} == {"13812345678"}


def test_placeholder_phones_link_nobody() -> None:
    assert normalise_phone("13800000000") is None
    assert normalise_phone("11111111111") is None


def test_one_address_written_two_ways_normalises_to_the_same_key() -> None:
    a = normalise_address("广东省深圳市南山区科技园路10号阳光花园3号楼2单元1201室")
    b = normalise_address("深圳南山区科技园路１０号阳光花园三栋2-1201")
    assert a is not None and a == b
    assert normalise_address("南山区") is None


def test_email_and_id_number_are_trimmed_and_upper_or_lower_cased() -> None:
    assert normalise_email(" Zhang.San@QQ.com ") == "zhang.san@qq.com"
    assert normalise_id_number("44010319850101123x") == "44010319850101123X"


def test_phones_written_in_the_text_are_found() -> None:
    assert text_phones("请联系我的代理人，电话177-2451-5444，或者１３９００００１１１１。") == ["17724515444"]


def test_the_same_identifier_hashes_differently_under_another_institutions_secret() -> None:
    r = record("X-1", "投诉内容", name="王伟", phone="13912345678")
    mine = CampaignInput.from_record(r, SECRET)
    theirs = CampaignInput.from_record(r, b"another-institution-secret-0001")
    assert mine.phone is not None and theirs.phone is not None
    assert mine.phone != theirs.phone
    assert mine.phone == CampaignInput.from_record(r, LinkKey.from_secret(SECRET)).phone


def test_a_short_secret_is_refused_with_advice() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        CampaignInput.from_record(record("X-1", "内容"), b"short")


def test_the_input_and_the_dossier_hold_no_clear_identifiers() -> None:
    records = agent_campaign(8) + ordinary_background(12)
    items = inputs(records)
    every_value = {"17724515444", "177 2451 5444"}
    for r, item in zip(records, items, strict=True):
        own = {v for v in (r.complainant_name, r.id_number, r.phone, r.address, r.representative) if v}
        every_value |= own
        stored = json.dumps([getattr(item, f) for f in item.__slots__ if f != "received_at"], default=str,
                            ensure_ascii=False)  # fmt: skip
        assert not [v for v in own if v in stored]
    detection = detect_campaigns(items)
    assert detection.campaigns, "the campaign must be found, or the dossier check is empty"
    dossier = json.dumps([c.to_dict() for c in detection.campaigns], ensure_ascii=False)
    assert not [v for v in every_value if v in dossier]
    assert "177****5444" in dossier


def test_the_same_person_is_recognised_by_id_number_or_by_name_with_phone_but_not_by_name_alone() -> None:
    items = inputs(
        [
            record("A", "一", name="王伟", id_number="440103198501011234"),
            record("B", "二", name="王伟", id_number="440103198501011234", phone="13912345678"),
            record("C", "三", name="王伟", phone="139 1234 5678"),
            record("D", "四", name="王伟", phone="13700001111"),
        ]
    )
    label = persons(items).tolist()
    assert label[0] == label[1] == label[2]
    assert label[3] != label[0]
