"""Complaint category: the regulators' default taxonomy, or a model learned from an institution's history.

Public API (the batch analyser calls exactly this):

* ``load_category_model(path=None)``: None gives the default rule taxonomy (version "default-category-2").
* ``train_category(texts, labels, **options)``: a model of the institution's own label set.
* every model has ``.version``, ``.labels``, ``.predict(texts, products=None)`` and ``.save(path)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tousu.analysis.category.results import CategoryModel, CategoryResult
from tousu.analysis.category.taxonomy import Taxonomy, TaxonomyCategoryModel, default_taxonomy

if TYPE_CHECKING:
    from tousu.analysis.category.encoders import Progress
    from tousu.analysis.category.learner import HoldoutScore, TrainingDataError
    from tousu.analysis.category.trained import TrainedCategoryModel
    from tousu.analysis.category.training import ModelInfo

# Training needs scikit-learn, whose import costs more than a second; the default taxonomy does not, so the
# batch analyser and the server import the learning modules only when a trained model is loaded or trained.
_LAZY = {
    "HoldoutScore": "learner",
    "TrainingDataError": "learner",
    "TrainedCategoryModel": "trained",
    "ModelInfo": "training",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"tousu.analysis.category.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CategoryModel",
    "CategoryResult",
    "HoldoutScore",
    "ModelInfo",
    "TaxonomyCategoryModel",
    "TrainedCategoryModel",
    "TrainingDataError",
    "load_category_model",
    "train_category",
]


def load_category_model(path: Path | str | None = None) -> TaxonomyCategoryModel | TrainedCategoryModel:
    """The default taxonomy model (path None), an edited taxonomy (a .toml path), or a trained model file.

    Raises:
        ValueError: the file is missing, not a Tousu model, or an emotion model.
    """
    if path is None:
        return TaxonomyCategoryModel(default_taxonomy())
    from tousu.analysis.category.trained import TrainedCategoryModel
    from tousu.analysis.category.training import load_model_file, read_rule_file

    if Path(path).suffix.lower() == ".toml":  # the institution's own edited copy of the rule table
        return TaxonomyCategoryModel(read_rule_file(Path(path), Taxonomy.from_toml))
    model = load_model_file(path, "category")
    if not isinstance(model, TaxonomyCategoryModel | TrainedCategoryModel):
        raise ValueError(f"{path} 中的分类模型无法识别 / {path} holds an unknown category model")
    return model


def train_category(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    rows: Sequence[int] | None = None,
    holdout: float = 0.2,
    seed: int = 0,
    c: float = 0.3,
    extra_weight: float = 1.0,
    lsa_dims: int = 100,
    nb_scaling: float = 0.0,
    encoder: str = "",
    encoder_weight: float = 1.0,
    refit: bool = True,
    tune_layers: int = 0,
    tune_epochs: int = 3,
    tune_tokens: int = 256,
    progress: Progress | None = None,
) -> TrainedCategoryModel:
    """Learn an institution's own taxonomy from its labelled complaints.

    Args:
        texts, labels: the labelled history (any label set with at least 2 labels, 2 examples each).
        rows: the examples' row numbers in the user's file, so errors can name them.
        holdout: share held out to score the model (``model.info.holdout``) and calibrate confidences.
        seed: reproducibility of the split and the solver.
        c: SVM regularisation; extra_weight: weight of the taxonomy cue features.
        lsa_dims: latent semantic dimensions of the n-grams added to the features (0 turns them off). 100 lifts
            5-fold cross-validated macro-F1 on real 黑猫 complaints from 0.661 to 0.672.
        nb_scaling: NB-SVM scaling of the n-grams (0 off, up to 1); off, as it did not help complaints.
        encoder: a pretrained sentence encoder whose embedding joins the features ("" off, "e5-small"); see
            tousu.analysis.category.encoders. On real 黑猫 complaints e5-small moves 5-fold CV macro-F1 only from
            0.672 to 0.674: complaint categories are carried by their words, which the n-grams already read.
        encoder_weight: length of the embedding block against the unit-length n-gram row (CV: 1.0 0.674,
            2.0 0.676).
        refit: retrain on all texts after scoring (default) or keep the model that was scored.
        tune_layers: fine-tune this many top layers of e5-small with a softmax head and fuse it with the
            n-gram model (0 off); see tousu.analysis.category.tuning. Needs PyTorch and takes minutes an epoch.
        tune_epochs: epochs to train; the head keeps the mean of their weights. tune_tokens: tokens read per text
            (complaints run long, and 256 tokens hold their opening paragraph).
        progress: called with (texts encoded, all texts) while the encoder reads the training texts.

    Returns:
        A TrainedCategoryModel whose version names its training content.

    Raises:
        TrainingDataError (a ValueError): data that cannot train a model, with the row or label to fix.
    """
    from tousu.analysis.category.trained import TrainedCategoryModel
    from tousu.analysis.category.training import train_classifier
    from tousu.analysis.category.tuning import TuningOptions

    taxonomy = default_taxonomy()
    classifier, info = train_classifier(
        "category",
        texts,
        labels,
        taxonomy.features,
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
    return TrainedCategoryModel(info, classifier, taxonomy)
