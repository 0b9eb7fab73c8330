"""Vulnerable customers: elderly, student, ill, disabled or low-income complainants.

Read from what the complaint states and from the ID number's birth date:

* a *state* (退休, 住院, 失业, 七十多岁) belongs to whoever its clause is about: the complainant, unless a
  relative or another person is named before it (我父亲退休了);
* an *identity* (老人, 大学生, 残疾人) counts when the complainant says it of themselves (我是一名大学生,
  作为一个老人) or of the customer they speak for (诱导我父亲购买…超过普通老人的承担范围), never as a bare mention
  (催收骚扰家里老人);
* another person's condition makes the case vulnerable only when the complainant acts for that person: an
  agency marker (代为投诉, 替我母亲, 委托) or that person being the customer (我父亲在贵行购买…, 我母亲名下的保单);
* an ID number whose holder is 65 or older on the given day makes the case ``elderly``.

The lexicon is ``data/reading_vulnerable.toml``.

Reference: 《关于银行业保险业做好老年人金融服务工作的通知》 and the regulator's consumer-protection guidance on
special groups (老年人, 残障人士, 在校学生, 低收入群体); the elderly age (65) is a setting.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

from tousu.analysis.extract.identifiers import IdNumber, find_id_numbers
from tousu.analysis.extract.identifiers import id_number as read_id_number
from tousu.analysis.extract.lexicon import words_pattern

VULNERABLE_KINDS: tuple[str, ...] = ("elderly", "student", "ill", "disabled", "low_income")

_CLAUSE_END = re.compile(r"[，,。！？；!?;\n]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_AGE = re.compile(r"(?<![\d.])(\d{2,3})\s*(?:周岁|岁)|([五六七八九]十[一二三四五六七八九]?)多?(?:周岁|岁)")
_ID_CUES = ("身份证", "证件号", "身份号")
# What may stand between a cue and the person it describes: 的, a measure word, an age (有心脏病的一位70多岁老人).
_DESCRIBED = re.compile(r"的?(?:[一这那]?[位个名])?(?:(?:\d{1,3}|[一二三四五六七八九十几]{1,3})多?周?岁(?:左右)?的?)?")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True, slots=True)
class VulnerableHit:
    """One vulnerability of the complainant (or of the person they act for) and the words that show it."""

    kind: str
    evidence: str


def detect_vulnerable(text: str, *, id_number: str | None = None, at: date | None = None) -> list[VulnerableHit]:
    """Find what makes a complainant vulnerable.

    Args:
        text: the complaint, normalised by :func:`tousu.analysis.normalize.normalize_text`.
        id_number: the complainant's ID number from the import column; without it, a single ID number written
            in the text next to 身份证/证件号 is taken as the complainant's.
        at: the day ages are computed on (the complaint's receipt date); today when omitted.

    Returns:
        At most one hit per kind, in the order of :data:`VULNERABLE_KINDS`, each with its evidence.

    Reference: see the module docstring.
    """
    rules = _rules()
    found: dict[str, VulnerableHit] = {}
    by_id = elderly_by_id(_holder_id(text, id_number), at)
    if by_id is not None:
        found["elderly"] = by_id
    for match in _AGE.finditer(text) if "岁" in text else ():
        before = text[max(0, match.start() - 6) : match.start()]
        present = rules.age_marker.search(before) is not None and not before.endswith(rules.age_limits)
        if "elderly" not in found and present and _age_value(match) >= rules.min_age:
            hit = _read(text, match.start(), match.end(), "elderly", False, rules)
            if hit is not None:
                found["elderly"] = hit
    for match in rules.cues.finditer(text):
        if _excluded(text, match.start(), match.group(0), rules):
            continue
        for kind, is_identity in rules.cue_info[match.group(0)]:
            if kind not in found:
                hit = _read(text, match.start(), match.end(), kind, is_identity, rules)
                if hit is not None:
                    found[kind] = hit
    return [found[kind] for kind in VULNERABLE_KINDS if kind in found]


def _read(text: str, start: int, end: int, kind: str, is_identity: bool, rules: _Rules) -> VulnerableHit | None:
    clause_start = _last_end(_CLAUSE_END, text, start)
    clause_end = _next_end(_CLAUSE_END, text, end)
    before = text[clause_start:start]
    if before and (rules.negation.search(before[-4:]) or rules.hypothetical.search(before)):
        return None
    evidence = text[clause_start:clause_end].strip()
    if is_identity and not _said_of_oneself(before, rules):
        # 诱导我父亲购买…超过普通老人的承担范围: the identity describes the customer the complainant speaks for
        return VulnerableHit(kind, evidence) if _acts_for(text, start, rules, cue_end=end) else None
    other = _other_person(before, rules) or _person_after(text, end, rules)
    if other is None:
        return VulnerableHit(kind, evidence)
    if _acts_for(text, start, rules):
        return VulnerableHit(kind, evidence)
    return None


def _said_of_oneself(before: str, rules: _Rules) -> bool:
    """Whether an identity noun is framed as the speaker's own (我是一名大学生, 作为一个老人, 我们老年人)."""
    window = before[-7:]
    frame = rules.self_frames.search(window)
    if frame is None:
        return False
    if rules.first_person.search(frame.group(0)) or frame.group(0) in ("作为", "身为"):
        return True
    return rules.first_person.search(before) is not None and next(_persons(before, rules), None) is None


def _other_person(before: str, rules: _Rules) -> str | None:
    """The last person other than the complainant named before the cue in its clause, if any; a person the
    complainant cares for (带孩子, 照顾父母) is the object of the clause, not whom the cue is about."""
    last = None
    for match in _persons(before, rules):
        if not before[: match.start()].endswith(rules.cared_for):
            last = match.group(0)
    return last


def _persons(text: str, rules: _Rules) -> Iterator[re.Match[str]]:
    """The persons other than the complainant named in ``text`` (他 of 其他 is none)."""
    return (match for match in rules.others.finditer(text) if match.group(0) not in rules.not_persons)


def _person_after(text: str, end: int, rules: _Rules) -> str | None:
    """A person named right after the cue, who the cue then describes: 年迈的父母, 80岁老人, and past an age or a
    measure word, 有心脏病的70多岁老人, 患癌症的一位老人."""
    described = _DESCRIBED.match(text, end)  # always matches, if only the empty string
    start = described.end() if described else end
    found = rules.others.match(text[start : start + rules.after_window + 1])
    return found.group(0) if found and found.group(0) not in rules.not_persons else None


def _excluded(text: str, start: int, cue: str, rules: _Rules) -> bool:
    """Whether the cue stands inside a phrase that is no vulnerability (无业务往来, 中风险)."""
    for offset, phrase in rules.exclusions.get(cue, ()):
        at = start - offset
        if at >= 0 and text.startswith(phrase, at):
            return True
    return False


def _acts_for(text: str, start: int, rules: _Rules, *, cue_end: int | None = None) -> bool:
    """Whether the complainant acts for the person a cue is about: an agency marker anywhere, or the person
    customer (a person named in the sentence followed by a transaction: 在贵行购买, 名下, 投保 …). When the cue is
    itself a noun for a person (老人), it does not name the customer: 家里老人住院贷款 is the complainant's loan."""
    if rules.acting_for.search(text):
        return True
    sentence_start = _last_end(_SENTENCE_END, text, start)
    sentence_end = _next_end(_SENTENCE_END, text, start)
    sentence = text[sentence_start:sentence_end]
    cue_start, cue_stop = start - sentence_start, (start if cue_end is None else cue_end) - sentence_start
    # 他/她 refer back to a person named earlier in the sentence: any named person followed by a transaction.
    return any(
        rules.customer.search(sentence, named.end(), named.end() + rules.customer_window)
        for named in _persons(sentence, rules)
        if named.end() <= cue_start or named.start() >= cue_stop
    )


def elderly_by_id(holder: IdNumber | None, at: date | None) -> VulnerableHit | None:
    """The ``elderly`` hit an ID number gives when its holder is :func:`elderly_age` or older on ``at`` (today
    when omitted); the birth date is the evidence."""
    age = holder.age_at(at or date.today()) if holder is not None else None
    if holder is None or age is None or age < _rules().min_age:
        return None
    return VulnerableHit("elderly", f"身份证出生日期 {holder.birth_date}，{age} 岁 / ID birth date")


def elderly_age() -> int:
    """The age from which a complainant counts as elderly (``data/reading_vulnerable.toml``, 65 by default)."""
    return _rules().min_age


def _holder_id(text: str, id_number: str | None) -> IdNumber | None:
    if id_number:
        return read_id_number(id_number)
    # An ID number in the text is taken as the complainant's only when it is introduced as one (身份证号…);
    # looking for the cue words is also far cheaper than scanning every digit of the text.
    if not any(cue in text for cue in _ID_CUES):
        return None
    dated = [item for item in find_id_numbers(text) if item.birth_date is not None]
    return dated[0] if len(dated) == 1 else None


def _age_value(match: re.Match[str]) -> int:
    if match.group(1):
        return int(match.group(1))
    numeral = match.group(2)
    tens = _CN_DIGITS[numeral[0]] * 10
    return tens + (_CN_DIGITS[numeral[2]] if len(numeral) > 2 else 0)


def _last_end(pattern: re.Pattern[str], text: str, position: int) -> int:
    """Where the clause or sentence holding ``position`` starts (looking back at most 60 characters)."""
    start = max(0, position - 60)
    for match in pattern.finditer(text, start, position):
        start = match.end()
    return start


def _next_end(pattern: re.Pattern[str], text: str, position: int) -> int:
    match = pattern.search(text, position)
    return match.start() if match else len(text)


class _Rules:
    """reading_vulnerable.toml compiled once."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.cue_info: dict[str, tuple[tuple[str, bool], ...]] = {}
        for kind in VULNERABLE_KINDS:
            spec = raw["kinds"][kind]
            for cue in spec["states"]:
                self.cue_info[cue] = (*self.cue_info.get(cue, ()), (kind, False))
            for cue in spec["identities"]:
                self.cue_info[cue] = (*self.cue_info.get(cue, ()), (kind, True))
        self.cues = _alternation(list(self.cue_info))
        self.min_age: int = raw["kinds"]["elderly"]["min_age"]
        context = raw["context"]
        self.not_persons: frozenset[str] = frozenset(context["not_persons"])
        self.others = _alternation([*context["others"], *self.not_persons])
        self.acting_for = _alternation(context["acting_for"])
        self.customer = _alternation(context["customer_markers"])
        self.self_frames = _alternation(context["self_frames"])
        self.first_person = _alternation(context["first_person"])
        self.negation = _alternation(context["negations"])
        self.hypothetical = _alternation(context["hypotheticals"])
        self.age_limits: tuple[str, ...] = tuple(context["age_limits"])
        self.cared_for: tuple[str, ...] = tuple(context["cared_for"])
        self.age_marker = _alternation(context["age_markers"])
        self.customer_window: int = context["customer_window"]
        self.after_window: int = context["after_window"]
        self.exclusions: dict[str, list[tuple[int, str]]] = {}
        for phrase in context["not"]:
            for cue in self.cue_info:
                offset = phrase.find(cue)
                if offset >= 0:
                    self.exclusions.setdefault(cue, []).append((offset, phrase))


def _alternation(words: list[str]) -> re.Pattern[str]:
    return words_pattern(words)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = tomllib.loads(files("tousu.analysis").joinpath("data", "reading_vulnerable.toml").read_text("utf-8"))
    return _Rules(raw)
