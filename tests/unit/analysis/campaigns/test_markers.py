"""Agent markers: the phrases ghost-written letters carry, each feeding one signal."""

from __future__ import annotations

from campaign_cases import ORDINARY, agent_member

from tousu.analysis.campaigns.markers import guess_kind, scan_markers


def signals_in(text: str) -> set[str]:
    scan = scan_markers([text])
    return {s for s, on in zip(scan.signals, scan.present[0], strict=True) if on}


def test_a_power_of_attorney_is_a_proxy_letter() -> None:
    assert signals_in("本人特委托代理人全权处理，授权委托书附后。") == {"proxy_letter"}


def test_refusing_phone_contact_is_found() -> None:
    assert signals_in("请勿致电本人，只接受书面答复。") == {"phone_refusal"}


def test_debt_suspension_with_the_credit_card_rule_is_an_agent_demand() -> None:
    found = signals_in("根据信用卡业务监督管理办法第七十条，申请停息挂账、个性化分期。")
    assert "agent_demand" in found


def test_dense_law_citations_are_found_but_one_citation_is_not_dense() -> None:
    dense = "依据《保险法》第十六条、第十七条，《民法典》第一百四十八条，《消费者权益保护法》第八条。"
    assert "law_citations" in signals_in(dense)
    assert "law_citations" not in signals_in("我看了《保险法》，" + "业务员说得和合同不一样，" * 20)


def test_threats_of_regulator_and_media_are_found() -> None:
    assert signals_in("否则我将向金融监管总局投诉并向媒体曝光。") == {"regulator_threats"}


def test_the_agent_letter_carries_every_marker_and_ordinary_complaints_carry_few() -> None:
    assert signals_in(agent_member(0)[0]) == {
        "proxy_letter", "phone_refusal", "agent_demand", "law_citations", "regulator_threats",
    }  # fmt: skip
    ordinary = scan_markers(ORDINARY)
    assert ordinary.present[:, list(ordinary.signals).index("proxy_letter")].sum() == 0
    assert ordinary.present.sum() <= 3


def test_cues_are_counted_for_the_evidence() -> None:
    scan = scan_markers(["要求全额退保，全额退保！请勿致电。"])
    assert scan.cues[0]["全额退保"] == 2
    assert scan.cues[0]["请勿致电"] == 1


def test_the_kind_follows_the_demands_most_letters_make() -> None:
    assert guess_kind([agent_member(k)[0] for k in range(4)], True) == "代理退保"
    assert guess_kind(["根据信用卡业务监督管理办法第七十条，申请停息挂账，个性化分期60期"] * 3, True) == "债务优化"
    assert guess_kind(["催收人员爆通讯录骚扰家人，要求停止暴力催收"] * 3, True) == "反催收"
    assert guess_kind(["借款时被捆绑收取担保费和会员费，要求退还"] * 3, True) == "代理维权"
    assert guess_kind(["我委托了代理人处理"] * 3, True) == "代理维权"
    assert guess_kind(["服务态度差"] * 3, False) == "unknown"
