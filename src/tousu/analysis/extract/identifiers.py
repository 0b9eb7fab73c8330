"""Contact and account identifiers in complaint text: phones, e-mails, resident ID numbers, bank cards,
policy and contract numbers.

Each finder returns values in order of position, without duplicates. Values already masked in the text
(``138****5678``) are kept as written: they still show that a phone was given and which one it may be.

Reference: GB 11643-1999 (resident ID number, ISO 7064 MOD 11-2 check digit); ISO/IEC 7812 (Luhn).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tousu.analysis.privacy import id_birth_date, id_checksum_valid, luhn_valid

# Each pattern starts with a literal or a digit (the regex engine's fast scan) and checks what stands before
# it right after its first character: a pattern that starts with a look-behind is tried at every position.
_NOT_AFTER = r"(?![0-9A-Za-z*])"
_MOBILE = re.compile(rf"1(?<![A-Za-z*]1)[3-9]\d(?:[ -]?\d{{4}}){{2}}{_NOT_AFTER}")
_COUNTRY_CODE = re.compile(r"(?:\+|00)86[ -]?$")
_MASKED_MOBILE = re.compile(r"1(?<![0-9A-Za-z]1)[3-9]\d\*{4}\d{4}(?![0-9A-Za-z*])")
_LANDLINE = re.compile(rf"([(0](?<![0-9A-Za-z*][(0])(?:(?<=\()0\d{{2,3}}\)|\d{{2,3}})[ -]?[2-9]\d{{6,7}}){_NOT_AFTER}")
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+*-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_ID_NUMBER = re.compile(rf"(\d(?<![0-9A-Za-z*]\d)\d{{16}}[0-9Xx]){_NOT_AFTER}")
_MASKED_ID = re.compile(r"\d(?<![0-9A-Za-z*]\d)\d{2,5}\*{6,12}\d{3}[0-9Xx](?![0-9A-Za-z*])")
_MASKED_ID_VALUE = re.compile(r"\d{3,6}\*{6,12}\d{3}[0-9Xx]")
_CARD = re.compile(
    rf"(\d(?<![0-9A-Za-z*]\d)(?:\d{{3}}(?:[ -]\d{{4}}){{3}}(?:[ -]?\d{{1,3}})?|\d{{15,18}})){_NOT_AFTER}"
)
_NON_DIGIT = re.compile(r"\D")
_POLICY = re.compile(
    r"(?:保单号码?|保险单号|投保单号|保单编号|合同编号|合同号|借款编号|借据号|订单编号|订单号|业务编号|贷款编号|案件编号)"
    r"(?:分别)?(?:为|是)?[:：\s]*([A-Za-z0-9][A-Za-z0-9*\-]{5,39})"
)


@dataclass(frozen=True, slots=True)
class IdNumber:
    """A resident ID number found in a complaint.

    ``valid`` is the checksum verdict (an invalid number is kept and flagged, as the interchange spec asks);
    ``birth_date`` is read from the number when it holds a real date (``None`` for masked numbers).
    """

    number: str
    valid: bool
    birth_date: date | None

    @property
    def masked(self) -> bool:
        """Whether the number was already masked in the text."""
        return "*" in self.number

    def age_at(self, at: date) -> int | None:
        """Age in whole years on ``at``, or ``None`` without a birth date."""
        if self.birth_date is None:
            return None
        born = self.birth_date
        return at.year - born.year - ((at.month, at.day) < (born.month, born.day))


def id_number(value: str) -> IdNumber | None:
    """Read one resident ID number (a column value or a match), or ``None`` when it is not one."""
    compact = value.strip().replace(" ", "").upper()
    if _MASKED_ID_VALUE.fullmatch(compact):
        return IdNumber(number=compact, valid=False, birth_date=None)
    born = id_birth_date(compact)
    if born is None:
        return None
    return IdNumber(number=compact, valid=id_checksum_valid(compact), birth_date=born)


def find_phones(text: str) -> tuple[str, ...]:
    """Mobile numbers as 11 digits (``+86 138-1234-5678`` -> ``13812345678``), landlines as written,
    masked mobiles (``138****5678``) as written."""
    found: list[tuple[int, str]] = []
    for match in _MOBILE.finditer(text):
        start = match.start()
        if start > 0 and not text[start - 1].isspace() and text[start - 1] in "+0123456789-":
            if _COUNTRY_CODE.search(text, max(0, start - 5), start) is None:
                continue
        found.append((start, _NON_DIGIT.sub("", match.group(0))))
    for match in _MASKED_MOBILE.finditer(text):
        found.append((match.start(), match.group(0)))
    for match in _LANDLINE.finditer(text):
        found.append((match.start(), match.group(1)))
    return _unique(found)


def find_emails(text: str) -> tuple[str, ...]:
    """E-mail addresses, lower-cased domain, masked local parts (``z***@qq.com``) kept as written."""
    found = []
    for match in _EMAIL.finditer(text):
        local, _, domain = match.group(0).partition("@")
        found.append((match.start(), f"{local}@{domain.lower()}"))
    return _unique(found)


def find_id_numbers(text: str) -> tuple[IdNumber, ...]:
    """Resident ID numbers: 18 characters with a real birth date (checksum checked, not required), and
    masked ones (``45212*********0012``)."""
    found: list[tuple[int, IdNumber]] = []
    for match in _ID_NUMBER.finditer(text):
        read = id_number(match.group(1))
        if read is not None and (read.valid or not luhn_valid(read.number)):
            found.append((match.start(), read))
    for match in _MASKED_ID.finditer(text):
        found.append((match.start(), IdNumber(number=match.group(0).upper(), valid=False, birth_date=None)))
    seen: set[str] = set()
    result: list[IdNumber] = []
    for _, item in sorted(found, key=lambda pair: pair[0]):
        if item.number not in seen:
            seen.add(item.number)
            result.append(item)
    return tuple(result)


def find_cards(text: str) -> tuple[str, ...]:
    """Bank card numbers: 16-19 digits (also in groups of four) that pass the Luhn check and are not a valid
    resident ID number."""
    found = []
    for match in _CARD.finditer(text):
        digits = _NON_DIGIT.sub("", match.group(1))
        if not luhn_valid(digits):
            continue
        if len(digits) == 18 and id_birth_date(digits) is not None and id_checksum_valid(digits):
            continue
        found.append((match.start(), digits))
    return _unique(found)


def find_policies(text: str) -> tuple[str, ...]:
    """Policy, contract and order numbers introduced by their label (保单号：P2021…, 合同编号为…)."""
    return _unique([(match.start(1), match.group(1)) for match in _POLICY.finditer(text)])


def _unique(found: list[tuple[int, str]]) -> tuple[str, ...]:
    seen: set[str] = set()
    result: list[str] = []
    for _, value in sorted(found, key=lambda pair: pair[0]):
        if value not in seen:
            seen.add(value)
            result.append(value)
    return tuple(result)
