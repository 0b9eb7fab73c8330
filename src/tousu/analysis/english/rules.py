"""The English reading rules (``data/reading_english.toml``) compiled once, and the clause and sentence helpers the
English readers share."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

# A clause ends at a sentence mark (a full stop only before a space: $1,200.00 and U.S.C. stay whole), a semicolon,
# or a turn (", but", " however ").
_CLAUSE_END = re.compile(r"\.(?=\s|$)|[;!?\n]|,\s*(?:but|however|and then)\b|\s(?:but|however)\s", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\d)[.!?](?=\s|$)|[\n;]")
WORD = re.compile(r"[A-Za-z']+")
FLAGS = re.IGNORECASE


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding text[start:end] begins and ends."""
    clause_start = 0
    for match in _CLAUSE_END.finditer(text, max(0, start - 300), start):
        clause_start = match.end()
    after = _CLAUSE_END.search(text, end)
    return clause_start, after.start() if after else len(text)


def clause_text(text: str, start: int, end: int) -> str:
    """The clause holding text[start:end], as evidence."""
    clause_start, clause_end = clause(text, start, end)
    return text[clause_start:clause_end].strip()


def sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` begins."""
    start = 0
    for match in _SENTENCE_END.finditer(text, max(0, position - 400), position):
        start = match.end()
    return start


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every sentence, in order."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() - start > 1:
            spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def iso(year: int, month: int, day: int | None) -> str | None:
    """An ISO date (YYYY-MM-DD, or YYYY-MM without a day); ``None`` for an impossible date."""
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def unique(found: list[tuple[int, str]]) -> tuple[str, ...]:
    """The values of (position, value) pairs in order of position, each once."""
    result: list[str] = []
    for _, value in sorted(found):
        if value not in result:
            result.append(value)
    return tuple(result)


@dataclass(frozen=True)
class Rules:
    """``data/reading_english.toml`` compiled: each field is the pattern or setting of the same name there
    (threat_cues: kind, whether the cue is a body, pattern; v_*: the vulnerability section's own patterns)."""

    max_cjk_share: float
    amount: re.Pattern[str]
    demand_request: re.Pattern[str]
    demand_verb: re.Pattern[str]
    demand_done: re.Pattern[str]
    demand_joiner: re.Pattern[str]
    demand_charge: re.Pattern[str]
    months: tuple[str, ...]
    month_date: re.Pattern[str]
    acts: tuple[tuple[str, re.Pattern[str]], ...]
    section_before: re.Pattern[str]
    section_after: re.Pattern[str]
    regulation: re.Pattern[str]
    usc: re.Pattern[str]
    cfr: re.Pattern[str]
    threat_cues: tuple[tuple[str, bool, re.Pattern[str]], ...]
    threat_not: dict[str, re.Pattern[str]]
    action: re.Pattern[str]
    request: re.Pattern[str]
    first_person: re.Pattern[str]
    address: re.Pattern[str]
    ultimatum: re.Pattern[str]
    speech: re.Pattern[str]
    speech_words: int
    own_speech: re.Pattern[str]
    on_me: re.Pattern[str]
    subject: re.Pattern[str]
    third_person: re.Pattern[str]
    passive: re.Pattern[str]
    negation: re.Pattern[str]
    reluctance: re.Pattern[str]
    negation_words: int
    done: re.Pattern[str]
    future: re.Pattern[str]
    age: re.Pattern[str]
    vulnerable: tuple[tuple[str, re.Pattern[str]], ...]
    v_first_person: re.Pattern[str]
    v_others: re.Pattern[str]
    v_joint: re.Pattern[str]

    def age_unit_ok(self, text: str, match: re.Match[str]) -> bool:
        """Whether an age match is a person's age ("I am 70 years old", "I'm 82,"), not "I am 30 days late"."""
        follow = text[match.end() : match.end() + 12].lower()
        return not _NOT_AN_AGE.match(follow)


# What follows a number that is no age: "I am 90 days late", "I'm 100 % covered".
_NOT_AN_AGE = re.compile(
    r"\s*(?:%|\$|(?:days?|months?|weeks?|minutes?|hours?|times|percent|dollars?|cents?|points?)\b)"
)


def _words(patterns: list[str]) -> re.Pattern[str]:
    """Phrases as one case-blind pattern, each between word edges."""
    return re.compile("|".join(rf"\b(?:{pattern})\b" for pattern in patterns) or r"(?!x)x", FLAGS)


@lru_cache(maxsize=1)
def english_rules() -> Rules:
    raw: dict[str, Any] = tomllib.loads(
        files("tousu.analysis").joinpath("data/reading_english.toml").read_text(encoding="utf-8")
    )
    threats, context = raw["threats"], raw["threats"]["context"]
    cues: list[tuple[str, bool, re.Pattern[str]]] = []
    excluded: dict[str, re.Pattern[str]] = {}
    for kind, table in threats.items():
        if kind == "context" or not isinstance(table, dict):
            continue
        if table.get("acts"):
            cues.append((kind, False, _words(table["acts"])))
        if table.get("bodies"):
            cues.append((kind, True, _words(table["bodies"])))
        if table.get("not"):
            excluded[kind] = _words(table["not"])
    window = int(threats["window"])
    actions = "|".join(f"(?:{a})" for a in context["actions"])
    months = tuple(raw["dates"]["months"])
    month_names = "|".join(f"{m[:3]}(?:{m[3:]})?" for m in months)
    # March 5, 2019 / Mar. 5th 2019 / March 2019
    month_date = rf"\b(?P<m>{month_names})\.?\s+(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<y>(?:19|20)\d{{2}})\b"
    laws = raw["laws"]
    vulnerable = raw["vulnerable"]
    return Rules(
        max_cjk_share=float(raw["language"]["max_cjk_share"]),
        amount=re.compile(raw["amounts"]["pattern"], FLAGS),
        demand_request=re.compile(raw["demand"]["request"], FLAGS),
        demand_verb=re.compile(raw["demand"]["verbs"], FLAGS),
        demand_done=re.compile(raw["demand"]["done"], FLAGS),
        demand_joiner=re.compile(raw["demand"]["joiners"], FLAGS),
        demand_charge=re.compile(raw["demand"]["charges"], FLAGS),
        months=tuple(m[:3] for m in months),
        month_date=re.compile(month_date, FLAGS),
        acts=tuple((name, re.compile(rf"\b(?:{pattern})\b", FLAGS)) for name, pattern in laws["acts"]),
        section_before=re.compile(laws["section"] + r"\s+of\s+(?:the\s+)?$", FLAGS),
        section_after=re.compile(r"\W{0,3}" + laws["section"], FLAGS),
        regulation=re.compile(laws["regulation"]),
        usc=re.compile(laws["usc"], FLAGS),
        cfr=re.compile(laws["cfr"], FLAGS),
        threat_cues=tuple(cues),
        threat_not=excluded,
        action=re.compile(rf"\b(?:{actions})\b(?:\W+\w+){{0,{window}}}\W*$", FLAGS),
        request=re.compile(context["requests"], FLAGS),
        first_person=re.compile(context["first_person"], FLAGS),
        address=re.compile(context["address"], FLAGS),
        ultimatum=re.compile(context["ultimatum"], FLAGS),
        speech=re.compile(context["speech"], FLAGS),
        speech_words=int(context["speech_words"]),
        own_speech=re.compile(context["own_speech"], FLAGS),
        on_me=re.compile(context["on_me"], FLAGS),
        subject=re.compile(context["subject"], FLAGS),
        third_person=re.compile(context["third_person"], FLAGS),
        passive=re.compile(context["passive"], FLAGS),
        negation=re.compile(context["negation"], FLAGS),
        reluctance=re.compile(context["reluctance"], FLAGS),
        negation_words=int(context["negation_words"]),
        done=re.compile(context["done"], FLAGS),
        future=re.compile(context["future"], FLAGS),
        age=re.compile(vulnerable["age"], FLAGS),
        vulnerable=tuple((kind, _words(patterns)) for kind, patterns in vulnerable["kinds"].items()),
        v_first_person=re.compile(vulnerable["first_person"], FLAGS),
        v_others=re.compile(vulnerable["others"], FLAGS),
        v_joint=re.compile(vulnerable["joint"], FLAGS),
    )
