"""Synthetic complainants: names, resident ID numbers (GB 11643), phones, e-mails, addresses, accounts."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from hashlib import blake2b
from random import Random
from typing import TypeVar

from faker.providers.address.zh_CN import Provider as _AddressData
from faker.providers.person.zh_CN import Provider as _PersonData

from tousu.demo.geography import CITIES, MUNICIPALITIES, City

_SURNAMES: tuple[str, ...] = tuple(_PersonData.last_names)
_SURNAME_CUM: tuple[float, ...] = tuple(
    sum(list(_PersonData.last_names.values())[: i + 1]) for i in range(len(_SURNAMES))
)
_GIVEN_MALE: tuple[str, ...] = tuple(_PersonData.first_names_male)
_GIVEN_FEMALE: tuple[str, ...] = tuple(_PersonData.first_names_female)
_STREET_ROOTS: tuple[str, ...] = tuple(_AddressData.cities)
_CITY_CUM: tuple[float, ...] = tuple(sum(c.weight for c in CITIES[: i + 1]) for i in range(len(CITIES)))

T = TypeVar("T")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE_PREFIXES = (
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "147",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "182",
    "187",
    "188",
    "130",
    "131",
    "132",
    "155",
    "156",
    "166",
    "185",
    "186",
    "133",
    "153",
    "173",
    "177",
    "180",
    "181",
    "189",
    "191",
    "198",
    "199",
)
_PINYIN = {
    "王": "wang",
    "李": "li",
    "张": "zhang",
    "刘": "liu",
    "陈": "chen",
    "杨": "yang",
    "黄": "huang",
    "吴": "wu",
    "赵": "zhao",
    "周": "zhou",
    "徐": "xu",
    "孙": "sun",
    "马": "ma",
    "朱": "zhu",
    "胡": "hu",
    "林": "lin",
    "郭": "guo",
    "何": "he",
    "高": "gao",
    "罗": "luo",
    "郑": "zheng",
    "梁": "liang",
}
_MAIL_DOMAINS = ("qq.com", "qq.com", "qq.com", "163.com", "163.com", "126.com", "sina.com", "foxmail.com")
_ESTATE_SUFFIXES = ("小区", "花园", "家园", "苑", "新村", "公寓", "雅居", "名都", "嘉园")


def id_check_digit(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits of a resident ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_valid_id_number(value: str) -> bool:
    """True when ``value`` is an 18-character resident ID with a correct check character."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    return id_check_digit(value[:17]) == value[17].upper()


@dataclass(frozen=True, slots=True)
class Person:
    """One complainant. ``key`` seeds every detail derived later (accounts), so they stay consistent."""

    key: str
    name: str
    gender: str
    birth: date
    id_number: str
    phone: str
    email: str | None
    address: str
    city: City
    district: str

    def age_on(self, day: date) -> int:
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))

    @property
    def surname(self) -> str:
        return self.name[0]

    def account(self, kind: str) -> str:
        """The person's number for one kind of account, always the same for the same person."""
        digest = blake2b(f"{self.key}/{self.id_number}/{kind}".encode(), digest_size=8).digest()
        digits = f"{int.from_bytes(digest, 'big') % 10**16:016d}"
        if kind == "life_policy":
            return "HTRS" + digits[:14]
        if kind == "pc_policy":
            return "PDAA" + digits[:4] + "44" + digits[4:16]
        if kind == "card":
            return "62" + digits[:14]
        if kind == "debit":
            return "6217" + digits[:15]
        if kind == "loan":
            return "AHDK" + digits[:12]
        if kind == "cf_loan":
            return "HX" + digits[:14]
        return digits


def pick_city(rng: Random) -> City:
    return CITIES[min(bisect_right(_CITY_CUM, rng.random() * _CITY_CUM[-1]), len(CITIES) - 1)]


def _name(rng: Random, gender: str) -> str:
    surname = _SURNAMES[min(bisect_right(_SURNAME_CUM, rng.random() * _SURNAME_CUM[-1]), len(_SURNAMES) - 1)]
    pool = _GIVEN_MALE if gender == "男" else _GIVEN_FEMALE
    given = pool[int(rng.random() * len(pool))]
    if rng.random() < 0.75:
        given += pool[int(rng.random() * len(pool))]
    return surname + given[:2]


def person_name(rng: Random) -> str:
    """A Chinese full name drawn from Faker's zh_CN name tables."""
    return _name(rng, "男" if rng.random() < 0.5 else "女")


def _between(rng: Random, low: int, high: int) -> int:
    """``rng.randint`` without its overhead (one draw, same range)."""
    return low + int(rng.random() * (high - low + 1))


def _pick(rng: Random, options: Sequence[T]) -> T:
    return options[int(rng.random() * len(options))]


def _birth(rng: Random, today: date, profile: str) -> date:
    if profile == "student":
        age = _between(rng, 18, 23)
    elif profile == "elderly":
        age = _between(rng, 62, 86)
    else:
        age = _between(rng, 24, 61)
    return today - timedelta(days=age * 365 + _between(rng, 0, 364))


def _address(rng: Random, city: City, district: str) -> str:
    province = "" if city.province in MUNICIPALITIES else city.province
    road = _STREET_ROOTS[int(rng.random() * len(_STREET_ROOTS))].removesuffix("市").removesuffix("县")
    road += rng.choice(("路", "路", "街", "大道", "东路", "西路", "北街"))
    number = _between(rng, 1, 999)
    if rng.random() < 0.7:
        estate = _STREET_ROOTS[int(rng.random() * len(_STREET_ROOTS))][:2] + _pick(rng, _ESTATE_SUFFIXES)
        r = rng.random()
        unit = f"{int(r * 30) + 1}栋{int(r * 1000) % 4 + 1}单元{int(r * 10**5) % 33 + 1}0{int(r * 10**7) % 6 + 1}室"
        return f"{province}{city.name}{district}{road}{number}号{estate}{unit}"
    return f"{province}{city.name}{district}{road}{number}号"


def phone_number(rng: Random) -> str:
    return _MOBILE_PREFIXES[int(rng.random() * len(_MOBILE_PREFIXES))] + f"{int(rng.random() * 1e8):08d}"


def _email(rng: Random, name: str, birth: date) -> str:
    domain = _pick(rng, _MAIL_DOMAINS)
    if domain == "qq.com" and rng.random() < 0.7:
        return f"{_between(rng, 10_000_000, 3_999_999_999)}@qq.com"
    stem = _PINYIN.get(name[:1], "hx")
    tail = rng.choice((str(birth.year), f"{birth.month:02d}{birth.day:02d}", str(_between(rng, 1, 9999))))
    return f"{stem}{rng.choice(('', '_', '.'))}{tail}@{domain}"


def make_person(rng: Random, key: str, today: date, profile: str | None = None, city: City | None = None) -> Person:
    """A complainant as of ``today``; ``profile`` is ``student``, ``elderly``, ``adult`` or random.

    ``city`` pins where the person lives (campaign recruits cluster around their agent).
    """
    if profile is None:
        x = rng.random()
        profile = "student" if x < 0.07 else "elderly" if x < 0.25 else "adult"
    gender = "男" if rng.random() < 0.52 else "女"
    city = city or pick_city(rng)
    district = _pick(rng, city.districts)
    birth = _birth(rng, today, profile)
    home = district if rng.random() < 0.7 else rng.choice(pick_city(rng).districts)
    seq = _between(rng, 0, 499) * 2 + (1 if gender == "男" else 0)
    first17 = f"{home.code}{birth:%Y%m%d}{seq:03d}"
    name = _name(rng, gender)
    email = _email(rng, name, birth) if rng.random() < 0.28 else None
    return Person(
        key=key,
        name=name,
        gender=gender,
        birth=birth,
        id_number=first17 + id_check_digit(first17),
        phone=phone_number(rng),
        email=email,
        address=_address(rng, city, district.name),
        city=city,
        district=district.name,
    )
