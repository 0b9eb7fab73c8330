"""Complaint emotion: a label and an intensity in [0, 1].

Public API (the batch analyser calls exactly this):

* ``load_emotion_model(path=None)``: None gives the lexicon model (labels anger, anxiety, sadness,
  disappointment, neutral; version "default-emotion-3").
* ``train_emotion(texts, labels, **options)``: a model of the institution's own label set.
* every model has ``.version``, ``.labels``, ``.predict(texts)`` and ``.save(path)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tousu.analysis.emotion.lexicon import EmotionCues, EmotionLexicon, default_lexicon
from tousu.analysis.emotion.results import EmotionModel, EmotionResult
from tousu.analysis.emotion.rules import LexiconEmotionModel

if TYPE_CHECKING:
    from tousu.analysis.category.encoders import Progress
    from tousu.analysis.category.learner import TrainingDataError
    from tousu.analysis.emotion.trained import TrainedEmotionModel

# The learning modules (scikit-learn) are imported only when a trained model is loaded or trained, as in
# tousu.analysis.category.
_LAZY = {
    "TrainingDataError": "tousu.analysis.category.learner",
    "TrainedEmotionModel": "tousu.analysis.emotion.trained",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "EmotionCues",
    "EmotionLexicon",
    "EmotionModel",
    "EmotionResult",
    "LexiconEmotionModel",
    "TrainedEmotionModel",
    "TrainingDataError",
    "load_emotion_model",
    "train_emotion",
]


def load_emotion_model(path: Path | str | None = None) -> LexiconEmotionModel | TrainedEmotionModel:
    """The default lexicon model (path None), an edited lexicon (a .toml path), or a trained model file.

    Raises:
        ValueError: the file is missing, not a Tousu model, or a category model.
    """
    if path is None:
        return LexiconEmotionModel(default_lexicon())
    from tousu.analysis.category.training import load_model_file, read_rule_file
    from tousu.analysis.emotion.trained import TrainedEmotionModel

    if Path(path).suffix.lower() == ".toml":  # the institution's own edited copy of the rule table
        return LexiconEmotionModel(read_rule_file(Path(path), EmotionLexicon.from_toml))
    model = load_model_file(path, "emotion")
    if not isinstance(model, LexiconEmotionModel | TrainedEmotionModel):
        raise ValueError(f"{path} 中的情绪模型无法识别 / {path} holds an unknown emotion model")
    return model


def train_emotion(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    rows: Sequence[int] | None = None,
    holdout: float = 0.2,
    seed: int = 0,
    c: float = 0.1,
    extra_weight: float = 3.0,
    nb_scaling: float = 0.5,
    lsa_dims: int = 0,
    encoder: str = "",
    encoder_weight: float = 1.0,
    refit: bool = True,
    tune_layers: int = 0,
    tune_epochs: int = 3,
    tune_tokens: int = 128,
    progress: Progress | None = None,
) -> TrainedEmotionModel:
    """Learn an institution's own emotion labels from its labelled texts.

    Args:
        texts, labels: labelled texts (any label set with at least 2 labels, 2 examples each).
        rows: the examples' row numbers in the user's file, so errors can name them.
        holdout: share held out to score the model (``model.info.holdout``) and calibrate confidences.
        seed: reproducibility of the split and the solver.
        c: SVM regularisation; extra_weight: weight of the lexicon cue features. The defaults lean on the
            lexicon (smaller c, larger weight): chosen on NLPCC 2013 Weibo posts as an out-of-period validation
            set, because emotion words carry across topics and periods better than the topics themselves.
        nb_scaling: NB-SVM scaling of the n-grams (0 off, 1 full log-count ratios). 0.5 lifts 5-fold CV
            macro-F1 from 0.611 to 0.617 and macro-F1 on NLPCC 2013 (out of period) from 0.361 to 0.383.
        lsa_dims: latent semantic dimensions (0 off); off, as they lowered both checks.
        encoder: a pretrained sentence encoder whose embedding joins the features ("" off, "e5-small"); see
            tousu.analysis.category.encoders. On Weibo posts e5-small lifts macro-F1 on NLPCC 2013 (out of
            period) from 0.383 to 0.402 and 5-fold CV from 0.617 to 0.635; off by default because the
            transformer makes training and analysis a hundred times slower.
        encoder_weight: length of the embedding block against the unit-length n-gram row; 1.0 was chosen on
            NLPCC 2013 (0.5: 0.396, 1.0: 0.402, 2.0: 0.398).
        refit: retrain on all texts after scoring (default) or keep the model that was scored.
        tune_layers: fine-tune this many top layers of e5-small with a softmax head and fuse it with the
            n-gram model (0 off); see tousu.analysis.category.tuning. Needs PyTorch and takes minutes an epoch.
        tune_epochs: epochs to train; the head keeps the mean of their weights. tune_tokens: tokens read per text
            (posts are short).
        progress: called with (texts encoded, all texts) while the encoder reads the training texts.

    Returns:
        A TrainedEmotionModel whose version names its training content.

    Raises:
        TrainingDataError (a ValueError): data that cannot train a model, with the row or label to fix.
    """
    lexicon = default_lexicon()
    from tousu.analysis.category.training import train_classifier
    from tousu.analysis.category.tuning import TuningOptions
    from tousu.analysis.emotion.trained import TrainedEmotionModel, strip_markup

    classifier, info = train_classifier(
        "emotion",
        [strip_markup(str(text)) for text in texts],
        labels,
        lexicon.features,
        rows=rows,
        holdout=holdout,
        seed=seed,
        c=c,
        extra_weight=extra_weight,
        lsa_dims=lsa_dims,
        nb_scaling=nb_scaling,
        encoder=encoder,
        encoder_weight=encoder_weight,
        refit=refit,
        tuning=TuningOptions(tune_layers, tune_epochs, tune_tokens, seed=seed) if tune_layers else None,
        progress=progress,
    )
    return TrainedEmotionModel(info, classifier, lexicon)
