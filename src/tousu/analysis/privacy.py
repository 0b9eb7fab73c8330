"""Masking of personal data, in free text and in the personal columns of the interchange format.

What is masked in text (:func:`mask_text`) and how:

* mobile phones, with or without ``+86``/``0086``, spaces or dashes: ``13812345678`` -> ``138****5678``;
* landlines: ``010-12345678`` -> ``010-****5678`` (area code and last four digits kept);
* 18-digit resident ID numbers (a valid birth date in place, checksum right or wrong):
  ``11010119900307123X`` -> ``110101********123X`` (region and last four kept);
* bank card numbers (16-19 digits passing the Luhn check, also written in groups of four):
  ``6222021234567890128`` -> ``622202*********0128`` (first six, the issuer, and last four kept);
* e-mail addresses: ``zhangsan@qq.com`` -> ``z***@qq.com``;
* names introduced explicitly (本人张三, 我叫李四, 投诉人：王五): the surname is kept, ``张*``, ``李*``, ``王*``.

Already-masked values (``138****5678``, ``张*``) are left as they are. Digits that are none of the above
(amounts, dates, policy numbers that fail the Luhn check) are not touched. Corporate hotlines (95555,
400-xxx-xxxx) are not personal and are kept.

Reference: GB 11643-1999 (resident ID number and its ISO 7064 MOD 11-2 check digit); ISO/IEC 7812 (Luhn);
JR/T 0171-2020 (personal financial information protection: display masking of card and ID numbers).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import lru_cache
from importlib.resources import files

_NOT_BEFORE = r"(?<![0-9A-Za-z*])"
_NOT_AFTER = r"(?![0-9A-Za-z*])"
_CONTACT = re.compile(
    r"(?:(?P<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
    rf"|{_NOT_BEFORE}(?P<grouped>\d{{4}}(?:[ -]\d{{4}}){{3}}(?:[ -]?\d{{1,3}})?){_NOT_AFTER}"
    rf"|(?<![0-9A-Za-z*+])(?P<mobile>(?:(?:\+|00)86[ -]?)?1[3-9]\d(?:[ -]?\d{{4}}){{2}}){_NOT_AFTER}"
    rf"|{_NOT_BEFORE}(?P<long>\d{{17}}[0-9Xx]|\d{{15,19}}){_NOT_AFTER}"
    rf"|{_NOT_BEFORE}(?P<landline>(?:\(0\d{{2,3}}\)|（0\d{{2,3}}）|0\d{{2,3}})[ -]?[2-9]\d{{6,7}}){_NOT_AFTER})"
)
# Runs of characters that can hold a phone, card, ID or e-mail (7 or more): a pattern that starts with a plain
# character class is scanned by the regex engine's fast path, so the costly contact pattern only sees these.
_CANDIDATE = re.compile(r"[0-9A-Za-z(（+][0-9A-Za-z._%+@()（）* -]{6,}")
_NON_DIGIT = re.compile(r"\D")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_COUNTRY_PREFIX = re.compile(r"(?:\+|00)86[ -]?")
_LOCAL_NUMBER = re.compile(r"[2-9]\d{6,7}$")
_MOBILE = re.compile(r"^(?:\+?86|0086)?1[3-9]\d{9}$")


def mask_text(text: str) -> str:
    """Mask the personal data written inside a complaint's free text.

    Args:
        text: any complaint text (raw or normalised).

    Returns:
        The text with phones, ID numbers, bank cards, e-mails and explicitly introduced names masked as the
        module describes; every other character is unchanged.

    Reference: JR/T 0171-2020 display masking (first six / last four of cards, region / last four of IDs).
    """
    if not text:
        return ""
    text = _CANDIDATE.sub(_mask_candidate, text)
    if _name_cues().search(text):
        text = _mask_names(text)
    return text


def mask_known(text: str, known: dict[str, str | None]) -> str:
    """Mask, wherever they are written in ``text``, the personal values a record holds in its own columns.

    A complaint often names its complainant without a cue the text patterns know (我王龙，证件号码…; 具状人：王龙);
    the register knows the name, so every occurrence of it is masked as its column masks it. Values of one
    character, and columns that are not personal, are left out.

    Args:
        text: free text of the record (already through :func:`mask_text` or not).
        known: the record's values by canonical column name (``complainant_name``, ``address``, ...).
    """
    if not text:
        return text
    for column, value in known.items():
        cleaned = (value or "").strip()
        if len(cleaned) >= 2 and cleaned in text:
            masked = mask_value(column, cleaned)
            if masked != cleaned:
                text = text.replace(cleaned, masked)
    return text


def mask_value(column: str, value: str) -> str:
    """Mask one value of a personal column of the interchange format.

    Args:
        column: the canonical column name (``complainant_name``, ``id_number``, ``phone``, ``email``,
            ``address``, ``representative``, ``representative_phone``, ``account_no``). Any other column is
            not personal and its value is returned unchanged.
        value: the cell as imported.

    Returns:
        The masked value: names keep their surname (``张**``), ID numbers their region and last four digits,
        phones their prefix and last four, e-mails their first letter and domain, addresses their province,
        city and district (``广东省深圳市南山区****``), account numbers their last four digits (``****1234``).
    """
    if value is None or not value.strip():
        return value
    cleaned = value.strip()
    if column in ("complainant_name", "representative"):
        return mask_name(cleaned)
    if column == "id_number":
        return _mask_id_value(cleaned)
    if column in ("phone", "representative_phone"):
        return _mask_phone_value(cleaned)
    if column == "email":
        return mask_text(cleaned) if "@" in cleaned else _keep_last(cleaned, 0)
    if column == "address":
        return mask_address(cleaned)
    if column == "account_no":
        return _keep_last(cleaned, 4)
    return value


# Headers of columns the format does not name, read as personal by what they say (checked in this order, so
# 联系人电话 is a phone and 联系人 a name). English words are matched whole, so "Company name" stays a company.
_EXTRA_PERSONAL: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("id_number", re.compile(r"身份证|证件号|(?i:\bid (?:card |number\b))")),
    ("phone", re.compile(r"电话|手机|联系方式|(?i:\b(?:phone|mobile|tel)\b)")),
    ("email", re.compile(r"邮箱|(?i:\be-?mail\b)")),
    ("address", re.compile(r"地址|住址|(?i:\baddress\b)")),
    ("account_no", re.compile(r"账号|账户|卡号|保单号|合同号|(?i:\b(?:account|card) (?:no|number)\b)")),
    ("complainant_name", re.compile(r"姓名|联系人|户名")),
)


def mask_extra(header: str, value: object) -> object:
    """Mask one value of a column the interchange format does not name (kept as an extra attribute).

    Args:
        header: the column's header in the institution's file (``备用手机``, ``联系人``, ``Company``).
        value: the cell as imported: text, a number, a flag.

    Returns:
        A value under a header that names personal data (电话, 身份证, 地址, 姓名 ...) masked as that column of
        the format is (:func:`mask_value`), numbers included; any other text with the personal data inside it
        masked (:func:`mask_text`); numbers, flags and empty cells elsewhere unchanged.
    """
    column = next((column for column, pattern in _EXTRA_PERSONAL if pattern.search(header)), None)
    if column is not None and isinstance(value, int | float | str) and not isinstance(value, bool):
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a phone typed into a spreadsheet arrives as 13812345678.0
        return mask_value(column, str(value))
    if isinstance(value, str):
        return mask_text(value)
    return value


def mask_name(name: str) -> str:
    """Keep a person's surname and mask the rest, one ``*`` per character (``张三丰`` -> ``张**``).

    Compound surnames (欧阳, 司马 …) are kept whole; a Latin-script name keeps its first letter.
    """
    name = name.strip()
    if not name or "*" in name:
        return name
    if not _is_cjk(name[0]):
        return name[0] + "***"
    surname = name[:2] if name[:2] in _lexicon().compound and len(name) > 2 else name[:1]
    return surname + "*" * max(1, len(name) - len(surname))


_ADDRESS_LEVELS = (
    re.compile(r"^(?:[^\d\s省市]{2,7}?(?:省|自治区|特别行政区))"),
    re.compile(r"^(?:[^\d\s市县区路街道号]{2,9}?(?:市|自治州|地区|盟))"),
    re.compile(r"^(?:[^\d\s市县区路街道号巷弄村组栋]{1,8}?(?:区|县|市|旗))"),
)


def mask_address(address: str) -> str:
    """Keep province, city and district of an address and mask the rest (``北京市朝阳区建国路88号`` ->
    ``北京市朝阳区****``). An address with none of these levels is masked whole."""
    kept = ""
    rest = address.strip()
    for level in _ADDRESS_LEVELS:
        match = level.match(rest)
        if match:
            kept += match.group(0)
            rest = rest[match.end() :]
    return kept + "****" if rest else kept


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check (ISO/IEC 7812), as bank card numbers do."""
    if not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def id_birth_date(number: str) -> date | None:
    """The birth date written in an 18-digit resident ID number, or ``None`` when there is no valid one."""
    if len(number) != 18 or not number[:17].isdigit() or number[0] == "0":
        return None
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return born if 1890 <= born.year <= 2100 else None


def id_checksum_valid(number: str) -> bool:
    """Whether an 18-digit resident ID number's last character is its ISO 7064 MOD 11-2 check digit."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(char) * weight for char, weight in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def _mask_candidate(match: re.Match[str]) -> str:
    return _CONTACT.sub(_mask_contact, match.group(0))


def _mask_contact(match: re.Match[str]) -> str:
    kind = match.lastgroup
    found = match.group(0)
    if kind == "email":
        local, _, domain = found.partition("@")
        return local[0] + "***@" + domain
    if kind == "grouped":
        digits = _NON_DIGIT.sub("", found)
        return _mask_card(digits) if luhn_valid(digits) else found
    if kind == "mobile":
        digits = _NON_DIGIT.sub("", found)[-11:]
        return _prefix_of(found) + digits[:3] + "****" + digits[-4:]
    if kind == "long":
        return _mask_long(found)
    return _mask_landline(found)


def _prefix_of(found: str) -> str:
    """The written country prefix of a mobile number (``+86 ``, ``0086-``), kept as written."""
    match = _COUNTRY_PREFIX.match(found)
    return match.group(0) if match else ""


def _mask_long(digits: str) -> str:
    if len(digits) == 18 and id_birth_date(digits) is not None:
        if id_checksum_valid(digits) or not luhn_valid(digits):
            return digits[:6] + "********" + digits[-4:]
    if digits.isdigit() and len(digits) >= 16 and luhn_valid(digits):
        return _mask_card(digits)
    return digits


def _mask_card(digits: str) -> str:
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def _mask_landline(found: str) -> str:
    local = _local_number(found)
    head = found[: len(found) - len(local)]
    return head + "*" * (len(local) - 4) + local[-4:]


def _local_number(found: str) -> str:
    """The local part of a landline (after the area code and its separator)."""
    match = _LOCAL_NUMBER.search(found)
    return match.group(0) if match else found


def _mask_id_value(value: str) -> str:
    compact = value.replace(" ", "")
    if len(compact) == 18:
        return compact[:6] + "********" + compact[-4:]
    if len(compact) == 15 and compact.isdigit():
        return compact[:6] + "*****" + compact[-4:]
    return _keep_last(compact, 4)


def _mask_phone_value(value: str) -> str:
    if "*" in value:
        return value
    digits = _NON_DIGIT.sub("", value)
    if _MOBILE.match(digits):
        return digits[-11:-8] + "****" + digits[-4:]
    masked = _CONTACT.sub(_mask_contact, value)
    return masked if masked != value else _keep_last(value, 4)


def _keep_last(value: str, keep: int) -> str:
    if "*" in value:
        return value
    return "****" + (value[-keep:] if keep and len(value) > keep else "")


# --- names ---------------------------------------------------------------------------------------


class _Lexicon:
    """The name cues and surnames of reading_privacy.toml, read once."""

    def __init__(self) -> None:
        raw = tomllib.loads(files("tousu.analysis").joinpath("data", "reading_privacy.toml").read_text("utf-8"))
        names = raw["names"]
        self.followers: tuple[str, ...] = tuple(names["followers"])
        self.cues: tuple[str, ...] = tuple(sorted({*names["explicit"], *names["self"]}, key=len, reverse=True))
        self.stops: frozenset[str] = frozenset(names["stops"])
        self.ambiguous: frozenset[str] = frozenset(names["ambiguous_surnames"])
        self.not_names: frozenset[str] = frozenset(names["not_names"])
        self.surnames: frozenset[str] = frozenset("".join(names["surnames"].split()))
        self.compound: frozenset[str] = frozenset(names["compound_surnames"])


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


@lru_cache(maxsize=1)
def _name_cues() -> re.Pattern[str]:
    cues = "|".join(re.escape(cue) for cue in _lexicon().cues)
    return re.compile(rf"(?P<cue>{cues})(?P<sep>\s*[:：]\s*|\s?)(?P<name>[\u4e00-\u9fff]{{2,4}})")


def _mask_names(text: str) -> str:
    lexicon = _lexicon()
    pieces: list[str] = []
    last = 0
    for match in _name_cues().finditer(text):
        length = _name_length(text, match, lexicon)
        if length == 0:
            continue
        start = match.start("name")
        pieces.append(text[last:start])
        pieces.append(mask_name(text[start : start + length]))
        last = start + length
    pieces.append(text[last:])
    return "".join(pieces)


def _name_length(text: str, match: re.Match[str], lexicon: _Lexicon) -> int:
    """How many characters after a cue form a name (0: none): surname, then one or two given-name characters
    that end at a boundary: punctuation, a digit, a space or the end of the text; after a colon also a stop
    character, without one only a word that typically follows a name (于, 在, 身份证, 通过 …)."""
    candidate = match.group("name")
    if candidate[:2] in lexicon.not_names:
        return 0
    colon = ":" in match.group("sep") or "：" in match.group("sep")
    if candidate[:2] in lexicon.compound:
        surname = candidate[:2]
    elif candidate[0] in lexicon.surnames and (colon or candidate[0] not in lexicon.ambiguous):
        surname = candidate[0]
    else:
        return 0
    start = match.start("name")
    for given in (2, 1):
        end = start + len(surname) + given
        name = text[start:end]
        if len(name) < len(surname) + given or any(char in lexicon.stops for char in name[len(surname) :]):
            continue
        if not all(_is_cjk(char) for char in name):
            continue
        if end >= len(text) or not _is_cjk(text[end]):
            return len(name)
        if text[end] in lexicon.stops if colon else text.startswith(lexicon.followers, end):
            return len(name)
    return 0


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
