"""What a category model returns, and what every category model offers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class CategoryResult:
    """The category of one complaint.

    label: a label of the model's label set. confidence: in [0, 1].
    cues: why: the cue words that decided a rule label, or the model's runner-up labels ("runner-up:X 0.21").
    """

    label: str
    confidence: float
    cues: tuple[str, ...] = ()


class CategoryModel(Protocol):
    """A default (rule) or trained category model; `version` is recorded with every analysis it produces."""

    @property
    def version(self) -> str: ...

    @property
    def labels(self) -> tuple[str, ...]: ...

    def predict(self, texts: Sequence[str], products: Sequence[str | None] | None = None) -> list[CategoryResult]: ...

    def save(self, path: Path | str) -> Path: ...
