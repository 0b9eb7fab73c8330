"""How the pages name an analysis's cues: the readers' ``kind:words`` tags become words a person reads."""

from __future__ import annotations

import pytest

from tousu.web.labels import cue_text


@pytest.mark.parametrize(
    ("cue", "chinese", "english"),
    [
        ("insults:骗子", "辱骂：骗子", "insult: 骗子"),
        ("anger:furious", "愤怒：furious", "anger: furious"),
        ("negated:生气", "已被否定，不计：生气", "negated, not counted: 生气"),
        ("others:angry", "他人的情绪，不计：angry", "someone else's feeling, not counted: angry"),
        ("exclamations:3", "感叹号 ×3", "exclamation marks ×3"),
        ("anger:!", "愤怒：感叹号", "anger: exclamation marks"),
        ("emoticon:anger:[怒]", "表情（愤怒）：[怒]", "emoticon (anger): [怒]"),
        ("sector:insurance", "行业：保险", "sector: insurance"),
        ("runner-up:营销宣传 0.21", "次选：营销宣传 0.21", "runner-up: 营销宣传 0.21"),
    ],
)
def test_a_tagged_cue_is_named_in_the_page_language(cue: str, chinese: str, english: str) -> None:
    assert cue_text(cue, "zh") == chinese
    assert cue_text(cue, "en") == english


@pytest.mark.parametrize("cue", ["信用卡", "late fee", "ratio:3:1", "sector:pensions"])
def test_a_cue_word_or_an_unknown_tag_shows_as_it_is(cue: str) -> None:
    assert cue_text(cue, "zh") == cue
