"""Use case: keep the stored analysis of each complaint, read by the same core as `tousu analyze`."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from tousu.analysis.pipeline import ComplaintReader
from tousu.analysis.records import ComplaintRecord
from tousu.cases.imports import AfterChunk, record_hash
from tousu.cases.models import ComplaintAnalysis
from tousu.config import Settings

ANALYSIS_BATCH = 1_000


def reader_for(settings: Settings) -> ComplaintReader:
    """The complaint reader with the models the installation is configured with (defaults otherwise)."""
    return ComplaintReader.from_paths(settings.category_model, settings.emotion_model)


def analysis_hook(reader: ComplaintReader) -> AfterChunk:
    """An import hook that analyses every new or changed complaint of a stored chunk."""

    def analyse(session: Session, stored: list[tuple[int, ComplaintRecord]]) -> None:
        store_analyses(session, stored, reader)

    return analyse


def store_analyses(session: Session, stored: list[tuple[int, ComplaintRecord]], reader: ComplaintReader) -> None:
    """Read these complaints and replace their stored analyses. Does not commit.

    The stored result is the unmasked interchange object, and the evidence the words behind it; whoever shows
    them masks them for the viewer.
    """
    now = datetime.now(UTC)
    for start in range(0, len(stored), ANALYSIS_BATCH):
        part = stored[start : start + ANALYSIS_BATCH]
        readings = reader.read([record for _, record in part])
        rows = []
        for (pk, record), reading in zip(part, readings, strict=True):
            result = reading.to_output(unmasked=True)
            rows.append(
                {
                    "complaint_pk": pk,
                    "analyzed_at": now,
                    "row_hash": record_hash(record),
                    "category": reading.category["label"],
                    "emotion": reading.emotion["label"],
                    "emotion_intensity": reading.emotion["intensity"],
                    "demand_amount": reading.demand_amount,
                    "threats": reading.threats,
                    "vulnerable": reading.vulnerable,
                    "versions": reading.versions,
                    "result": result,
                    "evidence": reading.evidence,
                }
            )
        pks = [pk for pk, _ in part]
        session.execute(delete(ComplaintAnalysis).where(ComplaintAnalysis.complaint_pk.in_(pks)))
        session.execute(insert(ComplaintAnalysis), rows)


def stored_analysis(session: Session, complaint_pk: int) -> ComplaintAnalysis | None:
    return session.scalar(select(ComplaintAnalysis).where(ComplaintAnalysis.complaint_pk == complaint_pk))
