"""Identity links: who is the same complainant, and which different complainants share a contact.

Two complaints are the *same person* when they carry the same ID number or account, or the same
name together with the same phone, e-mail or address. Different persons are *linked* when they
share a hashed phone (own, agent's, or written in the text), e-mail, address or agent name. An
identifier carried by more than ``max_identifier_share`` complaints (a hotline, a placeholder, a
branch address) links nobody: the cap keeps one common value from gluing the graph together.

Everything works on 64-bit keyed hashes (see :mod:`.identity`); the clear values never get here.
Communities are connected components over these high-specificity links (linear time), not
modularity optimisation, which is too slow at a million edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .inputs import CampaignInput
from .templates import components

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]

#: Identifier kinds that link different complainants, and the signal each feeds.
LINK_KINDS: dict[str, str] = {
    "phone": "shared_phone",
    "agent": "shared_agent",
    "email": "shared_email",
    "address": "shared_address",
}


@dataclass(frozen=True, slots=True)
class Occurrences:
    """Which complaint (``owner``) carries which identifier hash (``token``), one row per distinct pair."""

    owner: I64
    token: U64


@dataclass(frozen=True, slots=True)
class IdentityGraph:
    """Persons and cross-person identifier links of a batch of complaints.

    ``person[i]`` labels the complainant of complaint ``i`` (0..n_persons-1, ordered by first
    complaint). ``occurrences`` holds, per link kind, each complaint's identifier hashes;
    ``shared`` the tokens that link two or more different persons (within the share cap).
    ``left``/``right``/``kind`` are the resulting links between complaints.
    """

    person: I64
    occurrences: dict[str, Occurrences]
    shared: dict[str, U64]
    left: I64
    right: I64
    kind: tuple[str, ...]

    def shared_occurrences(self) -> tuple[I64, U64]:
        """``(owner, token)`` of every occurrence of a shared identifier, all link kinds together."""
        owners, tokens = [], []
        for kind, occ in self.occurrences.items():
            keep = np.isin(occ.token, self.shared[kind])
            owners.append(occ.owner[keep])
            tokens.append(occ.token[keep])
        return np.concatenate(owners).astype(np.int64), np.concatenate(tokens).astype(np.uint64)


def _token(value: str | None) -> int:
    return int(value, 16) if value else 0


def _pair_key(a: U64, b: U64) -> U64:
    """A 64-bit key for a pair of tokens (0 when either is missing)."""
    key = (a * np.uint64(0x9E3779B97F4A7C15)) ^ (b + np.uint64(0x632BE59BD9B4E019))
    key[(a == 0) | (b == 0)] = 0
    return key


def _same_key_edges(keys: U64) -> tuple[I64, I64]:
    """Star edges joining every complaint to the first one with the same non-zero key."""
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    start = np.r_[True, sk[1:] != sk[:-1]]
    first = order[np.maximum.accumulate(np.where(start, np.arange(sk.size), 0))]
    keep = (~start) & (sk != 0)
    return first[keep].astype(np.int64), order[keep].astype(np.int64)


def persons(items: Sequence[CampaignInput]) -> I64:
    """Label each complaint with its complainant (same ID/account, or same name with phone/e-mail/address).

    Labels are numbered in order of each person's first complaint in ``items``.
    """
    n = len(items)
    col = {
        f: np.fromiter((_token(getattr(it, f)) for it in items), dtype=np.uint64, count=n)
        for f in ("name", "id_number", "account_no", "phone", "email", "address")
    }
    keys = [
        col["id_number"],
        col["account_no"],
        _pair_key(col["name"], col["phone"]),
        _pair_key(col["name"], col["email"]),
        _pair_key(col["name"], col["address"]),
    ]
    lefts, rights = zip(*(_same_key_edges(k) for k in keys), strict=True)
    labels = components(n, np.concatenate(lefts), np.concatenate(rights))
    _, first = np.unique(labels, return_index=True)
    rank = np.empty(first.size, dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    return rank[labels]


def occurrences(items: Sequence[CampaignInput]) -> dict[str, Occurrences]:
    """Per link kind, the distinct (complaint, identifier hash) pairs of a batch."""
    raw: dict[str, tuple[list[int], list[int]]] = {k: ([], []) for k in LINK_KINDS}
    for i, it in enumerate(items):
        for kind, values in (
            ("phone", (it.phone, it.representative_phone, *it.text_phones)),
            ("agent", (it.representative,)),
            ("email", (it.email,)),
            ("address", (it.address,)),
        ):
            for v in values:
                if v:
                    raw[kind][0].append(i)
                    raw[kind][1].append(int(v, 16))
    out: dict[str, Occurrences] = {}
    for kind, (owners, tokens) in raw.items():
        owner = np.asarray(owners, dtype=np.int64)
        token = np.asarray(tokens, dtype=np.uint64)
        if owner.size:
            pair = np.unique(np.stack([token.astype(np.int64), owner], axis=1), axis=0)
            token, owner = pair[:, 0].astype(np.uint64), pair[:, 1]
        out[kind] = Occurrences(owner, token)
    return out


def _shared_tokens(occ: Occurrences, person: I64, cap: int) -> U64:
    """Tokens carried by two or more different persons and at most ``cap`` complaints."""
    if occ.token.size == 0:
        return np.zeros(0, np.uint64)
    tokens, per_token = np.unique(occ.token, return_counts=True)
    tp = np.unique(np.stack([occ.token.astype(np.int64), person[occ.owner]], axis=1), axis=0)
    ptokens, per_person = np.unique(tp[:, 0].astype(np.uint64), return_counts=True)
    ok = (per_person >= 2) & (per_token[np.searchsorted(tokens, ptokens)] <= cap)
    return ptokens[ok]


def identity_graph(items: Sequence[CampaignInput], cap: int, person: I64 | None = None) -> IdentityGraph:
    """Persons and the cross-person identifier links of a batch.

    Args:
        items: the complaints.
        cap: an identifier carried by more complaints than this links nobody.
        person: person labels when already computed (:func:`persons`).

    Returns:
        The identity graph.
    """
    person = persons(items) if person is None else person
    occ = occurrences(items)
    shared: dict[str, U64] = {}
    lefts: list[I64] = []
    rights: list[I64] = []
    kinds: list[str] = []
    for kind, o in occ.items():
        shared[kind] = _shared_tokens(o, person, cap)
        keep = np.isin(o.token, shared[kind])
        a, b = _same_key_edges(np.where(keep, o.token, np.uint64(0)))
        lefts.append(o.owner[a])
        rights.append(o.owner[b])
        kinds += [kind] * a.size
    return IdentityGraph(
        person=person,
        occurrences=occ,
        shared=shared,
        left=np.concatenate(lefts) if lefts else np.zeros(0, np.int64),
        right=np.concatenate(rights) if rights else np.zeros(0, np.int64),
        kind=tuple(kinds),
    )
