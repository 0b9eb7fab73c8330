"""Concrete facts a narrative is filled with: dates, amounts, rates, counts, written many ways.

Real complaints write the same fact in many forms (``2026年3月5日``, ``3月5号``, ``上个月``, ``1.2万``,
``一万二``); each form is picked at random so two complaints rarely share the spelling of a fact.
"""

from __future__ import annotations

from datetime import date
from random import Random

_CN_DIGITS = "零一二三四五六七八九"
_WEEKDAYS = "一二三四五六日"


def cn_small(n: int) -> str:
    """Chinese numeral for 0 <= n < 100 (``12`` -> ``十二``, ``35`` -> ``三十五``)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return f"{head}十{_CN_DIGITS[ones] if ones else ''}"


def say_date(rng: Random, day: date, today: date) -> str:
    """A past date as a complainant would write it, relative to ``today`` when close."""
    delta = (today - day).days
    this_year = "今年" if day.year == today.year else "去年" if day.year == today.year - 1 else f"{day.year}年"
    x = rng.random()
    if 0 <= delta <= 6 and x < 0.5:
        return ("今天", "昨天", "前天", "大前天", "前几天", "这周", "这几天")[min(delta, 6)]
    if 7 <= delta <= 13 and x < 0.4:
        return f"上周{_WEEKDAYS[day.weekday()]}" if rng.random() < 0.7 else "上个礼拜"
    if 20 <= delta <= 45 and x < 0.3:
        return rng.choice(("上个月", "上月", f"上个月{day.day}号", "一个多月前"))
    forms = (
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month}月{day.day}号",
        f"{day.month}月{day.day}日",
        f"{day.month}月{day.day}号",
        f"{day.year}.{day.month}.{day.day}",
        f"{day:%Y-%m-%d}",
        f"{day.year}/{day.month}/{day.day}",
        f"{day.month}.{day.day}",
        f"{this_year}{day.month}月份",
        f"{'今年' if day.year == today.year else f'{day.year}年'}{cn_small(day.month)}月{cn_small(day.day)}号",
        f"{day.year}年{day.month}月{'初' if day.day <= 10 else '中旬' if day.day <= 20 else '底'}",
    )
    return forms[int(rng.random() * len(forms))]


def say_year(rng: Random, day: date) -> str:
    """A purchase date years back, written coarsely (``2019年``, ``19年夏天``, ``2019年4月``)."""
    forms = (
        f"{day.year}年",
        f"{day.year}年{day.month}月",
        f"{str(day.year)[2:]}年",
        f"{day.year}年{('春天', '夏天', '秋天', '冬天')[(day.month % 12) // 3]}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年底" if day.month > 9 else f"{day.year}年初",
    )
    return forms[int(rng.random() * len(forms))]


def say_amount(rng: Random, value: float) -> str:
    """An amount of money in one of the forms complainants use."""
    whole = int(round(value))
    x = rng.random()
    if whole >= 10_000 and x < 0.3:
        wan = whole / 10_000
        text = f"{wan:.1f}".rstrip("0").rstrip(".") if wan < 100 else str(int(wan))
        return f"{text}{rng.choice(('万', '万元', '万块', 'w'))}"
    if x < 0.45 and whole % 100 and whole < 100_000:
        return f"{value:.2f}元"
    if x < 0.55 and whole >= 1000:
        return f"{whole:,}元"
    if x < 0.62:
        return f"¥{whole}"
    if x < 0.7 and whole < 10_000 and whole % 100 == 0 and whole >= 1000:
        return f"{_CN_DIGITS[whole // 1000]}千{_CN_DIGITS[(whole // 100) % 10] if whole % 1000 else ''}"
    return f"{whole}{rng.choice(('元', '元', '块', '块钱', '元整', '多元', '余元'))}"


def draw_amount(rng: Random, low: float, high: float, *, rounded: float = 0.0) -> float:
    """A log-uniform amount in [low, high], rounded to ``rounded`` when given."""
    value = low * (high / low) ** rng.random()
    if rounded:
        value = max(rounded, round(value / rounded) * rounded)
    elif rng.random() < 0.6:
        value = round(value)
    else:
        value = round(value, 2)
    return float(value)


def say_rate(rng: Random) -> str:
    """An interest or fee rate as quoted in sales talk or contracts."""
    x = rng.random()
    if x < 0.35:
        return f"{rng.choice(('0.', '0.0'))}{rng.randint(2, 9)}{rng.choice(('', str(rng.randint(1, 9))))}%"
    if x < 0.6:
        return f"{rng.randint(3, 6)}.{rng.randint(0, 9)}%"
    if x < 0.8:
        return f"日息万分之{rng.choice(('二', '三', '五', '六', '八', '九'))}{rng.choice(('', '点五'))}"
    return f"年化{rng.randint(3, 36)}{rng.choice(('', '.5', '.99', '.8'))}%"


def say_count(rng: Random, low: int, high: int) -> str:
    """A count written in digits or Chinese numerals."""
    n = rng.randint(low, high)
    return str(n) if rng.random() < 0.5 or n >= 100 else cn_small(n)
