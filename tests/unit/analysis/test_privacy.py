"""Personal data is masked in complaint text and in the personal columns, and nothing else is touched."""

from __future__ import annotations

import pytest

from tousu.analysis.privacy import (
    id_birth_date,
    id_checksum_valid,
    luhn_valid,
    mask_extra,
    mask_known,
    mask_text,
    mask_value,
)
from tousu.analysis.records import PERSONAL_COLUMNS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我的电话13812345678，请回电", "我的电话138****5678，请回电"),
        ("手机：+86 138-1234-5678。", "手机：+86 138****5678。"),
        ("联系方式 138 1234 5678 谢谢", "联系方式 138****5678 谢谢"),
        ("座机010-62345678转分机", "座机010-****5678转分机"),
        ("家里电话(0755)2234567", "家里电话(0755)***4567"),
    ],
)
def test_phone_numbers_keep_only_prefix_and_last_four_digits(text: str, expected: str) -> None:
    assert mask_text(text) == expected


def test_a_resident_id_number_keeps_region_and_last_four() -> None:
    assert mask_text("身份证号11010119900307123X，") == "身份证号110101********123X，"


def test_an_id_number_with_a_wrong_checksum_is_still_masked() -> None:
    assert id_checksum_valid("110101199003071234") is False
    assert mask_text("证件110101199003071234") == "证件110101********1234"


def test_a_luhn_valid_card_number_keeps_issuer_and_last_four() -> None:
    assert mask_text("卡号6222021234567890128扣款") == "卡号622202*********0128扣款"
    assert mask_text("卡号 6222 0212 3456 7890 128") == "卡号 622202*********0128"


def test_a_long_number_that_fails_luhn_is_not_a_card_and_stays() -> None:
    assert luhn_valid("6222021234567890123") is False
    assert mask_text("订单号6222021234567890123") == "订单号6222021234567890123"


def test_an_email_keeps_its_first_letter_and_domain() -> None:
    assert mask_text("请发到zhangsan@qq.com回复") == "请发到z***@qq.com回复"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本人张三，于2021年在贵行办卡", "本人张*，于2021年在贵行办卡"),
        ("我叫李四，今年七十岁", "我叫李*，今年七十岁"),
        ("投诉人：王五", "投诉人：王*"),
        ("本人王小明在贵公司投保", "本人王**在贵公司投保"),
        ("本人欧阳娜娜于去年借款", "本人欧阳**于去年借款"),
    ],
)
def test_a_name_introduced_explicitly_keeps_only_its_surname(text: str, expected: str) -> None:
    assert mask_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "本人向贵司投诉，要求退款",
        "本人于2020年购买保险",
        "持卡人信息被泄露",
        "投诉人张某，电话已隐藏",
        "已脱敏的号码138****5678和卡号622202*********0128",
        "客服热线95555和400-123-4567都打不通",
        "借款金额35000元，2021-03-05放款",
    ],
)
def test_text_without_unmasked_personal_data_is_left_unchanged(text: str) -> None:
    assert mask_text(text) == text


def test_masking_twice_changes_nothing_more() -> None:
    text = "本人张三，电话13812345678，邮箱zhangsan@163.com，身份证11010119900307123X"
    once = mask_text(text)
    assert mask_text(once) == once
    assert "13812345678" not in once and "zhangsan" not in once and "张三" not in once


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("complainant_name", "张三", "张*"),
        ("complainant_name", "张三丰", "张**"),
        ("representative", "欧阳锋", "欧阳*"),
        ("id_number", "11010119900307123X", "110101********123X"),
        ("phone", "13812345678", "138****5678"),
        ("phone", "+86 138-1234-5678", "138****5678"),
        ("representative_phone", "13987654321", "139****4321"),
        ("email", "lisi@163.com", "l***@163.com"),
        ("address", "广东省深圳市南山区科技园路1号", "广东省深圳市南山区****"),
        ("address", "北京市朝阳区建国路88号院3号楼", "北京市朝阳区****"),
        ("address", "建国路88号", "****"),
        ("account_no", "6222021234567890128", "****0128"),
        ("account_no", "P2021000123", "****0123"),
    ],
)
def test_personal_columns_are_masked_by_their_own_rule(column: str, value: str, expected: str) -> None:
    assert column in PERSONAL_COLUMNS
    assert mask_value(column, value) == expected


def test_a_column_that_is_not_personal_is_returned_unchanged() -> None:
    assert mask_value("product", "信用卡") == "信用卡"


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        ("备用手机", "13812345678", "138****5678"),
        ("备用手机", 13812345678.0, "138****5678"),  # a spreadsheet's number
        ("联系人电话", "13912345678", "139****5678"),
        ("联系人", "张三丰", "张**"),
        ("配偶身份证", "11010119900307123X", "110101********123X"),
        ("邮寄地址", "北京市朝阳区建国路88号", "北京市朝阳区****"),
        ("还款卡号", "6222021234567890128", "****0128"),
        ("Phone number", "+1 555 0101 2345", "****2345"),
        ("备注", "客户称其电话为13812345678", "客户称其电话为138****5678"),
    ],
)
def test_an_extra_attribute_is_masked_by_what_its_header_says(header: str, value: object, expected: str) -> None:
    assert mask_extra(header, value) == expected


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Company name", "Wells Fargo"),
        ("Company", "Acme Bank"),
        ("金额", 3.0),
        ("id_number_valid", False),
        ("备注", ""),
    ],
)
def test_an_extra_attribute_that_is_not_personal_is_left_as_it_is(header: str, value: object) -> None:
    result = mask_extra(header, value)
    assert result == value and type(result) is type(value)


def test_the_birth_date_is_read_from_an_id_number_and_impossible_dates_are_rejected() -> None:
    assert str(id_birth_date("11010119900307123X")) == "1990-03-07"
    assert id_birth_date("110101199002301234") is None


@pytest.mark.parametrize(
    "text",
    [
        "本人银行卡被冻结",
        "本人陆续在贵行存款",
        "本人支付150元",
        "联系人和朋友都被骚扰",
        "我是浦发的老客户",
        "平台名字叫安逸花",
        "盗取了本人岳父联系方式",
    ],
)
def test_words_after_a_name_cue_that_are_no_name_stay(text: str) -> None:
    assert mask_text(text) == text


def test_a_name_followed_by_its_id_card_or_a_date_is_masked() -> None:
    assert mask_text("本人李春花身份证号码见附件") == "本人李**身份证号码见附件"
    assert mask_text("本人张戬于2020年借款") == "本人张*于2020年借款"


def test_the_records_own_name_is_masked_where_no_cue_introduces_it() -> None:
    text = "我王龙，证件号码见附件。具状人：王龙"
    assert mask_known(text, {"complainant_name": "王龙"}) == "我王*，证件号码见附件。具状人：王*"


def test_known_values_of_one_character_or_of_columns_that_are_not_personal_are_left() -> None:
    assert mask_known("王先生来电", {"complainant_name": "王"}) == "王先生来电"
    assert mask_known("信用卡年费", {"product": "信用卡"}) == "信用卡年费"
    assert mask_known("地址：广东省深圳市南山区科技园一路8号", {"address": "广东省深圳市南山区科技园一路8号"}) == (
        "地址：广东省深圳市南山区****"
    )
