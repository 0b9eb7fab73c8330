"""Scores that explain themselves: noisy-or of weighted strengths, and the time and channel signals."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from campaign_cases import START, agent_campaign, inputs, ordinary_background

from tousu.analysis.campaigns import detect_campaigns
from tousu.analysis.campaigns.scoring import lift, noisy_or


def test_independent_signals_combine_as_noisy_or_and_the_points_add_up() -> None:
    score, points = noisy_or({"template": 1.0, "shared_phone": 0.5}, {"template": 0.5, "shared_phone": 0.4})
    assert score == pytest.approx(1 - (1 - 0.5) * (1 - 0.2))
    assert sum(points.values()) == pytest.approx(100 * score, abs=0.2)
    assert points["template"] > points["shared_phone"] > 0
    assert points["burst"] == 0


def test_a_marker_as_common_in_the_corpus_as_in_the_cluster_adds_nothing() -> None:
    assert lift(0.3, 0.3) == 0
    assert lift(1.0, 0.2) == 1
    assert lift(0.6, 0.2) == pytest.approx(0.5)


def test_letters_filed_within_two_weeks_through_the_regulator_score_burst_and_regulator_channel() -> None:
    found = detect_campaigns(inputs(agent_campaign(8) + ordinary_background()))
    signals = {r.signal: r for r in found.campaigns[0].reasons}
    assert signals["burst"].strength > 0.5
    assert signals["regulator_channel"].strength > 0.5


def test_the_same_letters_spread_over_months_through_ordinary_channels_score_little_of_either() -> None:
    letters = [
        dataclasses.replace(r, received_at=START + timedelta(days=20 * k), channel="letter")
        for k, r in enumerate(agent_campaign(8))
    ]
    found = detect_campaigns(inputs(letters + ordinary_background()))
    assert len(found.campaigns) == 1, "the template and the agent's phone still make it one campaign"
    signals = {r.signal: r for r in found.campaigns[0].reasons}
    assert "regulator_channel" not in signals
    burst = signals["burst"].strength if "burst" in signals else 0.0
    assert burst < 0.2
