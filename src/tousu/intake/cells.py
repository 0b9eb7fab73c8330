"""Small readers of single cells: text, yes/no values, and the resident ID checksum."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time

_TRUE = frozenset({"是", "有", "已升级", "升级", "y", "yes", "true", "t", "1", "√", "✓", "对"})
_FALSE = frozenset({"否", "无", "未升级", "不升级", "n", "no", "false", "f", "0", "×", "✗", "不"})

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def cell_text(value: object) -> str | None:
    """A cell as stripped text; ``None`` when empty. Whole floats lose their ``.0`` (IDs, phones)."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip() or None


def parse_boolean(value: object) -> bool | None:
    """A yes/no cell (``是``/``否``, ``true``, ``1``, ``Y`` ...) as a bool; ``None`` when empty.

    Raises:
        ValueError: the text is neither yes nor no.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"not yes or no: {value!r}")


def looks_like_resident_id(text: str) -> bool:
    """True for 18 characters: 17 digits and a digit or ``X`` (a mainland resident ID number's shape)."""
    return len(text) == 18 and text[:17].isdigit() and (text[17].isdigit() or text[17] in "Xx") and text.isascii()


def resident_id_is_valid(text: str) -> bool:
    """True when an 18-character resident ID number carries the right GB 11643-1999 check character."""
    if not looks_like_resident_id(text):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == text[17].upper()
