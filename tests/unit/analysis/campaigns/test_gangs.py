"""Template families split by gang: contacts that recur across a gang's members, not chance, and bursts in time."""

from __future__ import annotations

import numpy as np

from tousu.analysis.campaigns.clusters import build_clusters
from tousu.analysis.campaigns.gangs import gang_contacts, identity_groups, split_by_identity

FIRST_GANG, SECOND_GANG = np.uint64(0x5A17_0000_0000_0001), np.uint64(0x5A17_0000_0000_0002)
CHANCE_PHONE = np.uint64(0x0C0_0000_0000_0001)


def _signatures(n: int, seed: int = 5) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=(n, 128), dtype=np.uint64).astype(np.uint32)


def _ids(*members: int) -> np.ndarray:
    return np.array(members, dtype=np.int64)


def test_a_phone_two_strangers_of_different_gangs_share_by_chance_is_not_a_gang_contact() -> None:
    first, second = _ids(*range(8)), _ids(*range(8, 16))
    chance = _ids(3, 12)  # one member of each gang happens to give the same phone of their own
    kept = gang_contacts(16, [first, second, chance], [_ids(*range(16))])
    assert [w.tolist() for w in kept] == [first.tolist(), second.tolist()]
    group = identity_groups(16, kept)
    assert len(set(group[:8].tolist())) == 1 and len(set(group[8:].tolist())) == 1
    assert group[0] != group[8]


def test_a_contact_many_of_one_gangs_members_give_joins_a_member_who_gives_it_once() -> None:
    gang_phone, gang_agent = _ids(*range(8)), _ids(0, 1, 2, 8)  # the agent's name also on a letter without the phone
    kept = gang_contacts(9, [gang_phone, gang_agent], [_ids(*range(9))])
    assert len(kept) == 2
    assert len(set(identity_groups(9, kept).tolist())) == 1


def test_a_family_holding_two_gangs_letters_is_split_and_a_letter_without_contacts_joins_the_gang_active_then() -> None:
    # Gang one writes in days 0-20, gang two in days 100-120; letter 16 gives no contact and is sent on day 110.
    sig = _signatures(17)
    sig[16] = sig[3]  # it even reads most like gang one's letters: when it was sent decides
    group = np.r_[np.zeros(8), np.ones(8), -1].astype(np.int64)
    days = np.r_[np.linspace(0, 20, 8), np.linspace(100, 120, 8), 110.0]
    parts = split_by_identity([_ids(*range(17))], sig, group, days, 30.0)
    assert [p.tolist() for p in parts] == [list(range(8)), [*range(8, 16), 16]]


def test_a_lone_letter_of_another_gangs_network_leaves_a_small_family_rather_than_bridge_the_gangs() -> None:
    group = np.r_[np.zeros(8), np.ones(8)].astype(np.int64)
    parts = split_by_identity([_ids(2, 11)], _signatures(16), group, np.arange(16, dtype=np.float64), 30.0)
    assert parts == []


def test_a_two_letter_family_never_bridges_two_gangs_families_that_do_not_write_alike() -> None:
    first_letter, second_letter = _signatures(2, seed=9)
    sig = np.concatenate([np.tile(first_letter, (8, 1)), np.tile(second_letter, (8, 1)), [first_letter, second_letter]])
    # Letters 16 and 17 form a family of two (heavy rewording made them alike); 16 gives gang one's phone,
    # 17 gang two's, so each is linked to its gang's family, and each family to the pair.
    owner = np.r_[np.arange(8), 16, np.arange(8, 16), 17].astype(np.int64)
    token = np.array([FIRST_GANG] * 9 + [SECOND_GANG] * 9, dtype=np.uint64)
    found = build_clusters(
        18,
        [_ids(*range(8)), _ids(*range(8, 16)), _ids(16, 17)],
        sig,
        owner,
        token,
        0.25,
        ["安和e贷"] * 18,
        np.arange(18, dtype=np.float64),
        30.0,
    )
    clusters = [c.members.tolist() for c in found]
    assert not any(set(c) & set(range(8)) and set(c) & set(range(8, 16)) for c in clusters)
