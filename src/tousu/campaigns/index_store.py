"""Keep the incremental-check index of the latest detection run in the database, on SQLite and PostgreSQL alike.

The index file (:meth:`CampaignIndex.save`) is stored as ordered slices of a binary column, so that a large
register never needs one huge value and the index travels with the database (backups, several servers).
It is a pickle: only indexes this product wrote are ever loaded.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tousu.analysis.campaigns import CampaignIndex
from tousu.campaigns.models import CampaignIndexPart

#: Bytes per stored slice (well under every backend's limit for one value).
PART_BYTES = 8 << 20


def save_index(session: Session, run_id: int, index: CampaignIndex) -> int:
    """Store ``index`` as run ``run_id``'s index and drop older runs' indexes. Does not commit; returns bytes."""
    session.execute(delete(CampaignIndexPart).where(CampaignIndexPart.run_id != run_id))
    total = 0
    with tempfile.TemporaryDirectory(prefix="tousu-index-") as folder:
        path = Path(folder) / "campaigns.index"
        index.save(path)
        with path.open("rb") as handle:
            for seq, block in enumerate(iter(lambda: handle.read(PART_BYTES), b"")):
                session.add(CampaignIndexPart(run_id=run_id, seq=seq, data=block))
                session.flush()
                total += len(block)
    return total


def latest_index_run(session: Session) -> int | None:
    """The run whose index is stored, if any."""
    return session.scalar(select(CampaignIndexPart.run_id).order_by(CampaignIndexPart.run_id.desc()).limit(1))


def load_index(session: Session) -> tuple[int, CampaignIndex] | None:
    """The stored index and its run id, or ``None`` when no detection has run yet."""
    run_id = latest_index_run(session)
    if run_id is None:
        return None
    with tempfile.TemporaryDirectory(prefix="tousu-index-") as folder:
        path = Path(folder) / "campaigns.index"
        with path.open("wb") as handle:
            seqs = session.scalars(
                select(CampaignIndexPart.seq).where(CampaignIndexPart.run_id == run_id).order_by(CampaignIndexPart.seq)
            ).all()
            for seq in seqs:
                part = select(CampaignIndexPart.data).where(
                    CampaignIndexPart.run_id == run_id, CampaignIndexPart.seq == seq
                )
                handle.write(session.scalar(part) or b"")
        return run_id, CampaignIndex.load(path)
