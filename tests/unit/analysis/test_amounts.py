"""parse_amount reads one amount value the ways complaint files write it."""

from __future__ import annotations

import pytest

from tousu.analysis.amounts import parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36000", 36000.0),
        ("3.5万", 35000.0),
        ("1,200.50元", 1200.5),
        ("叁万伍仟元", 35000.0),
        ("三千五", 3500.0),
        ("¥2000", 2000.0),
        ("￥2000", 2000.0),
        ("2万元", 20000.0),
        ("十万", 100000.0),
        ("0.8万", 8000.0),
        ("人民币５０００元", 5000.0),
        ("1.2亿元", 120000000.0),
        ("5千块", 5000.0),
    ],
)
def test_one_amount_value_is_read_in_yuan(text: str, expected: float) -> None:
    assert parse_amount(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "   ", "无", "abc", "3-5万", "见附件"])
def test_text_that_is_not_one_amount_gives_none(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("赔偿精神损失人民币3万元", [30000.0]),
        ("三到五万的损失", [50000.0]),
        ("扣了1000多的利息", [1000.0]),
        ("¥2000和￥300", [2000.0, 300.0]),
        ("共计叁万伍仟元整", [35000.0]),
        ("分12期，每期3天，年利率24%，7厘", []),
        ("电话138****5678，已还103***.8元", []),
        ("一直打电话，十分无奈", []),
    ],
)
def test_amounts_in_text_are_money_and_nothing_else(text: str, expected: list[float]) -> None:
    from tousu.analysis.amounts import find_amounts

    assert [amount.value for amount in find_amounts(text)] == expected
