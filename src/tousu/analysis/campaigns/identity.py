"""Identifier normalisation, keyed hashing and the masked forms shown in evidence.

Identifiers are compared only as keyed hashes (HMAC-SHA256 under an institution secret, truncated to
64 bits for the in-memory link tables): the link store and the evidence never hold a phone number,
e-mail, ID number, address or account in the clear. Evidence shows a masked form (``138****5678``)
and a hash prefix.

Reference: RFC 2104 (HMAC) and NIST SP 800-107r1 section 5.3.3 (truncating an HMAC to >= 64 bits for
identification); GB 11643-1999 (resident ID number).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from typing import Literal

from .address import mask_address, normalise_address

IdentifierKind = Literal["id_number", "phone", "name", "email", "address", "agent", "account"]

_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_NON_DIGIT = re.compile(r"\D+")
_SPACES = re.compile(r"[\s·•.]+")
_EMAIL = re.compile(r"^[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}$")
_ID_NUMBER = re.compile(r"^(?:\d{17}[\dX]|\d{15})$")
_ACCOUNT = re.compile(r"[^0-9A-Z]+")
#: Phone numbers written inside a complaint's text (mobile, optionally +86 and separators).
TEXT_PHONE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)")
_MIN_SECRET_BYTES = 16
#: A personal value after its label (ID number, address, phone, account): the label stays, the value goes.
PERSONAL_VALUE = re.compile(
    r"((?:身份证号码|身份证号|证件号码|证件号|联系地址|通讯地址|家庭住址|地址|住址|联系电话|电话|手机号码|手机号|"
    r"卡号|合同号|保单号|账号|投诉人姓名|投诉人|姓名)[：:])[^，。；;,\n\x00]*"
)
#: A name written right after 代理人/委托人/律师 in a letter ("委托代理人张建国全权处理"): replaced by 某.
AGENT_NAME = re.compile(
    r"(委托代理人|代理人|委托人|律师|联系人)(?:为|是|：|:)?(?![全代作为处负进跟联的与对和及])([\u4e00-\u9fff]{2,3}?)"
    r"(?=全权|作为|代为|处理|负责|跟进|先生|女士|律师|，|。|；|电话|联系|\s|$)"
)
_TEXT_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


@dataclass(frozen=True)
class LinkKey:
    """The institution's secret for keyed identifier hashes (HMAC-SHA256).

    Make one with :meth:`from_secret`; keep the secret outside the database (environment or a
    key store). Two link stores can only be compared when made with the same key.
    """

    secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.secret) < _MIN_SECRET_BYTES:
            raise ValueError(
                f"link secret must be at least {_MIN_SECRET_BYTES} bytes, got {len(self.secret)}; "
                "generate one with secrets.token_hex(32) and keep it in the institution's key store"
            )

    @classmethod
    def from_secret(cls, secret: str | bytes) -> LinkKey:
        """A key from a secret given as text (UTF-8) or bytes."""
        return cls(secret.encode("utf-8") if isinstance(secret, str) else bytes(secret))

    def digest(self, kind: str, value: str) -> bytes:
        """HMAC-SHA256 of ``kind`` and a normalised ``value`` (32 bytes)."""
        message = kind.encode("ascii") + b"\x1f" + value.encode("utf-8")
        return hmac.new(self.secret, message, hashlib.sha256).digest()

    def token(self, kind: str, value: str) -> int:
        """The first 64 bits of :meth:`digest` as a non-zero integer (0 means "missing")."""
        return int.from_bytes(self.digest(kind, value)[:8], "big") or 1

    @property
    def fingerprint(self) -> str:
        """A short public fingerprint of the key (to check that two indexes share a key)."""
        return hmac.new(self.secret, b"tousu-link-key-fingerprint", hashlib.sha256).hexdigest()[:16]


def token_hex(token: int) -> str:
    """The hash prefix shown in evidence (first 8 hex digits of the keyed hash)."""
    return f"{token:016x}"[:8]


def normalise_phone(raw: str | None) -> str | None:
    """Canonical digits of a phone number: mobile ``13812345678``, landline ``075512345678``.

    Drops spaces, dashes, brackets and the +86/0086 country prefix; returns ``None`` for values that
    are not a phone number or are obvious placeholders (one or two distinct digits, ``13800000000``).
    """
    if not raw:
        return None
    digits = _NON_DIGIT.sub("", raw.translate(_FULLWIDTH))
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789":
        phone = digits
    elif digits.startswith("0") and 10 <= len(digits) <= 12:
        phone = digits
    elif 7 <= len(digits) <= 8:
        phone = digits
    else:
        return None
    tail = phone[-8:]
    if len(set(tail)) <= 2:
        return None
    return phone


def mask_phone(phone: str) -> str:
    """``138****5678`` for a mobile, ``0755****5678`` for a landline."""
    if len(phone) == 11 and phone.startswith("1"):
        return f"{phone[:3]}****{phone[-4:]}"
    head = phone[:4] if phone.startswith("0") else ""
    return f"{head}****{phone[-4:]}"


def normalise_email(raw: str | None) -> str | None:
    """Lower-cased, trimmed e-mail address, or ``None`` when it is not one."""
    if not raw:
        return None
    email = raw.translate(_FULLWIDTH).strip().lower()
    return email if _EMAIL.match(email) else None


def mask_email(email: str) -> str:
    """``z***@qq.com``."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def normalise_id_number(raw: str | None) -> str | None:
    """Upper-cased resident ID number without spaces (18 or 15 characters), else ``None``."""
    if not raw:
        return None
    value = _SPACES.sub("", raw.translate(_FULLWIDTH)).upper()
    return value if _ID_NUMBER.match(value) else None


def mask_id_number(value: str) -> str:
    """First three and last four characters: ``440**********1234``."""
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"


def normalise_name(raw: str | None) -> str | None:
    """A person's name without spaces or middle dots, half-width and upper case; ``None`` if empty."""
    if not raw:
        return None
    value = _SPACES.sub("", raw.translate(_FULLWIDTH)).upper()
    return value if len(value) >= 2 else None


def mask_name(name: str) -> str:
    """``张*`` / ``欧阳**``: the family name (first character) only."""
    return name[0] + "*" * (len(name) - 1)


def normalise_account(raw: str | None) -> str | None:
    """Policy, contract or card number: digits and upper-case letters only (>= 6), else ``None``."""
    if not raw:
        return None
    value = _ACCOUNT.sub("", raw.translate(_FULLWIDTH).upper())
    return value if len(value) >= 6 else None


def mask_account(value: str) -> str:
    """``****1234``."""
    return f"****{value[-4:]}"


def text_phones(text: str) -> list[str]:
    """Mobile numbers written in a complaint's text, normalised (e.g. an agent's number)."""
    found: list[str] = []
    for match in TEXT_PHONE.finditer(text.translate(_FULLWIDTH)):
        phone = normalise_phone("".join(match.groups()))
        if phone and phone not in found:
            found.append(phone)
    return found


def redact_text(text: str) -> str:
    """A complaint text without the personal values it spells out: labelled values (``联系地址：…``),
    mobile numbers and resident ID numbers become ``***``, an agent's name after 代理人/委托人 ``某``;
    the words around them stay."""
    text = PERSONAL_VALUE.sub(r"\1***", text)
    text = AGENT_NAME.sub(r"\1某", text)
    text = TEXT_PHONE.sub("***", text)
    return _TEXT_ID_NUMBER.sub("***", text)


def normalise_identifier(kind: IdentifierKind, raw: str | None) -> str | None:
    """Normalise one raw identifier of the given kind (``agent`` is a name or a phone)."""
    if kind == "phone":
        return normalise_phone(raw)
    if kind == "email":
        return normalise_email(raw)
    if kind == "id_number":
        return normalise_id_number(raw)
    if kind == "address":
        return normalise_address(raw) if raw else None
    if kind == "account":
        return normalise_account(raw)
    return normalise_name(raw)


def mask_identifier(kind: IdentifierKind, value: str) -> str:
    """The masked form of a normalised identifier, for evidence."""
    if kind == "phone" or (kind == "agent" and value.isdigit()):
        return mask_phone(value)
    if kind == "email":
        return mask_email(value)
    if kind == "id_number":
        return mask_id_number(value)
    if kind == "address":
        return mask_address(value)
    if kind == "account":
        return mask_account(value)
    return mask_name(value)
