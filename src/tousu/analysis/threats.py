"""Escalation threats: what the complainant says they will do, may do or have already done.

A threat is a cue of one of the interchange kinds (``regulator``, ``consumer_body``, ``media``, ``litigation``,
``police``, ``petition``, ``group``, ``self_harm``) read in its clause:

* an *act* (报警, 起诉, 曝光, 12378, 跳楼) is a threat by itself; a *body* (法院, 银保监会, 媒体, 律师) only with an
  action of the complainant next to it (向银保监会投诉, 找律师, 投诉到…, 请监管部门介入);
* a negated act is not one (我没有报警, 并未向银保监会投诉), but a reluctant or conditional one is
  (不想闹到监管那里, 如果不解决我就去银保监会投诉, 否则…);
* someone else's words or acts are not the complainant's (客服说可以去法院, 催收威胁要报警, 银行起诉了我, 被曝光);
* an act already taken counts, and is marked ``done`` (已向12378投诉, 报警了).

The lexicon is ``data/reading_threats.toml``; an institution can extend it without touching code.

Reference: the labelling rules of benchmarks/labels/README.md; cue words from the interchange spec.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from tousu.analysis.extract.lexicon import words_pattern

THREAT_KINDS: tuple[str, ...] = (
    "regulator",
    "consumer_body",
    "media",
    "litigation",
    "police",
    "petition",
    "group",
    "self_harm",
)

_CLAUSE_END = re.compile(r"[，,。！？；!?;\n]")
_CLAUSE_START = _CLAUSE_END  # searched on the reversed text before a cue
_SENTENCE_START = re.compile(r"[。！？!?\n]")
_NUMBER_CHARS = frozenset("0123456789.*")
_HYPOTHETICAL = re.compile(r"如果|如若|若是|假如|要是|否则|不然|再不|如不|若不|一旦|万一")


@dataclass(frozen=True, slots=True)
class ThreatHit:
    """One escalation threat: its kind, the clause that says it, where the cue stands, and whether the
    complainant says it is already done (已报警) rather than threatened (我会去报警)."""

    kind: str
    evidence: str
    start: int
    end: int
    done: bool


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    is_body: bool
    own_channel: bool
    digits: bool


def detect_threats(text: str) -> list[ThreatHit]:
    """Find the escalation threats the complainant makes in a complaint.

    Args:
        text: the complaint, normalised by :func:`tousu.analysis.normalize.normalize_text` (half-width digits,
            simplified characters).

    Returns:
        The threats, in order of position; several hits of one kind are all kept, each with its evidence.

    Reference: benchmarks/labels/README.md (what counts as the complainant's threat).
    """
    rules = _rules()
    if not text:
        return []
    hits: list[ThreatHit] = []
    for match in rules.cues.finditer(text):
        for cue in rules.cue_info[match.group(0)]:
            hit = _read_hit(text, match, cue, rules)
            if hit is not None:
                hits.append(hit)
    return hits


def threat_kinds(hits: Iterable[ThreatHit]) -> list[str]:
    """The distinct kinds of ``hits`` in the interchange spec's order (regulator, consumer_body, media, …)."""
    present = {hit.kind for hit in hits}
    return [kind for kind in THREAT_KINDS if kind in present]


def _read_hit(text: str, match: re.Match[str], cue: _Cue, rules: _Rules) -> ThreatHit | None:
    cue_text = match.group(0)
    start, end = match.span()
    if cue.digits and (text[start - 1 : start] in _NUMBER_CHARS or text[end : end + 1] in _NUMBER_CHARS):
        return None
    if _excluded(text, start, cue_text, rules):
        return None
    clause_start, clause_end = _clause(text, start)
    near = rules.not_near.get(cue.kind)
    if near is not None and near.search(text, max(clause_start, start - 16), start):
        return None
    action_end = end
    if cue.kind == "regulator" and _credit_errand(text, start, end, clause_end, rules):
        return None
    if cue.is_body:
        if rules.citation_after.match(text, end) or _in_a_title(text, start, end):
            return None
        action = _action(text, start, end, clause_start, clause_end, rules)
        if action is None:
            return None
        action_end = max(end, action)
    if _negated(text, start, clause_start, rules):
        return None
    acts_on_others = cue.kind in rules.need_first_person  # suits and police reports are what institutions do too
    if not cue.own_channel and _someone_elses(text, start, end, clause_start, clause_end, rules, acts_on_others):
        return None
    if cue.kind in rules.need_first_person and not _complainant_speaks(text, start, clause_start, rules):
        return None
    done = _done(text, start, action_end, clause_start, clause_end, rules, cue.kind != "self_harm")
    evidence = text[clause_start:clause_end].strip(" ，,")
    return ThreatHit(kind=cue.kind, evidence=evidence, start=start, end=end, done=done)


def _in_a_title(text: str, start: int, end: int) -> bool:
    """Whether a body is named inside a longer document title (《中国人民银行 工业和信息化部 … 指导意见》): the
    issuer of a rule, not where the complainant goes; 《银保监会》 alone still names the body."""
    opened = text.rfind("《", max(0, start - 60), start)
    if opened < 0 or text.rfind("》", opened, start) >= 0:
        return False
    closed = text.find("》", end, end + 60)
    return closed < 0 or text[opened + 1 : closed] != text[start:end]


def _credit_errand(text: str, start: int, end: int, clause_end: int, rules: _Rules) -> bool:
    """Whether the central bank is named for its credit registry (去人民银行打印征信报告, 去人行那边消除逾期记录)
    rather than as a regulator: a credit word soon after it and no complaint verb in the rest of its clause
    (走银监会或者征信中心投诉 is a complaint)."""
    after = text[end : min(clause_end, end + rules.credit_window)]
    if rules.credit_words.search(after) is None:
        return False
    return rules.complaint_verbs.search(text, end, clause_end) is None


def _clause(text: str, position: int) -> tuple[int, int]:
    """The clause (between ，。！？； or line breaks) holding ``position``; at most 60 characters are looked
    back, which is more than any rule reads."""
    return _start_of(_CLAUSE_START, text, position, 60), _end_of(text, position)


def _start_of(pattern: re.Pattern[str], text: str, position: int, reach: int) -> int:
    """Just after the last mark of ``pattern`` before ``position`` (looking back at most ``reach``)."""
    floor = max(0, position - reach)
    found = pattern.search(text[floor:position][::-1])
    return position - found.start() if found else floor


def _end_of(text: str, position: int) -> int:
    found = _CLAUSE_END.search(text, position)
    return found.start() if found else len(text)


def _excluded(text: str, start: int, cue_text: str, rules: _Rules) -> bool:
    """Whether the cue stands inside a longer phrase where it means something else (工商银行, 人行征信)."""
    for offset, phrase in rules.exclusions.get(cue_text, ()):
        at = start - offset
        if at >= 0 and text.startswith(phrase, at):
            return True
    return False


def _action(text: str, start: int, end: int, clause_start: int, clause_end: int, rules: _Rules) -> int | None:
    """Where the complainant's action on a body ends (向银保监会投诉, 找律师), or ``None`` without one."""
    before = text[max(clause_start, start - rules.window_before) : start]
    if rules.before.search(before):
        return end
    after = rules.after.search(text[end : min(clause_end, end + rules.window_after)])
    return end + after.end() if after else None


def _negated(text: str, start: int, clause_start: int, rules: _Rules) -> bool:
    """Whether a negation governs the cue (我没有报警, 并未向银保监会投诉; not 不想闹到, 不排除)."""
    window = text[max(clause_start, start - 8) : start]
    for found in rules.negation.finditer(window):
        gap = window[found.end() :]
        if all(char in rules.negation_gap for char in gap) and not _reluctant(window, found.start()):
            return True
    return False


def _reluctant(window: str, position: int) -> bool:
    """``不想``/``不愿`` before the negation word is reluctance, still a threat (不想没有办法只能报警 is rare)."""
    return window[max(0, position - 1) : position] in ("想", "愿")


def _someone_elses(
    text: str, start: int, end: int, clause_start: int, clause_end: int, rules: _Rules, subject_acts: bool = False
) -> bool:
    """Whether the cue is another party's word or act: 客服说可以去法院, 还说要起诉, 催收威胁要报警, 起诉了我,
    被曝光, 说要到法院起诉我."""
    if start > 0 and text[start - 1] in rules.passive:
        return True
    if rules.passive_agent.search(text, max(clause_start, start - rules.passive_agent_window - 1), start):
        return True
    if rules.on_me.search(text, max(clause_start, start - 6), min(clause_end, end + 8)):
        return True
    before = text[max(clause_start, start - 14) : start]
    if rules.others.search(before):
        return True
    for spoken in rules.speaker.finditer(before):
        if spoken.start() == 0 or before[spoken.start() - 1] not in "跟对和给向":
            return True
    # 广东公司在海南起诉陕西人: for a suit or a police report, an institution right before it is its subject
    acting = rules.speaker_acts.search(before) if subject_acts else None
    if (
        acting is not None
        and (acting.start() == 0 or before[acting.start() - 1] not in "跟对和给向找到被让叫请托")
        and not rules.ultimatum.search(before, acting.start())  # 捷信公司等着法院见: said to the institution
    ):
        return True
    for verb in rules.speech_verbs.finditer(before):
        if not rules.first_person.search(before, max(0, verb.start() - 3), verb.start()):
            return True
    previous_end = clause_start - 1
    if previous_end > 0:
        previous = text[max(0, previous_end - 14) : previous_end]
        if rules.speaker_at_end.search(previous):
            return True
    return _reported_speech_goes_on(text, start, clause_start, rules)


def _reported_speech_goes_on(text: str, start: int, clause_start: int, rules: _Rules) -> bool:
    """Whether a clause without a first person continues someone else's words from the clauses before it in
    its sentence (催收威胁我说再不还款就要来拖车，起诉之类的; 表明只有一个方案，否则就要起诉)."""
    if rules.first_person.search(text, clause_start, start):
        return False
    sentence_start = _start_of(_SENTENCE_START, text, clause_start, 120)
    earlier = text[max(sentence_start, clause_start - 40) : clause_start]
    # Clause by clause back from the cue: someone's words reach it unless the complainant speaks in between
    # (客服说不能取消，本人不接受该说法，不退款会继续向人行投诉).
    speaker_seen = rules.speaker_word.search(earlier) is not None
    for clause in reversed([part for part in _CLAUSE_END.split(earlier) if part]):
        if _reports_speech(clause, rules, speaker_seen=speaker_seen):
            return True
        if rules.first_person.search(clause):
            return False
    return False


def _reports_speech(clause: str, rules: _Rules, *, speaker_seen: bool) -> bool:
    """Whether a clause reports someone else's words: a speaker and a speech verb, a word of threat, or (when a
    speaker is named nearby) a speech verb with no first person right before it."""
    if rules.others.search(clause) or rules.speaker.search(clause):
        return True
    if not speaker_seen:
        return False
    return any(
        not rules.first_person.search(clause, max(0, verb.start() - 3), verb.start())
        for verb in rules.speech_verbs.finditer(clause)
        if not clause.startswith("说法", verb.start())  # 不接受该说法: a noun, no one speaking
    )


def _complainant_speaks(text: str, start: int, clause_start: int, rules: _Rules) -> bool:
    """Whether a litigation or police act is the complainant's: a first person earlier in its sentence, or
    the form of an ultimatum (否则报警, 等着法院见) in its clause."""
    sentence_start = _start_of(_SENTENCE_START, text, start, 120)
    if rules.first_person.search(text, sentence_start, start):
        return True
    return rules.ultimatum.search(text, max(sentence_start, clause_start - 20), start) is not None


def _done(
    text: str, start: int, action_end: int, clause_start: int, clause_end: int, rules: _Rules, perfective: bool
) -> bool:
    """Whether the complainant reports the act as taken (已向12378投诉, 报警了) rather than threatened.

    ``perfective``: whether a following 了/过 marks the act as done (not for states: 活不下去了)."""
    before = text[max(clause_start, start - 12) : start]
    if _HYPOTHETICAL.search(text, clause_start, start):
        return False
    if rules.done_before.search(before):
        return True
    after = text[action_end : min(clause_end, action_end + 3)]
    return perfective and rules.done_after.match(after) is not None


class _Rules:
    """The lexicon of reading_threats.toml compiled into regular expressions, once."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.cue_info: dict[str, tuple[_Cue, ...]] = {}
        self.exclusions: dict[str, list[tuple[int, str]]] = {}
        for kind in THREAT_KINDS:
            spec = raw["kinds"][kind]
            own = set(spec.get("own_channel", []))
            for cue in spec["acts"]:
                self._add(cue, _Cue(kind, False, cue in own, cue.isdigit()))
            for cue in spec["bodies"]:
                self._add(cue, _Cue(kind, True, cue in own, cue.isdigit()))
        for kind in THREAT_KINDS:
            for phrase in raw["kinds"][kind]["not"]:
                self._exclude(phrase)
        self.cues = words_pattern(self.cue_info)
        context = raw["context"]
        self.window_before: int = context["window_before"]
        self.window_after: int = context["window_after"]
        self.before = _alternation(context["before"])
        self.after = _alternation(context["after"])
        self.negation = _alternation(context["negations"])
        self.negation_gap: frozenset[str] = frozenset(context["negation_gap"])
        self.others = _alternation(context["others_markers"])
        self.passive: frozenset[str] = frozenset(context["passive"])
        self.passive_agent_window: int = context["passive_agent"]
        passive = "".join(re.escape(word) for word in context["passive"])
        # 被 with the agent between it and the cue (被宁波银行起诉), the complainant not among the words between
        self.passive_agent = re.compile(rf"[{passive}][^，。！？；,!?;我]{{1,{context['passive_agent']}}}$")
        self.citation_after = _alternation(context["citation_after"])
        self.credit_words = _alternation(context["credit_words"])
        self.credit_window: int = context["credit_window"]
        self.complaint_verbs = _alternation(context["complaint_verbs"])
        self.on_me = re.compile(context["on_me_acts"])
        self.speech_verbs = _alternation(context["speech_verbs"])
        self.first_person = _alternation(context["first_person"])
        self.need_first_person: frozenset[str] = frozenset(context["need_first_person"])
        self.ultimatum = _alternation(context["ultimatum"])
        self.not_near: dict[str, re.Pattern[str]] = {
            kind: _alternation(raw["kinds"][kind]["not_near"])
            for kind in THREAT_KINDS
            if raw["kinds"][kind].get("not_near")
        }
        speakers = "|".join(re.escape(word) for word in sorted(context["speakers"], key=len, reverse=True))
        speech = "|".join(re.escape(word) for word in sorted(context["speech"], key=len, reverse=True))
        self.speaker_word = _alternation(context["speakers"])
        self.speaker = re.compile(rf"(?:{speakers})[^，。；！？]{{0,4}}?(?:{speech})")
        subject_words = sorted([*context["speakers"], *context["subjects"]], key=len, reverse=True)
        subjects = "|".join(re.escape(word) for word in subject_words)
        self.speaker_acts = re.compile(rf"(?:{subjects})[^，。；！？我本]{{0,4}}$")
        self.speaker_at_end = re.compile(rf"(?:{speakers})[^，。；！？]{{0,4}}?(?:{speech})[了道]?[:：]?$")
        self.done_before = _alternation(context["done_before"])
        self.done_after = _alternation(context["done_after"])

    def _add(self, cue: str, info: _Cue) -> None:
        self.cue_info[cue] = (*self.cue_info.get(cue, ()), info)

    def _exclude(self, phrase: str) -> None:
        for cue in self.cue_info:
            offset = phrase.find(cue)
            while offset >= 0:
                self.exclusions.setdefault(cue, []).append((offset, phrase))
                offset = phrase.find(cue, offset + 1)


def _alternation(words: list[str]) -> re.Pattern[str]:
    return words_pattern(words)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = tomllib.loads(files("tousu.analysis").joinpath("data", "reading_threats.toml").read_text("utf-8"))
    return _Rules(raw)
