"""How a complainant is recognised across complaints: a keyed hash of the ID number, else phone plus name."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from tousu.analysis.records import INVALID_ID_FLAG, ComplaintRecord
from tousu.cases.models import InstanceSetting

_NON_DIGITS = re.compile(r"\D+")
_IDENTITY_KEY_SETTING = "identity_key"


def identity_key(session: Session, configured: str | None = None) -> bytes:
    """The institution secret for identity hashes: the configured one, else one made once and kept."""
    if configured:
        return configured.encode("utf-8")
    row = session.get(InstanceSetting, _IDENTITY_KEY_SETTING)
    if row is None:
        row = InstanceSetting(name=_IDENTITY_KEY_SETTING, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return row.value.encode("utf-8")


def stored_identity_key(session: Session) -> str | None:
    return session.scalar(select(InstanceSetting.value).where(InstanceSetting.name == _IDENTITY_KEY_SETTING))


def complainant_match(record: ComplaintRecord, key: bytes) -> tuple[str, str] | None:
    """(match_on, keyed hash) for the person behind ``record``, or None when nothing identifies them.

    A valid-looking ID number wins; otherwise a phone together with a name. A name alone never matches.
    """
    id_number = (record.id_number or "").strip().upper()
    if len(id_number) in (15, 18) and "*" not in id_number and record.extra.get(INVALID_ID_FLAG) is not False:
        return "id_number", _digest(key, "id:" + id_number)
    phone = _NON_DIGITS.sub("", record.phone or "")
    if phone.startswith("86") and len(phone) == 13:
        phone = phone[2:]
    name = (record.complainant_name or "").strip()
    if len(phone) >= 7 and "*" not in (record.phone or "") and name:
        return "phone_name", _digest(key, f"pn:{phone}|{name}")
    return None


def _digest(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()
