"""extract reads amounts, the demanded amount, identifiers, dates, citations, institutions and products."""

from __future__ import annotations

from datetime import date

import pytest

from tousu.analysis.extract import ENTITY_KEYS, extract
from tousu.analysis.normalize import normalize_text

VALID_ID = "110101199003071233"
INVALID_ID = "110101199003071234"
CARD = "6222021234567890128"


def read(text: str, **kwargs: str):  # noqa: ANN201 - the Extraction of a normalised text
    return extract(normalize_text(text), **kwargs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("被扣了3.5万元手续费", [35000.0]),
        ("借了叁万伍仟元", [35000.0]),
        ("损失大概3-5万", [50000.0]),
        ("年费480元，利息1,200.50元", [480.0, 1200.5]),
        ("2021年3月5日借款，分12期，年利率24%", []),
        ("电话138****5678，金额125***.95元被隐藏", []),
    ],
)
def test_money_amounts_are_read_and_non_money_numbers_are_not(text: str, expected: list[float]) -> None:
    assert read(text).as_entities()["amounts"] == expected


def test_a_range_keeps_its_lower_end_too() -> None:
    (amount,) = read("损失大概3-5万").amounts
    assert (amount.low, amount.value) == (30000.0, 50000.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我在贵行借款50000元，被收取服务费1629.6元，要求退还该笔服务费", 1629.6),
        ("每月扣费20元，共计扣款120元，要求全部退还", 120.0),
        ("要求退还保费21400元和服务费4914元", 26314.0),
        ("2002年购买保险，每年交费730元，已缴费14600元，现在要求全额退本金14600元", 14600.0),
        ("第三方骚扰，要求赔偿精神损失人民币3万元", 30000.0),
        ("被扣叁万伍仟元，要求退还叁万伍仟元", 35000.0),
        ("申请的15000元贷款，另收1629.6元服务费，要平台退还该笔服务费", 1629.6),
        ("借款3000元，我只能还本金3000，其余利息要求减免", None),
        ("利息太高，要求退还多收的利息", None),
    ],
)
def test_the_demanded_amount_is_what_the_complainant_asks_back(text: str, expected: float | None) -> None:
    assert read(text).demand_amount == expected


def test_the_demand_column_decides_the_demanded_amount() -> None:
    extraction = read("借款20000元，利息太高", demand="退还利息3,000元")
    assert extraction.demand_amount == 3000.0


def test_phones_emails_cards_and_policies_are_found() -> None:
    text = f"电话+86 138-1234-5678或010-62345678，邮箱ZhangSan@QQ.com，卡号{CARD}，保单号：P2021000123。"
    extraction = read(text)
    assert extraction.phones == ("13812345678", "010-62345678")
    assert extraction.emails == ("ZhangSan@qq.com",)
    assert extraction.cards == (CARD,)
    assert extraction.policies == ("P2021000123",)


def test_a_card_number_failing_luhn_is_not_a_card() -> None:
    assert read("卡号6222021234567890123").cards == ()


def test_an_id_number_gives_its_checksum_verdict_and_birth_date() -> None:
    valid, invalid = read(f"身份证{VALID_ID}，另一个{INVALID_ID}").id_numbers
    assert (valid.valid, valid.birth_date) == (True, date(1990, 3, 7))
    assert valid.age_at(date(2026, 3, 6)) == 35 and valid.age_at(date(2026, 3, 7)) == 36
    assert (invalid.valid, invalid.birth_date) == (False, date(1990, 3, 7))


def test_the_id_number_column_comes_first_and_masked_numbers_are_kept_as_written() -> None:
    extraction = read("身份证号码：45212*********0012", id_number=VALID_ID)
    assert [item.number for item in extraction.id_numbers] == [VALID_ID, "45212*********0012"]
    assert extraction.id_numbers[1].masked


def test_dates_are_given_as_iso_strings() -> None:
    text = "2021年3月5日办卡，21年6月26号扣款，2022.2.17申请，2019年12月到期，2021年2月30日不存在"
    assert read(text).dates == ("2021-03-05", "2021-06-26", "2022-02-17", "2019-12")


def test_law_citations_keep_their_article() -> None:
    text = "根据《保险法》第十六条、《商业银行信用卡业务监督管理办法》第七十条和刑法第253条，另见《用户手册》"
    assert read(text).laws == ("《保险法》第十六条", "《商业银行信用卡业务监督管理办法》第七十条", "《刑法》第253条")


def test_institutions_are_named_canonically_and_generic_names_are_read_back_from_their_suffix() -> None:
    extraction = read("我在招行办的卡，后来又在宁波通商银行贷款，贵银行不处理")
    assert extraction.institutions == ("招商银行", "宁波通商银行")


def test_products_are_named_from_the_lexicon() -> None:
    assert read("信用卡备用金搭售了保证保险").products == ("信用卡", "备用金", "保证保险")


def test_entities_are_masked_unless_asked_in_the_clear() -> None:
    extraction = read(f"电话13812345678，身份证{VALID_ID}，卡号{CARD}，邮箱zhangsan@qq.com")
    masked = extraction.as_entities()
    clear = extraction.as_entities(masked=False)
    assert list(masked) == list(ENTITY_KEYS)
    assert masked["phones"] == ["138****5678"] and clear["phones"] == ["13812345678"]
    assert masked["id_numbers"] == ["110101********1233"]
    assert masked["cards"] == ["622202*********0128"]
    assert masked["emails"] == ["z***@qq.com"]


def test_a_lexicon_pattern_prefers_the_longest_word_at_each_place() -> None:
    from tousu.analysis.extract.lexicon import words_pattern

    pattern = words_pattern(["银行", "银保监会", "银保监", "中国银行", "中国"])
    assert pattern.findall("中国银行和银保监会、银保监局与中国") == ["中国银行", "银保监会", "银保监", "中国"]


def test_generic_institution_names_need_a_place_or_a_telling_suffix() -> None:
    text = "发卡银行说，如果银行不处理，我就找无锡锡商银行和某某县农商银行"
    assert read(text).institutions == ("无锡锡商银行", "某某县农商银行")
