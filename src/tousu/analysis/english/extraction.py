"""Amounts, the demanded amount, dates and citations of law in English complaints."""

from __future__ import annotations

import re

from tousu.analysis.amounts import Amount, DemandAmount
from tousu.analysis.english.rules import Rules, english_rules, iso, sentences, unique


def find_amounts_en(text: str) -> tuple[Amount, ...]:
    """Money amounts written in English, in order: ``$1,200.00``, ``{$500.00}``, ``USD 300``, ``300 dollars``."""
    lowered = text.lower()
    if "$" not in text and "usd" not in lowered and "dollar" not in lowered:
        return ()
    found = []
    for match in english_rules().amount.finditer(text):
        number = match.group("a") or match.group("b") or match.group("c")
        found.append(
            Amount(value=float(number.replace(",", "")), text=match.group(0), start=match.start(), end=match.end())
        )
    return tuple(found)


def find_demand_en(text: str, amounts: tuple[Amount, ...], *, demand: str | None = None) -> DemandAmount | None:
    """The amount an English complaint demands back: the first sentence with a request (I want, I am asking,
    please ...) and a demand verb (refund, reimburse, credit back, waive ...) before a figure; the figures after the
    verb joined by "and"/"plus" are added up. Refunds already made ("I was refunded $20") are no demand. A demand
    with no figure ("I want the funds returned") refers back to the one charge the complaint states. An amount in
    the file's demand column comes first, as in :func:`tousu.analysis.amounts.find_demand_amount`."""
    rules = english_rules()
    field_amounts = find_amounts_en(demand) if demand else ()
    if field_amounts:
        return DemandAmount(
            value=sum(a.value for a in field_amounts), basis="field", evidence=demand or "", amounts=field_amounts
        )
    if not amounts:
        return None
    without_figure = None
    for start, end in sentences(text):
        sentence = text[start:end]
        verb = rules.demand_verb.search(sentence)
        if verb is None or rules.demand_request.search(sentence) is None or rules.demand_done.search(sentence):
            continue
        after = [a for a in amounts if start + verb.start() <= a.start < end and a.value > 0]
        if not after:
            without_figure = without_figure or sentence.strip()
            continue
        chosen = [after[0]]
        for previous, current in zip(after, after[1:], strict=False):
            if not rules.demand_joiner.search(text[previous.end : current.start]):
                break
            chosen.append(current)
        return DemandAmount(
            value=sum(a.value for a in chosen), basis="stated", evidence=sentence.strip(), amounts=tuple(chosen)
        )
    charge = _single_charge(text, amounts, rules) if without_figure else None
    if charge is None or without_figure is None:
        return None
    return DemandAmount(value=charge.value, basis="referenced", evidence=without_figure, amounts=(charge,))


def _single_charge(text: str, amounts: tuple[Amount, ...], rules: Rules) -> Amount | None:
    """The one charge a complaint states ("CRS withdrew {$490.00}"), which a demand without a figure ("I want the
    funds returned") refers to; ``None`` when the complaint states no charge, or any other figure beside it (which
    of several it means, or whether their sum, the words do not say)."""
    stated = [a for a in amounts if a.value > 0]
    if not stated or any(a.value != stated[0].value for a in stated):
        return None
    charged = any(rules.demand_charge.search(text[max(0, a.start - 40) : a.start]) for a in stated)
    return stated[0] if charged else None


_NUMERIC_DATE = re.compile(r"\b(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/((?:19|20)\d{2})\b")
_MASKED_DATE = re.compile(r"\bXX/XX/((?:19|20)\d{2})\b")


def find_dates_en(text: str) -> tuple[str, ...]:
    """Dates written the American way, as ISO dates: ``03/15/2019`` and ``March 5, 2019`` give 2019-03-15 and
    2019-03-05, ``March 2019`` gives 2019-03, a masked ``XX/XX/2019`` gives 2019; impossible dates are left out."""
    found: list[tuple[int, str]] = []
    for match in _NUMERIC_DATE.finditer(text):
        read = iso(int(match.group(3)), int(match.group(1)), int(match.group(2)))
        if read:
            found.append((match.start(), read))
    for match in _MASKED_DATE.finditer(text):
        found.append((match.start(), match.group(1)))
    rules = english_rules()
    for match in rules.month_date.finditer(text):
        month = rules.months.index(match.group("m").lower()[:3]) + 1
        day = match.group("d")
        read = iso(int(match.group("y")), month, int(day) if day else None)
        if read:
            found.append((match.start(), read))
    return unique(found)


def find_laws_en(text: str) -> tuple[str, ...]:
    """Citations of US consumer-finance law, canonical: ``FCRA § 611``, ``FDCPA``, ``15 U.S.C. § 1681s-2(b)``,
    ``12 C.F.R. § 1005.11``, ``Regulation E``; a section written next to an act ("Section 609 of the FCRA",
    "FCRA section 611") joins it."""
    rules = english_rules()
    found: list[tuple[int, str]] = []
    for name, pattern in rules.acts:
        for match in pattern.finditer(text):
            section = _section_near(text, match.start(), match.end(), rules)
            found.append((match.start(), f"{name} § {section}" if section else name))
    for match in rules.usc.finditer(text):
        found.append((match.start(), f"{match.group('title')} U.S.C. § {match.group('sec').lower()}"))
    for match in rules.cfr.finditer(text):
        found.append((match.start(), f"{match.group('title')} C.F.R. § {match.group('sec')}"))
    for match in rules.regulation.finditer(text):
        found.append((match.start(), f"Regulation {match.group('reg').upper()}"))
    return unique(found)


def _section_near(text: str, start: int, end: int, rules: Rules) -> str | None:
    before = rules.section_before.search(text, max(0, start - 40), start)
    if before:
        return before.group("sec")
    after = rules.section_after.match(text, end, end + 30)
    return after.group("sec") if after else None
