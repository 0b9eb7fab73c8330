"""What campaign detection reads about one complaint: text, context and keyed hashes of identifiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from .identity import IdentifierKind, LinkKey, mask_identifier, normalise_identifier, redact_text, text_phones

if TYPE_CHECKING:
    from tousu.analysis.records import ComplaintRecord

#: Identifier fields of :class:`CampaignInput` and the normalisation kind of each.
IDENTIFIER_FIELDS: dict[str, IdentifierKind] = {
    "name": "name",
    "id_number": "id_number",
    "phone": "phone",
    "email": "email",
    "address": "address",
    "representative": "agent",
    "representative_phone": "phone",
    "account_no": "account",
}


@dataclass(frozen=True, slots=True)
class CampaignInput:
    """One complaint as campaign detection sees it. Holds no personal data in the clear.

    Identifier fields hold keyed hashes (16 hex digits of HMAC-SHA256 under the institution's
    secret, see :class:`~tousu.analysis.campaigns.identity.LinkKey`) or ``None``. Phones and
    agent phones share one hash space (kind ``phone``) so an agent's number given as a
    complainant's contact matches the same number given as the agent's. ``text_phones`` are
    hashes of mobile numbers written inside the text. ``masks`` maps a hash to its masked form
    (``138****5678``) for evidence. ``text`` is title, content and demand with the complainant's and
    agent's names replaced by ``某`` and the personal values it spells out (labelled ID numbers,
    addresses, phones) replaced by ``***`` (:func:`~tousu.analysis.campaigns.identity.redact_text`).
    """

    complaint_id: str
    received_at: datetime
    text: str
    channel: str = "other"
    product: str | None = None
    branch: str | None = None
    salesperson: str | None = None
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    representative: str | None = None
    representative_phone: str | None = None
    account_no: str | None = None
    text_phones: tuple[str, ...] = ()
    masks: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_record(cls, record: ComplaintRecord, secret: bytes | LinkKey) -> CampaignInput:
        """Build an input from a complaint record, hashing every identifier with HMAC-SHA256.

        Args:
            record: the complaint as imported.
            secret: the institution's link secret (>= 16 bytes) or a :class:`LinkKey`.

        Returns:
            The input; nothing personal is kept in the clear.
        """
        key = secret if isinstance(secret, LinkKey) else LinkKey.from_secret(secret)
        raw = {
            "name": record.complainant_name,
            "id_number": record.id_number,
            "phone": record.phone,
            "email": record.email,
            "address": record.address,
            "representative": record.representative,
            "representative_phone": record.representative_phone,
            "account_no": record.account_no,
        }
        hashed: dict[str, str | None] = {}
        masks: dict[str, str] = {}
        for field_name, kind in IDENTIFIER_FIELDS.items():
            value = normalise_identifier(kind, raw[field_name])
            if value is None:
                hashed[field_name] = None
                continue
            digest = hash_identifier(key, kind, value)
            hashed[field_name] = digest
            masks[digest] = mask_identifier(kind, value)
        text = "。".join(part for part in (record.title, record.content, record.demand) if part)
        for name in (record.complainant_name, record.representative):
            if name and len(name.strip()) >= 2:
                text = text.replace(name.strip(), "某")
        found: list[str] = []
        for phone in text_phones(text):
            digest = hash_identifier(key, "phone", phone)
            masks[digest] = mask_identifier("phone", phone)
            found.append(digest)
        text = redact_text(text)
        return cls(
            complaint_id=record.complaint_id,
            received_at=record.received_at,
            text=text,
            channel=record.channel,
            product=record.product,
            branch=record.branch,
            salesperson=record.salesperson,
            text_phones=tuple(found),
            masks=tuple(sorted(masks.items())),
            **hashed,
        )


def hash_identifier(key: LinkKey, kind: IdentifierKind, value: str) -> str:
    """The keyed hash of one normalised identifier as 16 hex digits (agents' phones hash as phones)."""
    space = "phone" if kind == "agent" and value.isdigit() else kind
    return f"{key.token(space, value):016x}"
