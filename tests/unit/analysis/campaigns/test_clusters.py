"""Clusters regrouped by product: a gang's letters about one target end up together, its two letters stay two."""

from __future__ import annotations

import numpy as np

from tousu.analysis.campaigns.clusters import build_clusters

GANG_PHONE = np.uint64(0x5A17_0000_0000_0001)
LOAN, CREDIT_LINE = "安和e贷", "和信随借"


def _random_signatures(n: int, seed: int = 7) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=(n, 128), dtype=np.uint64).astype(np.uint32)


def _copies(letter: np.ndarray, count: int, seed: int) -> np.ndarray:
    """Signatures of ``count`` paraphrased copies of one letter: 40% of positions reworded at random."""
    rng = np.random.default_rng(seed)
    out = np.tile(letter, (count, 1))
    reworded = rng.random(out.shape) < 0.4
    out[reworded] = rng.integers(0, 2**32, size=int(reworded.sum()), dtype=np.uint64).astype(np.uint32)
    return out


def _clusters(
    products: list[str], families: list[list[int]], days: list[float] | None = None, sig: np.ndarray | None = None
) -> list[list[int]]:
    """Clusters of ``families`` whose letters all carry the gang's phone; random (unalike) signatures by default."""
    n = len(products)
    sig = _random_signatures(n) if sig is None else sig
    owner = np.arange(n, dtype=np.int64)
    token = np.full(n, GANG_PHONE, dtype=np.uint64)
    when = np.array(days if days is not None else [3.0 + 0.5 * i for i in range(n)], dtype=np.float64)
    found = build_clusters(
        n, [np.array(f, dtype=np.int64) for f in families], sig, owner, token, 0.25, products, when, 30.0
    )
    return [c.members.tolist() for c in found]


def test_letters_about_another_product_move_to_the_gangs_campaign_about_that_product() -> None:
    products = [LOAN] * 6 + [CREDIT_LINE] * 2 + [CREDIT_LINE] * 8
    clusters = _clusters(products, [list(range(8)), list(range(8, 16))])
    assert clusters == [list(range(6)), list(range(6, 16))]


def test_two_letters_of_one_gang_about_one_product_stay_two_campaigns() -> None:
    products = [LOAN] * 16
    clusters = _clusters(products, [list(range(8)), list(range(8, 16))])
    assert clusters == [list(range(8)), list(range(8, 16))]


def test_stray_letters_about_one_product_gathered_from_two_campaigns_form_their_own() -> None:
    products = [LOAN] * 6 + [CREDIT_LINE] * 2 + ["鸿泰金福年金保险"] * 6 + [CREDIT_LINE] * 2
    clusters = _clusters(products, [list(range(8)), list(range(8, 16))])
    assert clusters == [list(range(6)), [6, 7, 14, 15], list(range(8, 14))]


def test_strays_from_another_period_stay_where_they_are() -> None:
    products = [LOAN] * 6 + [CREDIT_LINE] * 2 + [CREDIT_LINE] * 8
    days = [3.0 + i for i in range(8)] + [200.0 + i for i in range(8)]
    clusters = _clusters(products, [list(range(8)), list(range(8, 16))], days)
    assert clusters == [list(range(8)), list(range(8, 16))]


def test_a_large_block_about_another_product_is_a_campaign_of_its_own_but_one_stray_letter_is_not() -> None:
    block = _clusters([LOAN] * 6 + [CREDIT_LINE] * 4, [list(range(10))])
    assert block == [list(range(6)), list(range(6, 10))]
    stray = _clusters([LOAN] * 8 + [CREDIT_LINE], [list(range(9))])
    assert stray == [list(range(9))]


def test_a_letter_in_the_wrong_one_of_its_gangs_two_campaigns_moves_to_the_one_it_resembles() -> None:
    refund, rescue = _random_signatures(2, seed=11)
    sig = np.concatenate([_copies(refund, 8, 1), _copies(rescue, 1, 2), _copies(rescue, 8, 3)])
    clusters = _clusters([LOAN] * 17, [list(range(9)), list(range(9, 17))], sig=sig)
    assert clusters == [list(range(8)), list(range(8, 17))]


def test_a_lone_letter_carrying_another_gangs_phone_leaves_the_family_for_that_gangs_campaign() -> None:
    other_gang = np.uint64(0x5A17_0000_0000_0002)
    n = 14
    token = np.array([GANG_PHONE] * 7 + [other_gang] * 7, dtype=np.uint64)
    found = build_clusters(
        n,
        [np.arange(8, dtype=np.int64), np.arange(8, 14, dtype=np.int64)],
        _random_signatures(n),
        np.arange(n, dtype=np.int64),
        token,
        0.25,
        ["安和青春信用卡"] * n,
        np.arange(n, dtype=np.float64),
        30.0,
    )
    assert [c.members.tolist() for c in found] == [list(range(7)), list(range(7, 14))]


def test_a_common_personal_email_shared_with_ordinary_complainants_does_not_glue_two_gangs_letters() -> None:
    first_gang, second_gang = np.uint64(0x5A17_0000_0000_0002), np.uint64(0x5A17_0000_0000_0003)
    pinyin_email = np.uint64(0xE0_0000_0000_0001)  # e.g. wangfang1988@163.com, carried by eight ordinary people too
    owner = np.r_[np.arange(8), [0, 4], np.arange(8, 16)].astype(np.int64)
    token = np.array([first_gang] * 4 + [second_gang] * 4 + [pinyin_email] * 10, dtype=np.uint64)
    found = build_clusters(
        16,
        [np.arange(8, dtype=np.int64)],
        _random_signatures(16),
        owner,
        token,
        0.25,
        [LOAN] * 16,
        np.arange(16, dtype=np.float64),
        30.0,
    )
    clusters = [c.members.tolist() for c in found]
    assert clusters[:2] == [[0, 1, 2, 3], [4, 5, 6, 7]]


def test_a_letter_rewritten_too_heavily_to_link_and_filed_without_contacts_joins_the_burst_it_belongs_to() -> None:
    letter = _random_signatures(1, seed=21)[0]
    members = _copies(letter, 8, 4)
    rewritten = _copies(letter, 1, 5)
    rewritten[0, :64] = _random_signatures(1, seed=22)[0, :64]  # half of it reworded: about 30% still agree
    unrelated = _random_signatures(1, seed=23)
    sig = np.concatenate([members, rewritten, rewritten, rewritten, unrelated])
    products = [LOAN] * 9 + [CREDIT_LINE, LOAN, LOAN]
    days = np.array([3.0 + i for i in range(8)] + [9.0, 9.0, 90.0, 9.0])
    found = build_clusters(
        12,
        [np.arange(8, dtype=np.int64)],
        sig,
        np.arange(8, dtype=np.int64),
        np.full(8, GANG_PHONE, dtype=np.uint64),
        0.25,
        products,
        days,
        30.0,
    )
    # the rewritten letter about the product, in the burst, joins; the same letter about another product,
    # the same letter months later, and an unrelated complaint about the product in the burst do not
    assert [c.members.tolist() for c in found] == [list(range(9))]
