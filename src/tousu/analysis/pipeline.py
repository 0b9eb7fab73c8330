"""Reading complaints in batches: every extractor, detector and model applied, as interchange output.

The same reader serves the batch command (``tousu analyze``) and the register (``tousu import``): both
call :meth:`ComplaintReader.read` and store or print :meth:`Reading.to_output`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tousu.analysis.category import CategoryModel, load_category_model
from tousu.analysis.emotion import EmotionModel, load_emotion_model
from tousu.analysis.english import is_english
from tousu.analysis.english.reading import detect_threats_en, detect_vulnerable_en
from tousu.analysis.extract import Extraction, extract
from tousu.analysis.normalize import normalize_text
from tousu.analysis.records import ComplaintRecord
from tousu.analysis.threats import ThreatHit, detect_threats, threat_kinds
from tousu.analysis.vulnerable import VULNERABLE_KINDS, VulnerableHit, detect_vulnerable

#: Version of the rule-based readers (extraction, threats, vulnerability); bump when their rules change.
RULES_VERSION = "rules-2"


def complaint_text(record: ComplaintRecord) -> str:
    """The words of a complaint that are read: title, narrative and demand, in that order."""
    return "\n".join(part for part in (record.title, record.content, record.demand) if part)


@dataclass(frozen=True, slots=True)
class RuleReading:
    """What the rule-based readers find in one complaint text: extraction, threats and vulnerabilities."""

    extraction: Extraction
    threats: list[ThreatHit]
    vulnerable: list[VulnerableHit]


def read_rules(
    normal: str, *, id_number: str | None = None, demand: str | None = None, at: date | None = None
) -> RuleReading:
    """Apply the rule-based readers to one normalised text, the English ones when it is written in English.

    Args:
        normal: the complaint, normalised by :func:`tousu.analysis.normalize.normalize_text`.
        id_number, demand: the file's ID number and demand columns, when it has them.
        at: the day ages are computed on (the complaint's receipt date).
    """
    english = is_english(normal)
    extraction = extract(normal, id_number=id_number, demand=demand, english=english)
    threats = detect_threats_en(normal) if english else detect_threats(normal)
    read_vulnerable = detect_vulnerable_en if english else detect_vulnerable
    return RuleReading(extraction, threats, read_vulnerable(normal, id_number=id_number, at=at))


@dataclass(frozen=True, slots=True)
class Reading:
    """What was read in one complaint; ``to_output`` gives the interchange object.

    evidence: why, for a person to check: the category's and the emotion's cues, and the words of every threat
    (with whether the complainant says it is already done) and every vulnerability, unmasked.
    """

    complaint_id: str
    category: dict[str, Any]
    emotion: dict[str, Any]
    threats: list[str]
    demand_amount: float | None
    extraction: Extraction
    vulnerable: list[str]
    versions: dict[str, str]
    evidence: dict[str, list[Any]] = field(default_factory=dict)

    def to_output(
        self,
        *,
        unmasked: bool = False,
        campaign: dict[str, Any] | None = None,
        group_event: dict[str, Any] | None = None,
        repeat: dict[str, Any] | None = None,
        risk: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The interchange-spec object of this complaint; personal data masked unless ``unmasked``."""
        return {
            "complaint_id": self.complaint_id,
            "category": self.category,
            "emotion": self.emotion,
            "threats": self.threats,
            "demand_amount": self.demand_amount,
            "entities": self.extraction.as_entities(masked=not unmasked),
            "vulnerable": self.vulnerable,
            "risk": risk,
            "campaign": campaign,
            "group_event": group_event,
            "repeat": repeat,
            "models": self.versions,
        }


class ComplaintReader:
    """Applies the category and emotion models and the rule-based readers to batches of complaints."""

    def __init__(self, category: CategoryModel | None = None, emotion: EmotionModel | None = None) -> None:
        self.category = category if category is not None else load_category_model(None)
        self.emotion = emotion if emotion is not None else load_emotion_model(None)
        self.versions = {"category": self.category.version, "emotion": self.emotion.version, "rules": RULES_VERSION}

    @classmethod
    def from_paths(cls, category: Path | None = None, emotion: Path | None = None) -> ComplaintReader:
        """A reader with the model files at these paths, or the defaults where a path is ``None``."""
        return cls(load_category_model(category), load_emotion_model(emotion))

    def read(self, records: Sequence[ComplaintRecord], *, today: date | None = None) -> list[Reading]:
        """One reading per record, in order; the models see the whole batch at once."""
        texts = [complaint_text(record) for record in records]
        categories = self.category.predict(texts, [record.product for record in records])
        emotions = self.emotion.predict(texts)
        readings = []
        for record, text, category, emotion in zip(records, texts, categories, emotions, strict=True):
            normal = normalize_text(text)
            rules = read_rules(normal, id_number=record.id_number, demand=record.demand, at=today or _day(record))
            extraction, hits, vulnerable_hits = rules.extraction, rules.threats, rules.vulnerable
            vulnerable = [kind for kind in VULNERABLE_KINDS if any(h.kind == kind for h in vulnerable_hits)]
            # The register's own amount column, filled by a handler, outranks what the text suggests.
            demand_amount = record.amount_demanded if record.amount_demanded is not None else extraction.demand_amount
            readings.append(
                Reading(
                    complaint_id=record.complaint_id,
                    category={"label": category.label, "confidence": round(category.confidence, 3)},
                    emotion={"label": emotion.label, "intensity": round(emotion.intensity, 3)},
                    threats=threat_kinds(hits),
                    demand_amount=demand_amount,
                    extraction=extraction,
                    vulnerable=vulnerable,
                    versions=self.versions,
                    evidence={
                        "category": list(category.cues),
                        "emotion": list(emotion.cues),
                        "threats": [{"kind": h.kind, "words": h.evidence, "done": h.done} for h in hits],
                        "vulnerable": [{"kind": h.kind, "words": h.evidence} for h in vulnerable_hits],
                    },
                )
            )
        return readings


def _day(record: ComplaintRecord) -> date | None:
    return record.received_at.date() if record.received_at is not None else None
