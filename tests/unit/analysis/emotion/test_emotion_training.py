"""An institution's own emotion labels, learned from labelled texts; intensity still comes from the cues."""

from __future__ import annotations

from pathlib import Path

import pytest

from tousu.analysis.category import load_category_model
from tousu.analysis.emotion import load_emotion_model, train_emotion
from tousu.analysis.emotion.trained import strip_markup

EXAMPLES = {
    "愤怒": [
        "你们就是骗子，乱扣我的钱，气死我了",
        "催收员骂人还威胁我家人，太过分了",
        "态度恶劣，推诿扯皮，忍无可忍",
        "私自扣费还不承认，简直无耻",
        "乱收费乱扣款，你们这是抢钱",
        "客服挂我电话，恶心透了",
    ],
    "焦虑": [
        "马上要上征信了，我很着急，怎么办",
        "天天被催，我很害怕，晚上睡不着",
        "房贷还不上了，压力很大，很担心",
        "担心影响孩子上学，心里很慌",
        "不知所措，急需有人帮我协商",
        "被起诉了，我很紧张很不安",
    ],
    "平静": [
        "请问信用卡账单日怎么修改",
        "想了解一下提前还款的手续",
        "咨询一下保单的现金价值",
        "麻烦告知理赔需要哪些材料",
        "请问分期可以取消吗",
        "您好，想查询一下还款记录",
    ],
}


@pytest.fixture(scope="module")
def trained():  # type: ignore[no-untyped-def]
    texts = [text for items in EXAMPLES.values() for text in items]
    labels = [label for label, items in EXAMPLES.items() for _ in items]
    return train_emotion(texts, labels, seed=1)


def test_a_trained_model_uses_the_institutions_label_set(trained) -> None:  # type: ignore[no-untyped-def]
    assert trained.labels == tuple(sorted(EXAMPLES))
    [angry, calm] = trained.predict(["你们这群骗子乱扣钱，太过分了", "请问怎么修改账单日"])
    assert angry.label == "愤怒"
    assert calm.label == "平静"


def test_a_trained_model_still_reads_intensity_from_insults(trained) -> None:  # type: ignore[no-untyped-def]
    [mild, furious] = trained.predict(["乱扣费，太过分了", "乱扣费，你们这帮骗子，诈骗，黑社会！！！太过分了"])
    assert mild.label == furious.label == "愤怒"
    assert furious.intensity > mild.intensity
    assert all(0.0 <= r.intensity <= 1.0 for r in (mild, furious))


def test_a_neutral_like_label_keeps_a_low_intensity(trained) -> None:  # type: ignore[no-untyped-def]
    [calm] = trained.predict(["请问提前还款需要什么手续"])
    assert calm.label == "平静"
    assert calm.intensity <= 0.3


def test_save_and_load_keep_version_and_predictions(trained, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    loaded = load_emotion_model(trained.save(tmp_path / "emotion.joblib"))
    texts = ["骗子乱扣钱", "很担心上征信", "请问怎么还款"]
    assert loaded.version == trained.version and loaded.version.startswith("emotion-")
    assert loaded.predict(texts) == trained.predict(texts)


def test_loading_a_category_model_as_an_emotion_model_is_refused(tmp_path: Path) -> None:
    path = load_category_model().save(tmp_path / "category.joblib")
    with pytest.raises(ValueError, match="分类模型.*category model"):
        load_emotion_model(path)


def test_reposts_mentions_links_and_topic_tags_are_not_read_as_feelings() -> None:
    text = "气死了//@小王:转发 #某银行乱扣费# http://t.cn/abc @客服小李 【新闻】"
    assert strip_markup(text).split() == ["气死了", "转发"]
