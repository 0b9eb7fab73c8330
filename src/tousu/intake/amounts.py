"""Reading demanded amounts written as numbers or Chinese text (``3.5万``, ``叁万伍仟元``, ``¥2000``)."""

from __future__ import annotations

import math
import re
import unicodedata
import warnings

_PREFIXES = ("人民币", "大约", "共计", "合计", "总计", "RMB", "CNY", "¥", "$", "约", "共")
_SUFFIXES = ("元人民币", "元整", "块钱", "元", "圆", "块", "整", "左右", "以上", "余", "多", "RMB", "CNY")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_SCALED = re.compile(r"(\d+(?:\.\d+)?)(万|亿|千|百)")
_SCALE = {"百": 100.0, "千": 1_000.0, "万": 10_000.0, "亿": 100_000_000.0}


def parse_amount(value: object) -> float | None:
    """An amount of money as a float; ``None`` for an empty cell.

    Reads plain numbers, thousands separators, currency marks and units (``1,200.50元``, ``¥2000``),
    ``3.5万``, and Chinese numerals in capital or common form (``叁万伍仟元``, ``三千五``) through
    cn2an's smart mode. Hedges such as ``约`` and ``左右`` are dropped (the amount named is kept).

    Raises:
        ValueError: the text is not one amount.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"not an amount: {value!r}")
    if isinstance(value, int | float):
        return _finite(float(value))
    text = str(value).strip()
    if not text:
        return None
    try:
        return _finite(float(text))
    except ValueError:
        pass
    text = unicodedata.normalize("NFKC", text).replace(" ", "")
    text = _THOUSANDS.sub("", text)
    text = _strip_affixes(text)
    if not text:
        raise ValueError("not an amount")
    try:
        return _finite(float(text))
    except ValueError:
        pass
    scaled = _SCALED.fullmatch(text)
    if scaled:
        return float(scaled.group(1)) * _SCALE[scaled.group(2)]
    return _finite(_chinese_numeral(text))


def _strip_affixes(text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        for prefix in _PREFIXES:
            if text.startswith(prefix):
                text, changed = text[len(prefix) :], True
        for suffix in _SUFFIXES:
            if text.endswith(suffix):
                text, changed = text[: -len(suffix)], True
    return text


def _chinese_numeral(text: str) -> float:
    import cn2an

    with warnings.catch_warnings():
        # cn2an warns when it truncates a long decimal part; the value is still right to 16 digits.
        warnings.simplefilter("ignore")
        try:
            number = cn2an.cn2an(text, "smart")
        except (ValueError, KeyError, IndexError, TypeError) as problem:
            raise ValueError(f"not an amount: {text!r}") from problem
    return float(number)


def _finite(number: float) -> float:
    if not math.isfinite(number):
        raise ValueError("not a finite amount")
    return number
