"""An institution's own taxonomy, learned from its labelled history, saved and loaded as a versioned file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from tousu.analysis.category import TrainingDataError, load_category_model, train_category
from tousu.analysis.category.ngrams import CharNgramTfidf
from tousu.analysis.emotion import load_emotion_model

LENDERS = ["招联消费金融", "捷信", "某银行信用卡中心", "马上消费金融", "中邮消费金融", "宜信普惠", "平安普惠", "度小满"]
TEMPLATES = {
    "催收投诉": "{}的催收人员天天打电话骚扰我的家人，还发短信威胁要上门，严重影响生活",
    "收费投诉": "{}私自扣取服务费和会员费，利息远超规定，要求退还多收的费用",
    "销售投诉": "{}业务员推销时承诺零利息，诱导我办理，实际合同里另有高额费用，属于虚假宣传",
}


def labelled_history() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for label, template in TEMPLATES.items():
        for number, lender in enumerate(LENDERS):
            texts.append(template.format(lender) + f"，第{number + 1}次投诉")
            labels.append(label)
    return texts, labels


@pytest.fixture(scope="module")
def trained():  # type: ignore[no-untyped-def]
    texts, labels = labelled_history()
    return train_category(texts, labels, seed=3)


def test_a_trained_model_learns_the_institutions_own_labels(trained) -> None:  # type: ignore[no-untyped-def]
    assert trained.labels == ("催收投诉", "收费投诉", "销售投诉")
    results = trained.predict(
        ["催收公司威胁我的家人，电话骚扰不断", "每个月私自扣服务费，利息太高", "业务员承诺零利息诱导我办理，虚假宣传"]
    )
    assert [result.label for result in results] == ["催收投诉", "收费投诉", "销售投诉"]
    assert all(0.0 <= result.confidence <= 1.0 for result in results)
    assert trained.info.training_size == 24 and trained.info.label_counts["催收投诉"] == 8
    assert trained.info.holdout is not None and trained.info.holdout.size >= 3


def test_save_and_load_keep_the_version_and_the_predictions(trained, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = trained.save(tmp_path / "category.joblib")
    loaded = load_category_model(path)
    texts = ["催收电话骚扰家人", "手续费太高了", "你好"]
    assert loaded.version == trained.version and loaded.version.startswith("category-")
    assert loaded.predict(texts) == trained.predict(texts)


def test_the_version_names_the_training_content() -> None:
    texts, labels = labelled_history()
    same = train_category(texts, labels, seed=3)
    other = train_category(texts[:-1], labels[:-1], seed=3)
    assert same.version == train_category(texts, labels, seed=3).version
    assert other.version != same.version


def test_the_default_model_survives_a_save_and_load(tmp_path: Path) -> None:
    default = load_category_model()
    loaded = load_category_model(default.save(tmp_path / "default.joblib"))
    assert loaded.version == "default-category-2"


def test_loading_an_emotion_model_as_a_category_model_says_which_kind_it_is(tmp_path: Path) -> None:
    path = load_emotion_model().save(tmp_path / "emotion.joblib")
    with pytest.raises(ValueError, match="情绪模型.*emotion model"):
        load_category_model(path)


def test_loading_a_file_that_is_not_a_model_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("text,label\n你好,其他\n", encoding="utf-8")
    with pytest.raises(ValueError, match="不是 Tousu 模型文件 / .* is not a Tousu model file"):
        load_category_model(path)
    with pytest.raises(ValueError, match="not found"):
        load_category_model(tmp_path / "missing.joblib")


def test_one_label_only_is_refused() -> None:
    with pytest.raises(TrainingDataError, match="at least 2 different labels"):
        train_category(["催收骚扰", "暴力催收"], ["催收", "催收"])


def test_a_label_with_a_single_example_names_its_row() -> None:
    texts, labels = labelled_history()
    texts.append("信用卡被盗刷两万元")
    labels.append("资金安全")
    rows = list(range(2, len(texts) + 2))
    with pytest.raises(TrainingDataError, match=r"'资金安全' has only 1 example \(row 26\)"):
        train_category(texts, labels, rows=rows)


def test_an_empty_text_names_its_row() -> None:
    texts, labels = labelled_history()
    texts[4] = "  "
    with pytest.raises(TrainingDataError, match="row 5: the text is empty"):
        train_category(texts, labels)


def test_empty_training_data_is_refused() -> None:
    with pytest.raises(TrainingDataError, match="empty"):
        train_category([], [])


def test_char_ngrams_give_the_same_similarities_as_scikit_learn() -> None:
    texts = ["催收电话骚扰家人", "私自扣费，利息太高", "业务员虚假宣传", "催收威胁上门", "扣费扣费扣费"]
    ours = CharNgramTfidf(min_df=1, max_df=1.0).fit(texts).transform(texts)
    reference = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True).fit_transform(texts)
    assert ours.shape[1] == reference.shape[1]
    np.testing.assert_allclose((ours @ ours.T).toarray(), (reference @ reference.T).toarray(), atol=1e-5)


def test_unknown_characters_and_empty_texts_give_empty_rows() -> None:
    model = CharNgramTfidf(min_df=1).fit(["催收骚扰", "扣费太高"])
    matrix = model.transform(["", "😀😀", "催收"])
    assert matrix.shape == (3, model.n_features)
    assert matrix[0].nnz == 0 and matrix[1].nnz == 0 and matrix[2].nnz == 3
