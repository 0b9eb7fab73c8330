"""The answer key of the demo set: which complaint belongs to which campaign, event or complainant."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from pathlib import Path

KINDS: tuple[str, ...] = ("ordinary", "campaign", "group_event", "repeat")


@dataclass(frozen=True, slots=True)
class TruthRow:
    """What one demo complaint really is.

    ``group_id`` is ``C-n`` (organised campaign), ``E-n`` (genuine group event), ``P-n`` (persistent
    complainant) or empty; ``group_type`` the campaign or event kind (代理退保, 理赔拒付 ...).
    ``agent_id`` names the agent gang behind a campaign letter, ``template_id`` the master letter
    (campaigns) or the narrative scenario (everything else), ``person_id`` the complainant's identity.
    """

    complaint_id: str
    kind: str
    group_id: str
    group_type: str
    agent_id: str
    template_id: str
    person_id: str
    scenario: str
    signals: str


TRUTH_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(TruthRow))


def write_truth(path: str | Path, truth_rows: Iterable[TruthRow]) -> int:
    """Write the truth CSV (UTF-8, header row) and return how many rows were written."""
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(TRUTH_COLUMNS)
        for row in truth_rows:
            writer.writerow(astuple(row))
            count += 1
    return count
