"""Chinese postal address normalisation, so that one address written two ways compares equal.

``广东省深圳市南山区科技园路10号阳光花园3号楼2单元1201室`` and
``深圳南山区科技园路１０号阳光花园三栋2-1201`` both become ``南山|科技园路10号阳光花园|3栋|2单元|1201室``.

Rules (after full-width -> half-width and dropping spaces and punctuation):
- the province is dropped when a city follows (city names are unique enough); municipalities
  (北京, 上海, 天津, 重庆) are the city; 省/市/自治区/自治州/地区/盟 suffixes are stripped;
- the district keeps its name without 区/县/旗 (its last two characters stand for the place); the
  urban sub-district (…街道) is dropped because people often leave it out, towns (镇/乡) are kept;
- building: 号楼/栋/幢/座/号院 are one unit (``3栋``), Chinese numerals 一…十 become digits;
  unit ``2单元``; room: 室/房/号房 or a trailing number become ``1201室``; ``3-2-1201`` reads as
  building-unit-room and ``3-1201`` as building-room.

Reference: GB/T 2260 administrative divisions (names); the component order of GB/T 23705-2009.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
_PUNCT = re.compile(r"[\s,，、。:：;；()（）\[\]【】\"'“”‘’#＃]+")
_PROVINCES = (
    "黑龙江", "内蒙古", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西", "山东",
    "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾",
    "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)  # fmt: skip
_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
_REGION_SUFFIX = re.compile(r"^(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)")
_CITY = re.compile(r"^([\u4e00-\u9fff]{2,7}?)(?:市|自治州|地区|盟)(?!场|民|区政府)")
_DISTRICT = re.compile(r"^([\u4e00-\u9fff]{1,7}?)(?:新区|区|县|旗|市(?![场民]))")
_SUBDISTRICT = re.compile(r"^[\u4e00-\u9fff]{2,8}?街道(?:办事处)?")
_CN_DIGITS = {
    "一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
    "六": "6", "七": "7", "八": "8", "九": "9", "十": "10",
}  # fmt: skip
_CN_BUILDING = re.compile(r"([一二两三四五六七八九十])(?=号楼|栋|幢|座|单元)")
_DASHED = re.compile(r"(\d+)-(\d+)-(\d+)(?:室|房|号房)?$")
_DASHED_SHORT = re.compile(r"(\d+)-(\d+)(?:室|房|号房)?$")
_BUILDING = re.compile(r"(\d+)(?:号楼|栋|幢|座|号院)")
_UNIT = re.compile(r"(\d+)单元")
_ROOM = re.compile(r"(\d+)(?:室|房|号房)?$")


def _strip_region(text: str) -> tuple[str, str]:
    """Split off the province or municipality; returns (city-if-municipality, rest)."""
    for name in _MUNICIPALITIES:
        if text.startswith(name):
            rest = text[len(name) :]
            return name, rest[1:] if rest.startswith("市") else rest
    for name in _PROVINCES:
        if text.startswith(name):
            rest = text[len(name) :]
            match = _REGION_SUFFIX.match(rest)
            return "", rest[match.end() :] if match else rest
    return "", text


@lru_cache(maxsize=65536)
def normalise_address(raw: str) -> str | None:
    """A canonical key for a Chinese address: ``district-or-city|street and estate|building|unit|room``.

    Args:
        raw: the address as written.

    Returns:
        The canonical key, or ``None`` when fewer than 6 meaningful characters remain (too vague
        to link people by).
    """
    text = _PUNCT.sub("", raw.translate(_FULLWIDTH).upper())
    text = text.replace("－", "-").replace("—", "-")
    city, text = _strip_region(text)
    if not city:
        match = _CITY.match(text)
        if match:
            city, text = match.group(1), text[match.end() :]
    district = ""
    match = _DISTRICT.match(text)
    if match:
        district, text = match.group(1), text[match.end() :]
    match = _SUBDISTRICT.match(text)
    if match:
        text = text[match.end() :]
    text = _CN_BUILDING.sub(lambda m: _CN_DIGITS[m.group(1)], text)
    building = unit = room = ""
    dashed = _DASHED.search(text)
    if dashed:
        building, unit, room = dashed.group(1), dashed.group(2), dashed.group(3)
        text = text[: dashed.start()]
    else:
        found = _BUILDING.search(text)
        if found:
            building = found.group(1)
            text = text[: found.start()] + text[found.end() :]
        found = _UNIT.search(text)
        if found:
            unit = found.group(1)
            text = text[: found.start()] + text[found.end() :]
        short = _DASHED_SHORT.search(text)
        if short:
            if building:
                unit, room = short.group(1), short.group(2)
            else:
                building, room = short.group(1), short.group(2)
            text = text[: short.start()]
        else:
            found = _ROOM.search(text)
            if found and (building or unit or found.group(0)[-1:] in "室房"):
                room = found.group(1)
                text = text[: found.start()]
    text = text.rstrip("-")
    # District names repeat across cities but rarely with the same street, estate and room, and
    # people drop the city or glue it to the district (深圳南山区): the district's last two
    # characters stand for both when there is a district.
    place = district[-2:] if district else city
    parts = [
        place,
        text,
        f"{building}栋" if building else "",
        f"{unit}单元" if unit else "",
        f"{room}室" if room else "",
    ]
    if sum(len(p) for p in parts) < 6:
        return None
    return "|".join(parts)


def mask_address(key: str) -> str:
    """A masked form of a canonical address key for evidence: the district (or city) only."""
    place = key.split("|", 1)[0]
    return f"{place}****" if place else "****"
