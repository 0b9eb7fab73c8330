"""Incremental check: is a new complaint part of a known campaign? Without rerunning detection.

The index keeps, for every indexed complaint, its MinHash signature and its campaign (if any), the
LSH band keys sorted for binary search, each campaign's consensus signature, and the identifier
hashes each campaign's members share. A new complaint matches a campaign when

* its letter is near a campaign member (LSH candidate verified at ``template_jaccard``) or agrees
  with a campaign's consensus on ``core_agreement`` of positions, or
* it carries an identifier hash (phone, agent, e-mail, address) the campaign's members share.

Additions go to a small buffer searched alongside the sorted arrays and merged when it grows, so
``add`` stays cheap. Saved with :mod:`pickle`: load only files this product wrote.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from .detect import Detection
from .inputs import CampaignInput
from .settings import CampaignSettings
from .templates import all_band_keys, band_keys, modal_signature, signatures

_FORMAT = 1
_MERGE_AT = 20_000
_PER_BAND = 256


@dataclass(frozen=True, slots=True)
class CampaignMatch:
    """A new complaint that matches a known campaign, and why.

    ``via`` names the routes that matched (``template``, ``shared_phone``, ``shared_agent``,
    ``shared_email``, ``shared_address``); ``similarity`` is the best estimated Jaccard similarity to
    a member or the campaign's consensus; ``neighbours`` are the closest member complaint ids.
    """

    campaign_id: str
    score: float
    signals: tuple[str, ...]
    via: tuple[str, ...]
    similarity: float
    neighbours: tuple[str, ...]

    def flag(self) -> dict[str, object]:
        """The interchange ``campaign`` object for the new complaint."""
        return {"id": self.campaign_id, "score": round(self.score, 2), "signals": list(self.signals)}


def _identifier_routes(item: CampaignInput) -> list[tuple[str, int]]:
    """(signal, token) pairs of an input's linkable identifiers."""
    routes = [("shared_phone", v) for v in (item.phone, item.representative_phone, *item.text_phones) if v]
    routes += [(s, v) for s, v in (("shared_agent", item.representative), ("shared_email", item.email)) if v]
    routes += [("shared_address", item.address)] if item.address else []
    return [(signal, int(v, 16)) for signal, v in routes]


@dataclass
class CampaignIndex:
    """Known campaigns and indexed complaints, for checking new complaints one at a time (see module doc)."""

    settings: CampaignSettings
    complaint_ids: list[str]
    sig: npt.NDArray[np.uint32]
    label: npt.NDArray[np.int32]
    campaigns: list[dict[str, object]]
    consensus: npt.NDArray[np.uint32]
    identifiers: dict[int, int]
    keys: list[npt.NDArray[np.uint64]] = field(default_factory=list, repr=False)
    order: list[npt.NDArray[np.int64]] = field(default_factory=list, repr=False)
    sorted_upto: int = 0
    pending: dict[tuple[int, int], list[int]] = field(default_factory=dict, repr=False)
    pending_sig: list[npt.NDArray[np.uint32]] = field(default_factory=list, repr=False)
    pending_label: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_detection(cls, detection: Detection, items: Sequence[CampaignInput]) -> CampaignIndex:
        """Index every complaint of a detection run, with its campaigns.

        Args:
            detection: the result of :func:`~tousu.analysis.campaigns.detect_campaigns` on ``items``.
            items: the same complaints, in the same order.

        Returns:
            The index.
        """
        settings = detection.settings
        ids = [it.complaint_id for it in items]
        if detection.signatures is not None and list(detection.complaint_ids) == ids:
            sig = detection.signatures
        else:
            sig = signatures([it.text for it in items], settings)
        position = {cid: i for i, cid in enumerate(ids)}
        label = np.full(len(ids), -1, dtype=np.int32)
        table: list[dict[str, object]] = []
        consensus = np.zeros((len(detection.campaigns), settings.num_perm), dtype=np.uint32)
        identifiers: dict[int, int] = {}
        for k, campaign in enumerate(detection.campaigns):
            rows = np.array([position[m] for m in campaign.members], dtype=np.int64)
            label[rows] = k
            consensus[k] = modal_signature(sig[rows])
            table.append({"id": campaign.id, "score": campaign.score, "signals": tuple(campaign.signals)})
            carried = Counter(t for i in rows for t in {tok for _, tok in _identifier_routes(items[int(i)])})
            identifiers.update({t: k for t, c in sorted(carried.items()) if c >= 2})
        index = cls(settings, ids, sig, label, table, consensus, identifiers)
        index._merge()
        return index

    def _merge(self) -> None:
        """Rebuild the sorted band keys over everything indexed so far and empty the buffer."""
        if self.pending_sig:
            self.sig = np.vstack([self.sig, np.stack(self.pending_sig)])
            self.label = np.concatenate([self.label, np.asarray(self.pending_label, dtype=np.int32)])
        self.pending_sig, self.pending_label = [], []
        self.keys, self.order = [], []
        for band in range(self.settings.bands):
            k = band_keys(self.sig, band, self.settings.rows)
            o = np.argsort(k, kind="stable")
            self.keys.append(k[o])
            self.order.append(o.astype(np.int64))
        self.sorted_upto = len(self.complaint_ids)
        self.pending = {}

    def _candidates(self, row_keys: list[int]) -> npt.NDArray[np.int64]:
        """Indexed complaints sharing at least one LSH band with a signature (its band keys given)."""
        found: list[npt.NDArray[np.int64]] = []
        extra: list[int] = []
        for band, key in enumerate(row_keys):
            if key == 0:
                continue
            lo = int(self.keys[band].searchsorted(np.uint64(key), side="left"))
            hi = int(self.keys[band].searchsorted(np.uint64(key), side="right"))
            if hi - lo <= self.settings.max_bucket:
                found.append(self.order[band][lo : min(hi, lo + _PER_BAND)])
            extra += self.pending.get((band, key), [])
        if extra:
            found.append(np.asarray(extra, dtype=np.int64))
        return np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)

    def check(self, item: CampaignInput) -> CampaignMatch | None:
        """The known campaign a new complaint belongs to, or ``None``.

        Args:
            item: the new complaint.

        Returns:
            The best match (most template neighbours, then identifier routes, then similarity).
        """
        row = signatures([item.text], self.settings)
        return self._match(item, row[0], self._band_keys(row)[0])

    def _band_keys(self, rows: npt.NDArray[np.uint32]) -> list[list[int]]:
        return all_band_keys(rows, self.settings.bands, self.settings.rows).tolist()  # type: ignore[no-any-return]

    def _rows(self, cand: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.uint32]]:
        """Campaign labels and signatures of indexed complaints (sorted part or buffer)."""
        old = cand[cand < self.sorted_upto]
        new = (cand[cand >= self.sorted_upto] - self.sorted_upto).tolist()
        labels = np.concatenate([self.label[old], np.asarray([self.pending_label[i] for i in new], dtype=np.int32)])
        rows = self.sig[old]
        if new:
            rows = np.vstack([rows, np.stack([self.pending_sig[i] for i in new])])
        return labels, rows

    def _match(self, item: CampaignInput, row: npt.NDArray[np.uint32], row_keys: list[int]) -> CampaignMatch | None:
        votes: dict[int, list[float]] = {}
        via: dict[int, set[str]] = {}
        neighbours: dict[int, list[tuple[float, int]]] = {}
        cand = self._candidates(row_keys)
        if cand.size:
            labels, rows = self._rows(cand)
            keep = labels >= 0
            cand, labels = cand[keep], labels[keep]
            sims = (rows[keep] == row).mean(axis=1)
            for i, k, s in zip(cand.tolist(), labels.tolist(), sims.tolist(), strict=True):
                if s >= self.settings.template_jaccard:
                    votes.setdefault(k, []).append(s)
                    neighbours.setdefault(k, []).append((-s, i))
                    via.setdefault(k, set()).add("template")
        if len(self.campaigns):
            agree = (self.consensus == row).mean(axis=1)
            for k in np.flatnonzero(agree >= self.settings.core_agreement).tolist():
                votes.setdefault(k, []).append(float(agree[k]))
                via.setdefault(k, set()).add("template")
        for signal, token in _identifier_routes(item):
            k = self.identifiers.get(token)
            if k is not None:
                via.setdefault(k, set()).add(signal)
                votes.setdefault(k, [])
        if not via:
            return None
        best = max(via, key=lambda k: (len(votes[k]), len(via[k]), max(votes[k], default=0.0), -k))
        info = self.campaigns[best]
        near = [self.complaint_ids[i] for _, i in sorted(neighbours.get(best, []))[:5]]
        return CampaignMatch(
            campaign_id=str(info["id"]),
            score=float(info["score"]),  # type: ignore[arg-type]
            signals=tuple(info["signals"]),  # type: ignore[arg-type]
            via=tuple(sorted(via[best])),
            similarity=round(max(votes[best], default=0.0), 3),
            neighbours=tuple(near),
        )

    def add(self, item: CampaignInput) -> CampaignMatch | None:
        """Check a new complaint and index it (as a member of the campaign it matches, if any).

        Returns:
            The match, as :meth:`check` would return it.
        """
        return self.add_many([item])[0]

    def add_many(self, items: Sequence[CampaignInput]) -> list[CampaignMatch | None]:
        """Check and index new complaints in order, as :meth:`add` one by one would, with one signature batch.

        Each complaint is checked against everything indexed before it, earlier complaints of the
        same batch included.

        Returns:
            One match (or ``None``) per complaint.
        """
        if not items:
            return []
        rows = signatures([it.text for it in items], self.settings)
        keys = self._band_keys(rows)
        position = {str(c["id"]): k for k, c in enumerate(self.campaigns)}
        matches: list[CampaignMatch | None] = []
        for item, row, row_keys in zip(items, rows, keys, strict=True):
            match = self._match(item, row, row_keys)
            matches.append(match)
            label = -1
            if match is not None:
                label = position[match.campaign_id]
                for _, token in _identifier_routes(item):
                    self.identifiers.setdefault(token, label)
            i = len(self.complaint_ids)
            self.complaint_ids.append(item.complaint_id)
            self.pending_sig.append(row)
            self.pending_label.append(label)
            for band, key in enumerate(row_keys):
                if key:
                    self.pending.setdefault((band, key), []).append(i)
            if len(self.complaint_ids) - self.sorted_upto >= _MERGE_AT:
                self._merge()
        return matches

    def __len__(self) -> int:
        return len(self.complaint_ids)

    def save(self, path: str | Path) -> None:
        """Write the index to a file (pickle, format version included)."""
        with Path(path).open("wb") as handle:
            pickle.dump({"format": _FORMAT, "index": self}, handle, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, path: str | Path) -> CampaignIndex:
        """Read an index written by :meth:`save` (only load files this product wrote: pickle runs code)."""
        with Path(path).open("rb") as handle:
            data = pickle.load(handle)
        if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("index"), cls):
            raise ValueError(
                f"不是可识别的团伙索引文件 / {path} is not a campaign index of format {_FORMAT}; rebuild it with "
                "CampaignIndex.from_detection"
            )
        index: CampaignIndex = data["index"]
        return index
