"""The learner's latent-semantic and NB-SVM options: what they compute, and that old model files still load."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from tousu.analysis.category.learner import TextClassifier
from tousu.analysis.category.ngrams import ngram_keys

LENDERS = ["招联", "捷信", "中邮", "马上", "宜信", "平安", "度小满", "兴业"]
TEMPLATES = {
    "催收": "{}的催收人员天天打电话骚扰我的家人，还威胁上门",
    "收费": "{}私自扣取服务费和会员费，利息太高，要求退还",
    "销售": "{}业务员推销时承诺零利息，诱导办理，虚假宣传",
}


def history() -> tuple[list[str], list[str]]:
    texts = [template.format(lender) for template in TEMPLATES.values() for lender in LENDERS]
    labels = [label for label in TEMPLATES for _ in LENDERS]
    return texts, labels


def no_extras(texts: list[str]) -> np.ndarray:
    return np.zeros((len(texts), 1), dtype=np.float32)


def column_of(model: TextClassifier, gram: str) -> int:
    keys, _ = ngram_keys([gram], model.ngrams.max_n)
    return int(model.ngrams._lookup().find(keys[-1:])[0])  # the last key is the whole gram


def test_nb_scaling_weighs_up_the_ngrams_that_belong_to_one_label() -> None:
    texts, labels = history()
    model = TextClassifier(c=0.3, nb_scaling=1.0).fit(texts, no_extras(texts), labels)
    collection = model.classes.index("催收")
    assert model.scaling.shape == (3, model.ngrams.n_features)
    # "催收" occurs only in collection complaints; a lender's name occurs once under every label
    assert (
        model.scaling[collection, column_of(model, "催收")] > 1.0 > model.scaling[collection, column_of(model, "招联")]
    )
    half = TextClassifier(c=0.3, nb_scaling=0.5).fit(texts, no_extras(texts), labels)
    full_gap = model.scaling[collection] - 1.0
    np.testing.assert_allclose(half.scaling[collection] - 1.0, full_gap / 2, rtol=1e-4, atol=1e-5)


def test_nb_scaled_scores_equal_each_labels_svm_on_its_rescaled_unit_rows() -> None:
    texts, labels = history()
    model = TextClassifier(c=0.3, extra_weight=1.0, nb_scaling=0.5).fit(texts, no_extras(texts), labels)
    queries = ["催收电话骚扰家人", "乱扣服务费", "业务员虚假宣传零利息", "你好"]
    grams = model.ngrams.transform(queries)
    width = grams.shape[1]
    expected = []
    for row, scale in enumerate(model.scaling):
        scaled = csr_matrix(grams.multiply(scale)).toarray()
        norms = np.linalg.norm(scaled, axis=1, keepdims=True)
        scaled /= np.where(norms == 0, 1.0, norms)
        expected.append(scaled @ model.coef[row, :width] + model.intercept[row])
    np.testing.assert_allclose(model.decision(queries, no_extras(queries)), np.stack(expected, 1), atol=1e-4)
    assert [model.classes[i] for i in model.decision(queries[:3], no_extras(queries[:3])).argmax(1)] == [
        "催收",
        "收费",
        "销售",
    ]


def test_latent_dimensions_are_capped_below_the_number_of_texts_and_unit_length() -> None:
    texts, labels = history()
    model = TextClassifier(c=0.3, lsa_dims=100, lsa_weight=2.0).fit(texts, no_extras(texts), labels)
    assert model.components.shape == (len(texts) - 1, model.ngrams.n_features)
    dense = model._dense(model.ngrams.transform(texts[:3]), no_extras(texts[:3]), None)
    assert dense.shape == (3, 1 + len(texts) - 1)
    np.testing.assert_allclose(np.linalg.norm(dense[:, 1:], axis=1), 2.0, rtol=1e-5)
    predicted = model.decision(texts, no_extras(texts)).argmax(1)
    assert [model.classes[i] for i in predicted] == labels


def test_a_model_file_from_before_the_options_loads_as_a_plain_svm() -> None:
    texts, labels = history()
    model = TextClassifier(c=0.3).fit(texts, no_extras(texts), labels)
    state = {
        key: value
        for key, value in model.__dict__.items()
        if key not in {"lsa_dims", "lsa_weight", "nb_scaling", "components", "scaling", "encoder", "encoder_weight"}
    }
    old = TextClassifier.__new__(TextClassifier)
    old.__setstate__(state)
    restored = pickle.loads(pickle.dumps(old))
    np.testing.assert_array_equal(restored.decision(texts, no_extras(texts)), model.decision(texts, no_extras(texts)))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"nb_scaling": 1.5}, "nb_scaling must be in"),
        ({"lsa_dims": -1}, "lsa_dims must be >= 0"),
        ({"encoder_weight": -1.0}, "encoder_weight must be >= 0"),
        ({"encoder": "bert-huge"}, "no sentence encoder named 'bert-huge'; known: e5-small"),
    ],
)
def test_options_out_of_range_are_refused(options: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TextClassifier(**options)  # type: ignore[arg-type]
