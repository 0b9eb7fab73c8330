"""Reading complaint dates in every form the interchange spec allows, as timezone-aware UTC datetimes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import timezone as fixed_offset
from functools import cache
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"
EXCEL_EPOCH = datetime(1899, 12, 30)

# Serial numbers of Excel dates accepted from text and numbers: 1927-05-18 .. 2173-10-14. A bare year
# such as "2026" is therefore not mistaken for a serial date.
_SERIAL_MIN, _SERIAL_MAX = 10_000, 100_000
_UNIX_SECONDS_MIN, _UNIX_SECONDS_MAX = 100_000_000, 10_000_000_000
_YEAR_MIN, _YEAR_MAX = 1900, 2199

_WRITTEN = re.compile(
    r"""(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?
    (?:[T\s]*(上午|下午|AM|PM|am|pm)?\s*(\d{1,2})\s*[:：时点]
        (?:\s*(\d{1,2})\s*(?:[:：分]\s*(?:(\d{1,2})(?:\.(\d{1,6}))?\s*秒?)?)?)?
        \s*(上午|下午|AM|PM|am|pm)?)?
    \s*(Z|[+-]\d{2}:?\d{2})?$""",
    re.VERBOSE,
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@cache
def zone(name: str) -> tzinfo:
    """The timezone called ``name`` (IANA), cached."""
    return ZoneInfo(name)


def parse_datetime(
    value: object,
    timezone: str = DEFAULT_TIMEZONE,
    formats: Sequence[str] = (),
    epoch: datetime = EXCEL_EPOCH,
) -> datetime | None:
    """A cell's date and time as an aware UTC datetime; ``None`` for an empty cell.

    Accepts ISO 8601 (with or without ``T`` and zone), ``2026-03-05 14:20``, ``2026/3/5``,
    ``2026年3月5日``, ``2026年3月5日 14时20分``, ``20260305``, Excel serial numbers (text or number),
    Unix timestamps (numbers), and ``datetime``/``date`` cells. ``formats`` (strptime) are tried
    first. Naive times are taken to be in ``timezone``.

    Raises:
        ValueError: the value is not a date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _to_utc(value, timezone)
    if isinstance(value, date):
        return _to_utc(datetime(value.year, value.month, value.day), timezone)
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float):
        return _from_number(float(value), timezone, epoch)
    text = str(value).strip()
    if not text:
        return None
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    for fmt in formats:
        try:
            return _to_utc(datetime.strptime(text, fmt), timezone)
        except ValueError:
            pass
    if len(text) >= 8 and text[:4].isdigit() and (text[4] == "-" or text.isdigit() or text[8:9] == "T"):
        try:
            return _to_utc(datetime.fromisoformat(text), timezone)
        except ValueError:
            pass
    match = _WRITTEN.match(text)
    if match:
        return _to_utc(_from_match(match), timezone)
    if _NUMBER.fullmatch(text):
        return _from_number(float(text), timezone, epoch)
    raise ValueError(f"not a date: {text!r}")


def _from_match(match: re.Match[str]) -> datetime:
    year, month, day, before, hour, minute, second, fraction, after, offset = match.groups()
    hour_value = int(hour) if hour else 0
    half = before or after
    if half in ("下午", "PM", "pm") and hour_value < 12:
        hour_value += 12
    elif half in ("上午", "AM", "am") and hour_value == 12:
        hour_value = 0
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    moment = datetime(int(year), int(month), int(day), hour_value, int(minute or 0), int(second or 0), micro)
    if offset == "Z":
        return moment.replace(tzinfo=UTC)
    if offset:
        digits = offset[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return moment.replace(tzinfo=fixed_offset(-delta if offset[0] == "-" else delta))
    return moment


def _from_number(number: float, timezone: str, epoch: datetime) -> datetime:
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("not a date")
    if _SERIAL_MIN <= number < _SERIAL_MAX:
        return _to_utc(epoch + timedelta(seconds=round(number * 86_400)), timezone)
    if 19_000_101 <= number <= 21_991_231 and number.is_integer():
        return _to_utc(datetime.strptime(str(int(number)), "%Y%m%d"), timezone)
    if _UNIX_SECONDS_MIN <= number < _UNIX_SECONDS_MAX:
        return datetime.fromtimestamp(number, UTC)
    if _UNIX_SECONDS_MIN * 1000 <= number < _UNIX_SECONDS_MAX * 1000:
        return datetime.fromtimestamp(number / 1000, UTC)
    raise ValueError(f"not a date: {number!r}")


def _to_utc(moment: datetime, timezone: str) -> datetime:
    if not _YEAR_MIN <= moment.year <= _YEAR_MAX:
        raise ValueError(f"year out of range: {moment.year}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(timezone))
    return moment.astimezone(UTC)
