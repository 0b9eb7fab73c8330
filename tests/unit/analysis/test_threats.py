"""Escalation threats are the complainant's own: negations, other people's words and plain mentions are not."""

from __future__ import annotations

import pytest

from tousu.analysis.normalize import normalize_text
from tousu.analysis.threats import THREAT_KINDS, detect_threats, threat_kinds


def kinds(text: str) -> list[str]:
    return threat_kinds(detect_threats(normalize_text(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("如果不解决我就去银保监会投诉", ["regulator"]),
        ("再不理赔，将去金融监管局投诉", ["regulator"]),
        ("我已向12378投诉，至今没有回复", ["regulator"]),
        ("本人会向人行，银监会投诉维护个人权益到底", ["regulator"]),
        ("希望受到监管部门重视，本人也必将维权到底", ["regulator"]),
        ("我其实不想闹到监管那里，但你们逼我", ["regulator"]),
        ("如果银行不处理，我将反馈到12315和消费者协会", ["consumer_body"]),
        ("如不及时处理，我会联系媒体曝光", ["media"]),
        ("律师让我先到黑猫来投诉", ["media"]),
        ("否则我这边会走法律程序", ["litigation"]),
        ("我已经找律师准备起诉你们", ["litigation"]),
        ("不尽快处理，我要报警", ["police"]),
        ("我已咨询公安局了", ["police"]),
        ("实在不行我就去信访局上访", ["petition"]),
        ("我会联络更多同样的受害者，然后进行集体诉讼", ["litigation", "group"]),
        ("天天被催收，我真的想跳楼了", ["self_harm"]),
        ("活着没意义了，别再逼我", ["self_harm"]),
        ("客服说不能撤销，我觉得很离谱，如果不处理我会投诉至银保监会", ["regulator"]),
        ("告知大家，希望受害的伙伴们一起投诉到银监会", ["regulator", "group"]),
        ("本人现依照《合同法》追究对方法律责任", ["litigation"]),
        ("最终我只能通过法律的手段来保护自己", ["litigation"]),
        ("希望受害者共同举证，不能妥善解决准备发起集体起诉", ["litigation", "group"]),
        ("每月收取保险费高达1260元，希望监管部门查一下", ["regulator"]),
        ("孩子受不了压力，如果出什么意外捷信公司等着法院见", ["litigation"]),
        ("如不尽快处理我会寻求法律援助", ["litigation"]),
        ("请求中国银行保险监督管理委员会依法查处", ["regulator"]),
        ("如果不处理，我会告倒媒体", ["media"]),
        ("非要把人逼到绝路吗，我真的扛不住了", ["self_harm"]),
        ("无奈之下才上诉黑猫投诉平台", ["media"]),  # 上诉 there is a slip for 申诉, no appeal to a court
        ("我报过警，但是他们依旧不依不饶", ["police"]),
        ("如因为此贷款影响我的房贷，我将会诉至法院给个说法", ["litigation"]),
        ("如不尽快处理，我会申请法律解决", ["litigation"]),
        ("希望有关监管部门能帮我解决", ["regulator"]),
        ("我有时候都在想，死了算了", ["self_harm"]),
        ("客服说不能取消，本人不接受该说法，不退款会继续向人行投诉", ["regulator"]),
        ("将进行多方投诉，直至《银保监会》等", ["regulator"]),
        ("如果明天不能解决就走银监会或者征信中心投诉", ["regulator"]),
        ("不给处理就走法律，网络曝光", ["media", "litigation"]),
        ("否则将向银保监会投诉，或追诉相关人员", ["regulator", "litigation"]),
        ("所以请求法律援助", ["litigation"]),
        ("要求银行退款99元，不然只能网上公开", ["media"]),
        ("不能协商还款那我只能把命给捷信了", ["self_harm"]),
    ],
)
def test_the_complainants_own_threats_are_found(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "客服说可以去法院起诉",
        "催收说要报警抓我",
        "银行起诉了我，我很害怕",
        "对方威胁要曝光我的欠款",
        "我没有去报警，只想协商还款",
        "我并没有向银保监会投诉过",
        "根据银保监会规定，不得搭售保险",
        "已经上传人行征信，影响我买房",
        "由中国银监会监管成立的消费金融公司",
        "我这边因为工伤的事情和单位正在进行仲裁",
        "4号向保险公司报案并报案成功",
        "我在中国工商银行办的信用卡",
        "减去50元优惠券支付110.4元",
        "收到律师函和法院传票",
        "这是要逼死人吗",
        "我会一直投诉，投诉到底",
        "催收打电话威胁我说再不还就上门，起诉之类的",
        "银行工作人员态度很差，表明只有一个方案，否则就要起诉",
        "未经沟通，强行起诉",
        "催收说要在派出所立案我",
        "万万没想到在我凑钱还债的期间被宁波银行起诉了",
        "因为广东公司在海南起诉陕西人",
        "所以我投诉催收伪造律师函",
        "向我索取不合法的一千多块钱仲裁费用",
        "根据2012年中国银监会关于整治银行业金融机构不规范经营的通知",
        "因当时没能及时报警了",
        "昨天我已去对方所委托的律所协商",
        "我告知如果我逾期你们可以走法律途径",
        "法院联系我三次问了三次方案",
        "我不怕，报警也不怕",
        "银行称要把我的欠款信息上报人民银行",
        "欠款信息将报送至人民银行个人信用信息基础数据库",
        "我要求撤回我的起诉案件",
        "中原消费金融还把我起诉限制高消费",
        "联系平台客服表示案件已移交给律师处理",
        "没有接受到法院的任何开庭文件",
        "还钱可以，但是不会去支付那些律师费诉讼费",
        "有本事就去起诉",
        "疫情期间没有收入，都生活不下去了",
        "我就去当地人民银行打印征信报告，才发现有逾期",
        "请求贵协会根据《中国人民银行 工业和信息化部 银监会关于促进互联网金融健康发展的指导意见》处理",
        "朋友还怂恿我去法院起诉银行",
        "应响应银保监会号召对于疫情期间受影响的客户给与延期还款",
    ],
)
def test_what_is_not_the_complainants_threat_is_not_reported(text: str) -> None:
    assert kinds(text) == []


def test_a_past_act_is_marked_done_and_a_threat_is_not() -> None:
    done = detect_threats("我已经报警了")
    threatened = detect_threats("如果明天不解决我就报警")
    assert [hit.done for hit in done] == [True]
    assert [hit.done for hit in threatened] == [False]


def test_a_hit_carries_its_clause_as_evidence_and_the_cue_position() -> None:
    text = "扣费不退，如果不解决我就去银保监会投诉。"
    (hit,) = detect_threats(text)
    assert hit.kind == "regulator"
    assert hit.evidence == "如果不解决我就去银保监会投诉"
    assert text[hit.start : hit.end] == "银保监会"


def test_kinds_come_in_the_spec_order_once_each() -> None:
    text = "我要报警，还要起诉你们，并向银保监会投诉，再向银保监会举报"
    assert kinds(text) == ["regulator", "litigation", "police"]
    assert THREAT_KINDS[0] == "regulator" and THREAT_KINDS[-1] == "self_harm"
