"""normalize_text brings complaint text to one canonical form and never unmasks or joins masked digits."""

from __future__ import annotations

import pytest

from tousu.analysis.normalize import count_exclamations, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("电话１３８１２３４５６７８，ＡＢＣ＠ｑｑ．ｃｏｍ", "电话13812345678，ABC@qq.com"),
        ("銀行亂扣費，要求退還", "银行乱扣费，要求退还"),
        ("我要投诉!为什么扣费?", "我要投诉！为什么扣费？"),
        ("金额1,200元，时间12:30", "金额1,200元，时间12:30"),
        ("太过分了！！！真的。。。", "太过分了！真的…"),
        ("第一条\n\n\n  第二条", "第一条\n第二条"),
        ("扣款   三次\t\t共计", "扣款 三次 共计"),
        ("  前后空白  ", "前后空白"),
    ],
)
def test_text_is_brought_to_the_canonical_form(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("masked", ["138****5678", "CH000***********", "6222 **** **** 1234", "张*"])
def test_masked_values_are_kept_as_they_are(masked: str) -> None:
    assert masked in normalize_text(f"联系方式：{masked}，请回电")


def test_full_width_asterisks_of_a_masked_phone_become_ascii_and_stay_masked() -> None:
    assert normalize_text("电话138＊＊＊＊5678") == "电话138****5678"


def test_empty_text_stays_empty() -> None:
    assert normalize_text("") == ""


def test_exclamations_are_counted_on_the_raw_text() -> None:
    raw = "还钱！！！马上!"
    assert count_exclamations(raw) == 4
    assert normalize_text(raw).count("！") == 2
