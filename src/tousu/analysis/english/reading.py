"""Escalation threats and vulnerable customers in English complaints."""

from __future__ import annotations

import re
from datetime import date

from tousu.analysis.english.rules import WORD, Rules, clause, clause_text, english_rules, sentence_start
from tousu.analysis.extract.identifiers import id_number as read_id_number
from tousu.analysis.threats import ThreatHit
from tousu.analysis.vulnerable import VULNERABLE_KINDS, VulnerableHit, elderly_age, elderly_by_id


def detect_threats_en(text: str) -> list[ThreatHit]:
    """The escalation threats an English complaint makes, in order of position (see the module docstring)."""
    rules = english_rules()
    hits: list[ThreatHit] = []
    taken: list[tuple[int, int, str]] = []
    for kind, is_body, pattern in rules.threat_cues:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(kind == k and s <= start < e for s, e, k in taken):
                continue
            hit = _read_threat(text, kind, is_body, start, end, rules)
            if hit is not None:
                hits.append(hit)
                taken.append((start, end, kind))
    return sorted(hits, key=lambda hit: (hit.start, hit.kind))


def _read_threat(text: str, kind: str, is_body: bool, start: int, end: int, rules: Rules) -> ThreatHit | None:
    excluded = rules.threat_not.get(kind)
    if excluded is not None and any(
        m.start() <= start < m.end() for m in excluded.finditer(text, max(0, start - 30), end + 30)
    ):
        return None
    clause_start, clause_end = clause(text, start, end)
    before = text[clause_start:start]
    opening = sentence_start(text, start)
    addressed = is_body and rules.address.search(text[opening:start]) is not None
    if is_body and not addressed:
        action = rules.action.search(before)
        request = rules.request.search(text[end:clause_end])
        if action is None and request is None:
            return None
    if rules.on_me.search(text[end:clause_end]) or rules.passive.search(before):
        return None
    recent = _last_words(before, rules.speech_words)
    speeches = list(rules.speech.finditer(recent))
    if speeches and not rules.own_speech.search(before[: len(before) - len(recent) + speeches[-1].start()]):
        return None
    subjects = list(rules.subject.finditer(before))
    if subjects and rules.third_person.match(subjects[-1].group(0)):
        return None
    sentence = text[opening:end]
    if not (addressed or rules.first_person.search(sentence) or rules.ultimatum.search(sentence)):
        return None
    if _negated(before, rules):
        return None
    said_done = rules.done.search(before) is not None or rules.done.search(text[start:end]) is not None
    done = said_done and rules.future.search(before) is None
    evidence = text[clause_start:clause_end].strip()
    return ThreatHit(kind=kind, evidence=evidence, start=start, end=end, done=done)


def _last_words(text: str, count: int) -> str:
    """The tail of ``text`` holding its last ``count`` words."""
    words = list(WORD.finditer(text))[-count:]
    return text[words[0].start() :] if words else ""


def _negated(before: str, rules: Rules) -> bool:
    words = list(WORD.finditer(before))[-rules.negation_words :]
    if not words:
        return False
    window = before[words[0].start() :]
    negations = list(rules.negation.finditer(window))
    if not negations:
        return False
    after = window[negations[-1].end() :]
    # A subject after the negation opens another clause (if this is not fixed I will sue); reluctance keeps the
    # threat (I do not want to sue).
    return rules.subject.search(after) is None and rules.reluctance.search(after) is None


def detect_vulnerable_en(text: str, *, id_number: str | None = None, at: date | None = None) -> list[VulnerableHit]:
    """What makes an English complainant vulnerable, at most one hit per kind: the ID number column's holder aged
    65 or more on ``at`` (as :func:`tousu.analysis.vulnerable.detect_vulnerable` reads it), a stated age of 65 or
    more, and conditions said of themselves (a first person in the clause, no other person named before the cue).
    """
    rules = english_rules()
    found: dict[str, VulnerableHit] = {}
    elderly = (elderly_by_id(read_id_number(id_number), at) if id_number else None) or _stated_age(text, rules)
    if elderly is not None:
        found["elderly"] = elderly
    for kind, pattern in rules.vulnerable:
        hit = None if kind in found else _said_of_oneself(text, kind, pattern, rules)
        if hit is not None:
            found[kind] = hit
    return [found[kind] for kind in VULNERABLE_KINDS if kind in found]


def _stated_age(text: str, rules: Rules) -> VulnerableHit | None:
    """ "I am 78 years old": the first stated age of the elderly age or more."""
    for match in rules.age.finditer(text):
        if int(match.group(1)) >= elderly_age() and rules.age_unit_ok(text, match):
            return VulnerableHit("elderly", clause_text(text, match.start(), match.end()))
    return None


def _said_of_oneself(text: str, kind: str, pattern: re.Pattern[str], rules: Rules) -> VulnerableHit | None:
    """The first cue of ``kind`` with a first person before it (or in it) in its clause and no other person named
    (one named with the complainant, "my wife and I", leaves the cue the complainant's too)."""
    for match in pattern.finditer(text):
        clause_start, _ = clause(text, match.start(), match.end())
        before = text[clause_start : match.start()]
        own = rules.v_first_person.search(before) or rules.v_first_person.search(match.group(0))
        if own is not None and not rules.v_others.search(rules.v_joint.sub(" I ", text[clause_start : match.end()])):
            return VulnerableHit(kind, clause_text(text, match.start(), match.end()))
    return None
