"""Template families: copies of one letter group together; stock phrases and chains do not."""

from __future__ import annotations

import numpy as np
from campaign_cases import AGENT_LETTER, ORDINARY, agent_member

from tousu.analysis.campaigns import CampaignSettings
from tousu.analysis.campaigns.shingles import normalise_text, split_sentences
from tousu.analysis.campaigns.templates import (
    all_band_keys,
    band_keys,
    components,
    signatures,
    template_families,
    template_links,
)

SETTINGS = CampaignSettings()


def families_of(texts: list[str]) -> list[list[int]]:
    sig = signatures(texts, SETTINGS)
    return [f.tolist() for f in template_families(sig, template_links(sig, SETTINGS), SETTINGS)]


def test_slot_filled_copies_with_synonym_swaps_dropped_and_reordered_sentences_form_one_family() -> None:
    texts = [agent_member(k, paraphrase=k % 3)[0] for k in range(9)]
    assert families_of(texts) == [list(range(9))]


def test_names_numbers_and_personal_values_do_not_reach_the_template() -> None:
    text, who = agent_member(3)
    normalised = normalise_text(text)
    assert who["id_number"] not in normalised
    assert "体育西路" not in normalised
    assert "#" in normalised
    assert normalise_text("贵司业务员") == normalise_text("贵公司销售人员")


def test_ordinary_complaints_sharing_stock_phrases_stay_apart() -> None:
    refunds = [t for t in ORDINARY if "要求全额退款" in t]
    assert len(refunds) >= 5
    assert families_of(ORDINARY) == []


def test_a_chain_of_overlapping_complaints_does_not_become_one_giant_family() -> None:
    # Complaint k tells sentences k, k+1, k+2 of one long story: neighbours look alike, ends do not.
    story = [s.format(name="某", id="1", addr="某地", year="2020", sales="某", policy="P1", premium="1", total="2")
             for s in AGENT_LETTER] + ORDINARY  # fmt: skip
    texts = ["。".join(story[k : k + 3]) for k in range(len(story) - 2)]
    sig = signatures(texts, SETTINGS)
    links = template_links(sig, SETTINGS)
    single_link = components(len(texts), links.left, links.right)
    longest_chain = int(np.bincount(single_link).max())
    assert longest_chain >= 15, "single-link chaining must glue many of them, or this checks nothing"
    sizes = [len(f) for f in template_families(sig, links, SETTINGS)]
    assert max(sizes) <= 6
    assert len(sizes) >= 4


def test_two_letters_built_from_one_stock_of_phrases_become_two_families() -> None:
    first = [agent_member(k, paraphrase=1)[0] for k in range(8)]
    other = [
        "。".join(s for s in agent_member(k, paraphrase=1)[0].split("。")[:4])
        + "。本人名下信用卡因疫情失业暂时无法还款，申请停息挂账，个性化分期六十期，免除全部罚息和违约金，"
        "贵行催收人员多次爆通讯录骚扰家人，要求立即停止暴力催收，修复本人征信记录，删除逾期记录。"
        for k in range(20, 28)
    ]
    found = families_of(first + other)
    assert sorted(map(len, found)) == [8, 8]
    assert set(found[0]) == set(range(8))


def test_sentences_are_split_on_chinese_punctuation_and_short_fragments_dropped() -> None:
    assert split_sentences("本人于#年投保。好。要求全额退保！") == ["本人于#年投保", "要求全额退保"]


def test_empty_texts_match_nothing() -> None:
    sig = signatures(["", "。。", ORDINARY[0]], SETTINGS)
    assert np.all(sig[0] == 0xFFFFFFFF)
    assert template_links(sig, SETTINGS).left.size == 0


def test_the_keys_of_all_bands_at_once_are_the_keys_of_each_band() -> None:
    settings = CampaignSettings()
    sig = signatures([agent_member(1)[0], *ORDINARY[:3], ""], settings)
    together = all_band_keys(sig, settings.bands, settings.rows)
    one_by_one = np.stack([band_keys(sig, b, settings.rows) for b in range(settings.bands)], axis=1)
    assert together.shape == (5, settings.bands)
    assert np.array_equal(together, one_by_one)
    assert (together[-1] == 0).all()  # an empty text has no band to share


def test_a_shingle_batch_gives_any_of_its_documents_as_a_batch_of_their_own() -> None:
    from tousu.analysis.campaigns.shingles import shingle_batch

    texts = [agent_member(1)[0], *ORDINARY[:3]]
    batch = shingle_batch(texts)
    taken = batch.take(np.array([3, 1], dtype=np.int64))
    assert taken.offsets.size == 3
    assert np.array_equal(taken.row(0), shingle_batch([texts[3]]).row(0))
    assert np.array_equal(taken.row(1), shingle_batch([texts[1]]).row(0))
    assert batch.take(np.zeros(0, dtype=np.int64)).hashes.size == 0
