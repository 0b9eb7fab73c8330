"""Dates, law and rule citations, institutions and products named in complaint text.

Dates are given as ISO strings (``2021-03-05``; ``2021-03`` when only year and month are written); law
citations as ``《保险法》第十六条`` (unbracketed well-known codes are bracketed: ``刑法第253条`` ->
``《刑法》第253条``); institutions and products from the lexicon ``data/reading_entities.toml``, plus
institutions written with a generic suffix (``宁波通商银行``).

Reference: 《立法法》 naming of laws, regulations and rules (法, 条例, 办法, 规定 …).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

from tousu.analysis.extract.lexicon import words_pattern

# Both patterns start at the separator after the year (年, or - / .), a rare character the regex engine finds
# with its fast scan; the year is read back from the digits before it in code. Patterns that start with a
# digit class are tried at every digit of a complaint and are several times slower.
_CHINESE_DATE = re.compile(r"年(\d{1,2})月(?:(\d{1,2})[日号]|(?![\d份]))")
_NUMERIC_DATE = re.compile(r"[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.])")
_LAW_SUFFIXES = (
    "法", "法典", "条例", "办法", "规定", "细则", "解释", "通知", "意见", "准则", "规则", "指引", "公约", "决定",
    "规范", "标准", "纲要", "守则",
)  # fmt: skip
_NUMERAL = r"[零〇一二三四五六七八九十百千\d]+"
_ARTICLE = rf"(?:\s*第{_NUMERAL}条(?:第{_NUMERAL}款)?(?:第{_NUMERAL}项)?)?"
_BRACKETED_LAW = re.compile(rf"《([^《》\n]{{2,60}})》({_ARTICLE})")
_BARE_CODES = ("保险法", "民法典", "刑法", "合同法", "民法通则", "消费者权益保护法", "商业银行法", "个人信息保护法")
_BARE_LAW = re.compile(
    rf"(?<!《)(?:中华人民共和国)?({'|'.join(_BARE_CODES)})(\s*第{_NUMERAL}条(?:第{_NUMERAL}款)?(?:第{_NUMERAL}项)?)"
)


def find_dates(text: str) -> tuple[str, ...]:
    """Calendar dates written in full (``2021年3月5日``, ``21年6月26号``, ``2022.2.17``, ``2021-03-05``) as ISO
    dates, and year-month dates (``2019年12月``) as ``YYYY-MM``; impossible dates are left out."""
    found: list[tuple[int, str]] = []
    if "年" in text:
        for match in _CHINESE_DATE.finditer(text):
            year = _year_before(text, match.start(), two_digits=True)
            day = match.group(2)
            read = _iso(year, int(match.group(1)), int(day) if day else None) if year else None
            if read is not None:
                found.append((match.start(), read))
    for match in _NUMERIC_DATE.finditer(text):
        year = _year_before(text, match.start(), two_digits=False)
        read = _iso(year, int(match.group(1)), int(match.group(2))) if year else None
        if read is not None:
            found.append((match.start(), read))
    return _unique(found)


def _year_before(text: str, end: int, *, two_digits: bool) -> int | None:
    """The year written right before ``end``: four digits 19xx/20xx, or (``two_digits``) 21 meaning 2021."""
    start = end
    while start > 0 and text[start - 1].isdigit() and end - start < 5:
        start -= 1
    digits = text[start:end]
    if start > 0 and text[start - 1] == ".":
        return None
    if len(digits) == 4 and digits.startswith(("19", "20")):
        return int(digits)
    if two_digits and len(digits) == 2:
        return 2000 + int(digits)
    return None


def _iso(year: int, month: int, day: int | None) -> str | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM`` without a day), ``None`` for an impossible date."""
    try:
        return date(year, month, day).isoformat() if day is not None else date(year, month, 1).isoformat()[:7]
    except ValueError:
        return None


def find_laws(text: str) -> tuple[str, ...]:
    """Citations of laws, regulations and rules (``《保险法》第十六条``,
    ``《商业银行信用卡业务监督管理办法》第七十条``), with the article when one is given."""
    if "《" not in text and not any(code in text for code in _BARE_CODES):
        return ()
    found: list[tuple[int, str]] = []
    for match in _BRACKETED_LAW.finditer(text):
        title = match.group(1).strip()
        if title.endswith(_LAW_SUFFIXES):
            found.append((match.start(), f"《{title}》{match.group(2).strip()}"))
    for match in _BARE_LAW.finditer(text):
        found.append((match.start(), f"《{match.group(1)}》{match.group(2).strip()}"))
    return _unique(found)


def find_institutions(text: str) -> tuple[str, ...]:
    """Financial institutions named in the text, canonical names from the lexicon first, then names written
    with a generic suffix (某某农商银行) or a place and a suffix (宁波通商银行)."""
    return find_named(text)[0]


def find_products(text: str) -> tuple[str, ...]:
    """Product types named in the text (信用卡, 备用金, 重疾险, 保证保险 …), from the lexicon."""
    return find_named(text)[1]


def find_named(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Institutions and products in one pass over the text (one lexicon pattern holds both; a longer word
    wins, so 太平洋保险 is an institution and not also the product 保险).

    Returns:
        ``(institutions, products)`` as :func:`find_institutions` and :func:`find_products` give them.
    """
    lexicon = _lexicon()
    institutions: list[tuple[int, str]] = []
    products: list[tuple[int, str]] = []
    floor = 0
    for match in lexicon.named.finditer(text):
        word = match.group(0)
        if word in lexicon.names:
            institutions.append((match.start(), lexicon.aliases.get(word, word)))
            floor = match.end()
            continue
        if word in lexicon.suffixes:
            name = _from_place(_name_before(text, floor, match.start(), lexicon), lexicon) + word
            placed = word not in lexicon.place_suffixes or name.startswith(lexicon.places)
            if placed and len(name) > len(word) and name not in lexicon.not_names:
                institutions.append((match.end() - len(name), name))
        if word in lexicon.products and text[match.end() : match.end() + 1] != "法":  # 《保险法》 is a law
            products.append((match.start(), word))
    return _unique(institutions), _unique(products)


def _from_place(name: str, lexicon: _Lexicon) -> str:
    """Cut what was read back before a place name (期限三年重庆银行 -> 重庆银行, 日河北幸福消费金融 -> 河北…)."""
    place = lexicon.place.search(name) if name else None
    return name[place.start() :] if place else name


def _name_before(text: str, floor: int, end: int, lexicon: _Lexicon) -> str:
    """The characters before a suffix that name the institution, never reaching back past ``floor``."""
    start = end
    while start > floor and end - start < lexicon.max_name:
        char = text[start - 1]
        if not "\u4e00" <= char <= "\u9fff" or char in lexicon.stops:
            break
        start -= 1
    return text[start:end]


class _Lexicon:
    """reading_entities.toml compiled once."""

    def __init__(self, raw: dict[str, Any]) -> None:
        institutions = raw["institutions"]
        self.aliases: dict[str, str] = dict(institutions["aliases"])
        self.names: frozenset[str] = frozenset([*institutions["names"], *self.aliases])
        self.suffixes: frozenset[str] = frozenset([*institutions["suffixes"], *institutions["place_suffixes"]])
        self.place_suffixes: frozenset[str] = frozenset(institutions["place_suffixes"])
        self.places: tuple[str, ...] = tuple(institutions["places"])
        self.place = _longest_first(institutions["places"])
        self.not_names: frozenset[str] = frozenset(institutions["not_names"])
        self.stops: frozenset[str] = frozenset(institutions["stops"])
        self.max_name: int = institutions["max_name"]
        self.products: frozenset[str] = frozenset(raw["products"]["names"])
        self.named = _longest_first([*self.names, *self.suffixes, *self.products])


def _longest_first(words: list[str]) -> re.Pattern[str]:
    return words_pattern(words)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = tomllib.loads(files("tousu.analysis").joinpath("data", "reading_entities.toml").read_text("utf-8"))
    return _Lexicon(raw)


def _unique(found: list[tuple[int, str]]) -> tuple[str, ...]:
    seen: set[str] = set()
    result: list[str] = []
    for _, value in sorted(found, key=lambda pair: pair[0]):
        if value not in seen:
            seen.add(value)
            result.append(value)
    return tuple(result)
