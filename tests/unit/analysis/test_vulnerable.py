"""Vulnerable customers are read from what the complainant says of themselves and from their ID number."""

from __future__ import annotations

from datetime import date

import pytest

from tousu.analysis.normalize import normalize_text
from tousu.analysis.vulnerable import VULNERABLE_KINDS, detect_vulnerable

ON = date(2026, 1, 1)


def kinds(text: str, **kwargs: str) -> list[str]:
    return [hit.kind for hit in detect_vulnerable(normalize_text(text), at=ON, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我今年七十多岁了，退休在家，不懂这些理财", ["elderly"]),
        ("本人今年78岁，业务员上门推销", ["elderly"]),
        ("我是一名大学生，没有收入，被诱导办了分期", ["student", "low_income"]),
        ("本人因癌症住院，无法按时还款", ["ill"]),
        ("本人是残疾人，靠低保生活", ["disabled", "low_income"]),
        ("因疫情失业，暂时无力还款", ["low_income"]),
        ("作为一个老人，我被误导购买了保险", ["elderly"]),
        ("这个疫情我没工作，对我的生活带来压力太大", ["low_income"]),
        ("扣了我的工资卡，连生活都困难，吃不上饭", ["low_income"]),
        ("我当时还是个学生，就这么骗我钱", ["student"]),
        ("此时我正在大学期间，招联金融违规放款", ["student"]),
        ("违规给学生放款，学信网截图见图片", ["student"]),
        ("该事故造成本人多处骨折，后经手术治疗", ["ill"]),
        ("单位破产，期间也没有任何的经济收入", ["low_income"]),
        ("现在在家带孩子没有收入", ["low_income"]),
        ("由于本人年纪大了，对这些条款看不懂", ["elderly"]),
        ("在我患病期间信用卡产生逾期", ["ill"]),
        ("现在单位把我辞退，疫情期间无法上班", ["low_income"]),
    ],
)
def test_what_the_complainant_says_of_themselves_makes_them_vulnerable(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "我父亲退休了，催收天天打电话到家里",
        "催收骚扰家里老人，老人吓得睡不着",
        "家里有老人身体不好，你们别再打电话",
        "我不是学生，是上班族",
        "孩子还在上学，我每月按时还款",
        "利息太高，要求退还多收的费用",
        "催收打电话恐吓年迈的父母亲",
        "请平台帮我处理，家人失业了",
        "上有两个80岁老人要养",
        "不要上门催收，那里只有一位有心脏病的70多岁老人",
        "父母年龄大了，银行为信用卡绑定其他账户时应当尊重客户意愿",
        "本人因家里老人生病没有稳定工作导致借款逾期了",
    ],
)
def test_someone_elses_condition_or_a_bare_mention_does_not_count(text: str) -> None:
    assert kinds(text) == []


def test_a_relatives_condition_counts_when_the_complainant_acts_for_them() -> None:
    assert kinds("我替我父亲投诉，他已经退休多年，看不懂合同") == ["elderly"]
    assert kinds("我母亲在贵行购买了理财产品，她今年78岁") == ["elderly"]
    assert kinds("保险员诱导我父亲购买年金保险，已远远超过普通老人的承担范围") == ["elderly"]


def test_an_id_number_of_someone_aged_65_or_more_makes_the_case_elderly() -> None:
    (hit,) = detect_vulnerable("要求退还保费", id_number="11010519491231002X", at=ON)
    assert hit.kind == "elderly" and "1949-12-31" in hit.evidence
    assert detect_vulnerable("要求退还保费", id_number="110101199003071233", at=ON) == []


def test_age_from_the_id_number_is_counted_on_the_given_day() -> None:
    born_1961 = "110101196106010018"
    assert [hit.kind for hit in detect_vulnerable("扣费", id_number=born_1961, at=date(2026, 6, 1))] == ["elderly"]
    assert detect_vulnerable("扣费", id_number=born_1961, at=date(2026, 5, 31)) == []


def test_kinds_come_once_each_in_the_spec_order() -> None:
    text = "我失业了，又生病住院，本人七十多岁，生活困难"
    assert kinds(text) == ["elderly", "ill", "low_income"]
    assert VULNERABLE_KINDS == ("elderly", "student", "ill", "disabled", "low_income")


@pytest.mark.parametrize(
    "text",
    [
        "本人与该公司无业务往来，却被扣款",
        "买入后产品变成中风险",
        "合同写明保证续保至80周岁",
        "这么大一个平台却乱扣费",
        "业务员说买了保险之后生病就能报销",
        "我问他感冒发烧住院能否报销，他说可以",
        "从我花呗扣款13.25元，交易项是好医保·住院医疗",
        "一直没工作人员联系我",
        "这么多年的利息是因为没有工作人员联系我造成",
        "带自家猫咪到宠物诊所检查后发现患有膀胱炎",
        "购入家庭住院定额给付医疗保险",
        "银行要求必须开具贫困证明",
        "如果开户客户是低保人群，就不能办理",
        "第一个月没开工资，说压一个月",
        "当时是用的网上学习的培训",
        "面临随时被公司辞退的风险",
    ],
)
def test_words_that_only_contain_a_cue_are_no_vulnerability(text: str) -> None:
    assert kinds(text) == []


def test_an_id_number_written_in_the_text_counts_when_introduced_as_one() -> None:
    assert kinds("本人身份证号11010519491231002X，要求退保") == ["elderly"]
    assert kinds("订单号11010519491231002X，要求退保") == []
