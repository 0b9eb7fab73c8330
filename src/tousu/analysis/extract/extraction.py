"""The rule-based reading of one complaint: amounts, the demanded amount, identifiers, dates, citations,
institutions and products, in one frozen dataclass."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from tousu.analysis.amounts import Amount, DemandAmount, find_amounts, find_demand_amount
from tousu.analysis.english import is_english
from tousu.analysis.english.extraction import find_amounts_en, find_dates_en, find_demand_en, find_laws_en
from tousu.analysis.extract.citations import find_dates, find_laws, find_named
from tousu.analysis.extract.identifiers import (
    IdNumber,
    find_cards,
    find_emails,
    find_id_numbers,
    find_phones,
    find_policies,
    id_number,
)
from tousu.analysis.privacy import mask_text, mask_value

_T = TypeVar("_T")
_DIGIT = re.compile(r"\d")
# Phones, ID numbers and cards all hold seven or more digits in a row (masks, spaces, dashes and a bracketed
# area code allowed): texts without such a run skip those finders.
_SEVEN_DIGITS = re.compile(r"\d[\d*() -]{5,}\d")

ENTITY_KEYS: tuple[str, ...] = (
    "amounts",
    "phones",
    "emails",
    "id_numbers",
    "cards",
    "policies",
    "dates",
    "laws",
    "institutions",
    "products",
)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the rules read in one complaint.

    ``demand_amount`` is what the complainant asks to be paid, refunded or waived (``None`` when no figure is
    demanded); ``demand`` carries the sentence and the amounts it was read from. ``id_numbers`` holds the
    ID number of the import column first (when given), then those written in the text.
    """

    amounts: tuple[Amount, ...]
    demand: DemandAmount | None
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    id_numbers: tuple[IdNumber, ...]
    cards: tuple[str, ...]
    policies: tuple[str, ...]
    dates: tuple[str, ...]
    laws: tuple[str, ...]
    institutions: tuple[str, ...]
    products: tuple[str, ...]

    @property
    def demand_amount(self) -> float | None:
        """The demanded amount in yuan, or ``None``."""
        return self.demand.value if self.demand is not None else None

    def as_entities(self, masked: bool = True) -> dict[str, list[Any]]:
        """The interchange ``entities`` object: every key present (empty lists included), personal values
        (phones, e-mails, ID numbers, cards, policy numbers) masked by :mod:`tousu.analysis.privacy` unless
        ``masked`` is false.

        Args:
            masked: mask personal data (the default; output in the clear needs an explicit choice).

        Returns:
            ``{"amounts": [float, ...], "phones": [...], ..., "products": [...]}`` in the order of
            :data:`ENTITY_KEYS`.
        """
        ids = [item.number for item in self.id_numbers]
        entities: dict[str, list[Any]] = {
            "amounts": _distinct(amount.value for amount in self.amounts),
            "phones": _distinct(mask_value("phone", phone) if masked else phone for phone in self.phones),
            "emails": _distinct(mask_text(email) if masked else email for email in self.emails),
            "id_numbers": _distinct(mask_value("id_number", number) if masked else number for number in ids),
            "cards": _distinct(mask_text(card) if masked else card for card in self.cards),
            "policies": _distinct(mask_value("account_no", item) if masked else item for item in self.policies),
            "dates": list(self.dates),
            "laws": list(self.laws),
            "institutions": list(self.institutions),
            "products": list(self.products),
        }
        return entities


def extract(
    text: str, *, id_number: str | None = None, demand: str | None = None, english: bool | None = None
) -> Extraction:
    """Read a complaint's amounts, demanded amount, identifiers, dates, citations, institutions and products.

    Args:
        text: the complaint, normalised by :func:`tousu.analysis.normalize.normalize_text`.
        id_number: the complainant's ID number from the import column, when the file has one.
        demand: the demand column (诉求/投诉请求), when the file has one; an amount there is the demand.
        english: whether the text is English (read by :mod:`tousu.analysis.english`: dollar amounts, American
            dates, US law); found out from the text when omitted.

    Returns:
        An :class:`Extraction`.

    Reference: the labelling rules of benchmarks/labels/README.md for the demanded amount; GB 11643-1999 and
    ISO/IEC 7812 for ID numbers and cards.
    """
    if english is None:
        english = is_english(text)
    amounts = find_amounts_en(text) if english else find_amounts(text)
    numbers = _SEVEN_DIGITS.search(text) is not None
    ids = find_id_numbers(text) if numbers else ()
    if id_number:
        column = _column_id(id_number)
        if column is not None:
            ids = (column, *(item for item in ids if item.number != column.number))
    digits = _DIGIT.search(text) is not None
    institutions, products = find_named(text)
    return Extraction(
        amounts=amounts,
        demand=find_demand_en(text, amounts, demand=demand)
        if english
        else find_demand_amount(text, amounts, demand=demand),
        phones=find_phones(text) if numbers else (),
        emails=find_emails(text) if "@" in text else (),
        id_numbers=ids,
        cards=find_cards(text) if numbers else (),
        policies=find_policies(text) if digits or "*" in text else (),
        dates=(find_dates_en(text) if english else find_dates(text)) if digits else (),
        laws=find_laws_en(text) if english else find_laws(text),
        institutions=institutions,
        products=products,
    )


def _column_id(value: str) -> IdNumber | None:
    read = id_number(value)
    if read is not None:
        return read
    compact = value.strip()
    return IdNumber(number=compact, valid=False, birth_date=None) if compact else None


def _distinct(values: Iterable[_T]) -> list[_T]:
    """The values in order, each once (masking can make two values equal)."""
    result: list[_T] = []
    for value in values:
        if value not in result:
            result.append(value)
    return result
